"""Reporters: exact output of every format, frames and redaction."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import sys
from pathlib import Path

import pytest

from linter.findings import Finding, Related, Severity, Suppression
from linter.reporters import ReportOptions, Summary, report
from linter.reporters.frame import FrameLine, frame_lines, span_text
from linter.reporters.redaction import RedactingFormatter
from linter.source import Position, Span

ROLES = (
    "search:\n"
    "  remote_indices:\n"
    '    - clusters: ["us"]\n'
    '      names: ["logs-*"]\n'
    '      privileges: ["all"]\n'
)
SETTINGS = (
    "cluster.name: eu\n"
    "cluster.remote.us.credentials: c2VjcmV0LXZhbHVl\n"
    'cluster.remote.us.seeds: ["us:9443"]\n'
)
SOURCES = {"eu/roles.yml": ROLES, "eu/elasticsearch.yml": SETTINGS}
SECRETS = (Span.at("eu/elasticsearch.yml", 2, 32, 48),)

PRIVILEGE = Finding(
    code="RC401",
    name="remote-privilege-exceeds-api-key",
    severity=Severity.WARNING,
    message="privilege `all` exceeds the key",
    span=Span.at("eu/roles.yml", 5, 20, 25),
    cluster="eu",
    identity=("role", "search", "privilege", "all"),
    related=(
        Related(
            Span.at("eu/elasticsearch.yml", 2, 1, 48),
            "the credentials c2VjcmV0LXZhbHVl are here",
        ),
    ),
)
SECURE = Finding(
    code="RC002",
    name="invalid-structure",
    severity=Severity.ERROR,
    message="`cluster.remote.us.credentials` is a secure setting",
    span=Span.at("eu/elasticsearch.yml", 2, 1, 30),
    cluster="eu",
    identity=("setting", "cluster.remote.us.credentials"),
)
UNRESOLVED = Finding(
    code="RC400",
    name="unresolved-api-key",
    severity=Severity.INFO,
    message="no key",
    span=Span.whole_file("eu/elasticsearch.yml"),
    cluster="eu",
    identity=("alias", "us"),
)


def render(
    output_format: str,
    findings: list[Finding],
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    stream = io.StringIO()
    options = ReportOptions(stream, SOURCES, SECRETS, color=color, quiet=quiet)
    report(output_format, options, findings)
    return stream.getvalue()


# --- full ---------------------------------------------------------------------


def test_full_output_with_frames_related_places_and_redaction() -> None:
    assert render("full", [PRIVILEGE, SECURE]) == (
        "eu/elasticsearch.yml:2:1: RC002 [error] `cluster.remote.us.credentials` is a "
        "secure setting\n"
        "  |\n"
        "1 | cluster.name: eu\n"
        "2 | cluster.remote.us.credentials: ********\n"
        "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        '3 | cluster.remote.us.seeds: ["us:9443"]\n'
        "  |\n"
        "\n"
        "eu/roles.yml:5:20: RC401 [warning] privilege `all` exceeds the key\n"
        "  |\n"
        '4 |       names: ["logs-*"]\n'
        '5 |       privileges: ["all"]\n'
        "  |                    ^^^^^\n"
        "  |\n"
        "  = related: eu/elasticsearch.yml:2:1: the credentials ******** are here\n"
        "  |\n"
        "2 | cluster.remote.us.credentials: ********\n"
        "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        "  |\n"
        "\n"
        "Found 2 findings (1 error, 1 warning, 0 info).\n"
    )


def test_full_output_without_a_frame_for_a_whole_file_or_unknown_file() -> None:
    elsewhere = Finding(
        "RC301", "x", Severity.ERROR, "m", Span.at("us/x.yml", 3, 1, 2), "us", ()
    )
    assert render("full", [UNRESOLVED, elsewhere], quiet=True) == (
        "eu/elasticsearch.yml:1:1: RC400 [info] no key\n"
        "\n"
        "us/x.yml:3:1: RC301 [error] m\n"
        "\n"
    )


def test_full_output_in_colour() -> None:
    finding = Finding(
        "RC101", "n", Severity.WARNING, "m", Span.at("eu/roles.yml", 1, 1, 7), "eu", ()
    )
    assert render("full", [finding], color=True) == (
        "\x1b[1meu/roles.yml:1:1\x1b[0m: \x1b[33mRC101 [warning]\x1b[0m m\n"
        "\x1b[34m  |\x1b[0m\n"
        "\x1b[34m1 |\x1b[0m search:\n"
        "\x1b[34m  |\x1b[0m \x1b[33m^^^^^^\x1b[0m\n"
        "\x1b[34m2 |\x1b[0m   remote_indices:\n"
        "\x1b[34m  |\x1b[0m\n"
        "\n"
        "Found 1 finding (0 errors, 1 warning, 0 info).\n"
    )


def test_all_checks_passed() -> None:
    assert render("full", []) == "All checks passed.\n"
    assert render("full", [], quiet=True) == ""


# --- frames -------------------------------------------------------------------


def test_a_multi_row_span_is_marked_on_each_row() -> None:
    span = Span("eu/roles.yml", Position(3, 7), Position(5, 26))
    assert frame_lines(ROLES, span, ()) == [
        FrameLine(3, '    - clusters: ["us"]', (6, 22)),
        FrameLine(4, '      names: ["logs-*"]', (6, 23)),
        FrameLine(5, '      privileges: ["all"]', (6, 25)),
    ]


def test_an_end_at_the_start_of_a_row_ends_on_the_row_before() -> None:
    span = Span("eu/roles.yml", Position(1, 1), Position(2, 1))
    assert frame_lines(ROLES, span, ()) == [FrameLine(1, "search:", (0, 7))]


def test_a_long_span_is_cut_and_context_is_added() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 11))
    span = Span("f", Position(2, 1), Position(9, 7))
    lines = frame_lines(text, span, (), context=1)
    assert [line.row for line in lines] == [1, 2, None, 9, 10]
    assert lines[2].text == "..."


def test_an_empty_span_gets_one_caret_and_tabs_are_expanded() -> None:
    span = Span.at("f", 1, 3, 3)
    assert frame_lines("a\tb: c\n", span, ()) == [FrameLine(1, "a    b: c", (5, 6))]


def test_a_span_outside_the_text_has_no_frame() -> None:
    assert frame_lines("a\n", Span.at("f", 4, 1, 2), ()) == []


def test_a_secret_over_several_rows_is_masked_on_each() -> None:
    text = "key: |\n  abcdefgh\n  ijklmnop\nnext: 1\n"
    secret = Span("f", Position(2, 3), Position(3, 11))
    lines = frame_lines(text, Span.at("f", 3, 3, 11), (secret,), context=1)
    assert lines == [
        FrameLine(2, "  ********"),
        FrameLine(3, "  ********", (2, 10)),
        FrameLine(4, "next: 1"),
    ]
    assert span_text(text, secret) == "abcdefgh\nijklmnop"


def test_marker_after_a_secret_is_moved_with_the_text() -> None:
    text = 'a: "0123456789012345", b: 1\n'
    secret = Span.at("f", 1, 5, 21)
    (line,) = frame_lines(text, Span.at("f", 1, 24, 25), (secret,))
    assert line == FrameLine(1, 'a: "********", b: 1', (15, 16))


# --- concise and json -----------------------------------------------------------


def test_concise_output() -> None:
    assert render("concise", [PRIVILEGE, SECURE, UNRESOLVED]) == (
        "eu/elasticsearch.yml:1:1: RC400 no key\n"
        "eu/elasticsearch.yml:2:1: RC002 `cluster.remote.us.credentials` is a "
        "secure setting\n"
        "eu/roles.yml:5:20: RC401 privilege `all` exceeds the key\n"
        "Found 3 findings (1 error, 1 warning, 1 info).\n"
    )
    assert render("concise", [UNRESOLVED], quiet=True) == (
        "eu/elasticsearch.yml:1:1: RC400 no key\n"
    )


def test_suppressed_findings_are_neither_shown_nor_counted() -> None:
    accepted = Suppression(
        "comment", "migration planned", Span.at("eu/roles.yml", 4, 1, 9)
    )
    suppressed = dataclasses.replace(PRIVILEGE, suppression=accepted)
    for output_format in ("concise", "json"):
        assert render(output_format, [suppressed]) == render(output_format, [])
    summary = report("concise", ReportOptions(io.StringIO()), [suppressed, SECURE])
    assert summary == Summary(errors=1)


def test_json_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = Finding(
        "RC101",
        "deprecated-cert-link",
        Severity.WARNING,
        "m",
        Span.at(os.path.join(str(tmp_path), "a", "elasticsearch.yml"), 3, 1, 5),
        "a",
        ("alias", "us"),
    )
    items = json.loads(render("json", [PRIVILEGE, absolute, SECURE]))
    assert [(item["filename"], item["code"]) for item in items] == [
        ("a/elasticsearch.yml", "RC101"),
        ("eu/elasticsearch.yml", "RC002"),
        ("eu/roles.yml", "RC401"),
    ]
    assert items[2] == {
        "code": "RC401",
        "name": "remote-privilege-exceeds-api-key",
        "severity": "warning",
        "message": "privilege `all` exceeds the key",
        "filename": "eu/roles.yml",
        "location": {"row": 5, "column": 20},
        "end_location": {"row": 5, "column": 25},
        "cluster": "eu",
        "related": [
            {
                "filename": "eu/elasticsearch.yml",
                "location": {"row": 2, "column": 1},
                "end_location": {"row": 2, "column": 48},
                "message": "the credentials ******** are here",
            }
        ],
        "fingerprint": PRIVILEGE.fingerprint,
    }


def test_json_output_when_nothing_is_found() -> None:
    assert render("json", []) == "[]\n"


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (Summary(), "All checks passed."),
        (Summary(1, 0, 0), "Found 1 finding (1 error, 0 warnings, 0 info)."),
        (Summary(2, 1, 3), "Found 6 findings (2 errors, 1 warning, 3 info)."),
    ],
)
def test_summary_text(summary: Summary, text: str) -> None:
    assert summary.text() == text


# --- what no output may show --------------------------------------------------

# A file name whose byte 0xff is not UTF-8 (as os.fsdecode gives it), a
# cluster named after such a directory, and a line break in a related place.
ODD = Finding(
    code="RC001",
    name="invalid-syntax",
    severity=Severity.ERROR,
    message="cannot list directory `\udcff/roles`",
    span=Span.at("\udcff/roles/\udcfe.json", 1, 2, 3),
    cluster="\udcff",
    identity=("file", "\udcff/roles/\udcfe.json"),
    related=(Related(Span.at("a\nb/roles.yml", 1, 1, 2), "tab\there"),),
)


def test_undecodable_bytes_and_control_characters_are_escaped_in_full() -> None:
    assert render("full", [ODD], quiet=True) == (
        "\\xff/roles/\\xfe.json:1:2: RC001 [error] cannot list directory "
        "`\\xff/roles`\n"
        "  = related: a\\nb/roles.yml:1:1: tab\\there\n"
        "\n"
    )


def test_undecodable_bytes_and_control_characters_are_escaped_in_concise() -> None:
    assert render("concise", [ODD], quiet=True) == (
        "\\xff/roles/\\xfe.json:1:2: RC001 cannot list directory `\\xff/roles`\n"
    )


def test_undecodable_bytes_and_control_characters_are_escaped_in_json() -> None:
    (item,) = json.loads(render("json", [ODD]))
    assert (item["filename"], item["cluster"], item["message"]) == (
        "\\xff/roles/\\xfe.json",
        "\\xff",
        "cannot list directory `\\xff/roles`",
    )
    assert item["related"][0]["filename"] == "a\\nb/roles.yml"
    assert item["related"][0]["message"] == "tab\\there"
    assert item["fingerprint"] == ODD.fingerprint


def test_json_for_a_stream_without_unicode_uses_escapes() -> None:
    named = dataclasses.replace(SECURE, message="cluster `é` 😀")
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii")
    report("json", ReportOptions(stream), [named])
    stream.flush()
    text = buffer.getvalue().decode("ascii")
    assert '"message": "cluster `\\u00e9` \\ud83d\\ude00"' in text
    assert json.loads(text)[0]["message"] == "cluster `é` 😀"


QUOTED_SOURCES = {
    "eu/elasticsearch.yml": (
        'cluster.remote.us.credentials: "c2VjcmV0\\u002dMQ=="\n'
        "cluster.remote.ap.credentials: 'it''s secret'\n"
        "cluster.remote.eu.credentials: |\n"
        "  Zmlyc3QgbGluZQ==\n"
        "  c2Vjb25kIGxpbmU=\n"
    ),
}
QUOTED_SECRETS = (
    Span.at("eu/elasticsearch.yml", 1, 32, 52),
    Span.at("eu/elasticsearch.yml", 2, 32, 47),
    Span("eu/elasticsearch.yml", Position(4, 3), Position(5, 19)),
)


@pytest.mark.parametrize("output_format", ["full", "concise", "json"])
def test_a_message_quoting_a_secret_value_is_masked(output_format: str) -> None:
    crashed = dataclasses.replace(
        UNRESOLVED,
        message=(
            "ValueError: c2VjcmV0-MQ== or c2VjcmV0\\u002dMQ== or it's secret or "
            "it''s secret or 'it''s secret' or Zmlyc3QgbGluZQ== or "
            "c2Vjb25kIGxpbmU="
        ),
    )
    stream = io.StringIO()
    options = ReportOptions(stream, QUOTED_SOURCES, QUOTED_SECRETS)
    report(output_format, options, [crashed])
    masked = " or ".join(["********"] * 7)
    assert f"ValueError: {masked}" in stream.getvalue()
    for secret in ("c2VjcmV0", "secret", "Zmlyc3Q", "c2Vjb25k"):
        assert secret not in stream.getvalue()


def test_the_log_formatter_masks_secrets_in_messages_and_tracebacks() -> None:
    formatter = RedactingFormatter("%(levelname)s %(message)s", ["c2VjcmV0"])
    try:
        raise ValueError("value c2VjcmV0")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.DEBUG, "f", 1, "saw %s", ("c2VjcmV0",), sys.exc_info()
        )
    text = formatter.format(record)
    assert text.startswith("DEBUG saw ********\nTraceback (most recent call last):")
    assert text.endswith("ValueError: value ********")
    assert "c2VjcmV0" not in text
