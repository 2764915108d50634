"""Suppressions and the baseline on the command line, run as a user runs it.

The baseline keeps matching when a role moves from roles.yml to its own
file and when files are converted between JSON and YAML: its entries name
what findings are about, never where they are written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LOCAL = {
    "eu/elasticsearch.yml": 'cluster.name: eu\ncluster.remote.us.seeds: ["us:9443"]\n',
    "eu/elasticsearch.keystore.list": "keystore.seed\ncluster.remote.us.credentials\n",
    "us/elasticsearch.yml": "cluster.name: us\nremote_cluster_server.enabled: true\n",
}
KEY_JSON = '{"name": "eu", "access": {"search": [{"names": ["logs-prod-*"]}]}}\n'
KEY_YAML = "name: eu\naccess:\n  search:\n    - names: [logs-prod-*]\n"
ROLES_YML = """\
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [read, write]
"""
ROLE_JSON = """\
{
  "remote_indices": [
    {"clusters": ["us"], "names": ["logs-*"], "privileges": ["read", "write"]}
  ]
}
"""
ROLE_YAML = """\
remote_indices:
  - clusters: [us]
    names: ["logs-*"]
    privileges: [read, write]
"""
SELECT = ("--select", "RC0,RC4")


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def rclint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "linter", "check", ".", *SELECT, *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [f"{item['filename']}:{item['code']}" for item in json.loads(result.stdout)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {**LOCAL, "us/api_keys/eu.json": KEY_JSON, "eu/roles.yml": ROLES_YML},
    )
    return tmp_path


def test_the_baseline_survives_moving_and_converting_the_files(root: Path) -> None:
    written = rclint(root, "--baseline", "baseline.json", "--update-baseline")
    assert (written.returncode, written.stdout) == (0, "All checks passed.\n")
    entries = json.loads((root / "baseline.json").read_text())["entries"]
    assert [(e["rule"], e["identity"][:2]) for e in entries] == [
        ("RC401", ["role", "remote-search"]),
        ("RC402", ["role", "remote-search"]),
    ]

    (root / "eu/roles.yml").unlink()
    write(root, {"eu/roles/remote-search.json": ROLE_JSON})
    moved = rclint(root, "--baseline", "baseline.json")

    (root / "eu/roles/remote-search.json").unlink()
    (root / "us/api_keys/eu.json").unlink()
    write(
        root, {"eu/roles/remote-search.yml": ROLE_YAML, "us/api_keys/eu.yml": KEY_YAML}
    )
    converted = rclint(root, "--baseline", "baseline.json")

    assert (moved.returncode, moved.stdout) == (0, "All checks passed.\n")
    assert (converted.returncode, converted.stdout) == (0, "All checks passed.\n")


def test_a_new_finding_and_a_stale_entry_fail_the_run(root: Path) -> None:
    rclint(root, "--baseline", "baseline.json", "--update-baseline")
    narrower = ROLES_YML.replace("read, write", "read, manage")

    write(root, {"eu/roles.yml": narrower})
    result = rclint(root, "--baseline", "baseline.json", "--output-format", "json")

    assert result.returncode == 1
    assert codes(result) == ["baseline.json:RC014", "eu/roles.yml:RC401"]


def test_update_baseline_needs_a_file(root: Path) -> None:
    result = rclint(root, "--update-baseline")

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "rclint: error: --update-baseline needs --baseline FILE: the file to write\n"
    )


def test_suppressions_pass_the_run_and_audit_mode_shows_them(root: Path) -> None:
    metadata = textwrap.indent(
        "metadata:\n  rclint:\n    ignore:\n"
        '      RC401: "the key caps it"\n      RC402: "the key caps it"\n',
        "  ",
    )
    write(
        root,
        {
            "eu/roles.yml": ROLES_YML.replace(
                "  remote_indices", metadata + "  remote_indices"
            )
        },
    )

    checked = rclint(root, "--output-format", "json")
    audit = rclint(root, "--output-format", "json", "--ignore-suppressions")

    assert (checked.returncode, codes(checked)) == (0, [])
    assert (audit.returncode, codes(audit)) == (
        1,
        ["eu/roles.yml:RC402", "eu/roles.yml:RC401"],
    )


def test_sarif_keeps_baselined_findings_with_their_justification(root: Path) -> None:
    rclint(root, "--baseline", "baseline.json", "--update-baseline")

    result = rclint(root, "--baseline", "baseline.json", "--output-format", "sarif")

    results = json.loads(result.stdout)["runs"][0]["results"]
    assert result.returncode == 0
    assert [r["suppressions"][0]["justification"] for r in results] == [
        "accepted in the baseline baseline.json"
    ] * 2
