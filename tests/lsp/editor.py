"""What an editor does, for the tests of ``rclint server``: a real LSP
client (pytest-lsp) over stdio, and a two-cluster workspace: cluster
``eu`` reaches cluster ``us`` through an API key ``us`` defines for it."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

US_YML = "cluster.name: us\nnetwork.host: us.example.internal\n"
EU_YML = (
    "cluster.name: eu\n"
    'cluster.remote.us.seeds: ["us.example.internal:9443"]\n'
    "xpack.security.remote_cluster_client.ssl.certificate_authorities: [ca.crt]\n"
)
KEY = '{"name": "eu", "access": {"search": [{"names": ["logs-*"]}]}}\n'
NARROW_KEY = '{"name": "eu", "access": {"search": [{"names": ["logs-prod-*"]}]}}\n'
ROLE = (
    "reader:\n"
    "  remote_indices:\n"
    "    - clusters: [us]\n"
    '      names: ["logs-*"]\n'
    "      privileges: [read]\n"
)
WORKSPACE = {
    "us/elasticsearch.yml": US_YML,
    "us/api_keys/eu.json": KEY,
    "eu/elasticsearch.yml": EU_YML,
    "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
    "eu/roles.yml": ROLE,
}


def write_workspace(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "linter", "server"])


def capabilities(pull: bool) -> types.ClientCapabilities:
    """An editor's capabilities: pulling diagnostics (and re-pulling when
    asked), or taking them as they are pushed."""
    tags = types.ClientDiagnosticsTagOptions(value_set=list(types.DiagnosticTag))
    text_document = types.TextDocumentClientCapabilities(
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
            related_information=True, tag_support=tags, version_support=True
        ),
        hover=types.HoverClientCapabilities(
            content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
        ),
        code_action=types.CodeActionClientCapabilities(),
    )
    workspace = types.WorkspaceClientCapabilities()
    if pull:
        text_document.diagnostic = types.DiagnosticClientCapabilities(
            related_document_support=True, tag_support=tags
        )
        workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    return types.ClientCapabilities(text_document=text_document, workspace=workspace)


async def start(
    client: LanguageClient, root: Path, pull: bool = True
) -> types.InitializeResult:
    params = types.InitializeParams(
        capabilities=capabilities(pull), root_uri=root.as_uri()
    )
    return await client.initialize_session(params)


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> None:
    language = "json" if path.suffix == ".json" else "yaml"
    document = types.TextDocumentItem(
        uri=path.as_uri(),
        language_id=language,
        version=1,
        text=path.read_text() if text is None else text,
    )
    client.text_document_did_open(types.DidOpenTextDocumentParams(document))


def replace_text(client: LanguageClient, path: Path, text: str, version: int) -> None:
    """The whole text of an open document replaced, as on a paste."""
    change = types.TextDocumentContentChangeWholeDocument(text=text)
    document = types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(document, [change])
    )


async def pull(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    params = types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri())
    )
    report = await client.text_document_diagnostic_async(params)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    return list(report.items)


def shown(diagnostics: list[types.Diagnostic]) -> list[str]:
    """Each diagnostic as ``line:character-line:character CODE message``."""
    lines = []
    for diagnostic in diagnostics:
        start, end = diagnostic.range.start, diagnostic.range.end
        place = f"{start.line}:{start.character}-{end.line}:{end.character}"
        lines.append(f"{place} {diagnostic.code} {diagnostic.message}")
    return lines


async def published(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for ``path`` next."""
    while True:
        params = await client.wait_for_notification("textDocument/publishDiagnostics")
        if params.uri == path.as_uri():
            return list(params.diagnostics)


def request(message_id: int, method: str, params: Any) -> dict[str, Any]:
    """A JSON-RPC request, as bytes on the wire would spell it."""
    return {"jsonrpc": "2.0", "id": message_id, "method": method, "params": params}


class RawConnection:
    """The server process spoken to in bytes, for messages no well-behaved
    client library would send."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.received: list[bytes] = []

    @classmethod
    async def start(cls, *options: str) -> RawConnection:
        """A server started with ``options``; its log kept when one is asked
        for (``--verbose``), else left to the test's stderr."""
        process = await asyncio.create_subprocess_exec(
            *SERVER.server_command,
            *options,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE if options else None,
        )
        return cls(process)

    async def send_bytes(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.process.stdin.drain()

    async def send(self, message: dict[str, Any]) -> None:
        await self.send_bytes(json.dumps(message).encode())

    async def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while (header := await self.process.stdout.readline()) != b"\r\n":
            name, _, value = header.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        body = await self.process.stdout.readexactly(length)
        self.received.append(body)
        message: dict[str, Any] = json.loads(body)
        return message

    async def response(self, message_id: int | None) -> dict[str, Any]:
        """The response to ``message_id``, past any notification."""
        while True:
            message = await self.receive()
            if "method" not in message and message.get("id") == message_id:
                return message

    async def initialize(self, root: Path) -> None:
        params = {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
        await self.send(
            {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": params}
        )
        await self.response(0)
        await self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    async def close(self) -> int:
        await self.send({"jsonrpc": "2.0", "id": -1, "method": "shutdown"})
        await self.response(-1)
        await self.send({"jsonrpc": "2.0", "method": "exit"})
        return await self.process.wait()
