"""Fixtures of the ``rclint server`` tests: a client connected to a
server process, and the two-cluster workspace of ``editor``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient

from lsp.editor import SERVER, WORKSPACE, write_workspace


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield
    if lsp_client.capabilities is not None:
        await lsp_client.shutdown_session()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_workspace(tmp_path, WORKSPACE)
    return tmp_path
