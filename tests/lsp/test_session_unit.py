"""The editor's side of the workspace: pending edits linted in one go,
result ids that change with a file's findings, and the debounce."""

from __future__ import annotations

import asyncio
from pathlib import Path

from linter.live import LiveWorkspace
from linter.lsp.debounce import Debouncer
from linter.lsp.session import Session
from lsp.editor import NARROW_KEY, WORKSPACE, write_workspace


def session_of(root: Path) -> Session:
    write_workspace(root, WORKSPACE)
    return Session(LiveWorkspace(str(root)))


def test_a_burst_of_edits_is_linted_once_on_flush(tmp_path: Path) -> None:
    session = session_of(tmp_path)
    key, role = str(tmp_path / "us/api_keys/eu.json"), str(tmp_path / "eu/roles.yml")
    session.open(key, "file:///key", 1, WORKSPACE["us/api_keys/eu.json"])
    assert not session.has_pending

    for version, text in enumerate([NARROW_KEY[:10], NARROW_KEY[:30], NARROW_KEY]):
        session.change(key, version + 2, text)
    assert session.has_pending
    update = session.flush()

    assert update.changed == {role}
    assert not session.has_pending
    assert [f.code for f in session.live.findings(role)] == ["RC402"]
    document = session.document(key)
    assert document is not None and document.version == 4


def test_result_ids_change_with_the_findings_of_their_file(tmp_path: Path) -> None:
    session = session_of(tmp_path)
    key, role = str(tmp_path / "us/api_keys/eu.json"), str(tmp_path / "eu/roles.yml")
    assert (session.result_id(key), session.result_id(role)) == ("0", "0")

    session.open(key, "file:///key", 1, NARROW_KEY)
    session.flush()
    first = session.result_id(role)
    assert first != "0"
    assert session.result_id(key) == "0"

    session.close(key)
    session.flush()
    assert session.result_id(role) not in ("0", first)
    assert session.live.findings(role) == ()


def test_the_configuration_is_read_from_disk_not_from_the_editor(
    tmp_path: Path,
) -> None:
    session = session_of(tmp_path)
    config = str(tmp_path / "rclint.toml")
    session.open(config, "file:///rclint.toml", 1, 'select = ["RC101"]\n')
    session.change(config, 2, 'select = ["RC1O1"]\n')
    assert not session.has_pending
    assert session.uris == {config: "file:///rclint.toml"}


async def test_the_debouncer_runs_once_after_the_last_poke() -> None:
    ran = asyncio.Event()
    calls = []

    def action() -> None:
        calls.append(asyncio.get_running_loop().time())
        ran.set()

    debouncer = Debouncer(0.001, action)
    for _ in range(5):
        debouncer.poke()
    assert debouncer.pending
    await ran.wait()

    assert len(calls) == 1
    assert not debouncer.pending


async def test_a_flush_runs_a_due_action_at_once_and_only_then() -> None:
    calls: list[int] = []
    debouncer = Debouncer(60.0, lambda: calls.append(1))
    debouncer.flush()
    assert calls == []

    debouncer.poke()
    debouncer.poke()
    debouncer.flush()
    assert calls == [1]
    assert not debouncer.pending
