"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit tool.

``pre-commit try-repo`` installs rclint from this repository into a hook
environment of its own (once for the module: it takes a while) and runs a
hook in a scratch git repository that holds a workspace: broken first, then
fixed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

US_YML = "cluster.name: us\nnetwork.host: us.example.internal\n"
EU_YML = (
    "cluster.name: eu\n"
    'cluster.remote.us.seeds: ["us.example.internal:9443"]\n'
    "xpack.security.remote_cluster_client.ssl.certificate_authorities: [ca.crt]\n"
)
KEY = '{"name": "eu", "access": {"search": [{"names": ["logs-*"]}]}}\n'
BROKEN_ROLE = '{"remote_indices": [{"clusters": ["us"], "names": ["logs-*"],}]}\n'
FIXED_ROLE = (
    '{"remote_indices": [{"clusters": ["us"], "names": ["logs-*"], '
    '"privileges": ["read"]}]}\n'
)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where pre-commit keeps its hook environments for this module's runs."""
    if not (ROOT / ".git").exists():
        pytest.fail("the pre-commit test needs rclint's git checkout")
    home = tmp_path_factory.mktemp("pre-commit-home")
    yield home
    shutil.rmtree(home, ignore_errors=True)


def git(repository: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=repository, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository holding a two-cluster workspace with a broken role."""
    files = {
        "clusters/us/elasticsearch.yml": US_YML,
        "clusters/us/api_keys/eu.json": KEY,
        "clusters/eu/elasticsearch.yml": EU_YML,
        "clusters/eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "clusters/eu/roles/reader.json": BROKEN_ROLE,
        "notes.txt": "not read\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    return tmp_path


def try_repo(
    repository: Path, home: Path, hook: str, *arguments: str
) -> subprocess.CompletedProcess[str]:
    command = [*PRE_COMMIT, "try-repo", str(ROOT), hook, "--color", "never"]
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        [*command, *arguments],
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_workspace_hook_fails_then_passes(
    repository: Path, hook_home: Path
) -> None:
    broken = try_repo(repository, hook_home, "rclint", "--all-files")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert (
        "clusters/eu/roles/reader.json:1:61: RC001 [error] invalid JSON: "
        "trailing comma before '}'"
    ) in broken.stdout

    (repository / "clusters/eu/roles/reader.json").write_text(FIXED_ROLE)
    git(repository, "add", ".")
    fixed = try_repo(repository, hook_home, "rclint", "--all-files")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    # pre-commit shows a passing hook's output only with --verbose.
    assert re.search(r"^rclint\.+Passed$", fixed.stdout, re.MULTILINE)


def test_the_changed_files_hook_reports_only_their_findings(
    repository: Path, hook_home: Path
) -> None:
    unrelated = try_repo(
        repository,
        hook_home,
        "rclint-changed",
        "--files",
        "clusters/us/elasticsearch.yml",
    )
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr

    changed = try_repo(
        repository,
        hook_home,
        "rclint-changed",
        "--files",
        "clusters/eu/roles/reader.json",
    )
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "clusters/eu/roles/reader.json:1:61: RC001" in changed.stdout
