"""Nothing a client sends stops rclint server: broken documents become
RC001 diagnostics, malformed messages get the error responses JSON-RPC
asks for, and the server answers the next request as before."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp.editor import (
    ROLE,
    RawConnection,
    open_file,
    pull,
    replace_text,
    request,
    shown,
    start,
)

BROKEN_ROLE = "reader:\n  remote_indices: [\n"


async def test_a_document_that_does_not_parse_is_an_rc001_diagnostic(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role = root / "eu/roles.yml"
    open_file(client, role)

    replace_text(client, role, BROKEN_ROLE, version=2)
    assert shown(await pull(client, role)) == [
        "2:0-2:0 RC001 invalid YAML: did not find expected node content"
    ]

    replace_text(client, role, ROLE, version=3)
    assert await pull(client, role) == []


async def test_an_edit_beyond_the_end_of_a_document_is_survived(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role = root / "eu/roles.yml"
    open_file(client, role)
    far = types.Position(line=400, character=9)
    change = types.TextDocumentContentChangePartial(
        range=types.Range(far, far), text="x"
    )
    document = types.VersionedTextDocumentIdentifier(uri=role.as_uri(), version=2)
    params = types.DidChangeTextDocumentParams(document, [change])
    client.text_document_did_change(params)

    assert await pull(client, root / "us/api_keys/eu.json") == []


async def test_documents_outside_the_workspace_get_no_diagnostics(
    client: LanguageClient, root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    await start(client, root)
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "roles.yml"
    elsewhere.write_text(BROKEN_ROLE)
    untitled = "untitled:Untitled-1"
    document = types.TextDocumentItem(untitled, "yaml", 1, BROKEN_ROLE)
    client.text_document_did_open(types.DidOpenTextDocumentParams(document))
    open_file(client, elsewhere)

    assert await pull(client, elsewhere) == []
    params = types.DocumentDiagnosticParams(types.TextDocumentIdentifier(untitled))
    report = await client.text_document_diagnostic_async(params)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert list(report.items) == []


# --- messages no client library sends ------------------------------------------


@pytest.fixture
async def raw(root: Path) -> AsyncIterator[RawConnection]:
    connection = await RawConnection.start()
    await connection.initialize(root)
    yield connection
    assert await connection.close() == 0


async def still_serving(raw: RawConnection, root: Path) -> None:
    uri = (root / "eu/roles.yml").as_uri()
    await raw.send(
        request(99, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    )
    response = await raw.response(99)
    assert response["result"] == {"kind": "full", "items": [], "resultId": "0"}


async def test_a_request_with_params_of_the_wrong_shape_gets_invalid_params(
    raw: RawConnection, root: Path
) -> None:
    uri = (root / "eu/roles.yml").as_uri()
    # A hover without a position.
    await raw.send(request(1, "textDocument/hover", {"textDocument": {"uri": uri}}))

    assert await raw.response(1) == {
        "jsonrpc": "2.0",
        "id": 1,
        "error": {
            "code": -32602,
            "message": "Invalid params: textDocument/hover does not match the protocol",
        },
    }
    await still_serving(raw, root)


async def test_an_unknown_method_gets_method_not_found(
    raw: RawConnection, root: Path
) -> None:
    await raw.send(request(2, "rclint/noSuchMethod", {}))

    response = await raw.response(2)
    assert response["error"]["code"] == -32601
    await still_serving(raw, root)


async def test_a_body_that_is_not_json_gets_a_parse_error(
    raw: RawConnection, root: Path
) -> None:
    await raw.send_bytes(b"{not json")

    response = await raw.response(None)
    assert response["id"] is None
    assert response["error"] == {
        "code": -32700,
        "message": "Parse error: Expecting property name enclosed in double quotes",
    }
    await still_serving(raw, root)


@pytest.mark.parametrize(
    ("body", "answered_id"),
    [
        (b"[1, 2]", None),
        (b'{"id": 3, "method": "textDocument/hover", "params": {}}', 3),
    ],
    ids=["json-but-no-object", "no-jsonrpc-member"],
)
async def test_a_message_that_is_not_json_rpc_gets_invalid_request(
    raw: RawConnection, root: Path, body: bytes, answered_id: int | None
) -> None:
    await raw.send_bytes(body)

    response = await raw.response(answered_id)
    assert response == {
        "jsonrpc": "2.0",
        "id": answered_id,
        "error": {
            "code": -32600,
            "message": "Invalid request: not a JSON-RPC 2.0 message",
        },
    }
    await still_serving(raw, root)


async def test_another_json_rpc_version_gets_invalid_request(
    raw: RawConnection, root: Path
) -> None:
    await raw.send({"jsonrpc": "1.0", "id": 4, "method": "shutdown"})

    response = await raw.response(4)
    assert response["error"]["code"] == -32600
    await still_serving(raw, root)


async def test_a_second_initialize_is_refused(raw: RawConnection, root: Path) -> None:
    params = {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
    await raw.send(request(5, "initialize", params))

    response = await raw.response(5)
    assert response["error"]["code"] == -32600
    assert response["error"]["message"] == "the server is initialized already"
    await still_serving(raw, root)


async def test_a_failing_request_gets_an_error_without_a_traceback(
    raw: RawConnection, root: Path
) -> None:
    uri = root.as_uri() + "/%00/rclint.toml"
    position = {"line": 0, "character": 0}
    hover = {"textDocument": {"uri": uri}, "position": position}
    await raw.send(request(6, "textDocument/hover", hover))

    response = await raw.response(6)
    assert response.get("result") is None
    assert "data" not in response.get("error", {})
    await still_serving(raw, root)


async def test_notifications_of_the_wrong_shape_are_dropped(
    raw: RawConnection, root: Path
) -> None:
    notifications = [
        ("textDocument/didOpen", {"textDocument": 42}),
        ("textDocument/didChange", {"textDocument": {"uri": "file:///x.yml"}}),
        ("textDocument/didClose", None),
        ("workspace/didChangeWatchedFiles", {"changes": [{"uri": 7}]}),
    ]
    for method, params in notifications:
        await raw.send({"jsonrpc": "2.0", "method": method, "params": params})

    await still_serving(raw, root)


@pytest.mark.parametrize(
    ("message", "answered_id", "reason"),
    [
        (
            {"id": 1.5, "method": "shutdown"},
            None,
            "the id must be an integer or a string",
        ),
        (
            {"id": {}, "method": "shutdown"},
            None,
            "the id must be an integer or a string",
        ),
        ({"id": 7, "method": 5}, 7, "the method must be a string"),
    ],
    ids=["fractional-id", "object-id", "method-not-a-string"],
)
async def test_a_request_that_is_no_request_gets_invalid_request(
    raw: RawConnection,
    root: Path,
    message: dict[str, Any],
    answered_id: int | None,
    reason: str,
) -> None:
    await raw.send({"jsonrpc": "2.0", **message})

    response = await raw.response(answered_id)
    assert response["error"] == {
        "code": -32600,
        "message": f"Invalid request: {reason}",
    }
    await still_serving(raw, root)


async def test_a_body_nested_too_deep_gets_a_parse_error(
    raw: RawConnection, root: Path
) -> None:
    depth = 100_000
    await raw.send_bytes(b'{"jsonrpc": "2.0", "id": 8, "params": ' + b"[" * depth)

    response = await raw.response(None)
    assert response["error"] == {
        "code": -32700,
        "message": "Parse error: nested too deep",
    }
    await still_serving(raw, root)


async def test_a_request_before_initialize_gets_server_not_initialized() -> None:
    connection = await RawConnection.start()
    uri = "file:///nowhere/roles.yml"
    await connection.send(
        request(1, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    )

    assert await connection.response(1) == {
        "jsonrpc": "2.0",
        "id": 1,
        "error": {"code": -32002, "message": "the server is not initialized yet"},
    }
    # Its shutdown request is refused too: exit is all it may say.
    assert await connection.close() == 1


async def test_after_shutdown_requests_are_refused_and_exit_ends_with_0(
    root: Path,
) -> None:
    raw = await RawConnection.start()
    await raw.initialize(root)
    await raw.send(request(2, "shutdown", None))
    await raw.response(2)
    uri = (root / "eu/roles.yml").as_uri()
    await raw.send(
        request(3, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    )

    assert (await raw.response(3))["error"] == {
        "code": -32600,
        "message": "the server is shut down",
    }
    await raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert await raw.process.wait() == 0


async def test_exit_without_shutdown_ends_with_1(root: Path) -> None:
    connection = await RawConnection.start()
    await connection.initialize(root)
    await connection.send({"jsonrpc": "2.0", "method": "exit"})

    assert await connection.process.wait() == 1
