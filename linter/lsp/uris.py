"""Document URIs and the absolute paths the engine keys files by."""

from __future__ import annotations

import os

from pygls.uris import to_fs_path


def path_of(uri: str) -> str | None:
    """The absolute, normalised path of a ``file:`` URI; None for any
    other scheme (an untitled buffer, a diff view)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return os.path.abspath(path) if path else None
