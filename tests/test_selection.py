"""Rules that always run, whatever the selectors say."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from linter.config import Config, replace_selection
from linter.findings import Rule, Severity
from linter.selection import select_rules


def rule(code: str) -> Rule:
    return Rule(code, code.lower(), Severity.ERROR, "A rule.", "", lambda _: iter(()))


RULES = tuple(rule(code) for code in ("RC001", "RC002", "RC101"))


@pytest.mark.parametrize(
    "config",
    [
        Config(ignore=("ALL",)),
        Config(ignore=("RC0",)),
        Config(ignore=("RC001",)),
        Config(select=("RC1",)),
        replace_selection(Config(), select=["RC101"]),
        replace_selection(Config(), ignore=["RC001"]),
    ],
)
def test_invalid_syntax_cannot_be_deselected(config: Config) -> None:
    assert "RC001" in [r.code for r in select_rules(RULES, config)]


def test_ignoring_invalid_syntax_by_its_code_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = replace_selection(Config(ignore=("RC0",)), ignore=["RC001"])
    with caplog.at_level(logging.WARNING):
        chosen = select_rules(RULES, config)
    assert [r.code for r in chosen] == ["RC001", "RC101"]
    assert caplog.messages == [
        "RC001 cannot be ignored: a file that does not parse always fails the run"
    ]


def test_a_file_that_does_not_parse_fails_a_run_that_ignores_all(
    tmp_path: Path,
) -> None:
    cluster = tmp_path / "eu"
    cluster.mkdir()
    (cluster / "elasticsearch.yml").write_text("cluster.name: eu\n")
    (cluster / "roles.yml").write_text("reader: [\n")
    command = [sys.executable, "-m", "linter", "check", ".", "--ignore", "ALL"]
    done = subprocess.run(
        [*command, "--output-format", "concise"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "eu/roles.yml:2:1: RC001 invalid YAML: did not find expected node content",
        "Found 1 finding (1 error, 0 warnings, 0 info).",
    ]
