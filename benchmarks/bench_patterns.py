r"""Speed of index-pattern containment on realistic Elasticsearch-style pairs.

    python benchmarks/bench_patterns.py [--pairs 10000] [--seed 7]

Generates pairs (A, B): A a wildcard such as ``logs-*-2024.0?`` with 1-4
``*``, B a set of 1-6 patterns that often generalise A, sometimes only as a
union (``x*`` against ``x`` and ``x?*``); and regex pairs, such as
``/logs-(app|web)-[0-9]{4}\.[0-9]{2}/`` against wildcards or other regular
expressions with alternations and classes. Prints checks per second and the
median, p90 and p99 time per check, first with the compile cache cleared
before every check, then warm; then the times of the blow-up cases. The goal
is at least 10,000 checks per second on one core for wildcard pairs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter import patterns, patterns_wildcard
from linter.patterns import compile_pattern, contains

Pair = tuple[str, list[str]]

PREFIXES = ["logs", "metrics", "traces", ".ds-logs", "filebeat", "audit", "apm"]
WORDS = ["app", "web", "db", "nginx", "k8s", "prod", "staging", "eu", "us", "2024"]


def index_name(rng: random.Random) -> list[str]:
    """The segments of a plausible index name, such as logs / app / prod."""
    segments = [rng.choice(PREFIXES)]
    segments += rng.sample(WORDS, rng.randint(1, 3))
    if rng.random() < 0.4:
        segments.append(f"2024.{rng.randint(1, 12):02d}")
    return segments


def wildcard_pattern(rng: random.Random, segments: list[str], stars: int) -> str:
    """Join ``segments`` with some of them replaced by ``*``, or with a ``?``."""
    parts = list(segments)
    for index in rng.sample(range(1, len(parts)), min(stars, len(parts) - 1)):
        parts[index] = "*" if rng.random() < 0.85 else one_unknown(rng, parts[index])
    text = "-".join(parts)
    return text if "*" in text else text + "*"


def one_unknown(rng: random.Random, segment: str) -> str:
    """``segment`` with one character left open, as in ``2024.0?``."""
    index = rng.randrange(len(segment))
    return segment[:index] + "?" + segment[index + 1 :]


def generalise(rng: random.Random, segments: list[str]) -> str:
    cut = rng.randint(1, len(segments))
    return "-".join(segments[:cut]) + ("-*" if rng.random() < 0.7 else "*")


def union_only(rng: random.Random, pattern: str) -> list[str]:
    """Two patterns that cover ``pattern`` together and not alone."""
    head = pattern[: pattern.index("*")]
    tail = pattern[pattern.index("*") :]
    return [head + tail[1:], head + "?" + tail]


def make_pair(rng: random.Random) -> Pair:
    segments = index_name(rng)
    a = wildcard_pattern(rng, segments, rng.randint(1, 4))
    if rng.random() < 0.05:
        return a, union_only(rng, a)
    b: list[str] = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.4:
            b.append(generalise(rng, segments))
        elif roll < 0.6:
            b.append(wildcard_pattern(rng, segments, rng.randint(1, 3)))
        else:
            b.append(wildcard_pattern(rng, index_name(rng), rng.randint(1, 3)))
    return a, b


def regex_pair(rng: random.Random) -> Pair:
    """A regular expression with alternations and classes, and a key side
    of wildcards or regular expressions that often covers it."""
    segments = index_name(rng)
    words = rng.sample(WORDS, 2)
    a = f"/{segments[0]}-({words[0]}|{words[1]})-[0-9]{{4}}\\.[0-9]{{2}}/"
    roll = rng.random()
    if roll < 0.4:
        b = [f"{segments[0]}-*"]
    elif roll < 0.7:
        b = [f"/{segments[0]}-({words[0]}|[a-z]+)-.*/", f"{segments[0]}-{words[1]}-*"]
    else:
        b = [f"/{segments[0]}-[a-z]+-[0-9]+.*/", f"{rng.choice(PREFIXES)}-*"]
    return a, b


def time_checks(pairs: Sequence[Pair], cold: bool) -> tuple[list[float], Counter[str]]:
    """Microseconds per check, and how many checks got each verdict.

    Cold: nothing cached, as in a fresh process. Warm: compiled patterns
    cached, but never the answer of an earlier check of the same pair.
    """
    times = []
    verdicts: Counter[str] = Counter()
    for a, b in pairs:
        if cold:
            clear_caches()
        patterns._contains.cache_clear()
        started = time.perf_counter_ns()
        result = contains(b, a)
        times.append((time.perf_counter_ns() - started) / 1000)
        verdicts[result.verdict.value] += 1
    return times, verdicts


def report(label: str, times: list[float], verdicts: Counter[str]) -> None:
    ordered = sorted(times)
    total = sum(times) / 1e6

    def rank(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    print(
        f"{label:<6} {len(times) / total:9,.0f} checks/s  "
        f"median {statistics.median(times):6.1f} µs  p90 {rank(0.9):6.1f} µs  "
        f"p99 {rank(0.99):7.1f} µs  max {ordered[-1] / 1000:6.2f} ms"
    )
    print(f"       verdicts: {dict(sorted(verdicts.items()))}")


def clear_caches() -> None:
    """Forget every compiled pattern and answer, as in a fresh process."""
    patterns._contains.cache_clear()
    patterns.expression.cache_clear()
    compile_pattern.cache_clear()
    patterns_wildcard.to_regex.cache_clear()
    patterns_wildcard.outline.cache_clear()


def timed(label: str, union: list[str], pattern: str) -> None:
    clear_caches()
    started = time.perf_counter()
    result = contains(union, pattern)
    elapsed = time.perf_counter() - started
    print(f"  {label:<44} {elapsed:8.4f} s  {result.verdict.value}")


def blow_ups() -> None:
    print("blow-up cases (one check each, caches cleared):")
    for count in (6, 10, 14, 20):
        pattern = "*a" + "?" * count
        near_miss = "*a" + "?" * (count - 1) + "a"
        timed(f"*a + {count}x? in itself", [pattern], pattern)
        label = f"*a + {count}x? in {{*a + {count - 1}x? + a, *b}}"
        timed(label, [near_miss, "*b"], pattern)
    timed("16 stars in 15 stars", ["*a" * 15 + "*"], "*a" * 16 + "*")
    rng = random.Random(3)
    for size in (10, 100, 1000):
        union = [wildcard_pattern(rng, index_name(rng), 2) for _ in range(size)]
        timed(f"logs-app-* in {size} patterns", union, "logs-app-*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    pairs = [make_pair(rng) for _ in range(options.pairs)]
    print(
        f"{len(pairs)} pairs, seed {options.seed}, e.g. {pairs[0][1]} ⊇? {pairs[0][0]}"
    )
    report("cold", *time_checks(pairs, cold=True))
    time_checks(pairs, cold=False)
    report("warm", *time_checks(pairs, cold=False))
    regexes = [regex_pair(rng) for _ in range(max(1, options.pairs // 10))]
    print(f"{len(regexes)} regex pairs, e.g. {regexes[0][1]} ⊇? {regexes[0][0]}")
    report("cold", *time_checks(regexes, cold=True))
    time_checks(regexes, cold=False)
    report("warm", *time_checks(regexes, cold=False))
    blow_ups()


if __name__ == "__main__":
    main()
