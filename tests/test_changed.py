"""Findings that touch changed files."""

from __future__ import annotations

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
