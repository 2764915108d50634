"""Findings as the diagnostics a client is sent, pushed or pulled.

The diagnostics are those of the ``lsp`` output format (``Diagnostics``
of ``linter.reporters.lsp``): same codes, messages, ranges in UTF-16 code
units, rule pages and related places. Suppressed findings are left out,
as every format but SARIF leaves them out; an unused suppression or a
stale baseline entry is tagged ``Unnecessary``, which editors show faded,
as they show unused code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lsprotocol import types
from lsprotocol.converters import get_converter

from linter import documents
from linter.config import CONFIG_FILES
from linter.findings import Finding
from linter.live import LiveWorkspace
from linter.reporters.lsp import SOURCE, Diagnostics
from linter.reporters.places import Columns, file_uri
from linter.reporters.redaction import redact, secret_texts, showable
from linter.source import Position, Span

# Findings about a suppression or a baseline entry that does nothing.
UNNECESSARY = frozenset({"RC012", "RC014"})

_CONVERTER = get_converter()


class _Texts(Mapping[str, str]):
    """The text of each file as linted: the editor's, else the disk's. The
    configuration files, which the graph does not hold, as the editor shows
    them (``editor``: the configuration documents open), else as on disk."""

    def __init__(self, live: LiveWorkspace, editor: Mapping[str, str]) -> None:
        self._live = live
        self._editor = editor
        self._read: dict[str, str | None] = {}

    def __getitem__(self, path: str) -> str:
        text = self._live.text(path)
        if text is None:
            text = self._editor.get(path)
        if text is None and os.path.basename(path) in CONFIG_FILES:
            if path not in self._read:
                self._read[path] = documents.read_text(path)[0]
            text = self._read[path]
        if text is None:
            raise KeyError(path)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._live.graph.sources)

    def __len__(self) -> int:
        return len(self._live.graph.sources)


class View:
    """One state of the workspace as the client sees it: positions in
    UTF-16 code units and every text sent with its secrets masked.

    ``uris`` are the URIs the client named its open documents with, so
    diagnostics come back under the very same URI; other files get
    ``file_uri``'s. ``error`` is the workspace-level error of this state,
    if any: a diagnostic of the file it names a place in. ``editor`` holds
    the texts of configuration files open in the editor.
    """

    def __init__(
        self,
        live: LiveWorkspace,
        uris: Mapping[str, str],
        tags: frozenset[types.DiagnosticTag] = frozenset(),
        error: str | None = None,
        editor: Mapping[str, str] | None = None,
    ) -> None:
        self.live = live
        self.graph = live.graph
        self.error = error
        self._uris = uris
        self._tags = tags
        texts = _Texts(live, editor or {})
        self._texts = texts
        self._secrets = secret_texts(texts, live.graph.secrets)
        self._columns = Columns(texts)
        self._builder = Diagnostics(texts, live.rules, self.redact, self.uri)
        self._error_place = error_place(error) if error is not None else None

    @property
    def secrets(self) -> list[str]:
        """Every form of every secret of the workspace, longest first."""
        return self._secrets

    @property
    def error_files(self) -> frozenset[str]:
        """The file the workspace-level error is placed in, if any."""
        place = self._error_place
        return frozenset({place.path}) if place is not None else frozenset()

    def text(self, path: str) -> str | None:
        """The text of ``path`` as the client sees it, configuration files
        included."""
        return self._texts.get(path)

    def uri(self, path: str) -> str:
        return self._uris.get(path) or file_uri(path)

    def redact(self, text: str) -> str:
        return showable(redact(text, self._secrets))

    def diagnostics(self, path: str) -> list[types.Diagnostic]:
        """The diagnostics of ``path``: its findings, less the suppressed."""
        found = self.live.findings(path)
        diagnostics = [self.diagnostic(f) for f in found if f.suppression is None]
        place = self._error_place
        if place is not None and place.path == path:
            diagnostics.insert(0, self._error_diagnostic(place))
        return diagnostics

    def diagnostic(self, finding: Finding) -> types.Diagnostic:
        data = self._builder.diagnostic(finding)
        if finding.code in UNNECESSARY and types.DiagnosticTag.Unnecessary in (
            self._tags
        ):
            data["tags"] = [types.DiagnosticTag.Unnecessary.value]
        diagnostic: types.Diagnostic = _CONVERTER.structure(data, types.Diagnostic)
        return diagnostic

    def _error_diagnostic(self, place: ErrorPlace) -> types.Diagnostic:
        start = self._builder.position(place.path, place.position)
        position = types.Position(start["line"], start["character"])
        return types.Diagnostic(
            range=types.Range(position, position),
            message=self.redact(place.message),
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )

    def range(self, span: Span) -> types.Range:
        data = self._builder.range(span)
        converted: types.Range = _CONVERTER.structure(data, types.Range)
        return converted

    def position(self, path: str, position: types.Position) -> Position:
        """A client's position as rclint counts: 1-based characters."""
        row = position.line + 1
        utf16 = position.character + 1
        return Position(row, self._columns.character(path, row, utf16))


@dataclass(frozen=True, slots=True)
class ErrorPlace:
    path: str
    position: Position
    message: str


# A workspace-level error names its place as ``file:row:col: message``.
_PLACED = re.compile(
    r"(?P<file>[^\n]+?):(?P<row>\d+):(?P<column>\d+): (?P<message>.+)", re.S
)


def error_place(error: str) -> ErrorPlace | None:
    """Where a workspace-level error (a configuration error) points, when
    it points at a file; its file is shown relative to the working
    directory, as the command line shows it."""
    match = _PLACED.match(error)
    if match is None:
        return None
    path = os.path.abspath(match["file"])
    if not os.path.isfile(path):
        return None
    position = Position(int(match["row"]), int(match["column"]))
    return ErrorPlace(path, position, match["message"])


def publish_params(
    view: View, path: str, version: int | None
) -> types.PublishDiagnosticsParams:
    return types.PublishDiagnosticsParams(
        uri=view.uri(path), diagnostics=view.diagnostics(path), version=version
    )


def document_report(
    view: View, path: str, result_id: str, previous: str | None
) -> types.DocumentDiagnosticReport:
    """The pull answer for one document: unchanged when the client holds
    the findings of ``result_id`` already."""
    if previous == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(
        items=view.diagnostics(path), result_id=result_id
    )


def workspace_item(
    view: View, path: str, result_id: str, previous: str | None, version: int | None
) -> types.WorkspaceDocumentDiagnosticReport:
    uri = view.uri(path)
    if previous == result_id:
        return types.WorkspaceUnchangedDocumentDiagnosticReport(
            uri=uri, version=version, result_id=result_id
        )
    return types.WorkspaceFullDocumentDiagnosticReport(
        uri=uri, version=version, items=view.diagnostics(path), result_id=result_id
    )
