"""The automata against direct matching, on generated patterns and names.

Regular expressions are generated together with an equivalent Python
expression; names come from a small alphabet plus one character no pattern
uses, which stands for every other character. Subset and overlap answers are
checked against every name up to a length: a witness must be real and no
shorter one may exist; a "no" must survive every name tried.
"""

from __future__ import annotations

import functools
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.patterns import (
    Verdict,
    common,
    compile_pattern,
    contains,
)
from linter.patterns_grammar import parse_wildcard
from linter.patterns_wildcard import tokenize

NAME_CHARS = "abc"
LONGEST = 5

# Lucene expressions with their Python `re` equivalents, over `a`, `b`.
ATOMS = [
    ("a", "a"),
    ("b", "b"),
    (".", "."),
    ("[ab]", "[ab]"),
    ("[^a]", "[^a]"),
    ("[a-b]", "[a-b]"),
    ('"ab"', "ab"),
    ("()", ""),
    ("@", ".*"),
]
QUANTIFIERS = ["*", "+", "?", "{2}", "{0,2}", "{1,}"]


def _extend(
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


regexes = st.recursive(st.sampled_from(ATOMS), _extend, max_leaves=5)
wildcards = st.text(alphabet="ab*?\\", max_size=5)
# Without escapes, so that every literal character is a name character.
plain_wildcards = st.text(alphabet="ab*?", max_size=5)


@functools.cache
def all_names() -> tuple[str, ...]:
    return tuple(
        "".join(chars)
        for length in range(LONGEST + 1)
        for chars in itertools.product(NAME_CHARS, repeat=length)
    )


def matcher(lucene: str, python: str) -> re.Pattern[str]:
    return re.compile(python, re.DOTALL)


@given(regexes, st.lists(st.text(alphabet="abc.", max_size=6), max_size=15))
@settings(max_examples=300, deadline=None)
def test_regex_membership_agrees_with_python(
    expression: tuple[str, str], names: list[str]
) -> None:
    lucene, python = expression
    compiled = compile_pattern(f"/{lucene}/")
    regex = re.compile(python, re.DOTALL)
    for name in names:
        assert compiled.matches(name) is (regex.fullmatch(name) is not None)


@given(regexes, regexes)
@settings(max_examples=300, deadline=None)
def test_regex_complement_and_intersection(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    a, b = re.compile(first[1], re.DOTALL), re.compile(second[1], re.DOTALL)
    both = compile_pattern(f"/({first[0]})&({second[0]})/")
    outside = compile_pattern(f"/~({first[0]})/")
    for name in all_names()[:120]:
        assert both.matches(name) is bool(a.fullmatch(name) and b.fullmatch(name))
        assert outside.matches(name) is (a.fullmatch(name) is None)


def _check_containment(union: list[str], pattern: str, inside, outside) -> None:  # type: ignore[no-untyped-def]
    result = contains(union, pattern)
    escaping = [n for n in all_names() if inside(n) and not outside(n)]
    if result.verdict is Verdict.CONTAINED:
        assert escaping == []
        return
    assert result.verdict is Verdict.NOT_CONTAINED
    witness = result.witness
    assert witness is not None and inside(witness) and not outside(witness)
    if escaping:
        assert len(witness) == len(escaping[0])
    else:
        assert len(witness) > LONGEST


@given(regexes, st.lists(regexes, max_size=2))
@settings(max_examples=300, deadline=None)
def test_regex_containment_agrees_with_brute_force(
    target: tuple[str, str], union: list[tuple[str, str]]
) -> None:
    inside = re.compile(target[1], re.DOTALL)
    members = [re.compile(python, re.DOTALL) for _, python in union]
    _check_containment(
        [f"/{lucene}/" for lucene, _ in union],
        f"/{target[0]}/",
        lambda n: inside.fullmatch(n) is not None,
        lambda n: any(m.fullmatch(n) for m in members),
    )


@given(plain_wildcards, regexes)
@settings(max_examples=300, deadline=None)
def test_mixed_containment_agrees_with_brute_force(
    pattern: str, key: tuple[str, str]
) -> None:
    local = compile_pattern(pattern)
    member = re.compile(key[1], re.DOTALL)
    _check_containment(
        [f"/{key[0]}/"], pattern, lambda n: bool(local.matches(n)),
        lambda n: member.fullmatch(n) is not None,
    )  # fmt: skip
    remote = compile_pattern(pattern)
    inside = re.compile(key[1], re.DOTALL)
    _check_containment(
        [pattern], f"/{key[0]}/", lambda n: inside.fullmatch(n) is not None,
        lambda n: bool(remote.matches(n)),
    )  # fmt: skip


@given(st.one_of(regexes.map(lambda r: f"/{r[0]}/"), plain_wildcards), regexes)
@settings(max_examples=300, deadline=None)
def test_overlap_agrees_with_brute_force(first: str, second: tuple[str, str]) -> None:
    a, b = compile_pattern(first), compile_pattern(f"/{second[0]}/")
    answer = common([first], [b.text])
    shared = [n for n in all_names() if a.matches(n) and b.matches(n)]
    if not answer.shared:
        assert answer.shared is False and shared == []
        return
    name = answer.name
    assert name is not None and a.matches(name) and b.matches(name)
    assert len(name) == len(shared[0]) if shared else len(name) > LONGEST


@given(wildcards, st.lists(wildcards, max_size=3))
@settings(max_examples=300, deadline=None)
def test_the_wildcard_fast_path_spells_the_witness_of_the_automata(
    pattern: str, union: list[str]
) -> None:
    fast = contains(union, pattern)
    exact = contains(union, pattern, within=["*"])
    assert fast == exact


@given(wildcards, wildcards)
@settings(max_examples=300, deadline=None)
def test_the_wildcard_overlap_fast_path_agrees(first: str, second: str) -> None:
    fast = common([first], [second])
    exact = common([first], [second, "/#/"])
    assert fast == exact


@given(st.text(alphabet="ab-.*?\\", max_size=12))
@settings(max_examples=500, deadline=None)
def test_the_wildcard_tokenizer_reads_as_the_grammar(text: str) -> None:
    assert tokenize(text) == parse_wildcard(text)
