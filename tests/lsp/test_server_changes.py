"""What the client is sent when something besides the findings changes:
the columns of a line, the configuration's error, and, for a client that
pulls only its open documents, the findings of the files it has not
opened."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp.editor import (
    NARROW_KEY,
    ROLE,
    WORKSPACE,
    capabilities,
    open_file,
    published,
    pull,
    replace_text,
    shown,
    start,
    write_workspace,
)

EMOJI = "\U0001f600"
UNKNOWN_KEY = (
    "unknown key `bogus` at the top level; expected one of `extend`, `select`,"
    " `extend-select`, `ignore`, `fail-on`, `per-file-ignores`, `severity`,"
    " `clusters`, `links`, `rules`, `suppress`"
)


async def test_positions_are_utf16_whatever_the_client_prefers(
    client: LanguageClient, root: Path
) -> None:
    offered = capabilities(pull=True)
    offered.general = types.GeneralClientCapabilities(
        position_encodings=[
            types.PositionEncodingKind.Utf8,
            types.PositionEncodingKind.Utf16,
        ]
    )
    params = types.InitializeParams(capabilities=offered, root_uri=root.as_uri())
    result = await client.initialize_session(params)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16

    role = root / "eu/roles.yml"
    open_file(client, role, f"reader: {{description: {EMOJI}é, indces: []}}\n")
    assert shown(await pull(client, role)) == [
        "0:27-0:33 RC002 unknown field `indces` in role `reader`; did you mean"
        " `indices`?"
    ]


async def test_incremental_changes_count_rows_as_the_client_does(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role = root / "eu/roles/reader.json"
    # U+2028 ends no row for the client, though str.splitlines breaks there.
    open_file(client, role, '{\n  "description": "a\u2028b",\n  "indices": []\n}\n')
    assert await pull(client, role) == []

    insertion = types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(2, 2), types.Position(2, 2)),
        text='"bogus_field": 1,\n  ',
    )
    document = types.VersionedTextDocumentIdentifier(uri=role.as_uri(), version=2)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(document, [insertion])
    )
    [diagnostic] = shown(await pull(client, role))
    assert diagnostic.startswith(
        "2:2-2:15 RC002 unknown field `bogus_field` in the role descriptor;"
    )


async def test_a_change_of_columns_alone_gets_a_new_result_id(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role = root / "eu/roles.yml"
    open_file(client, role, "reader: {description: a, indces: []}\n")
    document = types.TextDocumentIdentifier(role.as_uri())
    first = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(document)
    )
    assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)

    replace_text(client, role, f"reader: {{description: {EMOJI}, indces: []}}\n", 2)
    params = types.DocumentDiagnosticParams(
        document, previous_result_id=first.result_id
    )
    second = await client.text_document_diagnostic_async(params)
    assert isinstance(second, types.RelatedFullDocumentDiagnosticReport)
    assert [d.range.start.character for d in second.items] == [26]


async def test_a_configuration_error_reaches_a_client_holding_a_result(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    config = root / "rclint.toml"
    config.write_text("select = []\n")
    open_file(client, config)
    document = types.TextDocumentIdentifier(config.as_uri())
    first = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(document)
    )
    assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)

    config.write_text("select = []\nbogus = 1\n")
    client.text_document_did_save(types.DidSaveTextDocumentParams(document))
    params = types.DocumentDiagnosticParams(
        document, previous_result_id=first.result_id
    )
    second = await client.text_document_diagnostic_async(params)
    assert isinstance(second, types.RelatedFullDocumentDiagnosticReport)
    assert shown(list(second.items)) == [f"1:0-1:0 None {UNKNOWN_KEY}"]

    # An edit elsewhere leaves the error where it is.
    role = root / "eu/roles.yml"
    open_file(client, role)
    replace_text(client, role, ROLE + "# edited\n", version=2)
    assert [d.message for d in await pull(client, config)] == [UNKNOWN_KEY]


async def test_a_client_that_pulls_only_what_it_opens_is_sent_the_rest(
    client: LanguageClient, root: Path
) -> None:
    (root / "us/api_keys/eu.json").write_text(NARROW_KEY)
    role = root / "eu/roles.yml"
    await start(client, root)

    # Sent once the client has not asked for the workspace's diagnostics.
    assert [d.code for d in await published(client, role)] == ["RC402"]
    open_file(client, role)
    assert await published(client, role) == []
    assert [d.code for d in await pull(client, role)] == ["RC402"]

    document = types.TextDocumentIdentifier(role.as_uri())
    client.text_document_did_close(types.DidCloseTextDocumentParams(document))
    assert [d.code for d in await published(client, role)] == ["RC402"]


async def test_a_client_that_pulls_the_workspace_is_sent_nothing(
    client: LanguageClient, root: Path
) -> None:
    role, key = root / "eu/roles.yml", root / "us/api_keys/eu.json"
    await start(client, root)
    await client.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(previous_result_ids=[])
    )

    open_file(client, key)
    replace_text(client, key, NARROW_KEY, version=2)
    assert await pull(client, key) == []
    assert role.as_uri() not in client.diagnostics


def save(client: LanguageClient, path: Path, text: str) -> None:
    """``text`` written to ``path``, opened and saved in the editor."""
    path.write_text(text)
    open_file(client, path)
    document = types.TextDocumentIdentifier(path.as_uri())
    client.text_document_did_save(types.DidSaveTextDocumentParams(document))


async def test_saving_a_configuration_above_the_root_or_its_base_re_lints(
    client: LanguageClient, root: Path
) -> None:
    clusters = root / "clusters"
    write_workspace(clusters, WORKSPACE)
    (root / "base.toml").write_text("")
    (root / "rclint.toml").write_text('extend = "base.toml"\n')
    await start(client, clusters)
    role = clusters / "eu/roles.yml"
    open_file(client, clusters / "us/api_keys/eu.json", NARROW_KEY)
    assert [d.code for d in await pull(client, role)] == ["RC402"]

    save(client, root / "base.toml", 'ignore = ["RC402"]\n')
    assert await pull(client, role) == []

    save(client, root / "rclint.toml", "")
    assert [d.code for d in await pull(client, role)] == ["RC402"]


async def test_an_unsaved_new_cluster_is_linted_while_open(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    config = root / "au/elasticsearch.yml"
    open_file(client, config, "cluster.name: au\ncluster.remote.x.seeds: [x:9300]\n")

    assert [d.code for d in await pull(client, config)] == ["RC101", "RC202"]
    assert not config.exists()
