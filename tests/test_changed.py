"""Findings that touch changed files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linter.changed import touching
from linter.findings import Finding, Related, Severity
from linter.source import Span


def finding(file: str, *related: str) -> Finding:
    return Finding(
        "RC402",
        "remote-index-exceeds-api-key",
        Severity.WARNING,
        "m",
        Span.at(file, 1, 1, 2),
        "eu",
        (file,),
        tuple(Related(Span.at(other, 2, 1, 3), "r") for other in related),
    )


def test_a_finding_touches_its_file_and_its_related_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    role = finding("eu/roles.yml", "us/api_keys/k.json")
    other = finding("eu/elasticsearch.yml")
    findings = [role, other]
    assert touching(findings, ["us/api_keys/k.json"]) == [role]
    assert touching(findings, ["./eu/roles.yml"]) == [role]
    assert touching(findings, [str(tmp_path / "eu" / "elasticsearch.yml")]) == [other]
    assert touching(findings, ["us/elasticsearch.yml"]) == []


def test_check_changed_lints_the_workspace_and_reports_on_the_changed(
    tmp_path: Path,
) -> None:
    (tmp_path / "eu").mkdir()
    (tmp_path / "eu" / "elasticsearch.yml").write_text(
        "cluster.name: eu\ncluster.remote.us.seeds: [us.example:9300]\n"
    )
    (tmp_path / "eu" / "elasticsearch.keystore.list").write_text("keystore.seed\n")
    (tmp_path / "us").mkdir()
    (tmp_path / "us" / "elasticsearch.yml").write_text("cluster.name: us\n")
    (tmp_path / "rclint.toml").write_text('select = ["RC1"]\n')

    def codes_for(*changed: str) -> list[str]:
        command = [sys.executable, "-m", "linter", "check", "--changed", *changed]
        done = subprocess.run(
            [*command, "--output-format", "concise", "-q"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        return [line.split()[1] for line in done.stdout.splitlines()]

    assert codes_for("us/elasticsearch.yml") == []
    assert codes_for("eu/elasticsearch.yml") == ["RC101"]
    assert codes_for("us/elasticsearch.yml", "rclint.toml") == ["RC101"]
