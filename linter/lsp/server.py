"""``rclint server``: the language server, its state and what it sends.

The server lints the workspace the client opens (its root URI, else its
first workspace folder) once at ``initialize``; from then on each edit
re-lints only the clusters it may change (``linter.live``). Edits are
debounced: a burst of keystrokes is linted once, after the last one, or
at once when the client asks for diagnostics, a code action or a hover.

Diagnostics reach the client the way it asks for them. A client that
pulls (``textDocument/diagnostic``, ``workspace/diagnostic``) gets a
result id per file, and is asked to pull again
(``workspace/diagnostic/refresh``) when an edit changes the findings of
other files. A client that does not pull is sent
``textDocument/publishDiagnostics`` for every file whose findings changed,
open or not: a role's findings change when an API key of another cluster
does. A client that pulls its open documents but not the workspace (it
has sent no ``workspace/diagnostic`` a moment after start) is sent the
diagnostics of the files it does not hold open, so that those findings
reach it too; what it opens, it pulls, and what was sent for it is
cleared.

Nothing a client sends stops the server: a malformed message is answered
with an error (``linter.lsp.protocol``), a failing handler is logged, and
a workspace-level error (a bad ``rclint.toml``, two clusters with one
name) keeps the findings of before, shows the error once, and becomes a
diagnostic of the configuration file when it names a place there.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from linter import __version__
from linter.cli_logging import redact_logs
from linter.live import LiveWorkspace, Update
from linter.lsp.capabilities import SERVER_NAME, ClientFeatures, watch_registration
from linter.lsp.debounce import Debouncer
from linter.lsp.diagnostics import View, publish_params
from linter.lsp.protocol import RclintProtocol
from linter.lsp.session import Session
from linter.lsp.uris import path_of

logger = logging.getLogger(__name__)

# Long enough to gather the changes of one keystroke that an editor sends
# as several messages, short enough to keep change-to-diagnostics far
# below a tenth of a second.
DEBOUNCE_SECONDS = 0.02
# How long after start a client that pulls has to ask for the workspace's
# diagnostics before the files it does not hold open are pushed to it.
WORKSPACE_PULL_WAIT_SECONDS = 1.0


@dataclass(slots=True)
class Editing:
    """What the server holds from ``initialize`` on."""

    root: str
    session: Session
    features: ClientFeatures
    debouncer: Debouncer
    view: View
    shown_error: str | None = None
    # Whether the client pulls the workspace's diagnostics, and the files
    # pushed to a client that pulls only its open documents.
    pulls_workspace: bool = False
    pushed: set[str] = field(default_factory=set)


class RclintServer(LanguageServer):
    """A pygls server that keeps one ``LiveWorkspace``."""

    def __init__(self) -> None:
        super().__init__(
            SERVER_NAME,
            __version__,
            protocol_cls=RclintProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.editing: Editing | None = None

    # --- lifecycle -----------------------------------------------------------

    def start(self, params: types.InitializeParams) -> None:
        """Lint the client's workspace; called from ``initialize``."""
        root = workspace_root(params)
        features = ClientFeatures.of(params.capabilities)
        logger.info("linting the workspace at %s", root)
        session = Session(LiveWorkspace(root))
        debouncer = Debouncer(DEBOUNCE_SECONDS, self.lint)
        view = View(session.live, session.uris, features.tags, None, session.configs)
        self.editing = Editing(root, session, features, debouncer, view)
        self._after(Update(frozenset(), session.live.error), initial=True)
        # The workspace's records live as long as the server: a full
        # collection that walks them all would pause an edit for a second
        # on a large fleet. They are frozen without a collection first (as
        # long again): they hold no cycles, so what little cyclic garbage
        # the first lint left is all that is never freed. Records of later
        # edits are freed by reference counting.
        gc.freeze()

    def started(self) -> None:
        """The client is ready for requests; called from ``initialized``."""
        editing = self.editing
        if editing is None:
            return
        if editing.features.watch:
            self.client_register_capability(watch_registration())
        if not editing.features.pull:
            for path in sorted(self._files_to_report(editing)):
                self.publish(path)
        else:
            loop = asyncio.get_running_loop()
            loop.call_later(WORKSPACE_PULL_WAIT_SECONDS, self._push_unopened_all)

    @property
    def shut_down(self) -> bool:
        """Whether the client asked for a shutdown before it left."""
        protocol = self.protocol
        return isinstance(protocol, RclintProtocol) and protocol.shut_down

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls stops the server on an error outside a request; this
        server logs it and goes on."""
        protocol = self.protocol
        unreadable = json.JSONDecodeError | UnicodeDecodeError | RecursionError
        if isinstance(error, unreadable) and isinstance(protocol, RclintProtocol):
            protocol.reply_parse_error(error)
            return
        logger.error("%s: %s", type(error).__name__, error)

    # --- changes -------------------------------------------------------------

    def lint(self) -> None:
        """Lint the edits not linted yet."""
        if self.editing is not None:
            self._after(self.editing.session.flush())

    def up_to_date(self) -> Editing | None:
        """The state with every edit linted, for a request to answer."""
        if self.editing is not None:
            self.editing.debouncer.flush()
        return self.editing

    def files_changed(self, paths: list[str]) -> None:
        if self.editing is not None:
            self.editing.debouncer.flush()
            self._after(self.editing.session.files_changed(paths))

    def _after(self, update: Update, initial: bool = False) -> None:
        editing = self.editing
        if editing is None:
            return
        before = editing.view
        session = editing.session
        tags = editing.features.tags
        editing.view = View(
            session.live, session.uris, tags, update.error, session.configs
        )
        redact_logs(editing.view.secrets)
        self._show(editing, update.error)
        changed = set(update.changed)
        if before.error != editing.view.error:
            placed = before.error_files | editing.view.error_files
            editing.session.renew(placed - changed)
            changed |= placed
        if initial or not changed:
            return
        if not editing.features.pull:
            # The documents open in the editor first: they are on screen.
            for path in sorted(changed, key=lambda p: (not session.document(p), p)):
                self.publish(path)
            return
        if editing.features.refresh:
            self.workspace_diagnostic_refresh(None)
        self._push_unopened(changed)

    # --- a client that pulls only its open documents -----------------------

    def pulling_workspace(self) -> None:
        """The client pulls the workspace: clear what was pushed to it."""
        editing = self.editing
        if editing is None or editing.pulls_workspace:
            return
        editing.pulls_workspace = True
        for path in sorted(editing.pushed):
            self._publish_none(editing, path)
        editing.pushed.clear()

    def opened(self, path: str) -> None:
        """A pulling client opened ``path``: it pulls it from now on."""
        editing = self.editing
        if editing is not None and path in editing.pushed:
            editing.pushed.discard(path)
            self._publish_none(editing, path)

    def closed(self, path: str) -> None:
        """A pulling client closed ``path``: its findings are pushed again."""
        self._push_unopened({path})

    def _push_unopened_all(self) -> None:
        if self.editing is not None:
            self._push_unopened(self._files_to_report(self.editing))

    def _push_unopened(self, paths: set[str]) -> None:
        editing = self.editing
        if editing is None or editing.pulls_workspace:
            return
        for path in sorted(paths):
            if editing.session.document(path) is not None:
                continue
            params = publish_params(editing.view, path, None)
            if params.diagnostics or path in editing.pushed:
                self.text_document_publish_diagnostics(params)
            if params.diagnostics:
                editing.pushed.add(path)
            else:
                editing.pushed.discard(path)

    def _publish_none(self, editing: Editing, path: str) -> None:
        uri = editing.view.uri(path)
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        self.text_document_publish_diagnostics(params)

    def _show(self, editing: Editing, error: str | None) -> None:
        """Show a workspace-level error once, when it first appears."""
        if error is not None and error != editing.shown_error:
            logger.warning("workspace error: %s", error)
            message = editing.view.redact(f"rclint: {error}")
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=message)
            )
        editing.shown_error = error

    # --- what is sent --------------------------------------------------------

    def publish(self, path: str) -> None:
        editing = self.editing
        if editing is None:
            return
        document = editing.session.document(path)
        version = document.version if document is not None else None
        params = publish_params(editing.view, path, version)
        self.text_document_publish_diagnostics(params)

    def _files_to_report(self, editing: Editing) -> set[str]:
        live = editing.session.live
        return set(live.files_with_findings()) | editing.view.error_files


def workspace_root(params: types.InitializeParams) -> str:
    """The directory to lint: the root URI, else the first workspace
    folder, else the root path, else the server's working directory."""
    candidates: list[str | None] = [params.root_uri]
    candidates += [folder.uri for folder in params.workspace_folders or ()]
    for uri in candidates:
        path = path_of(uri) if uri else None
        if path is not None:
            return path
    return os.path.abspath(params.root_path or os.getcwd())
