"""No secret leaves rclint server: not in a diagnostic, a hover, a code
action or its verbose log, even when the secret sits under a misspelt
setting name that the secret detection has to guess."""

from __future__ import annotations

from pathlib import Path

from lsp.editor import RawConnection, request

SECRET = "SECRETTYPO41"
ELASTICSEARCH_YML = (
    "cluster.name: eu\n"
    f"cluster.remote.us.credentialz: {SECRET}\n"
    'cluster.remote.us.seeds: ["us.example.internal:9443"]\n'
)


async def test_secrets_stay_in_their_files(root: Path) -> None:
    settings = root / "eu/elasticsearch.yml"
    settings.write_text(ELASTICSEARCH_YML)
    uri = settings.as_uri()
    raw = await RawConnection.start("--verbose")
    await raw.initialize(root)
    document = {"uri": uri, "languageId": "yaml", "version": 1}
    await raw.send(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {**document, "text": ELASTICSEARCH_YML}},
        }
    )
    at_secret = {"line": 1, "character": 34}
    place = {"textDocument": {"uri": uri}}
    await raw.send(request(1, "textDocument/hover", {**place, "position": at_secret}))
    await raw.send(
        request(
            2,
            "textDocument/codeAction",
            {
                **place,
                "range": {"start": at_secret, "end": at_secret},
                "context": {"diagnostics": []},
            },
        )
    )
    await raw.send(request(3, "workspace/diagnostic", {"previousResultIds": []}))
    report = (await raw.response(3))["result"]
    assert await raw.close() == 0
    assert raw.process.stderr is not None
    log = await raw.process.stderr.read()

    [settings_report] = [item for item in report["items"] if item["uri"] == uri]
    messages = [item["message"] for item in settings_report["items"]]
    assert messages[0] == (
        "unknown setting `cluster.remote.us.credentialz`;"
        " did you mean `cluster.remote.us.credentials`?"
    )
    sent = b"".join(raw.received)
    assert SECRET.encode() not in sent
    assert b"DEBUG" in log
    assert SECRET.encode() not in log
