"""Linting part of a workspace: links tables of clusters left out are normal."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from linter import engine
from linter.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def test_a_links_table_of_a_cluster_not_linted_is_only_debug(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    caplog.set_level(logging.DEBUG, logger="linter.graph")
    paths = ["examples/clusters/us-prod"]

    engine.build(paths, load_config(paths))

    tables = [
        (record.levelname, record.getMessage())
        for record in caplog.records
        if record.getMessage().startswith("configuration table")
    ]
    assert tables == [
        (
            "DEBUG",
            "configuration table [links.eu-prod.us] names cluster `eu-prod`, "
            "which is not among the clusters linted",
        )
    ]


def test_linting_the_clean_example_cluster_alone_prints_nothing() -> None:
    command = [sys.executable, "-m", "linter", "check", "examples/clusters/us-prod"]

    result = subprocess.run([*command, "-q"], cwd=ROOT, capture_output=True, text=True)

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
