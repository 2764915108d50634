"""The baseline: written sorted and readable, keyed on what findings are
about; what it holds is accepted, what no longer matches is stale."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from linter import engine, host
from linter.config import Config, replace_selection
from linter.errors import UsageError
from linter.findings import Finding
from linter.suppressions_stage import AcceptanceOptions

Workspace = Callable[[Mapping[str, str]], Path]
TODAY = datetime.date(2026, 6, 1)
BASELINE = "rclint-baseline.json"

TWO_LINKS = {
    "eu/elasticsearch.yml": (
        "cluster.name: eu\n"
        'cluster.remote.old.seeds: ["old.example.com:9300"]\n'
        'cluster.remote.new.seeds: ["new.example.com:9300"]\n'
    ),
    "eu/elasticsearch.keystore.list": "keystore.seed\n",
}


def lint(
    workspace: Workspace,
    files: Mapping[str, str],
    update: bool = False,
    select: tuple[str, ...] = ("RC0", "RC1"),
) -> list[Finding]:
    workspace(files)
    every = host.load_rules()
    config = replace_selection(Config(), select=select)
    rules = host.select_rules(every, config)
    options = AcceptanceOptions(TODAY, baseline=BASELINE, update_baseline=update)
    return list(engine.lint(["."], config, rules, every, options).findings)


def line(f: Finding) -> str:
    return (
        f"{f.span.file}:{f.span.start.row}:{f.span.start.column}: {f.code} {f.message}"
    )


def shown(findings: list[Finding]) -> list[str]:
    return [line(f) for f in findings if f.suppression is None]


def baselined(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [
        (f.code, f.span.start.row, s.reason)
        for f in findings
        if (s := f.suppression) is not None and s.kind == "baseline"
    ]


def test_update_writes_every_finding_sorted_by_identity(
    workspace: Workspace, tmp_path: Path
) -> None:
    findings = lint(workspace, TWO_LINKS, update=True)

    assert shown(findings) == []
    assert baselined(findings) == [
        ("RC101", 2, f"accepted in the baseline {BASELINE}"),
        ("RC101", 3, f"accepted in the baseline {BASELINE}"),
    ]
    assert (tmp_path / BASELINE).read_text() == (
        "{\n"
        '  "version": 1,\n'
        '  "entries": [\n'
        "    {\n"
        '      "rule": "RC101",\n'
        '      "name": "deprecated-cert-link",\n'
        '      "cluster": "eu",\n'
        '      "identity": ["alias", "new"],\n'
        '      "occurrence": 1,\n'
        f'      "fingerprint": "{findings[1].fingerprint}",\n'
        f'      "message": {json.dumps(findings[1].message)}\n'
        "    },\n"
        "    {\n"
        '      "rule": "RC101",\n'
        '      "name": "deprecated-cert-link",\n'
        '      "cluster": "eu",\n'
        '      "identity": ["alias", "old"],\n'
        '      "occurrence": 1,\n'
        f'      "fingerprint": "{findings[0].fingerprint}",\n'
        f'      "message": {json.dumps(findings[0].message)}\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


def test_the_baseline_accepts_what_it_holds_and_reports_the_rest(
    workspace: Workspace,
) -> None:
    lint(workspace, {**TWO_LINKS, "eu/elasticsearch.yml": _yml("old")}, update=True)

    findings = lint(workspace, TWO_LINKS)

    assert baselined(findings) == [("RC101", 2, f"accepted in the baseline {BASELINE}")]
    assert [
        f.code + ":" + str(f.span.start.row) for f in findings if not f.suppression
    ] == ["RC101:3"]


def _yml(*aliases: str) -> str:
    seeds = "".join(
        f'cluster.remote.{alias}.seeds: ["{alias}.example.com:9300"]\n'
        for alias in aliases
    )
    return "cluster.name: eu\n" + seeds


def test_an_entry_that_matches_nothing_is_stale_at_its_row(
    workspace: Workspace,
) -> None:
    lint(workspace, TWO_LINKS, update=True)

    findings = lint(workspace, {**TWO_LINKS, "eu/elasticsearch.yml": _yml("old")})

    assert shown(findings) == [
        f"{BASELINE}:4:5: RC014 stale baseline entry: no RC101 finding on cluster "
        '`eu` about ["alias", "new"] is left for it to accept; remove the entry, '
        f"or rewrite the baseline with `rclint check --baseline {BASELINE} "
        "--update-baseline`"
    ]
    assert findings[-1].cluster == "eu"


def test_update_drops_stale_entries_and_keeps_those_out_of_reach(
    workspace: Workspace, tmp_path: Path
) -> None:
    lint(workspace, TWO_LINKS, update=True, select=("RC0", "RC1"))
    lint(workspace, {**TWO_LINKS, "eu/elasticsearch.yml": _yml("old")}, update=True)
    only_rc4 = lint(workspace, TWO_LINKS, select=("RC0", "RC4"))

    entries = json.loads((tmp_path / BASELINE).read_text())["entries"]
    assert [entry["identity"] for entry in entries] == [["alias", "old"]]
    # RC101 did not run: its entry is neither stale nor dropped.
    assert shown(only_rc4) == []


def test_a_file_that_does_not_parse_is_never_baselined(
    workspace: Workspace, tmp_path: Path
) -> None:
    files = {**TWO_LINKS, "eu/roles.yml": "a: [\n"}

    findings = lint(workspace, files, update=True)

    entries = json.loads((tmp_path / BASELINE).read_text())["entries"]
    assert {entry["rule"] for entry in entries} == {"RC101"}
    assert [f.code for f in findings if f.suppression is None] == ["RC001"]


def test_an_entry_written_twice_is_stale(workspace: Workspace, tmp_path: Path) -> None:
    lint(workspace, {**TWO_LINKS, "eu/elasticsearch.yml": _yml("old")}, update=True)
    document = json.loads((tmp_path / BASELINE).read_text())
    document["entries"] *= 2
    (tmp_path / BASELINE).write_text(json.dumps(document, indent=2))

    findings = lint(workspace, {**TWO_LINKS, "eu/elasticsearch.yml": _yml("old")})

    assert [(f.code, f.span.start.row) for f in findings if not f.suppression] == [
        ("RC014", 16)
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", f"{BASELINE}:1:1: a baseline is a JSON object"),
        (
            '{"version": 2, "entries": []}',
            f'{BASELINE}:1:13: a baseline has `"version": 1`',
        ),
        ('{"version": 1}', f"{BASELINE}:1:1: a baseline has an `entries` array"),
        (
            '{"version": 1, "entries": [{"rule": "RC101", "cluster": "eu"}]}',
            f"{BASELINE}:1:28: `identity` of a baseline entry must be an array of "
            "strings; found nothing",
        ),
        (
            '{"version": 1, "entries": [{"rule": 101, "identity": []}]}',
            f"{BASELINE}:1:37: `rule` of a baseline entry must be a string; "
            "found `101`",
        ),
        (
            '{"version": 1, "entries": [{"rule": "RC101", "identity": [], '
            '"occurrence": 0}]}',
            f"{BASELINE}:1:76: `occurrence` of a baseline entry must be a whole "
            "number from 1; found `0`",
        ),
        ('{"version": 1,', f"{BASELINE}:1:15: the baseline is not valid JSON: "),
    ],
)
def test_a_baseline_that_cannot_be_read_is_a_usage_error(
    workspace: Workspace, tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / BASELINE).write_text(text)

    with pytest.raises(UsageError) as error:
        lint(workspace, TWO_LINKS)

    assert str(error.value).startswith(message)


def test_a_missing_baseline_is_a_usage_error_unless_it_is_being_written(
    workspace: Workspace,
) -> None:
    with pytest.raises(UsageError) as error:
        lint(workspace, TWO_LINKS)

    assert str(error.value) == (
        f"baseline file {BASELINE} does not exist; write it with --update-baseline"
    )
