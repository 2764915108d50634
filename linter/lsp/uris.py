"""Document URIs and the absolute paths the engine keys files by."""

from __future__ import annotations

import os
import urllib.parse

from pygls.uris import to_fs_path


def path_of(uri: str) -> str | None:
    """The absolute, normalised path of a ``file:`` URI; None for any
    other scheme (an untitled buffer, a diff view) or another host.

    On POSIX the percent-escapes are the bytes of the name, decoded as the
    file system decodes names: a name that is not UTF-8 comes back as the
    path the engine read it by, as ``file_uri`` spelt it.
    """
    if not uri.startswith("file:"):
        return None
    if os.name == "nt":
        path = to_fs_path(uri)
        return os.path.abspath(path) if path else None
    parts = urllib.parse.urlsplit(uri)
    if parts.netloc not in ("", "localhost"):
        return None
    path = urllib.parse.unquote(parts.path, errors="surrogateescape")
    return os.path.abspath(path) if path else None
