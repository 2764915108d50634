"""The YAML reader: exact positions, YAML 1.1 types, problems with places."""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from conftest import line
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.findings import Finding
from linter.json_source import parse_json
from linter.parsing import MAX_DEPTH, line_starts
from linter.source import Document, MappingNode, Node, SequenceNode
from linter.yaml_source import MAX_ALIASED_VALUES, _loader, parse_yaml

Place = tuple[int, int, int, int]


def read(text: str) -> Document:
    return parse_yaml("f.yml", textwrap.dedent(text).lstrip("\n"))


def where(node: Node | None) -> Place:
    assert node is not None
    return node.row, node.column, node.end_row, node.end_column


def problems(text: str) -> list[tuple[str, str, Place]]:
    return [
        (
            p.code,
            p.message,
            (p.span.start.row, p.span.start.column, p.span.end.row, p.span.end.column),
        )
        for p in parse_yaml("f.yml", text).problems
    ]


def mapping(document: Document) -> MappingNode:
    assert isinstance(document.root, MappingNode), document.problems
    return document.root


def test_block_mapping_and_sequence_have_exact_spans() -> None:
    root = mapping(
        read("""
            cluster.name: eu
            seeds:
              - host-1:9443
              - 'host-2:9443'
            # trailing comment
            """)
    )
    assert where(root) == (1, 1, 4, 18)
    assert where(root.key_node("cluster.name")) == (1, 1, 1, 13)
    assert where(root.get("cluster.name")) == (1, 15, 1, 17)
    seeds = root.get("seeds")
    assert isinstance(seeds, SequenceNode)
    # A block collection ends with its last entry, not at the next token.
    assert where(seeds) == (3, 3, 4, 18)
    # Quoted scalars span their quotes.
    assert [where(item) for item in seeds.items] == [(3, 5, 3, 16), (4, 5, 4, 18)]


def test_flow_collections_end_after_their_bracket() -> None:
    root = mapping(read("a: {b: [1, 2], c: x}\n"))
    inner = root.get("a")
    assert isinstance(inner, MappingNode)
    assert where(inner) == (1, 4, 1, 21)
    assert where(inner.get("b")) == (1, 8, 1, 14)
    assert where(inner.get("c")) == (1, 19, 1, 20)


def test_multi_line_scalars() -> None:
    root = mapping(
        read("""
            plain: one
              two
            literal: |
              line 1
              line 2
            folded: >-
              a
              b
            double: "x
              y"
            """)
    )
    assert root.to_data() == {
        "plain": "one two",
        "literal": "line 1\nline 2\n",
        "folded": "a b",
        "double": "x y",
    }
    assert where(root.get("plain")) == (1, 8, 2, 6)
    # A block scalar runs from its indicator to the start of the next row.
    assert where(root.get("literal")) == (3, 10, 6, 1)
    assert where(root.get("folded")) == (6, 9, 9, 1)
    assert where(root.get("double")) == (9, 9, 10, 5)


def test_empty_value_is_null_with_an_empty_span_after_the_colon() -> None:
    root = mapping(read("a:\nb: 1\n"))
    assert root.to_data() == {"a": None, "b": 1}
    assert where(root.get("a")) == (1, 3, 1, 3)


def test_scalars_are_typed_as_yaml_1_1_safe_loading_types_them() -> None:
    root = mapping(
        read("""
            int: 42
            hex: 0x1f
            octal: 010
            sexagesimal: 1:30
            float: 1.5
            inf: .inf
            exponent_without_dot: 1e3
            yes: yes
            off: Off
            tilde: ~
            null_word: null
            quoted: "true"
            date: 2024-01-01
            explicit: !!str 12
            explicit_int: !!int "7"
            bad_explicit_int: !!int seven
            custom: !vault abc
            """)
    )
    assert root.to_data() == {
        "int": 42,
        "hex": 31,
        "octal": 8,
        "sexagesimal": 90,
        "float": 1.5,
        "inf": float("inf"),
        "exponent_without_dot": "1e3",
        "yes": True,
        "off": False,
        "tilde": None,
        "null_word": None,
        "quoted": "true",
        "date": "2024-01-01",
        "explicit": "12",
        "explicit_int": 7,
        "bad_explicit_int": "seven",
        "custom": "abc",
    }


def test_keys_keep_the_text_written() -> None:
    root = mapping(read("1: a\ntrue: b\nnull: c\n'x': d\n"))
    assert list(root.to_data()) == ["1", "true", "null", "x"]  # type: ignore[arg-type]
    assert root.key_node("true") is not None


def test_merge_keys_are_ordinary_keys_and_aliases_share_the_anchored_node() -> None:
    root = mapping(read("base: &b {x: 1}\nrole:\n  <<: *b\n  y: *b\n"))
    role = root.get("role")
    assert isinstance(role, MappingNode)
    assert role.to_data() == {"<<": {"x": 1}, "y": {"x": 1}}
    assert role.get("y") is root.get("base")
    assert where(role) == (3, 3, 4, 8)


def test_columns_count_characters_and_crlf_ends_rows() -> None:
    root = mapping(parse_yaml("f.yml", "é😀: ü\r\nb: [x, 'ü😀']\r\n"))
    assert where(root.key_node("é😀")) == (1, 1, 1, 3)
    assert where(root.get("é😀")) == (1, 5, 1, 6)
    flow = root.get("b")
    assert isinstance(flow, SequenceNode)
    assert [where(item) for item in flow.items] == [(2, 5, 2, 6), (2, 8, 2, 12)]


YAML_ONLY_BREAKS = pytest.mark.parametrize(
    "eol", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"]
)


def related(document: Document) -> list[tuple[int, int, str]]:
    return [
        (span.start.row, span.start.column, note)
        for problem in document.problems
        for span, note in problem.related
    ]


@YAML_ONLY_BREAKS
def test_rows_end_only_where_editors_end_them(eol: str) -> None:
    # libyaml (YAML 1.1) ends a row at NEL, LS and PS too: in a comment and
    # inside a quoted scalar they must not move what comes after.
    root = mapping(parse_yaml("f.yml", f"# a{eol}# b\nkey: 'x{eol}y'\nnext: [1, 2]\n"))
    assert where(root) == (2, 1, 3, 13)
    assert where(root.key_node("key")) == (2, 1, 2, 4)
    assert where(root.get("key")) == (2, 6, 2, 11)
    assert where(root.key_node("next")) == (3, 1, 3, 5)
    flow = root.get("next")
    assert isinstance(flow, SequenceNode)
    assert where(flow) == (3, 7, 3, 13)
    assert [where(item) for item in flow.items] == [(3, 8, 3, 9), (3, 11, 3, 12)]


@YAML_ONLY_BREAKS
def test_a_syntax_error_after_a_yaml_only_break_is_on_the_editors_row(
    eol: str,
) -> None:
    text = f"# a{eol}# b\nkey: [1, 2\nnext: 1\n"
    message = "invalid YAML: did not find expected ',' or ']'"
    assert problems(text) == [("RC001", message, (3, 5, 3, 6))]
    assert related(parse_yaml("f.yml", text)) == [
        (2, 6, "while parsing a flow sequence")
    ]


@YAML_ONLY_BREAKS
def test_other_problems_after_a_yaml_only_break_are_on_the_editors_row(
    eol: str,
) -> None:
    assert problems(f"a: 1 # {eol}\nb: *nowhere\n") == [
        (
            "RC001",
            "invalid YAML: alias *nowhere names no anchor given before it",
            (2, 4, 2, 5),
        ),
    ]
    assert problems(f"a: 1 # {eol}\nb: 1\n---\nc: 2\n") == [
        ("RC001", "expected one YAML document, found 2", (3, 1, 3, 2))
    ]
    assert problems(f"# {eol}\nx: é\x01\n") == [
        ("RC001", "invalid YAML: character U+0001 is not allowed", (2, 5, 2, 6))
    ]
    document = parse_yaml("f.yml", f"# {eol}\na: 1\nb: 2\na: 3\n")
    assert [
        (p.code, p.span.start.row, p.span.start.column) for p in document.problems
    ] == [("RC003", 4, 1)]
    assert related(document) == [(2, 1, "first given here")]


def test_crlf_and_lone_cr_end_rows_beside_yaml_only_breaks() -> None:
    root = mapping(
        parse_yaml("f.yml", "a: 1\r\n# \x85\r\nb: 'é\u2029'\r\nc: 1\rd: 2\n")
    )
    assert where(root) == (1, 1, 5, 5)
    assert where(root.get("b")) == (3, 4, 3, 8)
    assert where(root.key_node("c")) == (4, 1, 4, 2)
    assert where(root.get("c")) == (4, 4, 4, 5)
    assert where(root.key_node("d")) == (5, 1, 5, 2)


def places(node: Node | None) -> list[Place]:
    """The place of ``node`` and of every node inside it, in text order."""
    if node is None:
        return []
    inside: list[Node] = []
    if isinstance(node, MappingNode):
        inside = [part for entry in node.entries for part in entry]
    elif isinstance(node, SequenceNode):
        inside = list(node.items)
    return [where(node), *(place for part in inside for place in places(part))]


def test_both_loaders_place_nodes_by_character_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # libyaml is given the text as UTF-8, yet its marks' indexes count
    # characters; a leading byte-order mark is the one character it skips
    # without counting, and the pure-Python reader leaves out of its columns.
    texts = {
        "é😀: \"ü\u2028😀\"\n# \u2028\nb: [x, 'ü😀']\n": [
            (1, 1, 3, 13),
            (1, 1, 1, 3),
            (1, 5, 1, 10),
            (3, 1, 3, 2),
            (3, 4, 3, 13),
            (3, 5, 3, 6),
            (3, 8, 3, 12),
        ],
        "\ufeffa: 1  # \u2028\nb: é\n": [
            (1, 2, 2, 5),
            (1, 2, 1, 3),
            (1, 5, 1, 6),
            (2, 1, 2, 2),
            (2, 4, 2, 5),
        ],
        # An editor counts a leading byte-order mark as a character.
        "\ufeffa: 1\nb: é\n": [
            (1, 2, 2, 5),
            (1, 2, 1, 3),
            (1, 5, 1, 6),
            (2, 1, 2, 2),
            (2, 4, 2, 5),
        ],
    }
    bad = "# \u2028\nx: é\x01\n"
    reader_problem = ("RC001", "invalid YAML: character U+0001 is not allowed")

    for pure_python in (False, True):
        monkeypatch.setattr(yaml, "__with_libyaml__", not pure_python)
        _loader.cache_clear()
        try:
            for text, expected in texts.items():
                assert places(parse_yaml("f.yml", text).root) == expected
            assert problems(bad) == [(*reader_problem, (2, 5, 2, 6))]
        finally:
            _loader.cache_clear()


def test_a_finding_after_a_yaml_only_break_is_on_the_editors_row(
    lint: Callable[..., list[Finding]],
) -> None:
    key = '{"name": "eu", "access": {"search": [{"names": ["logs-prod-*"]}]}}\n'
    files = {
        "eu/elasticsearch.yml": "cluster.name: eu\ncluster.remote.us.seeds: [us]\n",
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "us/elasticsearch.yml": "remote_cluster_server.enabled: true\n",
        "us/api_keys/eu.json": key,
        "eu/roles.yml": (
            "# a\u2028# b\n"
            "remote-search:\n"
            "  remote_indices:\n"
            "    - clusters: [us]\n"
            '      names: ["logs-*"]\n'
            "      privileges: [read]\n"
        ),
    }

    found = [line(finding) for finding in lint(files, select=("RC402",))]

    assert found == [
        "eu/roles.yml:5:15: RC402 index pattern `logs-*` on remote cluster `us` "
        "reaches beyond the `search` access of the cross-cluster API key `eu` of "
        "`us`, which covers `logs-prod-*` (for example `logs-` is outside it); the "
        "remote silently caps the grant: narrow the pattern or widen the key"
    ]


def test_an_empty_or_comment_only_file_has_no_tree_and_no_problem() -> None:
    for text in ("", "\n", "# nothing here\n"):
        document = parse_yaml("f.yml", text)
        assert (document.root, document.problems) == (None, ())


def test_only_the_first_document_counts() -> None:
    document = parse_yaml("f.yml", "a: 1\n---\nb: 2\n---\nc: 3\n")
    assert document.root is not None
    assert document.root.to_data() == {"a": 1}
    message = "expected one YAML document, found 3"
    assert problems("a: 1\n---\nb: 2\n---\nc: 3\n") == [
        ("RC001", message, (2, 1, 2, 2))
    ]


def test_syntax_errors_name_the_problem_and_the_construct_around_it() -> None:
    document = parse_yaml("f.yml", "a: [1, 2\nb: 1\n")
    assert document.root is None
    (problem,) = document.problems
    assert problem.message == "invalid YAML: did not find expected ',' or ']'"
    assert (problem.span.start.row, problem.span.start.column) == (2, 2)
    (context,) = problem.related
    assert (context[0].start.row, context[0].start.column) == (1, 4)
    assert context[1] == "while parsing a flow sequence"


@pytest.mark.parametrize(
    ("text", "message", "place"),
    [
        ("a: b: c\n", "mapping values are not allowed in this context", (1, 5, 1, 6)),
        (
            "a: 1\n b: 2\n",
            "mapping values are not allowed in this context",
            (2, 3, 2, 4),
        ),
        ("key: 'open\n", "found unexpected end of stream", (2, 1, 2, 1)),
        ("- a\nb: 1\n", "did not find expected '-' indicator", (2, 1, 2, 2)),
        ("a: \x01\n", "character U+0001 is not allowed", (1, 4, 1, 5)),
        ("ü: é\x07\n", "character U+0007 is not allowed", (1, 5, 1, 6)),
        (
            "a: *nowhere\n",
            "alias *nowhere names no anchor given before it",
            (1, 4, 1, 5),
        ),
        (
            "a: &x [1, *x]\n",
            "alias *x refers to a collection that contains it",
            (1, 11, 1, 12),
        ),
        ("? [a]\n: 1\n", "a key must be a string, found a sequence", (1, 3, 1, 6)),
        ("a: \ud800\n", "the text holds a lone surrogate character", (1, 4, 1, 5)),
    ],
)
def test_problems_are_rc001_at_their_place(
    text: str, message: str, place: Place
) -> None:
    assert problems(text) == [("RC001", f"invalid YAML: {message}", place)]


def test_nesting_beyond_the_limit_is_refused_before_it_can_crash() -> None:
    message = f"invalid YAML: nesting deeper than {MAX_DEPTH} levels"
    # Where a flow collection this deep is stopped depends on the libyaml
    # build: ours stops at level 201, newer ones scan ahead to their own
    # limit of 1000 first.
    [(code, text, (row, column, _, _))] = problems("[" * 1_000_000)
    assert (code, text, row) == ("RC001", message, 1)
    assert column in (MAX_DEPTH + 1, 1001)
    assert problems("- " * 300 + "x") == [
        ("RC001", message, (1, 2 * MAX_DEPTH + 1, 1, 2 * MAX_DEPTH + 2))
    ]
    assert problems("[" * MAX_DEPTH + "]" * MAX_DEPTH) == []


def test_aliases_expanding_beyond_the_limit_are_refused() -> None:
    rows = ["a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"]
    for name, previous in zip("bcdef", "abcde", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    document = parse_yaml("f.yml", "\n".join(rows) + "\n")
    assert document.root is None
    message = f"invalid YAML: aliases expand to more than {MAX_ALIASED_VALUES} values"
    assert [p.message for p in document.problems] == [message]
    assert document.problems[0].span.start.row == 5


def test_duplicate_keys_are_reported_as_in_json() -> None:
    yaml_document = parse_yaml("f.yml", "a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    root = mapping(yaml_document)
    assert [str(key.value) for key, _ in root.entries] == ["a", "b", "a"]
    assert root.to_data() == {"a": 4, "b": {"c": 3}}
    json_problem = parse_json("f.json", '{"c": 1, "c": 2}').problems[0]
    lines = [
        (
            p.code,
            p.message,
            p.span.start.row,
            p.span.start.column,
            p.related[0][0].start.row,
            p.related[0][1],
        )
        for p in yaml_document.problems
    ]
    assert lines == [
        (
            "RC003",
            json_problem.message.replace("`c`", "`c`"),
            4,
            3,
            3,
            "first given here",
        ),
        (
            "RC003",
            json_problem.message.replace("`c`", "`a`"),
            5,
            1,
            1,
            "first given here",
        ),
    ]
    assert json_problem.message == (
        "key `c` is given twice in one mapping; Elasticsearch rejects duplicate keys"
    )


yaml_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(
    data=yaml_data,
    flow=st.sampled_from([None, True, False]),
    unicode=st.booleans(),
)
def test_any_safe_dump_reads_back_as_safe_load_reads_it(
    data: Any, flow: Any, unicode: bool
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode)
    document = parse_yaml("f.yml", text)
    assert document.problems == ()
    assert document.root is not None
    assert document.root.to_data() == yaml.safe_load(text)
    if not unicode:  # written raw, U+0085 and U+2028 are YAML line breaks
        assert document.root.to_data() == data


def scalar_places(node: Node | None) -> list[Place]:
    if isinstance(node, MappingNode):
        parts: list[Node] = [part for entry in node.entries for part in entry]
        return [place for part in parts for place in scalar_places(part)]
    if isinstance(node, SequenceNode):
        return [place for item in node.items for place in scalar_places(item)]
    return [where(node)]


@settings(max_examples=200, deadline=None)
@given(data=yaml_data, flow=st.sampled_from([None, True, False]))
def test_scalars_are_where_libyaml_s_rows_put_them_on_the_editors_rows(
    data: Any, flow: Any
) -> None:
    # Raw NEL, LS and PS come from the dump too, inside its scalars.
    dump = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    text = f"# a\u2028# b\x85\n{dump}"
    yaml_starts = line_starts(text, re.compile("\r\n?|[\n\x85\u2028\u2029]"))
    starts = line_starts(text)

    def place(mark: yaml.Mark) -> tuple[int, int]:
        offset = yaml_starts[mark.line] + mark.column
        row = bisect_right(starts, offset)
        return row, offset - starts[row - 1] + 1

    scalars = [
        (*place(event.start_mark), *place(event.end_mark))
        for event in yaml.parse(text, Loader=_loader())
        if isinstance(event, yaml.ScalarEvent)
    ]
    assert scalar_places(parse_yaml("f.yml", text).root) == scalars


def test_without_libyaml_the_pure_python_parser_gives_the_same_tree(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    text = "a: [1, 'x']\nb:\n  c: yes\n"
    expected = parse_yaml("f.yml", text).root
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    _loader.cache_clear()
    try:
        roots = [parse_yaml("f.yml", text).root for _ in range(2)]
    finally:
        _loader.cache_clear()
    assert expected is not None
    for root in roots:
        assert root is not None
        assert root.to_data() == expected.to_data()
        assert where(root) == where(expected)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == ["libyaml is not available: reading YAML about 20 times slower"]
