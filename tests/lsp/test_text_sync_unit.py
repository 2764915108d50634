"""A document's text after the client's changes, rows and characters
counted as the protocol counts them."""

from __future__ import annotations

import pytest
from lsprotocol import types

from linter.lsp.text_sync import apply_changes


def change(
    start: tuple[int, int], end: tuple[int, int], text: str
) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(*start), types.Position(*end)), text=text
    )


@pytest.mark.parametrize(
    ("text", "edit", "expected"),
    [
        ("ab\ncd\n", change((1, 1), (1, 2), "X"), "ab\ncX\n"),
        ("ab\r\ncd", change((1, 0), (1, 0), "X"), "ab\r\nXcd"),
        ("ab\rcd", change((1, 2), (1, 2), "!"), "ab\rcd!"),
        # Only \n, \r\n and \r end a row: not U+2028, U+0085 or a form feed.
        (
            '"a\u2028b",\n  x',
            change((1, 2), (1, 2), "y: 1,\n  "),
            '"a\u2028b",\n  y: 1,\n  x',
        ),
        ("a\x85b\x0cc\nd", change((1, 0), (1, 1), "D"), "a\x85b\x0cc\nD"),
        # Characters outside the BMP take two UTF-16 units.
        ("\U0001f600ab", change((0, 2), (0, 3), "X"), "\U0001f600Xb"),
        # Past the end of a row is its end; past the last row, the text's end.
        ("ab\ncd", change((0, 9), (0, 9), "!"), "ab!\ncd"),
        ("ab\ncd", change((5, 0), (6, 0), "!"), "ab\ncd!"),
        # An end before the start deletes nothing.
        ("abcd", change((0, 3), (0, 1), "X"), "abcXd"),
    ],
    ids=[
        "lf",
        "crlf",
        "lone-cr",
        "line-separator",
        "nel-and-form-feed",
        "astral",
        "past-row-end",
        "past-last-row",
        "reversed",
    ],
)
def test_a_change_lands_where_the_client_counts(
    text: str, edit: types.TextDocumentContentChangePartial, expected: str
) -> None:
    assert apply_changes(text, [edit]) == expected


def test_changes_apply_in_order_and_a_whole_text_replaces() -> None:
    changes: list[types.TextDocumentContentChangeEvent] = [
        change((0, 0), (0, 0), "x"),
        change((0, 1), (0, 1), "y"),
        types.TextDocumentContentChangeWholeDocument(text="new\n"),
        change((1, 0), (1, 0), "end"),
    ]
    assert apply_changes("abc", changes) == "new\nend"
