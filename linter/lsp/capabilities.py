"""What the client can do, read once from its ``initialize`` request, and
what the server offers in return."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types
from pygls.capabilities import get_capability

SERVER_NAME = "rclint"
# The files rclint reads, for the client to watch on disk: YAML, JSON and
# TOML (the configuration) by extension, the two line-oriented files by
# name. A dot file is named too: not every client's `*` matches a dot.
WATCHED_GLOBS = (
    "**/*.{yml,yaml,json,toml}",
    "**/.rclint.toml",
    "**/elasticsearch.keystore.list",
    "**/users_roles",
)
WATCHER_ID = "rclint-watched-files"

DIAGNOSTIC_OPTIONS = types.DiagnosticOptions(
    identifier=SERVER_NAME,
    # A role's findings depend on API keys in other clusters' files.
    inter_file_dependencies=True,
    workspace_diagnostics=True,
)
CODE_ACTION_OPTIONS = types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix]
)


@dataclass(frozen=True, slots=True)
class ClientFeatures:
    """The parts of the client's capabilities the server acts on.

    ``pull``: the client asks for diagnostics (``textDocument/diagnostic``),
    so none are pushed; ``refresh``: it re-pulls when asked to
    (``workspace/diagnostic/refresh``); ``watch``: it registers file
    watchers the server asks for; ``markdown``: it renders markdown
    hovers; ``tags``: the diagnostic tags it shows.
    """

    pull: bool = False
    refresh: bool = False
    watch: bool = False
    markdown: bool = False
    tags: frozenset[types.DiagnosticTag] = frozenset()

    @classmethod
    def of(cls, capabilities: types.ClientCapabilities) -> ClientFeatures:
        pull = get_capability(capabilities, "text_document.diagnostic", None)
        formats = get_capability(
            capabilities, "text_document.hover.content_format", None
        )
        return cls(
            pull=pull is not None,
            refresh=bool(
                get_capability(
                    capabilities, "workspace.diagnostics.refresh_support", False
                )
            ),
            watch=bool(
                get_capability(
                    capabilities,
                    "workspace.did_change_watched_files.dynamic_registration",
                    False,
                )
            ),
            markdown=types.MarkupKind.Markdown in (formats or ()),
            tags=_tags(capabilities, pull is not None),
        )


def _tags(
    capabilities: types.ClientCapabilities, pull: bool
) -> frozenset[types.DiagnosticTag]:
    """The tags the client shows, for the way diagnostics reach it."""
    where = "diagnostic" if pull else "publish_diagnostics"
    support = get_capability(capabilities, f"text_document.{where}.tag_support", None)
    return frozenset(support.value_set) if support is not None else frozenset()


def watch_registration() -> types.RegistrationParams:
    """The ``client/registerCapability`` request for the watched files."""
    watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(
        id=WATCHER_ID,
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    return types.RegistrationParams(registrations=[registration])
