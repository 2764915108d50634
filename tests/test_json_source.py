"""The JSON reader: exact positions, strict syntax errors, duplicate keys."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.json_source import parse_json
from linter.parsing import MAX_DEPTH, line_starts
from linter.source import MappingNode, Node, ScalarNode, SequenceNode

DUPLICATE_A = (
    "key `a` is given twice in one mapping; Elasticsearch rejects duplicate keys"
)


def where(node: Node | None) -> tuple[int, int, int, int]:
    assert node is not None
    return node.row, node.column, node.end_row, node.end_column


def problems(text: str) -> list[tuple[str, str, int, int, int]]:
    document = parse_json("f.json", text)
    return [
        (p.code, p.message, p.span.start.row, p.span.start.column, p.span.end.column)
        for p in document.problems
    ]


def test_values_have_exact_spans_over_several_rows() -> None:
    text = '{\n  "name": "eu",\n  "ports": [9300, 9443.5],\n  "on": true\n}\n'
    root = parse_json("f.json", text).root
    assert isinstance(root, MappingNode)
    assert where(root) == (1, 1, 5, 2)
    assert where(root.key_node("name")) == (2, 3, 2, 9)
    assert where(root.get("name")) == (2, 11, 2, 15)
    ports = root.get("ports")
    assert isinstance(ports, SequenceNode)
    assert where(ports) == (3, 12, 3, 26)
    assert [where(item) for item in ports.items] == [(3, 13, 3, 17), (3, 19, 3, 25)]
    assert where(root.get("on")) == (4, 9, 4, 13)
    assert root.to_data() == {"name": "eu", "ports": [9300, 9443.5], "on": True}


def test_scalar_types_follow_json() -> None:
    text = '[1, -0, 1.5, 1e3, 2E-2, true, false, null, "1", ""]'
    root = parse_json("f.json", text).root
    assert isinstance(root, SequenceNode)
    values = [item.to_data() for item in root.items]
    assert values == [1, 0, 1.5, 1000.0, 0.02, True, False, None, "1", ""]
    assert [type(value) for value in values[:4]] == [int, int, float, float]


def test_escapes_are_decoded_and_the_span_covers_the_written_string() -> None:
    root = parse_json("f.json", '{"k": "a\\"b\\u00e9\\ud83d\\ude00"}').root
    assert isinstance(root, MappingNode)
    assert root.to_data() == {"k": 'a"bé😀'}
    assert where(root.get("k")) == (1, 7, 1, 31)


def test_columns_count_characters_not_bytes() -> None:
    root = parse_json("f.json", '{"é😀": "ü", "x": 1}').root
    assert isinstance(root, MappingNode)
    assert where(root.key_node("é😀")) == (1, 2, 1, 6)
    assert where(root.get("é😀")) == (1, 8, 1, 11)
    assert where(root.get("x")) == (1, 18, 1, 19)


def test_crlf_lone_cr_and_tabs() -> None:
    root = parse_json("f.json", '{\r\n\t"a":\t1,\r"b": 2\n}').root
    assert isinstance(root, MappingNode)
    assert where(root.key_node("a")) == (2, 2, 2, 5)
    assert where(root.get("a")) == (2, 7, 2, 8)
    assert where(root.key_node("b")) == (3, 1, 3, 4)
    assert where(root) == (1, 1, 4, 2)


def test_line_starts_counts_every_kind_of_line_end() -> None:
    assert line_starts("a\nb\r\nc\rd") == [0, 2, 5, 7]
    assert line_starts("") == [0]
    assert line_starts("x\n") == [0, 2]


@pytest.mark.parametrize(
    ("text", "message", "row", "column", "end_column"),
    [
        ("", "expected a value, found end of file", 1, 1, 1),
        ("  \n", "expected a value, found end of file", 2, 1, 1),
        ("{", "expected a string key, found end of file", 1, 2, 2),
        ('{"a" 1}', "expected ':' after an object key, found '1'", 1, 6, 7),
        ('{"a": }', "expected a value, found '}'", 1, 7, 8),
        (
            '{"a": 1 2}',
            "expected ',' or '}' after an object member, found '2'",
            1,
            9,
            10,
        ),
        ('{"a": 1,}', "trailing comma before '}'", 1, 8, 9),
        ("[1,\n]", "trailing comma before ']'", 1, 3, 4),
        ("[1 2]", "expected ',' or ']' after an array element, found '2'", 1, 4, 5),
        ("[1, }", "expected a value, found '}'", 1, 5, 6),
        ("[,]", "expected a value, found ','", 1, 2, 3),
        ("{'a': 1}", 'expected a string key, found "\'"', 1, 2, 3),
        ("{1: 2}", "expected a string key, found '1'", 1, 2, 3),
        ('{"a": True}', "expected a value, found 'True'", 1, 7, 11),
        ("nul", "expected a value, found 'nul'", 1, 1, 4),
        ("[NaN]", "expected a value, found 'NaN'", 1, 2, 5),
        ("\u00a0{}", "expected a value, found U+00A0", 1, 1, 2),
        ("[1] x", "expected end of file after the value, found 'x'", 1, 5, 6),
        ("{} {}", "expected end of file after the value, found '{'", 1, 4, 5),
        ("01", "invalid number '01'", 1, 1, 3),
        ("[1.]", "invalid number '1.'", 1, 2, 4),
        ("-", "invalid number '-'", 1, 1, 2),
        ("+1", "invalid number '+1'", 1, 1, 3),
        (".5", "invalid number '.5'", 1, 1, 3),
        ("1e", "invalid number '1e'", 1, 1, 3),
        ("1.5.2", "invalid number '1.5.2'", 1, 1, 6),
        ('"abc', "unterminated string", 1, 1, 2),
        ('["a\\', "unterminated string", 1, 2, 3),
        ('"a\nb"', "control character U+000A in a string", 1, 3, 4),
        ('"a\\qb"', "invalid escape '\\q' in a string", 1, 3, 5),
        ('"\\u12"', "invalid escape '\\u12' in a string", 1, 2, 6),
        ('"\\uzzzz"', "invalid escape '\\u' in a string", 1, 2, 4),
    ],
)
def test_syntax_errors_are_rc001_at_the_offending_place(
    text: str, message: str, row: int, column: int, end_column: int
) -> None:
    expected = [("RC001", f"invalid JSON: {message}", row, column, end_column)]
    assert problems(text) == expected
    assert parse_json("f.json", text).root is None


def test_a_number_with_too_many_digits_is_a_problem_not_a_crash() -> None:
    text = "1" * 5000
    message = "invalid JSON: number has too many digits"
    assert problems(text) == [("RC001", message, 1, 1, 5001)]


def test_nesting_beyond_the_limit_is_refused() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    message = f"invalid JSON: nesting deeper than {MAX_DEPTH} levels"
    column = MAX_DEPTH + 1
    assert problems(deep) == [("RC001", message, 1, column, column + 1)]
    limit = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert problems(limit) == []
    assert problems('{"a": ' * 100_000) == [("RC001", message, 1, 1201, 1202)]


def test_duplicate_keys_are_kept_and_reported_with_the_first_place() -> None:
    text = '{"a": 1,\n "b": 2,\n "a": 3,\n "a": 4}'
    document = parse_json("f.json", text)
    root = document.root
    assert isinstance(root, MappingNode)
    assert [str(key.value) for key, _ in root.entries] == ["a", "b", "a", "a"]
    assert root.to_data() == {"a": 4, "b": 2}
    message = DUPLICATE_A
    assert [(p.code, p.message, where_span(p.span)) for p in document.problems] == [
        ("RC003", message, (3, 2, 3, 5)),
        ("RC003", message, (4, 2, 4, 5)),
    ]
    first = [(where_span(span), note) for span, note in document.problems[0].related]
    assert first == [((1, 2, 1, 5), "first given here")]


def where_span(span: Any) -> tuple[int, int, int, int]:
    return span.start.row, span.start.column, span.end.row, span.end.column


def test_keys_are_scalar_nodes_with_the_text_of_the_key() -> None:
    root = parse_json("f.json", '{"a\\u0062": {}}').root
    assert isinstance(root, MappingNode)
    key = root.key_node("ab")
    assert isinstance(key, ScalarNode)
    assert where(key) == (1, 2, 1, 11)
    assert where(root.get("ab")) == (1, 13, 1, 15)


json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(data=json_data, indent=st.sampled_from([None, 0, 2, "\t"]))
def test_any_json_dump_reads_back_to_the_same_data(data: Any, indent: Any) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    document = parse_json("f.json", text)
    assert document.problems == ()
    assert document.root is not None
    assert document.root.to_data() == data


HIDDEN = "a secret value, which is not shown"


@pytest.mark.parametrize(
    ("text", "message", "row", "column", "end_column"),
    [
        (
            '{"name": "x", "api_key": Zm9vYmFyOnNlY3JldHZhbHVlMTIz}',
            f"expected a value, found part of {HIDDEN}",
            1,
            26,
            46,
        ),
        ('{"password": ab$cd}', f"expected a value, found part of {HIDDEN}", 1, 14, 16),
        ('{"password":\n  Zm9v}', f"expected a value, found part of {HIDDEN}", 2, 3, 7),
        (
            '{"api_key": -12.5abc}',
            f"expected ',' or '}}' after an object member, found part of {HIDDEN}",
            1,
            18,
            21,
        ),
        ('{"password": 01x}', f"invalid number in {HIDDEN}", 1, 14, 16),
        ('{"encoded": "a\\qb"}', f"invalid escape in {HIDDEN}", 1, 15, 17),
        ('{"password": "a\tb"}', f"control character in {HIDDEN}", 1, 16, 17),
    ],
)
def test_a_syntax_error_inside_a_secret_quotes_none_of_it(
    text: str, message: str, row: int, column: int, end_column: int
) -> None:
    """The token at the error may be the start of a credential: the
    message says where it is, never what."""
    expected = [("RC001", f"invalid JSON: {message}", row, column, end_column)]
    assert problems(text) == expected


def test_a_syntax_error_outside_a_secret_still_quotes_its_token() -> None:
    # `api_keys` lists records to walk, not one secret: its tokens are shown.
    text = '{"api_keys": [xyz], "password": "p"}'
    expected = ("RC001", "invalid JSON: expected a value, found 'xyz'", 1, 15, 18)
    assert problems(text) == [expected]
