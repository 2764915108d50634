"""Index-name patterns: matching, validity, containment with witnesses, overlap."""

from __future__ import annotations

import functools
import itertools
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.patterns import (
    Containment,
    PatternKind,
    Verdict,
    common_name,
    compile_pattern,
    contains,
    matches_any,
    overlaps,
    pattern_error,
)
from linter.patterns_restricted import NOT_RESTRICTED, RESTRICTED
from linter.patterns_wildcard import covers, tokenize

CONTAINED = Containment(Verdict.CONTAINED)


def not_contained(witness: str) -> Containment:
    return Containment(Verdict.NOT_CONTAINED, witness=witness)


def unknown(reason: str) -> Containment:
    return Containment(Verdict.UNKNOWN, reason=reason)


# Matching


@pytest.mark.parametrize(
    ("pattern", "name", "expected"),
    [
        ("logs", "logs", True),
        ("logs", "Logs", False),
        ("logs-*", "logs-", True),
        ("logs-*", "logs-2024.01", True),
        ("logs-*", "logs", False),
        ("logs-*", "xlogs-1", False),
        ("*-prod", "eu-prod", True),
        ("*-prod", "eu-prod-1", False),
        ("logs-?", "logs-1", True),
        ("logs-?", "logs-", False),
        ("logs-?", "logs-12", False),
        ("a*b*c", "abc", True),
        ("a*b*c", "axxbyyc", True),
        ("a*b*c", "acb", False),
        ("*", "", True),
        ("*", "any\nname", True),
        ("?", "", False),
        ("?*?", "ab", True),
        ("?*?", "a", False),
        (r"a\*b", "a*b", True),
        (r"a\*b", "axb", False),
        (r"a\?", "a?", True),
        (r"a\?", "ab", False),
        (r"a\\b", "a\\b", True),
        (r"\a", "a", True),
        ("a\\", "a\\", True),
        ("a\\", "a", False),
        ("", "", True),
        ("", "a", False),
    ],
)
def test_wildcard_matching(pattern: str, name: str, expected: bool) -> None:
    assert compile_pattern(pattern).matches(name) is expected


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        ("logs", PatternKind.LITERAL),
        (r"logs\*", PatternKind.LITERAL),
        ("a\\", PatternKind.LITERAL),
        ("logs-*", PatternKind.WILDCARD),
        ("logs-?", PatternKind.WILDCARD),
        ("/logs-.*/", PatternKind.REGEX),
        ("/logs", PatternKind.REGEX),
    ],
)
def test_pattern_kind(pattern: str, kind: PatternKind) -> None:
    assert compile_pattern(pattern).kind is kind


def test_matching_many_stars_does_not_backtrack() -> None:
    pattern = compile_pattern("*a" * 30 + "*b")
    started = time.perf_counter()
    assert (pattern.matches("a" * 200), pattern.matches("a" * 200 + "b")) == (
        False,
        True,
    )
    assert time.perf_counter() - started < 0.1


def test_compiled_patterns_are_cached() -> None:
    assert compile_pattern("logs-*") is compile_pattern("logs-*")


@pytest.mark.parametrize(
    ("pattern", "name", "expected"),
    [
        ("/logs-.*/", "logs-a", True),
        ("/logs-.*/", "xlogs-a", False),
        ("/logs-.*/", "logs-a\nb", True),
        ("/ab+/", "abbb", True),
        ("/ab+/", "a", False),
        ("/a?b/", "b", True),
        ("/(ab|cd)*/", "abcdab", True),
        ("/(ab|cd)*/", "abc", False),
        ("/[a-c]x/", "bx", True),
        ("/[a-c]x/", "dx", False),
        ("/[^a-c]x/", "bx", False),
        ("/[^a-c]x/", "dx", True),
        ("/[.]/", "a", False),
        ("/a{2,3}/", "aaa", True),
        ("/a{2,3}/", "aaaa", False),
        ("/a{2}/", "aa", True),
        ("/a{2,}/", "aaaaa", True),
        ("/a{3,2}/", "aaa", False),
        ('/"a.b"c/', "a.bc", True),
        ('/"a.b"c/', "axbc", False),
        (r"/a\.b/", "a.b", True),
        (r"/a\.b/", "axb", False),
        ("/^a$/", "^a$", True),
        ("/^a$/", "a", False),
        ("/(|a)/", "|a", True),
        ("/a**/", "aaa", True),
        ("/a*+/", "aa", True),
        ("/a+?/", "", True),
        ("/()/", "", True),
        ("//", "", True),
        ("//", "a", False),
    ],
)
def test_regex_matching(pattern: str, name: str, expected: bool) -> None:
    assert compile_pattern(pattern).matches(name) is expected


@pytest.mark.parametrize(
    "pattern", ["/(a|a)*b/", "/.*a.*a.*a.*a.*a.*a.*b/", "/(a*)*b/"]
)
def test_regex_matching_does_not_backtrack(pattern: str) -> None:
    compiled = compile_pattern(pattern)
    started = time.perf_counter()
    assert (compiled.matches("a" * 200), compiled.matches("a" * 200 + "b")) == (
        False,
        True,
    )
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("/a{100000}/", "too complex: an expression of more than 50000 parts"),
        ("/(a{300}){300}/", "too complex: an expression of more than 50000 parts"),
    ],
)
def test_regex_too_large_to_run(pattern: str, problem: str) -> None:
    compiled = compile_pattern(pattern)
    assert (compiled.matches("a"), compiled.problem) == (
        None,
        f"`{pattern}` is {problem}",
    )
    assert compiled.error is None


def test_deeply_nested_groups_still_match() -> None:
    compiled = compile_pattern("/" + "(" * 2000 + "a" + ")" * 2000 + "/")
    assert (compiled.matches("a"), compiled.matches("b")) == (True, False)


def test_matches_any() -> None:
    assert matches_any(["metrics-*", "logs-*"], "logs-1") is True
    assert matches_any(["metrics-*", "/[a/"], "logs-1") is None
    assert matches_any(["/[a/", "logs-*"], "logs-1") is True
    assert matches_any(["/~(x.*)/"], "logs-1") is True
    assert matches_any(["metrics-*"], "logs-1") is False
    assert matches_any([], "logs-1") is False


# Validity


@pytest.mark.parametrize("pattern", ["logs-*", "", "a\\", "*", "/x/", "//", "/a]/"])
def test_valid_patterns(pattern: str) -> None:
    assert pattern_error(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            "/",
            "a pattern starting with `/` is a regular expression and must also end "
            "with `/`",
        ),
        (
            "/logs-*",
            "a pattern starting with `/` is a regular expression and must "
            "also end with `/`",
        ),
        ("/a(b/", "expected `)` at character 5"),
        ("/a)/", "expected end of expression at character 3"),
        ("/[ab/", "expected `]` at character 5"),
        ("/[a-]/", "invalid range `a-]`: `a` comes after `]` at character 5"),
        ("/[z-a]/", "invalid range `z-a`: `z` comes after `a` at character 5"),
        ("/a|/", "unexpected end of expression at character 4"),
        ("/(a|)/", "expected `)` at character 6"),
        ("/a{/", "expected an integer at character 4"),
        ("/a{1/", "expected `}` at character 5"),
        ('/"ab/', 'expected `"` at character 5'),
        ("/<1-/", "expected `>` at character 5"),
        ("/<1-x>/", "invalid interval `<1-x>` at character 2"),
        ("/a\\/", "unexpected end of expression at character 4"),
        (
            "/<name>/",
            "`<name>` names an automaton, and Elasticsearch defines none "
            "at character 2",
        ),
        ("/<-5>/", "invalid interval `<-5>` at character 2"),
        ("/<1-2-3>/", "invalid interval `<1-2-3>` at character 2"),
        ("/<1-99999999999>/", "invalid interval `<1-99999999999>` at character 2"),
        ("/a{99999999999}/", "number `99999999999` is too large at character 4"),
        ("/a{x}/", "expected an integer at character 4"),
        ("/a{1,x}/", "expected `}` at character 6"),
        ("/[^/", "unexpected end of expression at character 4"),
        ("/[]/", "expected `]` at character 4"),
        ("/a(/", "unexpected end of expression at character 4"),
        ("/~/", "unexpected end of expression at character 3"),
        ("/a&/", "unexpected end of expression at character 4"),
    ],
)
def test_invalid_patterns(pattern: str, message: str) -> None:
    compiled = compile_pattern(pattern)
    assert pattern_error(pattern) == f"invalid pattern `{pattern}`: {message}"
    assert compiled.matches("a") is None


# Containment


@pytest.mark.parametrize(
    ("union", "pattern", "expected"),
    [
        # literals
        (["logs-*"], "logs-2024", CONTAINED),
        (["logs-*"], "metrics", not_contained("metrics")),
        (["logs"], "logs", CONTAINED),
        # `*`
        (["logs-prod-*"], "logs-*", not_contained("logs-")),
        (["logs-*"], "logs-prod-*", CONTAINED),
        (["*"], "anything*", CONTAINED),
        (["**"], "a?b", CONTAINED),
        (["a*", "*a"], "a*a", CONTAINED),
        (["logs-app-*", "logs-db-*"], "logs-*-prod", not_contained("logs--prod")),
        (["*-2024"], "logs-*", not_contained("logs-")),
        # `?`
        (["logs-?"], "logs-?", CONTAINED),
        (["logs-?"], "logs-*", not_contained("logs-")),
        (["logs-*"], "logs-?", CONTAINED),
        (["logs-??*"], "logs-?*", not_contained("logs-a")),
        (["?"], "a", CONTAINED),
        (["a?"], "?a", not_contained("ba")),
        # unions that only jointly contain the pattern
        (["x", "x?*"], "x*", CONTAINED),
        (["x?*"], "x*", not_contained("x")),
        (["x"], "x*", not_contained("xa")),
        (["logs-?", "logs-??*"], "logs-?*", CONTAINED),
        (["a*", "b*", "?"], "?*", not_contained("ca")),
        (["a*", "b*", "c*"], "?*", not_contained("d")),
        # escapes
        ([r"a\*"], "a*", not_contained("a")),
        (["a*"], r"a\*", CONTAINED),
        ([r"a\*"], r"a\*", CONTAINED),
        (["a?"], r"a\?", CONTAINED),
        ([r"a\?"], "a?", not_contained("aa")),
        (["a\\"], "a\\\\", CONTAINED),
        # characters outside the patterns' alphabet matter
        (["*a*", "*b*"], "?", not_contained("c")),
        (["*a*", "*b*", "*-*"], "?", not_contained("c")),
        # empty union
        ([], "logs-*", not_contained("logs-")),
        ([], "*", not_contained("")),
        ([], "logs", not_contained("logs")),
    ],
)
def test_wildcard_containment(
    union: list[str], pattern: str, expected: Containment
) -> None:
    assert contains(union, pattern) == expected


@pytest.mark.parametrize(
    ("union", "pattern", "expected"),
    [
        (["/logs-.*/"], "logs-*", CONTAINED),
        (["x*"], "/logs-.*/", not_contained("logs-")),
        (["/logs-.*/"], "logs-1", CONTAINED),
        (["/logs-.*/"], "metrics", not_contained("metrics")),
        (["*"], "/logs-.*/", CONTAINED),
        (["/.*/"], "logs-*", CONTAINED),
        (["/@/"], "logs-*", CONTAINED),
        (["/logs-.*/"], "/logs-.*/", CONTAINED),
        (["/metrics-.*/", "logs-a*"], "logs-*", not_contained("logs-")),
        (["/logs-.+/", "logs-a*"], "logs-*", not_contained("logs-")),
        (["/logs-(prod|stage)-.*/"], "logs-prod-*", CONTAINED),
        (["logs-prod-*", "logs-stage-*"], "/logs-(prod|stage)-.*/", CONTAINED),
        (["logs-prod-*"], "/logs-(prod|stage)-.*/", not_contained("logs-stage-")),
        (["logs-*"], "/logs-[0-9]{4}\\.[0-9]{2}/", CONTAINED),
        (["/logs-[0-9]+/"], "logs-?", not_contained("logs-a")),
        (["/[a-z]+-[0-9]+/"], "/[a-z]{1,30}-[0-9]{1,10}/", CONTAINED),
        (
            ["/[a-z]{1,30}-[0-9]{1,10}/"],
            "/[a-z]+-[0-9]+/",
            not_contained("a-00000000000"),
        ),
        (["/@&~(\\..*)/"], "*", not_contained(".")),
        (["/~(\\..*)/", ".kibana*"], "*", not_contained(".")),
        (["/~(\\..*)/", ".*"], "*", CONTAINED),
        (["/#/"], "a", not_contained("a")),
        (["/@/", "x"], "x", CONTAINED),
        (
            ["/logs"],
            "logs",
            unknown(
                "invalid pattern `/logs`: a pattern starting with `/` is a regular "
                "expression and must also end with `/`"
            ),
        ),
        (
            ["*"],
            "/a(/",
            unknown(
                "invalid pattern `/a(/`: unexpected end of expression at character 4"
            ),
        ),
    ],
)
def test_regex_containment(
    union: list[str], pattern: str, expected: Containment
) -> None:
    assert contains(union, pattern) == expected


@pytest.mark.parametrize(
    ("union", "pattern", "within", "expected"),
    [
        (["logs-*"], "*", ["logs-?"], CONTAINED),
        (["logs-a"], "*", ["logs-?"], not_contained("logs-b")),
        ([], "a*", ["*b"], not_contained("ab")),
        ([], "a*", ["b*"], CONTAINED),
    ],
)
def test_containment_within(
    union: list[str], pattern: str, within: list[str], expected: Containment
) -> None:
    assert contains(union, pattern, within=within) == expected


def test_state_cap_gives_unknown() -> None:
    result = contains(["?", "??"], "?*", max_states=2)
    assert result == unknown("too complex: more than 2 states")
    assert contains(["?", "??"], "?*") == not_contained("aaa")


def test_cap_reached_but_a_sampled_name_proves_the_answer() -> None:
    union = ["*a" + "?" * 13 + "a"]
    result = contains(union, "*a" + "?" * 14, max_states=1000)
    assert result == not_contained("a" + "b" * 14)


@pytest.mark.parametrize("count", [6, 14, 20])
def test_blow_up_cases_return_within_a_second(count: int) -> None:
    pattern = "*a" + "?" * count
    near_miss = "*a" + "?" * (count - 1) + "a"
    started = time.perf_counter()
    same = contains([pattern], pattern)
    other = contains([near_miss, "*b"], pattern)
    elapsed = time.perf_counter() - started
    assert same == CONTAINED
    assert other.verdict is Verdict.NOT_CONTAINED
    assert other.witness is not None
    assert compile_pattern(pattern).matches(other.witness)
    assert matches_any([near_miss, "*b"], other.witness) is False
    assert elapsed < 1.0


def test_many_stars_return_quickly() -> None:
    started = time.perf_counter()
    result = contains(["*a" * 15 + "*"], "*a" * 16 + "*")
    assert result == CONTAINED
    assert time.perf_counter() - started < 1.0


# Overlap


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("logs-*", "*-2024", True),
        ("a*", "b*", False),
        ("logs", "l*", True),
        ("logs", "m*", False),
        ("*", "/x/", True),
        ("x", "/x/", True),
        ("y", "/x/", False),
        ("x*", "/x/", True),
        ("/x/", "/x/", True),
        ("/x.*/", "/.*y/", True),
        ("/a+/", "/b+/", False),
        ("/~(a.*)/", "a*", False),
        ("??", "???*", False),
        ("a?c", "?b?", True),
        ("/logs", "*", None),
    ],
)
def test_overlaps(a: str, b: str, expected: bool | None) -> None:
    assert overlaps(a, b) is expected


def test_common_name_is_shortest() -> None:
    first, second = compile_pattern("logs-*"), compile_pattern("*-2024")
    assert common_name(first, second) == "logs-2024"
    assert common_name(compile_pattern("*a*"), compile_pattern("*b*")) == "ab"


# Properties against brute force over a small alphabet

PATTERN_CHARS = "ab-*?\\"
patterns = st.text(alphabet=PATTERN_CHARS, max_size=5)


@functools.lru_cache(maxsize=64)
def all_names(chars: str) -> tuple[str, ...]:
    """Every name over ``chars`` up to ``longest(chars)``, shortest first."""
    return tuple(
        "".join(name)
        for length in range(longest(chars) + 1)
        for name in itertools.product(chars, repeat=length)
    )


def longest(chars: str) -> int:
    return 6 if len(chars) <= 4 else 5


def name_chars(*texts: str) -> str:
    """Characters that can occur literally in ``texts``, plus `c`.

    `c` occurs in no generated pattern, so it stands for every other character.
    """
    used = set("c")
    for text in texts:
        used.update(char for char in text if char not in "*?")
        used.update("*?" if "\\" in text else "")
    return "".join(sorted(used))


@functools.lru_cache(maxsize=65_536)
def reference_match(pattern: str, name: str) -> bool:
    """ES wildcard semantics, read straight off the pattern text."""
    if not pattern:
        return not name
    head = pattern[0]
    if head == "*":
        return reference_match(pattern[1:], name) or (
            bool(name) and reference_match(pattern, name[1:])
        )
    if head == "?":
        return bool(name) and reference_match(pattern[1:], name[1:])
    skip = 2 if head == "\\" and len(pattern) > 1 else 1
    literal = pattern[skip - 1]
    return name[:1] == literal and reference_match(pattern[skip:], name[1:])


def reference_regex(pattern: str) -> re.Pattern[str]:
    parts, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        parts.append({"*": ".*", "?": "."}.get(char, re.escape(char)))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


def brute_names(pattern: str, chars: str) -> list[str]:
    regex = reference_regex(pattern)
    return [name for name in all_names(chars) if regex.fullmatch(name)]


@given(patterns, st.text(alphabet="-abc*?\\", max_size=6))
@settings(max_examples=300)
def test_matching_agrees_with_reference(pattern: str, name: str) -> None:
    assert compile_pattern(pattern).matches(name) is reference_match(pattern, name)


@given(st.lists(patterns, max_size=3), patterns)
@settings(max_examples=300, deadline=None)
def test_containment_agrees_with_brute_force(union: list[str], pattern: str) -> None:
    result = contains(union, pattern)
    regexes = [reference_regex(member) for member in union]
    chars = name_chars(pattern, *union)
    escaping = [
        name
        for name in brute_names(pattern, chars)
        if not any(regex.fullmatch(name) for regex in regexes)
    ]
    if not escaping and result.verdict is not Verdict.NOT_CONTAINED:
        assert result == CONTAINED
        return
    witness = result.witness
    assert result.verdict is Verdict.NOT_CONTAINED and witness is not None
    assert reference_match(pattern, witness)
    assert not any(reference_match(member, witness) for member in union)
    # Shortest: as long as the shortest brute-force counterexample.
    if escaping:
        assert len(witness) == len(escaping[0])
    else:
        assert len(witness) > longest(chars)


@given(patterns, patterns)
@settings(max_examples=300, deadline=None)
def test_covers_is_sound(b: str, a: str) -> None:
    if covers(tokenize(b), tokenize(a)):
        regex = reference_regex(b)
        assert all(regex.fullmatch(name) for name in brute_names(a, name_chars(a, b)))


@given(patterns, patterns)
@settings(max_examples=300, deadline=None)
def test_overlap_agrees_with_brute_force(a: str, b: str) -> None:
    chars = name_chars(a, b)
    regex = reference_regex(b)
    common = [name for name in brute_names(a, chars) if regex.fullmatch(name)]
    found = common_name(compile_pattern(a), compile_pattern(b))
    assert overlaps(a, b) is (found is not None)
    if found is None:
        assert common == []
        return
    assert reference_match(a, found) and reference_match(b, found)
    if common:
        assert len(found) == len(common[0])
    else:
        assert len(found) > longest(chars)


# Lucene expressions built together with their Python `re` equivalents.
regex_atoms = st.sampled_from(
    [
        ("a", "a"),
        ("b", "b"),
        (".", "."),
        ("[ab]", "[ab]"),
        ("[^a]", "[^a]"),
        ("[a-c]", "[a-c]"),
        ('"a.b"', r"a\.b"),
        (r"\.", r"\."),
        ("()", ""),
    ]
)
QUANTIFIERS = ["*", "+", "?", "{2}", "{1,2}", "{2,}"]


def extend_regex(
    parts: st.SearchStrategy[tuple[str, str]],
) -> st.SearchStrategy[tuple[str, str]]:
    pairs = st.tuples(parts, parts)
    return st.one_of(
        pairs.map(lambda p: (p[0][0] + p[1][0], p[0][1] + p[1][1])),
        pairs.map(lambda p: (f"({p[0][0]}|{p[1][0]})", f"(?:{p[0][1]}|{p[1][1]})")),
        st.tuples(parts, st.sampled_from(QUANTIFIERS)).map(
            lambda p: (f"({p[0][0]}){p[1]}", f"(?:{p[0][1]}){p[1]}")
        ),
    )


@given(
    st.recursive(regex_atoms, extend_regex, max_leaves=6),
    st.lists(st.text(alphabet="ab.c", max_size=6), max_size=20),
)
@settings(max_examples=300, deadline=None)
def test_regex_matching_agrees_with_python(
    expression: tuple[str, str], names: list[str]
) -> None:
    lucene, python = expression
    compiled = compile_pattern(f"/{lucene}/")
    regex = re.compile(python, re.DOTALL)
    for name in names:
        assert compiled.matches(name) is (regex.fullmatch(name) is not None)


# The restricted indices


@pytest.mark.parametrize(
    ("name", "restricted"),
    [
        (".security", True),
        (".security-7", True),
        (".security-tokens-7", True),
        (".security-profile-8", True),
        (".security-", False),
        (".securityx", False),
        (".kibana", True),
        (".kibana_8.15.0_001", True),
        (".kibana-7", False),
        (".tasks", True),
        (".async-search-1", True),
        (".fleet-actions", True),
        (".fleet-actions-7", True),
        (".fleet-actions-results", True),
        (".ds-.fleet-actions-results-2024.01.01-000001", True),
        (".ds-logs-app-2024", False),
        (".watches", True),
        (".ml-config", True),
        ("logs-security", False),
        ("security", False),
    ],
)
def test_restricted_indices(name: str, restricted: bool) -> None:
    assert compile_pattern(RESTRICTED).matches(name) is restricted
    assert compile_pattern(NOT_RESTRICTED).matches(name) is not restricted


@pytest.mark.parametrize(
    ("union", "pattern", "expected"),
    [
        (["*", "", RESTRICTED], ".security*", CONTAINED),
        ([".kibana*", "", RESTRICTED], ".k*", not_contained(".k")),
        (["logs-*", "", RESTRICTED], ".security*", not_contained(".securitya")),
    ],
)
def test_containment_without_restricted_indices(
    union: list[str], pattern: str, expected: Containment
) -> None:
    assert contains(union, pattern) == expected


def test_restricted_indices_within_a_pattern() -> None:
    assert contains([], "*", within=[RESTRICTED]) == not_contained(".tasks")
    assert contains([".kibana*"], ".kibana*", within=[RESTRICTED]) == CONTAINED
    assert contains([], "logs-*", within=[RESTRICTED]) == CONTAINED
