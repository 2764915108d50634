"""The bundled example workspace: every rule of the rules table fires at
least once on the broken clusters, and the clean cluster stays clean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE_RULES = {
    "RC001", "RC002", "RC003", "RC101", "RC201", "RC202", "RC301", "RC302", "RC401",
    "RC402", "RC403", "RC404", "RC405",
}  # fmt: skip


def check_examples(*options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "linter", "check", "examples/", *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_every_rule_fires_on_the_broken_clusters_and_us_prod_is_clean() -> None:
    result = check_examples("--output-format", "json")

    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert {finding["code"] for finding in findings} >= TABLE_RULES
    assert {finding["cluster"] for finding in findings} == {"eu-prod", "eu-archive"}


def test_the_findings_of_the_example_workspace() -> None:
    result = check_examples("--output-format", "concise", "--quiet")

    places = [line.split(" ", 2)[:2] for line in result.stdout.splitlines()]
    prefix = "examples/clusters/"
    assert places == [
        [f"{prefix}eu-archive/elasticsearch.yml:12:1:", "RC003"],
        [f"{prefix}eu-archive/roles/archive-writer.json:3:5:", "RC002"],
        [f"{prefix}eu-archive/roles/archive-writer.json:5:7:", "RC002"],
        [f"{prefix}eu-archive/roles/legacy-ingest.json:6:35:", "RC001"],
        [f"{prefix}eu-prod/elasticsearch.yml:19:61:", "RC302"],
        [f"{prefix}eu-prod/elasticsearch.yml:24:5:", "RC301"],
        [f"{prefix}eu-prod/elasticsearch.yml:27:5:", "RC101"],
        [f"{prefix}eu-prod/elasticsearch.yml:27:5:", "RC202"],
        [f"{prefix}eu-prod/roles.yml:6:15:", "RC402"],
        [f"{prefix}eu-prod/roles.yml:10:26:", "RC401"],
        [f"{prefix}eu-prod/roles.yml:15:15:", "RC404"],
        [f"{prefix}eu-prod/roles.yml:21:15:", "RC402"],
        [f"{prefix}eu-prod/roles.yml:21:44:", "RC405"],
        [f"{prefix}eu-prod/roles.yml:24:15:", "RC403"],
        [f"{prefix}eu-prod/users_roles:2:1:", "RC201"],
    ]


def test_the_readme_shows_a_finding_as_rclint_prints_it() -> None:
    readme = (ROOT / "README.md").read_text()
    sample = readme.split("A typical finding reads:\n\n```text\n", 1)[1]
    sample = sample.split("```", 1)[0]
    printed = check_examples("--quiet").stdout

    assert sample.splitlines()[0].startswith("examples/clusters/eu-prod/roles.yml")
    assert sample in printed
