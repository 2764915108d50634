"""File texts for an editor session: the unsaved text of open documents
over the disk, and each file's parsed document kept until its text
changes, so an edit re-parses one file, not its whole cluster."""

from __future__ import annotations

import os

from linter import documents
from linter.source import Document, Problem


class EditorFiles:
    """A ``loading.FileSource``: ``overlays`` holds the editor's texts by
    absolute path."""

    def __init__(self) -> None:
        self.overlays: dict[str, str] = {}
        self._parsed: dict[str, Document] = {}

    def document(self, path: str) -> Document:
        text = self.overlays.get(path)
        if text is None:
            text, problem = documents.read_text(path)
            if problem is not None or text is None:
                # Undecodable or unreadable: the problem document, uncached.
                return documents.read_document(path)
        cached = self._parsed.get(path)
        if cached is not None and cached.text == text:
            return cached
        document = documents.parse_document(path, text)
        self._parsed[path] = document
        return document

    def text(self, path: str) -> tuple[str | None, Problem | None]:
        text = self.overlays.get(path)
        return (text, None) if text is not None else documents.read_text(path)

    def unsaved(self, folder: str) -> list[str]:
        """Open documents in ``folder`` that are not on the disk (yet)."""
        return [
            os.path.basename(path)
            for path in self.overlays
            if os.path.dirname(path) == folder and not os.path.lexists(path)
        ]
