"""rclint server end to end: a real client over stdio sees the findings
of one cluster change when a file of another cluster does."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp.editor import (
    KEY,
    NARROW_KEY,
    open_file,
    published,
    pull,
    replace_text,
    shown,
    start,
    write_workspace,
)

RC402 = (
    "3:14-3:22 RC402 index pattern `logs-*` on remote cluster `us` reaches beyond"
    " the `search` access of the cross-cluster API key `eu` of `us`, which covers"
    " `logs-prod-*` (for example `logs-` is outside it); the remote silently caps"
    " the grant: narrow the pattern or widen the key"
)


async def test_initialize_offers_what_the_server_does(
    client: LanguageClient, root: Path
) -> None:
    result = await start(client, root)

    capabilities = result.capabilities
    provider = capabilities.diagnostic_provider
    assert isinstance(provider, types.DiagnosticOptions)
    assert provider.identifier == "rclint"
    assert provider.inter_file_dependencies is True
    assert provider.workspace_diagnostics is True
    assert capabilities.hover_provider is True
    actions = capabilities.code_action_provider
    assert isinstance(actions, types.CodeActionOptions)
    assert list(actions.code_action_kinds or ()) == ["quickfix"]
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert (sync.open_close, sync.save) == (True, True)
    assert result.server_info is not None
    assert result.server_info.name == "rclint"


async def test_an_api_key_edit_shows_and_clears_a_role_finding_of_another_cluster(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role, key = root / "eu/roles.yml", root / "us/api_keys/eu.json"
    open_file(client, role)
    open_file(client, key)
    assert await pull(client, role) == []

    replace_text(client, key, NARROW_KEY, version=2)
    [diagnostic] = await pull(client, role)
    assert shown([diagnostic]) == [RC402]
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.source == "rclint"
    assert diagnostic.code_description == types.CodeDescription(
        href="https://rclint.dev/rules/RC402/"
    )
    [related] = diagnostic.related_information or []
    assert related.location.uri == key.as_uri()
    assert related.location.range == types.Range(
        types.Position(0, 48), types.Position(0, 61)
    )
    assert related.message == (
        "the `search` access of the cross-cluster API key `eu` of `us`"
    )
    # The edit is the editor's: the file on disk is as it was.
    assert key.read_text() == KEY

    replace_text(client, key, KEY, version=3)
    assert await pull(client, role) == []


async def test_a_client_that_pulls_is_asked_to_pull_again(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    key = root / "us/api_keys/eu.json"
    open_file(client, key)
    await pull(client, key)

    replace_text(client, key, NARROW_KEY, version=2)
    # The server asks for the refresh while it answers the pull that lints
    # the edit, so the request reaches the client before the answer does.
    assert await pull(client, key) == []
    assert client.diagnostic_refresh_count == 1
    # A second pull of an unchanged file: the client keeps what it has.
    params = types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=key.as_uri()),
        previous_result_id="0",
    )
    report = await client.text_document_diagnostic_async(params)
    assert report == types.RelatedUnchangedDocumentDiagnosticReport(result_id="0")


async def test_workspace_diagnostics_cover_files_the_editor_has_not_opened(
    client: LanguageClient, root: Path
) -> None:
    (root / "us/api_keys/eu.json").write_text(NARROW_KEY)
    await start(client, root)
    role = root / "eu/roles.yml"

    params = types.WorkspaceDiagnosticParams(previous_result_ids=[])
    report = await client.workspace_diagnostic_async(params)
    [item] = report.items
    assert isinstance(item, types.WorkspaceFullDocumentDiagnosticReport)
    assert (item.uri, item.version, item.result_id) == (role.as_uri(), None, "0")
    assert shown(list(item.items)) == [RC402]

    # Told what it holds, the client gets "unchanged" for that file.
    held = [types.PreviousResultId(uri=role.as_uri(), value="0")]
    params = types.WorkspaceDiagnosticParams(previous_result_ids=held)
    report = await client.workspace_diagnostic_async(params)
    assert list(report.items) == [
        types.WorkspaceUnchangedDocumentDiagnosticReport(
            uri=role.as_uri(), result_id="0", version=None
        )
    ]


async def test_a_client_that_does_not_pull_is_sent_every_changed_file(
    client: LanguageClient, root: Path
) -> None:
    (root / "us/api_keys/eu.json").write_text(NARROW_KEY)
    role, key = root / "eu/roles.yml", root / "us/api_keys/eu.json"
    await start(client, root, pull=False)

    assert shown(await published(client, role)) == [RC402]

    open_file(client, key)
    assert await published(client, key) == []
    replace_text(client, key, KEY, version=2)
    # The role file is not open, and still hears that its finding is gone.
    assert await published(client, role) == []


async def test_closing_an_unsaved_document_lints_the_disk_again(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role, key = root / "eu/roles.yml", root / "us/api_keys/eu.json"
    open_file(client, key, NARROW_KEY)
    assert shown(await pull(client, role)) == [RC402]

    document = types.TextDocumentIdentifier(uri=key.as_uri())
    client.text_document_did_close(types.DidCloseTextDocumentParams(document))
    assert await pull(client, role) == []


async def test_saving_the_configuration_reloads_it(
    client: LanguageClient, root: Path
) -> None:
    (root / "us/api_keys/eu.json").write_text(NARROW_KEY)
    await start(client, root)
    role, config = root / "eu/roles.yml", root / "rclint.toml"
    assert shown(await pull(client, role)) == [RC402]

    config.write_text('ignore = ["RC402"]\n')
    document = types.TextDocumentIdentifier(uri=config.as_uri())
    client.text_document_did_save(types.DidSaveTextDocumentParams(document))
    assert await pull(client, role) == []


async def test_a_bad_configuration_is_a_diagnostic_of_its_file(
    client: LanguageClient, root: Path
) -> None:
    (root / "us/api_keys/eu.json").write_text(NARROW_KEY)
    await start(client, root)
    role, config = root / "eu/roles.yml", root / "rclint.toml"

    config.write_text('selct = ["RC402"]\n')
    change = types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[change])
    )
    [diagnostic] = await pull(client, config)
    assert diagnostic.range == types.Range(types.Position(0, 0), types.Position(0, 0))
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    expected = "unknown key `selct` at the top level; did you mean `select`?"
    assert diagnostic.message == expected
    [message] = client.messages
    assert message.type == types.MessageType.Error
    assert message.message == f"rclint: {config}:1:1: {expected}"
    # The findings of before stay meanwhile.
    assert shown(await pull(client, role)) == [RC402]

    config.write_text('ignore = ["RC402"]\n')
    change = types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[change])
    )
    assert await pull(client, config) == []
    assert await pull(client, role) == []


async def test_a_new_cluster_directory_joins_the_workspace(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    write_workspace(root, {"asia/elasticsearch.yml": "cluster.name: asia\n"})
    yml = root / "asia/elasticsearch.yml"
    asia_role = root / "asia/roles.yml"
    asia_role.write_text("x:\n  cluster: [all]\n  indces: []\n")
    changes = [
        types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Created)
        for path in (yml, asia_role)
    ]
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=changes)
    )
    assert [d.code for d in await pull(client, asia_role)] == ["RC002"]


async def test_open_documents_are_sent_first(
    client: LanguageClient, root: Path
) -> None:
    # Two role files that the same key change reaches; the open one sorts last.
    opened = root / "eu/roles/z.json"
    opened.parent.mkdir()
    opened.write_text(
        '{"remote_indices": [{"clusters": ["us"], "names": ["logs-*"],'
        ' "privileges": ["read"]}]}\n'
    )
    key = root / "us/api_keys/eu.json"
    await start(client, root, pull=False)
    open_file(client, opened)
    assert await published(client, opened) == []
    open_file(client, key)
    assert await published(client, key) == []

    replace_text(client, key, NARROW_KEY, version=2)
    first = await client.wait_for_notification("textDocument/publishDiagnostics")
    assert first.uri == opened.as_uri()
    assert [d.code for d in first.diagnostics] == ["RC402"]
    # The other one comes next; it may be read before a second wait begins.
    other = (root / "eu/roles.yml").as_uri()
    async with asyncio.timeout(10):
        while not client.diagnostics.get(other):
            await asyncio.sleep(0.01)
    assert [d.code for d in client.diagnostics[other]] == ["RC402"]
