"""What the server knows of an editor session besides the workspace: the
documents the editor holds open, the edits not linted yet, and a result id
per file for the client's pull requests."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from linter.live import LiveWorkspace, Update


@dataclass(frozen=True, slots=True)
class OpenDocument:
    """A document the editor holds open, with its text as the editor has it."""

    uri: str
    version: int | None
    text: str


class Session:
    """A ``LiveWorkspace`` and the editor's view of it.

    Edits are kept as pending until ``flush``, which hands them to the
    workspace in one go: a burst of keystrokes is linted once. The
    configuration is read from disk, so its unsaved edits are not linted:
    saving it (or the file watcher) reloads it.
    """

    def __init__(self, live: LiveWorkspace) -> None:
        self.live = live
        self._open: dict[str, OpenDocument] = {}
        self._pending: dict[str, str | None] = {}
        self._overlaid: set[str] = set()
        self._counter = itertools.count(1)
        self._results: dict[str, int] = {}

    # --- documents -----------------------------------------------------------

    def open(self, path: str, uri: str, version: int | None, text: str) -> None:
        self._open[path] = OpenDocument(uri, version, text)
        if path in self._overlaid or text != self.live.text(path):
            self.change(path, version, text)

    def change(self, path: str, version: int | None, text: str) -> None:
        if path in self._open:
            self._open[path] = OpenDocument(self._open[path].uri, version, text)
        # The configuration is read from disk, so it counts when saved.
        if not self.live.is_config(path):
            self._pending[path] = text

    def close(self, path: str) -> None:
        self._open.pop(path, None)
        if path in self._overlaid or path in self._pending:
            self._pending[path] = None

    def document(self, path: str) -> OpenDocument | None:
        return self._open.get(path)

    @property
    def configs(self) -> Mapping[str, str]:
        """The texts of the configuration files open in the editor, saved
        or not: what the client's positions in them count in."""
        return {
            path: document.text
            for path, document in self._open.items()
            if self.live.is_config(path)
        }

    @property
    def uris(self) -> Mapping[str, str]:
        """The URI the client names each open document with, by path."""
        return _Uris(self._open)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    # --- changes -------------------------------------------------------------

    def flush(self) -> Update:
        """Lint the pending edits; what changed, over all of them."""
        changed: set[str] = set()
        error = self.live.error
        pending, self._pending = self._pending, {}
        for path, text in pending.items():
            update = self.live.set_text(path, text)
            changed |= update.changed
            error = update.error
            if text is None:
                self._overlaid.discard(path)
            else:
                self._overlaid.add(path)
        return self._counted(Update(frozenset(changed), error))

    def files_changed(self, paths: Iterable[str]) -> Update:
        """Files changed on disk; pending edits are linted with them."""
        first = self.flush()
        update = self._counted(self.live.files_changed(paths))
        return Update(first.changed | update.changed, update.error)

    def result_id(self, path: str) -> str:
        """Changes whenever the findings of ``path`` do."""
        return str(self._results.get(path, 0))

    def renew(self, paths: Iterable[str]) -> None:
        """Give ``paths`` new result ids: what the client is sent for them
        changed besides their findings."""
        for path in paths:
            self._results[path] = next(self._counter)

    def _counted(self, update: Update) -> Update:
        self.renew(update.changed)
        return update


class _Uris(Mapping[str, str]):
    """A live view of the open documents' URIs."""

    def __init__(self, documents: Mapping[str, OpenDocument]) -> None:
        self._documents = documents

    def __getitem__(self, path: str) -> str:
        return self._documents[path].uri

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)
