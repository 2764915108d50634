"""Suppression comments: found in the text of YAML and line files, read into
directives with the rows they cover, and every mistake placed exactly."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable

import pytest

from linter.findings import Finding
from linter.source import Span
from linter.suppressions_comments import comment_directives
from linter.suppressions_model import Directive, RowScope

FILE = "eu/elasticsearch.yml"


def read(text: str, file: str = FILE) -> list[Directive]:
    return comment_directives(file, textwrap.dedent(text).lstrip("\n"), "eu", "x")


def scopes(directive: Directive) -> list[tuple[str, int, int, int | None]]:
    """Each target: its code, the code's column, and the rows it covers."""
    return [
        (
            target.code.value,
            target.code.span.start.column,
            *_rows(target.scope),
        )
        for target in directive.targets
    ]


def _rows(scope: object) -> tuple[int, int | None]:
    assert isinstance(scope, RowScope)
    return scope.first, scope.last


def flaws(directives: list[Directive]) -> list[str]:
    return [
        f"{flaw.span.start.row}:{flaw.span.start.column}-{flaw.span.end.column}: "
        f"{flaw.message}"
        for directive in directives
        for flaw in directive.flaws
    ]


def test_a_trailing_ignore_covers_its_row_and_one_above_the_next_content_row() -> None:
    directives = read(
        """
        cluster.name: eu  # rclint: ignore[RC101, RC202] reason="x" expires="2026-09-30"
        # rclint: ignore[RC301] reason="CA \\"soon\\""

        # an ordinary comment
        cluster.remote.us.seeds: ["us:9443"]
        """
    )

    trailing, above = directives
    assert scopes(trailing) == [("RC101", 36, 1, 1), ("RC202", 43, 1, 1)]
    assert (trailing.reason, trailing.expires) == (
        "x",
        datetime.date(2026, 9, 30),
    )
    assert trailing.span == Span.at(FILE, 1, 19, 81)
    assert trailing.identity == (
        "comment",
        "x",
        '# rclint: ignore[RC101, RC202] reason="x" expires="2026-09-30"',
    )
    assert scopes(above) == [("RC301", 18, 5, 5)]
    assert above.reason == 'CA "soon"'
    assert flaws(directives) == []


def test_a_hash_inside_a_string_or_a_block_scalar_is_no_comment() -> None:
    directives = read(
        """
        a: "quoted # rclint: ignore[RC101] reason='no'"
        b: 'single # rclint: ignore[RC101] reason="no"'
        c: |
          # rclint: ignore[RC101] reason="block text"
        d: plain#rclint-ignore[RC101]
        e: [x, "y # rclint: ignore[RC101]"]  # rclint: ignore[RC202] reason="yes"
        """
    )

    (only,) = directives
    assert scopes(only) == [("RC202", 55, 6, 6)]


def test_disable_and_enable_bound_a_block_per_code() -> None:
    directives = read(
        """
        # rclint: disable[RC101, RC202] reason="legacy links"
        cluster.remote.a.seeds: ["a:9300"]
        # rclint: enable[RC101]
        cluster.remote.b.seeds: ["b:9300"]
        """
    )

    (block,) = directives
    assert scopes(block) == [("RC101", 19, 1, 2), ("RC202", 26, 1, None)]


def test_ignore_file_covers_every_row() -> None:
    (whole,) = read(
        """
        cluster.name: eu
        # rclint: ignore-file[RC101] reason="retired cluster"
        """
    )

    assert scopes(whole) == [("RC101", 23, 1, None)]


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        (
            "# rclint: ignor[RC101]",
            "1:11-16: unknown directive `ignor`; did you mean `ignore`?",
        ),
        (
            "# rclint: skip[RC101]",
            "1:11-15: unknown directive `skip`; expected one of `ignore`, "
            "`disable`, `enable`, `ignore-file`",
        ),
        (
            '# rclint: ignore reason="x"',
            "1:17-18: `ignore` needs rule codes in brackets, like `ignore[RC101]`",
        ),
        (
            '# rclint: ignore[] reason="x"',
            "1:17-19: `ignore` needs rule codes in brackets, like `ignore[RC101]`",
        ),
        (
            '# rclint: ignore[RC101,,RC202] reason="x"',
            "1:24-25: an empty rule code between commas",
        ),
        (
            '# rclint: ignore[RC101] reason="x" owner="me"',
            "1:36-41: unknown field `owner`; expected `reason` or `expires`",
        ),
        (
            '# rclint: ignore[RC101] reason="x" reason="y"',
            "1:36-42: `reason` is given twice",
        ),
        (
            '# rclint: ignore[RC101] reason="x',
            "1:25-34: a value's closing `\"` is missing",
        ),
        (
            '# rclint: ignore[RC101] reason="x" because',
            "1:36-43: unexpected text `because`; a directive reads "
            '`ignore[RC101] reason="why"`',
        ),
        (
            '# rclint: ignore[RC101] reason="x" expires="2026-02-30"',
            "1:45-55: `expires` must be a date written YYYY-MM-DD, found `2026-02-30`",
        ),
        (
            '# rclint: ignore[RC101] reason="x" expires="next week"',
            "1:45-54: `expires` must be a date written YYYY-MM-DD, found `next week`",
        ),
        (
            "# rclint: enable[RC101]",
            "1:18-23: `enable[RC101]` closes no `disable[RC101]`",
        ),
    ],
)
def test_each_mistake_is_a_flaw_at_its_columns(comment: str, expected: str) -> None:
    directives = read(comment + "\nkey: value\n")

    assert flaws(directives) == [expected]


def test_a_code_disabled_twice_is_a_flaw_of_the_second_disable() -> None:
    directives = read(
        """
        # rclint: disable[RC101] reason="one"
        # rclint: disable[RC101] reason="two"
        # rclint: enable[RC101]
        """
    )

    first, _ = directives
    assert scopes(first) == [("RC101", 19, 1, 2)]
    assert flaws(directives) == ["2:19-24: `RC101` is already disabled on row 1"]


def test_enable_takes_no_fields() -> None:
    directives = read(
        """
        # rclint: disable[RC101] reason="one"
        # rclint: enable[RC101] reason="two"
        """
    )

    assert flaws(directives) == ["2:25-31: unknown field `reason`; expected no fields"]


def test_line_files_take_whole_line_comments_only() -> None:
    text = (
        '# rclint: ignore[RC201] reason="kept for the audit"\n'
        "remote-reader:alice\n"
        "monitor:bob # rclint: ignore[RC201] is part of the user list\n"
    )

    (above,) = comment_directives("eu/users_roles", text, "eu", "users_roles")
    (listing,) = comment_directives(
        "eu/elasticsearch.keystore.list",
        '  # rclint: ignore-file[RC101] reason="x"\nkeystore.seed\n',
        "eu",
        "elasticsearch.keystore.list",
    )

    assert scopes(above) == [("RC201", 18, 2, 2)]
    assert scopes(listing) == [("RC101", 25, 1, None)]


def test_json_files_have_no_comments() -> None:
    text = '{"description": "# rclint: ignore[RC401] reason=\\"x\\""}\n'

    assert comment_directives("eu/roles/r.json", text, "eu", "roles/r.json") == []


def test_comments_past_a_yaml_error_are_not_read() -> None:
    directives = read(
        """
        # rclint: ignore[RC101] reason="before"
        a: "open
        # rclint: ignore[RC202] reason="after"
        """
    )

    (before,) = directives
    assert scopes(before) == [("RC101", 18, 2, 2)]


@pytest.mark.parametrize("eol", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_yaml_rows_end_only_where_editors_end_them(eol: str) -> None:
    # libyaml also ends a row at NEL, LS and PS; directives after one of
    # them in a comment or a string keep the rows an editor shows.
    text = (
        f"# a{eol}# b\n"
        f"key: \"x{eol} # rclint: ignore[RC101] reason='in the string'\"\n"
        '# rclint: ignore[RC202] reason="above"\n'
        'cluster.remote.us.seeds: [us]  # rclint: ignore[RC301] reason="trailing"\n'
    )

    above, trailing = comment_directives(FILE, text, "eu", "x")

    assert scopes(above) == [("RC202", 18, 4, 4)]
    assert above.span == Span.at(FILE, 3, 1, 39)
    assert scopes(trailing) == [("RC301", 49, 4, 4)]
    assert trailing.span == Span.at(FILE, 4, 32, 73)


def test_comments_past_a_yaml_error_after_a_yaml_only_break_are_not_read() -> None:
    text = (
        "# a\u2028# b\n"
        '# rclint: ignore[RC101] reason="before"\n'
        'key: @x  # rclint: ignore[RC202] reason="on the row of the error"\n'
        'next: 1  # rclint: ignore[RC301] reason="after the error"\n'
    )

    (before,) = comment_directives(FILE, text, "eu", "x")

    assert scopes(before) == [("RC101", 18, 3, 3)]


def test_a_suppressed_finding_after_a_yaml_only_break(
    lint: Callable[..., list[Finding]],
) -> None:
    files = {
        "eu/elasticsearch.yml": (
            "cluster.name: eu  # \u2028\n"
            '# rclint: ignore[RC101] reason="retired in Q3"\n'
            'cluster.remote.old.seeds: ["old.example.com:9300"]\n'
        ),
        "eu/elasticsearch.keystore.list": "keystore.seed\n",
    }

    (finding,) = lint(files, select=("RC101",))

    assert finding.span == Span.at("eu/elasticsearch.yml", 3, 1, 25)
    assert finding.suppression is not None
    assert finding.suppression.reason == "retired in Q3"
    assert finding.suppression.span == Span.at("eu/elasticsearch.yml", 2, 1, 47)


def test_line_files_end_rows_only_at_line_breaks() -> None:
    # As Elasticsearch reads ``users_roles``: a form feed or U+2028 is no
    # line break, though ``str.splitlines`` takes them for one.
    text = (
        "viewer:carol\f\n"
        "monitor:dave\u2028\n"
        '# rclint: ignore[RC201] reason="kept for the audit"\r\n'
        "remote-reader:alice\r"
        "ops:erin\n"
    )

    (above,) = comment_directives("eu/users_roles", text, "eu", "users_roles")

    assert scopes(above) == [("RC201", 18, 4, 4)]
    assert above.span == Span.at("eu/users_roles", 3, 1, 52)
