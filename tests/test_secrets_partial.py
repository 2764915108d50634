"""No output shows part of a secret either: not a token a parser cut from
the start of a credential, not a key pasted under a secret key, not a
value cut short to fit a message. Each case is pinned in every output
format, the language server's diagnostics included (the ``lsp`` format
builds the very objects ``rclint server`` sends)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import Files, write_files

from linter.documents import parse_document
from linter.findings import Finding
from linter.loaders.settings import flatten
from linter.model import SettingOrigin
from linter.reporters.redaction import redact, secret_texts
from linter.source import Span

API_KEY = "Zm9vYmFyOnNlY3JldHZhbHVlMTIz"
HIDDEN = "a secret value, which is not shown"
SECURE = (
    "is a secure setting; store it in the Elasticsearch keystore, "
    "not in elasticsearch.yml"
)


class Shown(NamedTuple):
    """A finding as every format has it: where, which rule, what message."""

    file: str
    row: int
    column: int
    end_row: int
    end_column: int
    code: str
    name: str
    message: str


WORKSPACES: dict[str, tuple[Files, list[Shown]]] = {
    "unquoted-api-key": (
        {
            "us-prod/elasticsearch.yml": "cluster.name: us-prod\n",
            "us-prod/api_keys/eu-prod-search.json": (
                f'{{"name": "x", "api_key": {API_KEY}}}\n'
            ),
        },
        [
            Shown(
                "us-prod/api_keys/eu-prod-search.json",
                *(1, 26, 1, 46),
                "RC001",
                "invalid-syntax",
                f"invalid JSON: expected a value, found part of {HIDDEN}",
            )
        ],
    ),
    "mappings-under-credentials": (
        {
            "c/elasticsearch.yml": (
                "cluster.name: c\n"
                "cluster.remote.us.credentials: {SECRET: 1}\n"
                "cluster.remote.eu.credentials:\n"
                "  SECRET: x\n"
            ),
        },
        [
            Shown(
                "c/elasticsearch.yml",
                *(2, 1, 2, 30),
                "RC002",
                "invalid-structure",
                f"`cluster.remote.us.credentials` {SECURE}",
            ),
            Shown(
                "c/elasticsearch.yml",
                *(3, 1, 3, 30),
                "RC002",
                "invalid-structure",
                f"`cluster.remote.eu.credentials` {SECURE}",
            ),
        ],
    ),
}
# What each format shows of a finding, and how to read that from its output.
Render = Callable[[Shown], Any]
Read = Callable[[str, Path], list[Any]]


def _lines(stdout: str, *starts: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(starts)]


def _findings_lines(stdout: str, root: Path) -> list[str]:
    return _lines(stdout, "c/", "us-prod/")


def _concise(shown: Shown) -> str:
    return f"{shown.file}:{shown.row}:{shown.column}: {shown.code} {shown.message}"


def _full(shown: Shown) -> str:
    place = f"{shown.file}:{shown.row}:{shown.column}"
    return f"{place}: {shown.code} [error] {shown.message}"


def _github(shown: Shown) -> str:
    place = f"{shown.file}:{shown.row}:{shown.column}"
    return (
        f"::error file={shown.file},line={shown.row},col={shown.column},"
        f"endLine={shown.end_row},endColumn={shown.end_column},"
        f"title={shown.code} {shown.name}::{place}: {shown.message}"
    )


def _json(shown: Shown) -> tuple[Any, ...]:
    start = {"row": shown.row, "column": shown.column}
    end = {"row": shown.end_row, "column": shown.end_column}
    return shown.file, start, end, shown.code, shown.message


def _read_json(stdout: str, root: Path) -> list[Any]:
    return [
        (
            item["filename"],
            item["location"],
            item["end_location"],
            item["code"],
            item["message"],
        )
        for item in json.loads(stdout)
    ]


def _sarif(shown: Shown) -> tuple[Any, ...]:
    region = {
        "startLine": shown.row,
        "startColumn": shown.column,
        "endLine": shown.end_row,
        "endColumn": shown.end_column,
    }
    return shown.file, region, shown.code, shown.message


def _read_sarif(stdout: str, root: Path) -> list[Any]:
    results = json.loads(stdout)["runs"][0]["results"]
    places = [result["locations"][0]["physicalLocation"] for result in results]
    return [
        (
            place["artifactLocation"]["uri"],
            place["region"],
            result["ruleId"],
            result["message"]["text"],
        )
        for place, result in zip(places, results, strict=True)
    ]


def _gitlab(shown: Shown) -> tuple[Any, ...]:
    lines = {"begin": shown.row, "end": shown.end_row}
    return shown.file, lines, f"{shown.code}: {shown.message}"


def _read_gitlab(stdout: str, root: Path) -> list[Any]:
    return [
        (item["location"]["path"], item["location"]["lines"], item["description"])
        for item in json.loads(stdout)
    ]


def _junit(shown: Shown) -> tuple[str, str, str]:
    name = f"{shown.file}:{shown.row}:{shown.column}"
    return name, shown.message, _full(shown)


def _read_junit(stdout: str, root: Path) -> list[Any]:
    cases = ElementTree.fromstring(stdout).iter("testcase")
    failed = [(case, case.find("failure")) for case in cases]
    return [
        (case.get("name"), failure.get("message"), failure.text)
        for case, failure in failed
        if failure is not None
    ]


def _lsp(shown: Shown) -> tuple[Any, ...]:
    """Ranges are 0-based; the URI, absolute, is read back relative."""
    start = {"line": shown.row - 1, "character": shown.column - 1}
    end = {"line": shown.end_row - 1, "character": shown.end_column - 1}
    return shown.file, {"start": start, "end": end}, shown.code, shown.message


def _read_lsp(stdout: str, root: Path) -> list[Any]:
    prefix = root.as_uri() + "/"
    return [
        (
            file["uri"].removeprefix(prefix),
            item["range"],
            item["code"],
            item["message"],
        )
        for file in json.loads(stdout)
        for item in file["diagnostics"]
    ]


FORMATS: dict[str, tuple[Render, Read]] = {
    "full": (_full, _findings_lines),
    "concise": (_concise, _findings_lines),
    "json": (_json, _read_json),
    "sarif": (_sarif, _read_sarif),
    "github": (_github, lambda stdout, root: _lines(stdout, "::")),
    "gitlab": (_gitlab, _read_gitlab),
    "junit": (_junit, _read_junit),
    "lsp": (_lsp, _read_lsp),
}


def rclint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    command = [sys.executable, "-m", "linter", "check", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize("workspace", sorted(WORKSPACES))
def test_each_format_shows_the_message_and_place_without_the_secret(
    tmp_path: Path, workspace: str, output_format: str
) -> None:
    files, expected = WORKSPACES[workspace]
    write_files(tmp_path, files)
    result = rclint(tmp_path, "--output-format", output_format)
    render, read = FORMATS[output_format]
    assert read(result.stdout, tmp_path) == [render(item) for item in expected]
    assert result.returncode == 1, result.stderr
    assert "Zm9vYmFy" not in result.stdout
    assert "SECRET" not in result.stdout


def test_the_code_frames_mask_the_secrets_the_messages_leave_out(
    tmp_path: Path,
) -> None:
    write_files(tmp_path, WORKSPACES["mappings-under-credentials"][0])
    frames = _lines(rclint(tmp_path).stdout, "2 |", "4 |")
    assert frames == [
        "2 | cluster.remote.us.credentials: ********",
        "2 | cluster.remote.us.credentials: ********",
        "4 |   ********",
    ]


@pytest.mark.parametrize("key", ["PASTEDKEY", "ab"], ids=["long", "short"])
def test_a_duplicate_key_inside_a_secret_mapping_is_not_named(
    tmp_path: Path, key: str
) -> None:
    write_files(
        tmp_path,
        {
            "c/elasticsearch.yml": "cluster.name: c\n",
            "c/users/u.json": (
                f'{{"password": {{"{key}": 1, "{key}": 2}}, "roles": []}}\n'
            ),
        },
    )
    result = rclint(tmp_path, "--output-format", "concise")
    column = 22 + len(key)
    assert result.stdout.splitlines()[:2] == [
        "c/users/u.json:1:14: RC002 `password` must be a string, found an object",
        f"c/users/u.json:1:{column}: RC003 a key of a secret value is given twice in"
        " one mapping; Elasticsearch rejects duplicate keys",
    ]


def masked(sources: dict[str, str], secret: Span, message: str) -> str:
    return redact(message, secret_texts(sources, [secret]))


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (f"found '{API_KEY[:20]}'", "found '********'"),
        (f'found "{API_KEY[4:14]}"', 'found "********"'),
        (f"found `{API_KEY[:9]}...`", "found `********`"),
        # Shorter pieces would mask ordinary words; a key name is no piece.
        (f"key `{API_KEY[:3]}`", f"key `{API_KEY[:3]}`"),
        ("the cluster's `api_key`", "the cluster's `api_key`"),
    ],
)
def test_a_quotation_cut_from_a_secret_is_masked(message: str, shown: str) -> None:
    sources = {"k.json": f'{{"api_key": "{API_KEY}"}}'}
    secret = Span.at("k.json", 1, 13, 43)
    assert masked(sources, secret, message) == shown


def test_a_yaml_alias_cut_from_a_secret_is_masked() -> None:
    sources = {"e.yml": "cluster.remote.us.credentials: *abcdefgh tail\n"}
    secret = Span.at("e.yml", 1, 32, 46)
    message = "invalid YAML: alias *abcdefgh names no anchor given before it"
    shown = "invalid YAML: alias ******** names no anchor given before it"
    assert masked(sources, secret, message) == shown


def test_a_secret_found_inside_a_string_is_masked_without_its_quote() -> None:
    # The value after `password:` runs to the closing quote of the string.
    sources = {"u.json": '{"enabled": "password: hunter22"}'}
    secret = Span.at("u.json", 1, 24, 33)
    message = "`enabled` must be a boolean, found the string `password: hunter22`"
    shown = "`enabled` must be a boolean, found the string `password: ********`"
    assert masked(sources, secret, message) == shown


def lines(findings: list[Finding]) -> list[str]:
    return [
        f"{f.span.file}:{f.span.start.row}:{f.span.start.column}: {f.message}"
        for f in findings
    ]


LONG = "x" * 80


@pytest.mark.parametrize("value", ["password: hunter22", f"password: {LONG}"])
def test_a_schema_message_describes_a_value_that_holds_a_secret(
    lint: Callable[..., list[Finding]], value: str
) -> None:
    """A value cut short to fit a message would show part of its secret."""
    user = json.dumps({"enabled": value, "roles": []})
    files = {"c/elasticsearch.yml": "cluster.name: c\n", "c/users/u.json": user}
    found = lint(files, select=("RC002",))
    assert lines(found) == [
        "c/users/u.json:1:13: `enabled` must be a boolean, found a string"
    ]


def test_a_schema_message_names_nothing_inside_a_secret_mapping(
    lint: Callable[..., list[Finding]],
) -> None:
    # A role named `password` is masked whole in the frame, as a secret.
    roles = "password:\n  indices: x\n  clusterz: [1]\n"
    files = {"c/elasticsearch.yml": "cluster.name: c\n", "c/roles.yml": roles}
    found = lint(files, select=("RC002",))
    assert lines(found) == [
        "c/roles.yml:1:1: role `password` does not match its allowed form; its "
        "value is secret, so what is wrong in it is not shown"
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "xpack.security.http.ssl.keystore.password",
            "takes a value, not an object of settings",
        ),
        (
            "xpack.security.http.ssl.secure_key_passphrase",
            "is a secure setting; store it in the Elasticsearch keystore, "
            "not in elasticsearch.yml",
        ),
    ],
)
def test_a_mapping_under_a_secret_setting_names_none_of_its_keys(
    lint: Callable[..., list[Finding]], setting: str, message: str
) -> None:
    settings = f"cluster.name: c\n{setting}: {{PASTEDKEY: 1}}\n"
    found = lint({"c/elasticsearch.yml": settings}, select=("RC002",))
    assert lines(found) == [f"c/elasticsearch.yml:2:1: `{setting}` {message}"]


def test_a_mapping_under_a_secret_outside_the_checked_settings_is_left_alone(
    lint: Callable[..., list[Finding]],
) -> None:
    """rclint does not know every realm setting, so it reports none; a key
    that only holds a secret's name is still walked."""
    settings = (
        "cluster.name: c\n"
        "xpack.security.authc.realms.ldap.l1.bind_password: {PASTEDKEY: 1}\n"
        "xpack.security.authc.password_hashing: {algorithm: pbkdf2}\n"
    )
    assert lint({"c/elasticsearch.yml": settings}, select=("RC002",)) == []
    root = parse_document("elasticsearch.yml", settings).root
    assert root is not None
    flat = flatten(root, SettingOrigin.NODE)
    assert sorted(flat.by_key) == [
        "cluster.name",
        "xpack.security.authc.password_hashing.algorithm",
    ]
