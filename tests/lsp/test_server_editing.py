"""Code actions and hovers through rclint server, as an editor asks for
them: the action's edit applied as the editor applies it, then linted."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp.editor import (
    EU_YML,
    NARROW_KEY,
    ROLE,
    open_file,
    pull,
    replace_text,
    shown,
    start,
)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """``edits`` applied to an ASCII ``text``, last first."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: types.Position) -> int:
        return offsets[position.line] + position.character

    ordered = sorted(edits, key=lambda edit: offset(edit.range.start), reverse=True)
    for edit in ordered:
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def actions_at(
    client: LanguageClient, path: Path, line: int, character: int
) -> list[types.CodeAction]:
    position = types.Position(line, character)
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(path.as_uri()),
        range=types.Range(position, position),
        context=types.CodeActionContext(diagnostics=[]),
    )
    found = await client.text_document_code_action_async(params)
    return [action for action in found or () if isinstance(action, types.CodeAction)]


def edits_of(action: types.CodeAction, path: Path) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[path.as_uri()])


async def test_a_suppression_action_writes_the_comment_that_asks_for_a_reason(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role, key = root / "eu/roles.yml", root / "us/api_keys/eu.json"
    open_file(client, role)
    open_file(client, key, NARROW_KEY)
    assert [d.code for d in await pull(client, role)] == ["RC402"]

    [action] = await actions_at(client, role, 3, 16)
    assert action.title == "Suppress RC402 on this line"
    assert action.kind == types.CodeActionKind.QuickFix
    [diagnostic] = action.diagnostics or []
    assert diagnostic.code == "RC402"

    text = apply(ROLE, edits_of(action, role))
    assert text.splitlines()[3] == '      # rclint: ignore[RC402] reason=""'
    replace_text(client, role, text, version=2)
    assert [d.code for d in await pull(client, role)] == ["RC010", "RC402"]

    replace_text(client, role, text.replace('""', '"archive only"'), version=3)
    assert await pull(client, role) == []


async def test_a_quick_fix_renames_a_misspelt_field(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role = root / "eu/roles.yml"
    misspelt = ROLE.replace("clusters", "clustrs")
    open_file(client, role, misspelt)
    assert shown(await pull(client, role)) == [
        "2:6-4:24 RC002 missing required field `clusters` in a `remote_indices` entry",
        "2:6-2:13 RC002 unknown field `clustrs` in a `remote_indices` entry;"
        " did you mean `clusters`?",
    ]

    fixes = [a for a in await actions_at(client, role, 2, 8) if a.is_preferred]
    [fix] = fixes
    assert fix.title == "Replace `clustrs` with `clusters`"
    replace_text(client, role, apply(misspelt, edits_of(fix, role)), version=2)
    assert await pull(client, role) == []


async def test_a_quick_fix_turns_full_verification_back_on(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    config = root / "eu/elasticsearch.yml"
    weak = EU_YML + "xpack.security.remote_cluster_client.ssl.verification_mode: none\n"
    open_file(client, config, weak)
    [diagnostic] = await pull(client, config)
    assert (diagnostic.code, diagnostic.range) == (
        "RC302",
        types.Range(types.Position(3, 60), types.Position(3, 64)),
    )

    [fix] = [a for a in await actions_at(client, config, 3, 62) if a.is_preferred]
    assert fix.title == "Set `verification_mode` to `full`"
    fixed = apply(weak, edits_of(fix, config))
    assert fixed.endswith("verification_mode: full\n")
    replace_text(client, config, fixed, version=2)
    assert await pull(client, config) == []


async def test_hover_on_a_role_shows_what_it_reaches_through_the_key(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role, key = root / "eu/roles.yml", root / "us/api_keys/eu.json"
    open_file(client, role)
    open_file(client, key, NARROW_KEY)

    params = types.HoverParams(
        types.TextDocumentIdentifier(role.as_uri()), types.Position(0, 2)
    )
    found = await client.text_document_hover_async(params)
    assert found is not None
    assert found.contents == types.MarkupContent(
        kind=types.MarkupKind.Markdown,
        value="**reader** reaches, through API keys:\n"
        "- `us` (cluster us, key `eu`): indices `logs-prod-*` with read",
    )
    assert found.range == types.Range(types.Position(0, 0), types.Position(0, 6))


async def test_hover_on_a_diagnostic_shows_its_rule_page(
    client: LanguageClient, root: Path
) -> None:
    await start(client, root)
    role = root / "eu/roles.yml"
    open_file(client, role)
    replace_text(client, role, "reader:\n  clustr: []\n", version=2)

    params = types.HoverParams(
        types.TextDocumentIdentifier(role.as_uri()), types.Position(1, 3)
    )
    found = await client.text_document_hover_async(params)
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    first = found.contents.value.splitlines()[0]
    assert first == "# RC002 invalid-structure"
