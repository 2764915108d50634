"""Configured severities and per-file ignores, applied to findings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.config import Config, PerFileIgnore
from linter.findings import Finding, Severity
from linter.policy import apply_policy, configured_severity, matches_file
from linter.source import Span

ROOT = "/work/fleet"


def finding(code: str, file: str, severity: Severity = Severity.WARNING) -> Finding:
    span = Span.at(file, 1, 1, 2)
    return Finding(code, code.lower(), severity, "m", span, "eu", ("x",))


def ignore(pattern: str, *selectors: str) -> PerFileIgnore:
    return PerFileIgnore(pattern, ROOT, selectors, f"{ROOT}/rclint.toml")


@pytest.mark.parametrize(
    ("pattern", "file", "matched"),
    [
        ("roles.yml", f"{ROOT}/eu/roles.yml", True),
        ("roles.yml", f"{ROOT}/eu/roles/roles.yml", True),
        ("*.json", f"{ROOT}/eu/roles/a.json", True),
        ("eu/*.yml", f"{ROOT}/eu/roles.yml", True),
        ("eu/*.yml", f"{ROOT}/eu/roles/a.yml", False),
        ("eu/**/*.json", f"{ROOT}/eu/roles/a.json", True),
        ("eu/**/*.json", f"{ROOT}/eu/a.json", True),
        ("**/api_keys/*", f"{ROOT}/us/api_keys/k.json", True),
        ("./eu/roles.yml", f"{ROOT}/eu/roles.yml", True),
        ("eu/role?.yml", f"{ROOT}/eu/roles.yml", True),
        ("eu/roles.yml", "/elsewhere/eu/roles.yml", False),
        ("e[u]/roles.yml", f"{ROOT}/eu/roles.yml", False),
    ],
)
def test_patterns(pattern: str, file: str, matched: bool) -> None:
    assert matches_file(ignore(pattern, "RC1"), file) is matched


def test_a_relative_file_is_matched_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    entry = PerFileIgnore("eu/*.yml", str(tmp_path), ("RC1",), "rclint.toml")
    assert matches_file(entry, os.path.join("eu", "roles.yml"))


def test_per_file_ignores_drop_the_selected_rules_of_matching_files() -> None:
    config = Config(per_file_ignores=(ignore("legacy/**", "RC1", "RC402"),))
    findings = [
        finding("RC101", f"{ROOT}/legacy/eu/elasticsearch.yml"),
        finding("RC402", f"{ROOT}/legacy/eu/roles.yml"),
        finding("RC401", f"{ROOT}/legacy/eu/roles.yml"),
        finding("RC101", f"{ROOT}/eu/elasticsearch.yml"),
    ]
    kept = apply_policy(findings, config)
    assert [(f.code, f.span.file) for f in kept] == [
        ("RC401", f"{ROOT}/legacy/eu/roles.yml"),
        ("RC101", f"{ROOT}/eu/elasticsearch.yml"),
    ]


def test_broken_input_and_crashes_are_never_ignored_or_lowered() -> None:
    config = Config(
        per_file_ignores=(ignore("**", "ALL"),),
        severities={"ALL": Severity.INFO},
    )
    findings = [
        finding("RC001", f"{ROOT}/eu/roles.yml", Severity.ERROR),
        finding("RC000", f"{ROOT}/eu/elasticsearch.yml", Severity.ERROR),
    ]
    assert apply_policy(findings, config) == findings


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ({}, Severity.WARNING),
        ({"ALL": Severity.INFO}, Severity.INFO),
        ({"ALL": Severity.INFO, "RC4": Severity.ERROR}, Severity.ERROR),
        ({"RC4": Severity.ERROR, "RC402": Severity.INFO}, Severity.INFO),
        ({"RC402": Severity.INFO, "RC4": Severity.ERROR}, Severity.INFO),
        ({"RC1": Severity.ERROR}, Severity.WARNING),
    ],
)
def test_the_most_specific_severity_wins(
    severities: dict[str, Severity], expected: Severity
) -> None:
    assert configured_severity("RC402", Severity.WARNING, severities) is expected


def test_severity_overrides_decide_the_exit_code(tmp_path: Path) -> None:
    (tmp_path / "eu").mkdir()
    (tmp_path / "eu" / "elasticsearch.yml").write_text(
        "cluster.name: eu\ncluster.remote.us.seeds: [us.example:9300]\n"
    )
    (tmp_path / "eu" / "elasticsearch.keystore.list").write_text("keystore.seed\n")
    (tmp_path / "us").mkdir()
    (tmp_path / "us" / "elasticsearch.yml").write_text(
        "cluster.name: us\nnetwork.host: us.example\n"
    )
    (tmp_path / "rclint.toml").write_text(
        '[severity]\nRC101 = "info"\n\n[per-file-ignores]\n"eu/*.yml" = ["RC2"]\n'
    )
    command = [sys.executable, "-m", "linter", "check", ".", "--output-format"]
    run = [*command, "concise", "-q"]
    isolated = [*run, "--isolated"]
    unfiltered = subprocess.run(isolated, cwd=tmp_path, capture_output=True, text=True)
    done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True)
    assert unfiltered.returncode == 1
    assert [line.split()[1] for line in unfiltered.stdout.splitlines()] == [
        "RC101",
        "RC202",
    ]
    assert (done.returncode, done.stdout) == (
        0,
        "eu/elasticsearch.yml:2:1: RC101 remote cluster `us` uses the certificate "
        "security model, deprecated since 9.0; migrate it to the API key model: "
        "create a cross-cluster API key on the remote and add it to the keystore "
        "as `cluster.remote.us.credentials`\n",
    )
