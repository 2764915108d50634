"""Hover: rule pages on codes and diagnostics, a role's reach on its name."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from linter.findings import Rule
from linter.live import LiveWorkspace
from linter.lsp.diagnostics import View
from linter.lsp.hover import hover
from linter.source import Position

EU_YML = (
    "cluster.name: eu\n"
    'cluster.remote.us.seeds: ["us.example.internal:9443"]\n'
    'cluster.remote.asia.seeds: ["asia.example.internal:9443"]\n'
    'cluster.remote.au.seeds: ["au.example.internal:9443"]\n'
    'cluster.remote.ap.seeds: ["ap.example.internal:9300"]\n'
    "xpack.security.remote_cluster_client.ssl.certificate_authorities: [ca.crt]\n"
)
EU_KEYSTORE = (
    "cluster.remote.us.credentials\n"
    "cluster.remote.asia.credentials\n"
    "cluster.remote.au.credentials\n"
)
US_KEY = (
    '{"name": "eu", "access": {"search": [{"names": ["*-prod-*", "metrics-*"]}]}}\n'
)
ASIA_KEY = '{"name": "k", "access": {"replication": [{"names": ["audit-*"]}]}}\n'
READER = (
    "reader:\n"
    "  remote_indices:\n"
    '    - clusters: ["*"]\n'
    '      names: ["logs-*", "/metrics-[a-z]+/"]\n'
    "      privileges: [read]\n"
    "  remote_cluster:\n"
    "    - clusters: [us, asia]\n"
    "      privileges: [monitor_enrich]\n"
)


def cluster_yml(name: str) -> str:
    return f"cluster.name: {name}\nnetwork.host: {name}.example.internal\n"


BASE = {
    "eu/elasticsearch.yml": EU_YML,
    "eu/elasticsearch.keystore.list": EU_KEYSTORE,
    "us/elasticsearch.yml": cluster_yml("us"),
    "us/api_keys/eu.json": US_KEY,
    "asia/elasticsearch.yml": cluster_yml("asia"),
    "asia/api_keys/k.json": ASIA_KEY,
    "au/elasticsearch.yml": cluster_yml("au"),
    "ap/elasticsearch.yml": cluster_yml("ap"),
    "ap/roles.yml": "reader: {}\n",
}
SEPARATOR = "\n\n---\n\n"


def view_of(root: Path, files: dict[str, str]) -> View:
    for name, text in {**BASE, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return View(LiveWorkspace(str(root)), {})


def at(
    view: View, path: Path, row: int, column: int, markdown: bool = True
) -> types.Hover | None:
    return hover(view, str(path), Position(row, column), markdown)


def value(found: types.Hover | None) -> str:
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


def lsp_range(found: types.Hover | None) -> tuple[int, int, int, int]:
    assert found is not None and found.range is not None
    start, end = found.range.start, found.range.end
    return (start.line, start.character, end.line, end.character)


def rule(view: View, code: str) -> Rule:
    return next(rule for rule in view.live.rules if rule.code == code)


def page(view: View, code: str, markdown: bool = True) -> str:
    """The page a hover shows: the rule's docstring, its default severity
    and address under the title."""
    found = rule(view, code)
    title, _, body = found.doc.strip().partition("\n")
    url = f"https://rclint.dev/rules/{code}/"
    if markdown:
        facts = f"Default severity: **{found.severity.label}**. "
        facts += f"Documentation: [{url}]({url})"
    else:
        facts = f"Default severity: {found.severity.label}. Documentation: {url}"
    return f"{title}\n\n{facts}\n\n{body.strip()}"


# --- rule codes -------------------------------------------------------------------


def test_a_code_in_a_yaml_suppression_comment_shows_its_page(tmp_path: Path) -> None:
    roles = (
        'reader:  # rclint: ignore[RC201, RC404] reason="no remote role yet"\n'
        + READER.partition("\n")[2]
    )
    view = view_of(tmp_path, {"eu/roles.yml": roles})
    found = at(view, tmp_path / "eu/roles.yml", 1, 36)
    # The code is also an unused suppression: RC012's page follows.
    assert value(found) == page(view, "RC404") + SEPARATOR + page(view, "RC012")
    assert value(found).startswith(
        "# RC404 dead-remote-grant\n\nDefault severity: **warning**. Documentation: "
        "[https://rclint.dev/rules/RC404/](https://rclint.dev/rules/RC404/)\n\n"
    )
    assert lsp_range(found) == (0, 33, 0, 38)


def test_a_code_in_json_metadata_shows_its_page(tmp_path: Path) -> None:
    role = (
        '{"remote_indices": [{"clusters": ["us"], "names": ["logs-*"], '
        '"privileges": ["read"]}],\n'
        ' "metadata": {"rclint": {"ignore": {"RC402": "narrowed on purpose"}}}}\n'
    )
    view = view_of(tmp_path, {"eu/roles/ops.json": role})
    found = at(view, tmp_path / "eu/roles/ops.json", 2, 39)
    assert value(found) == page(view, "RC402")
    assert lsp_range(found) == (1, 37, 1, 42)


def test_codes_in_the_configuration_show_their_pages(tmp_path: Path) -> None:
    config = 'ignore = ["RC402"]\n\n[rules.RC201]\n'
    view = view_of(tmp_path, {"rclint.toml": config})
    assert value(at(view, tmp_path / "rclint.toml", 1, 13)) == page(view, "RC402")
    found = at(view, tmp_path / "rclint.toml", 3, 9)
    assert value(found) == page(view, "RC201")
    assert lsp_range(found) == (2, 7, 2, 12)


def test_pyproject_codes_count_in_rclint_tables_only(tmp_path: Path) -> None:
    pyproject = '[tool.other]\nskip = ["RC402"]\n\n[tool.rclint]\nignore = ["RC402"]\n'
    view = view_of(tmp_path, {"pyproject.toml": pyproject})
    assert at(view, tmp_path / "pyproject.toml", 2, 11) is None
    found = at(view, tmp_path / "pyproject.toml", 5, 12)
    assert value(found) == page(view, "RC402")


def test_a_code_outside_a_suppression_is_not_a_rule(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"eu/roles.yml": "# see RC402\n" + READER})
    assert at(view, tmp_path / "eu/roles.yml", 1, 8) is None


def test_an_unknown_code_says_so_with_the_closest_code(tmp_path: Path) -> None:
    roles = READER.replace(
        "[read]\n", '[read]  # rclint: ignore[RC4O2, RC499] reason="x"\n'
    )
    view = view_of(tmp_path, {"eu/roles.yml": roles})
    found = at(view, tmp_path / "eu/roles.yml", 5, 52)
    unknown, rc011 = value(found).split(SEPARATOR, 1)
    assert unknown == "`RC499` is not a known rule; did you mean `RC405`?"
    assert rc011 == page(view, "RC011")
    assert lsp_range(found) == (4, 50, 4, 55)
    # Not a code at all, but RC011's diagnostic is there.
    misspelt = at(view, tmp_path / "eu/roles.yml", 5, 45)
    assert value(misspelt) == page(view, "RC011")
    assert lsp_range(misspelt) == (4, 43, 4, 48)


# --- diagnostics --------------------------------------------------------------------


def test_a_diagnostic_shows_the_page_of_its_rule(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"eu/roles.yml": READER})
    found = at(view, tmp_path / "eu/elasticsearch.yml", 4, 10)
    assert value(found) == page(view, "RC400")
    assert lsp_range(found) == (3, 0, 3, 23)


def test_nothing_to_show_is_no_hover(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"eu/roles.yml": READER})
    assert at(view, tmp_path / "eu/elasticsearch.yml", 1, 3) is None
    assert at(view, tmp_path / "eu/roles.yml", 9, 1) is None
    assert at(view, tmp_path / "eu/missing.yml", 1, 1) is None


# --- roles ------------------------------------------------------------------------

ENTRY = (
    "This `remote_indices` entry of **reader** reaches, through API keys:\n"
    "- `ap` (cluster ap): certificate model, so `remote_indices` has no effect; "
    "the role name `reader` is forwarded and the remote's role of that name "
    "decides\n"
    "- `asia` (cluster asia, key `k`): nothing — `logs-*`, `/metrics-[a-z]+/` "
    "overlap none of the key's names\n"
    "- `au` (cluster au): the cross-cluster API key is unknown, so the reach "
    "cannot be computed: `au` defines no cross-cluster API key; add the key's "
    "definition to `{root}/au/api_keys/`\n"
    "- `us` (cluster us, key `eu`): indices `logs-*` ∩ `*-prod-*`, "
    "`/metrics-[a-z]+/` with read"
)


def test_an_entry_shows_what_the_key_lets_through(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"eu/roles.yml": READER})
    found = at(view, tmp_path / "eu/roles.yml", 5, 9)
    assert value(found) == ENTRY.format(root=tmp_path)
    assert lsp_range(found) == (2, 6, 4, 24)


def test_a_role_name_shows_every_entry(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"eu/roles.yml": READER})
    found = at(view, tmp_path / "eu/roles.yml", 1, 3)
    lines = ENTRY.format(root=tmp_path).split("\n")[1:]
    assert value(found) == "\n".join(
        [
            "**reader** reaches, through API keys:",
            *lines,
            "- `asia` (cluster asia, key `k`): nothing — monitor_enrich needs a "
            "key with `search` access, which this one lacks",
            "- `us` (cluster us, key `eu`): cluster privileges monitor_enrich",
        ]
    )
    assert lsp_range(found) == (0, 0, 0, 6)


def test_a_diagnostic_in_an_entry_adds_its_page(tmp_path: Path) -> None:
    roles = READER.replace('["*"]', "[us]").replace("[read]", "[read, write]")
    view = view_of(tmp_path, {"eu/roles.yml": roles})
    found = at(view, tmp_path / "eu/roles.yml", 5, 26)
    reach, rc401 = value(found).split(SEPARATOR)
    assert reach == (
        "This `remote_indices` entry of **reader** reaches, through API keys:\n"
        "- `us` (cluster us, key `eu`): indices `logs-*` ∩ `*-prod-*`, "
        "`/metrics-[a-z]+/` with read"
    )
    assert rc401 == page(view, "RC401")


def test_restricted_indices_and_privileges_the_key_cannot_grant(
    tmp_path: Path,
) -> None:
    roles = (
        "ops:\n"
        "  remote_indices:\n"
        "    - clusters: [us]\n"
        '      names: ["*"]\n'
        "      privileges: [all]\n"
        "      allow_restricted_indices: true\n"
        "    - clusters: [us]\n"
        '      names: ["metrics-eu"]\n'
        "      privileges: [write]\n"
    )
    view = view_of(tmp_path, {"eu/roles.yml": roles})
    found = at(view, tmp_path / "eu/roles.yml", 1, 1)
    reach, rc201 = value(found).split(SEPARATOR)
    assert rc201 == page(view, "RC201")
    assert reach == (
        "**ops** reaches, through API keys:\n"
        "- `us` (cluster us, key `eu`): indices `*-prod-*`, `metrics-*` "
        "(restricted indices left out: the key's entry does not allow them) "
        "with read, read_cross_cluster, view_index_metadata\n"
        "- `us` (cluster us, key `eu`): nothing — the key's `search` access on "
        "these names grants read, read_cross_cluster, view_index_metadata, "
        "not write"
    )


def test_a_one_role_json_file_shows_its_role_on_its_keys(tmp_path: Path) -> None:
    role = (
        '{\n  "remote_indices": [{"clusters": ["asia"], "names": ["audit-eu"],\n'
        '    "privileges": ["cross_cluster_replication"]}]\n}\n'
    )
    view = view_of(tmp_path, {"eu/roles/auditor.json": role})
    found = at(view, tmp_path / "eu/roles/auditor.json", 2, 5)
    assert value(found) == (
        "**auditor** reaches, through API keys:\n"
        "- `asia` (cluster asia, key `k`): indices `audit-eu` with "
        "cross_cluster_replication"
    )
    assert lsp_range(found) == (1, 2, 1, 18)


def test_a_role_of_a_get_response_shows_on_its_name(tmp_path: Path) -> None:
    roles = (
        '{"viewer": {"cluster": []},\n'
        ' "writer": {"remote_indices": [{"clusters": ["au"], "names": ["x"], '
        '"privileges": ["read"]}]}}\n'
    )
    view = view_of(tmp_path, {"eu/roles/dump.json": roles})
    assert value(at(view, tmp_path / "eu/roles/dump.json", 1, 3)) == (
        "**viewer** has no `remote_indices` or `remote_cluster` entries: it "
        "reaches no remote cluster."
    )
    found = at(view, tmp_path / "eu/roles/dump.json", 2, 15)
    assert value(found).startswith("**writer** reaches, through API keys:\n- `au`")
    assert lsp_range(found) == (1, 12, 1, 28)


def test_plain_text_has_no_marks(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"eu/roles.yml": READER})
    found = at(view, tmp_path / "eu/roles.yml", 7, 9, markdown=False)
    assert found is not None
    assert found.contents == types.MarkupContent(
        kind=types.MarkupKind.PlainText,
        value=(
            "This remote_cluster entry of reader reaches, through API keys:\n"
            "- asia (cluster asia, key k): nothing — monitor_enrich needs a key "
            "with search access, which this one lacks\n"
            "- us (cluster us, key eu): cluster privileges monitor_enrich"
        ),
    )
    rc404 = at(view, tmp_path / "eu/elasticsearch.yml", 4, 10, markdown=False)
    assert value(rc404) == page(view, "RC400", markdown=False)
