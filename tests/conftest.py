"""Shared test harness: write a workspace into a temporary directory, lint it,
and compare findings as ``path:row:col: CODE message`` lines."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from linter import config as config_module
from linter import engine, host
from linter.findings import Finding
from linter.model import Graph
from linter.suppressions_stage import AcceptanceOptions

Files = Mapping[str, str]


@pytest.fixture(autouse=True)
def _outside_a_ci_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test, and the rclint processes it starts, as outside a
    GitHub Actions job, where the default output format changes."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write_files(root: Path, files: Files) -> None:
    """Write ``files`` (relative path to text, dedented) under ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def line(finding: Finding) -> str:
    """A finding as the concise output prints it."""
    start = finding.span.start
    place = f"{finding.span.file}:{start.row}:{start.column}"
    return f"{place}: {finding.code} {finding.message}"


@pytest.fixture
def workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Files], Path]:
    """Write files into a fresh directory and make it the working directory."""
    monkeypatch.chdir(tmp_path)

    def make(files: Files) -> Path:
        write_files(tmp_path, files)
        return tmp_path

    return make


@pytest.fixture
def lint(workspace: Callable[[Files], Path]) -> Callable[..., list[Finding]]:
    """Lint a workspace of ``files``; ``select`` limits the rules by code or
    prefix (all rules by default); ``baseline`` names a baseline file of the
    workspace. Paths in findings are relative to the workspace, as the CLI
    prints them."""

    def run(
        files: Files, select: tuple[str, ...] = ("ALL",), baseline: str | None = None
    ) -> list[Finding]:
        workspace(files)
        config = config_module.load_config(["."])
        config = config_module.replace_selection(config, select=select)
        every_rule = host.load_rules()
        config = config_module.validate_rule_options(config, every_rule)
        rules = host.select_rules(every_rule, config)
        options = AcceptanceOptions(datetime.date.today(), baseline=baseline)
        result = engine.lint(["."], config, rules, every_rule, options)
        return list(result.findings)

    return run


@pytest.fixture
def build_graph(workspace: Callable[[Files], Path]) -> Callable[[Files], Graph]:
    """Build the graph of a workspace of ``files``."""

    def run(files: Files) -> Graph:
        workspace(files)
        return engine.build(["."], config_module.load_config(["."]))

    return run
