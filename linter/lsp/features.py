"""The protocol methods ``rclint server`` answers, each a thin handler
over ``RclintServer``: documents in, diagnostics, code actions and hovers
out.

A document the server does not lint (another URI scheme, a file outside
the workspace) is accepted and gets no diagnostics. A handler that fails
is logged; a request it fails gets an internal error that names the
method and the error's type, never its text or a traceback (both may quote
what the files hold).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError

from linter.lsp import actions, hover
from linter.lsp.capabilities import CODE_ACTION_OPTIONS, DIAGNOSTIC_OPTIONS
from linter.lsp.diagnostics import document_report, workspace_item
from linter.lsp.server import Editing, RclintServer
from linter.lsp.text_sync import apply_changes
from linter.lsp.uris import path_of

logger = logging.getLogger(__name__)

Handler = TypeVar("Handler", bound=Callable[[Any], Any])


def build_server() -> RclintServer:
    server = RclintServer()
    _documents(server)
    _diagnostics(server)
    _editing_features(server)
    return server


def answer(
    server: RclintServer, method: str, options: Any = None
) -> Callable[[Handler], Handler]:
    """Register a request handler that fails with a plain internal error."""

    def register(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def guarded(params: Any) -> Any:
            try:
                return handler(params)
            except JsonRpcException:
                raise
            except Exception as error:
                logger.error("%s failed", method, exc_info=True)
                kind = type(error).__name__
                message = f"rclint could not answer {method}: {kind}"
                raise JsonRpcInternalError(message) from None

        server.feature(method, options)(guarded)
        return handler

    return register


def hear(server: RclintServer, method: str) -> Callable[[Handler], Handler]:
    """Register a notification handler whose failure is only logged."""

    def register(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def guarded(params: Any) -> None:
            try:
                handler(params)
            except Exception:
                logger.error("%s failed", method, exc_info=True)

        server.feature(method)(guarded)
        return handler

    return register


def _documents(server: RclintServer) -> None:
    @answer(server, types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.start(params)

    @hear(server, types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        server.started()

    @hear(server, types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        found = _linted(server, document.uri)
        if found is None:
            return
        editing, path = found
        editing.session.open(path, document.uri, document.version, document.text)
        if editing.features.pull:
            server.opened(path)
        if editing.session.has_pending:
            editing.debouncer.poke()
        elif not editing.features.pull:
            server.publish(path)

    @hear(server, types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        document = params.text_document
        found = _linted(server, document.uri)
        if found is None:
            return
        editing, path = found
        opened = editing.session.document(path)
        if opened is None:
            logger.warning("a change to %s, which is not open, is ignored", path)
            return
        text = apply_changes(opened.text, params.content_changes)
        editing.session.change(path, document.version, text)
        editing.debouncer.poke()

    @hear(server, types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        found = _linted(server, params.text_document.uri)
        if found is None:
            return
        editing, path = found
        editing.session.close(path)
        if editing.features.pull:
            editing.debouncer.now()
            server.closed(path)
        else:
            editing.debouncer.poke()

    @hear(server, types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        found = _linted(server, params.text_document.uri)
        # The configuration is read from disk: saving it is its change.
        if found is not None and found[0].session.live.is_config(found[1]):
            server.files_changed([found[1]])

    @hear(server, types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        paths = [path for change in params.changes if (path := path_of(change.uri))]
        if paths:
            server.files_changed(paths)


def _diagnostics(server: RclintServer) -> None:
    @answer(server, types.TEXT_DOCUMENT_DIAGNOSTIC, DIAGNOSTIC_OPTIONS)
    def document_diagnostic(
        params: types.DocumentDiagnosticParams,
    ) -> types.DocumentDiagnosticReport:
        found = _linted(server, params.text_document.uri, up_to_date=True)
        if found is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        editing, path = found
        result_id = editing.session.result_id(path)
        return document_report(editing.view, path, result_id, params.previous_result_id)

    @answer(server, types.WORKSPACE_DIAGNOSTIC)
    def workspace_diagnostic(
        params: types.WorkspaceDiagnosticParams,
    ) -> types.WorkspaceDiagnosticReport:
        server.pulling_workspace()
        editing = server.up_to_date()
        if editing is None:
            return types.WorkspaceDiagnosticReport(items=[])
        previous = {
            path: item.value
            for item in params.previous_result_ids
            if (path := path_of(item.uri)) and _in_workspace(editing, path)
        }
        items = _workspace_items(editing, previous)
        return types.WorkspaceDiagnosticReport(items=items)


def _workspace_items(
    editing: Editing, previous: dict[str, str]
) -> Sequence[types.WorkspaceDocumentDiagnosticReport]:
    session = editing.session
    paths = set(session.live.files_with_findings()) | editing.view.error_files
    paths |= previous.keys()
    items = []
    for path in sorted(paths):
        document = session.document(path)
        version = document.version if document is not None else None
        result_id = session.result_id(path)
        before = previous.get(path)
        items.append(workspace_item(editing.view, path, result_id, before, version))
    return items


def _editing_features(server: RclintServer) -> None:
    @answer(server, types.TEXT_DOCUMENT_CODE_ACTION, CODE_ACTION_OPTIONS)
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        found = _linted(server, params.text_document.uri, up_to_date=True)
        if found is None:
            return []
        editing, path = found
        only = params.context.only
        return actions.code_actions(editing.view, path, params.range, only)

    @answer(server, types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        found = _linted(server, params.text_document.uri, up_to_date=True)
        if found is None:
            return None
        editing, path = found
        position = editing.view.position(path, params.position)
        markdown = editing.features.markdown
        return hover.hover(editing.view, path, position, markdown)


def _linted(
    server: RclintServer, uri: str, up_to_date: bool = False
) -> tuple[Editing, str] | None:
    """The server's state and the path of ``uri``, when the server lints
    that document."""
    editing = server.up_to_date() if up_to_date else server.editing
    path = path_of(uri)
    if editing is None or path is None:
        return None
    path = editing.session.live.in_workspace_terms(path)
    if not _in_workspace(editing, path):
        logger.debug("not in the workspace, not linted: %s", path)
        return None
    return editing, path


def _in_workspace(editing: Editing, path: str) -> bool:
    """Whether ``path`` is under the root, or the configuration read for it
    from above."""
    inside = path.startswith(os.path.join(editing.root, ""))
    return inside or editing.session.live.is_config(path)
