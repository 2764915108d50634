"""The workspace of an editor session: kept up to date edit by edit."""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from linter import host
from linter.live import LiveWorkspace

US_YML = "cluster.name: us\nnetwork.host: us.example.internal\n"
EU_YML = (
    "cluster.name: eu\n"
    'cluster.remote.us.seeds: ["us.example.internal:9443"]\n'
    "xpack.security.remote_cluster_client.ssl.certificate_authorities: [ca.crt]\n"
)
ASIA_YML = "cluster.name: asia\n"
KEY = '{"name": "eu", "access": {"search": [{"names": ["logs-*"]}]}}\n'
NARROW_KEY = '{"name": "eu", "access": {"search": [{"names": ["logs-prod-*"]}]}}\n'
ROLE = (
    "reader:\n"
    "  remote_indices:\n"
    "    - clusters: [us]\n"
    '      names: ["logs-*"]\n'
    "      privileges: [read]\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    files = {
        "us/elasticsearch.yml": US_YML,
        "us/api_keys/eu.json": KEY,
        "eu/elasticsearch.yml": EU_YML,
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "eu/roles.yml": ROLE,
        "asia/elasticsearch.yml": ASIA_YML,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def codes(workspace: LiveWorkspace, path: Path) -> list[str]:
    return [finding.code for finding in workspace.findings(str(path))]


def test_an_unsaved_key_edit_changes_a_role_of_another_cluster(root: Path) -> None:
    live = LiveWorkspace(str(root))
    assert live.files_with_findings() == frozenset()

    update = live.set_text(str(root / "us/api_keys/eu.json"), NARROW_KEY)
    assert update.changed == {str(root / "eu/roles.yml")}
    [finding] = live.findings(str(root / "eu/roles.yml"))
    assert (finding.code, finding.span.start) == ("RC402", (4, 15))
    assert (root / "us/api_keys/eu.json").read_text() == KEY

    closed = live.set_text(str(root / "us/api_keys/eu.json"), None)
    assert closed.changed == {str(root / "eu/roles.yml")}
    assert live.findings(str(root / "eu/roles.yml")) == ()


def test_only_the_changed_cluster_and_its_dependents_are_checked_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveWorkspace(str(root))
    checked: list[Collection[str] | None] = []
    run_rules = host.run_rules

    def recording(*arguments: Any) -> Any:
        checked.append(arguments[3])
        return run_rules(*arguments)

    monkeypatch.setattr(host, "run_rules", recording)
    live.set_text(str(root / "us/api_keys/eu.json"), NARROW_KEY)
    live.set_text(str(root / "asia/elasticsearch.yml"), ASIA_YML + "# edited\n")
    assert checked == [{"us", "eu"}, {"asia"}]


def test_a_document_that_does_not_parse_leaves_the_rest(root: Path) -> None:
    live = LiveWorkspace(str(root))
    live.set_text(str(root / "us/api_keys/eu.json"), NARROW_KEY)
    update = live.set_text(str(root / "eu/roles.yml"), "reader: [\n")
    assert update.changed == {str(root / "eu/roles.yml")}
    [finding] = live.findings(str(root / "eu/roles.yml"))
    assert (finding.code, finding.message) == (
        "RC001",
        "invalid YAML: did not find expected node content",
    )
    assert live.text(str(root / "eu/roles.yml")) == "reader: [\n"


def test_a_saved_configuration_change_relints_everything(root: Path) -> None:
    live = LiveWorkspace(str(root))
    live.set_text(str(root / "us/api_keys/eu.json"), NARROW_KEY)
    (root / "rclint.toml").write_text('ignore = ["RC402"]\n')
    update = live.files_changed([str(root / "rclint.toml")])
    assert update == type(update)(frozenset({str(root / "eu/roles.yml")}))
    assert live.findings(str(root / "eu/roles.yml")) == ()


def test_a_broken_configuration_is_an_error_and_keeps_the_last_one(
    root: Path,
) -> None:
    live = LiveWorkspace(str(root))
    (root / "rclint.toml").write_text("slect = []\n")
    update = live.files_changed([str(root / "rclint.toml")])
    assert update.error == (
        f"{root / 'rclint.toml'}:1:1: unknown key `slect` at the top level; "
        "did you mean `select`?"
    )
    assert live.config.select is None


def test_a_new_cluster_directory_is_found(root: Path) -> None:
    live = LiveWorkspace(str(root))
    (root / "au").mkdir()
    (root / "au/elasticsearch.yml").write_text(
        "cluster.name: au\ncluster.remote.x.seeds: [x.example:9300]\n"
    )
    (root / "au/elasticsearch.keystore.list").write_text("keystore.seed\n")
    update = live.files_changed([str(root / "au/elasticsearch.yml")])
    assert update.changed == {str(root / "au/elasticsearch.yml")}
    assert codes(live, root / "au/elasticsearch.yml") == ["RC101", "RC202"]
    assert sorted(live.graph.clusters) == ["asia", "au", "eu", "us"]


def test_two_clusters_of_one_name_are_an_error_and_keep_the_findings(
    root: Path,
) -> None:
    live = LiveWorkspace(str(root))
    live.set_text(str(root / "us/api_keys/eu.json"), NARROW_KEY)
    update = live.set_text(str(root / "asia/elasticsearch.yml"), "cluster.name: eu\n")
    assert update.changed == frozenset()
    assert update.error is not None
    assert update.error.startswith("two cluster directories are named `eu`")
    assert codes(live, root / "eu/roles.yml") == ["RC402"]


def test_a_file_outside_every_cluster_changes_nothing(root: Path) -> None:
    live = LiveWorkspace(str(root))
    assert live.set_text(str(root / "notes.yml"), "a: 1\n").changed == frozenset()


def test_a_cluster_edited_while_the_graph_cannot_be_built_is_linted_after(
    root: Path,
) -> None:
    live = LiveWorkspace(str(root))
    asia = str(root / "asia/elasticsearch.yml")
    roles = str(root / "eu/roles.yml")
    live.set_text(asia, "cluster.name: eu\n")
    live.set_text(roles, ROLE + "  indces: []\n")
    assert live.findings(roles) == ()

    update = live.set_text(asia, ASIA_YML)
    assert update.error is None
    assert roles in update.changed
    assert codes(live, root / "eu/roles.yml") == ["RC002"]


def test_an_edit_elsewhere_keeps_the_configuration_error(root: Path) -> None:
    live = LiveWorkspace(str(root))
    (root / "rclint.toml").write_text("slect = []\n")
    live.files_changed([str(root / "rclint.toml")])

    update = live.set_text(str(root / "eu/roles.yml"), ROLE + "# edited\n")
    assert update.error is not None
    assert update.error.endswith(
        "unknown key `slect` at the top level; did you mean `select`?"
    )
    (root / "rclint.toml").write_text("select = []\n")
    assert live.files_changed([str(root / "rclint.toml")]).error is None


def test_an_edit_before_a_finding_on_its_row_counts_as_a_change(root: Path) -> None:
    live = LiveWorkspace(str(root))
    roles = str(root / "eu/roles.yml")
    live.set_text(roles, "reader: {description: a, indces: []}\n")
    # The same character columns; one UTF-16 unit more before the finding.
    update = live.set_text(roles, "reader: {description: \U0001f600, indces: []}\n")
    assert update.changed == {roles}


def test_a_deleted_cluster_directory_leaves_the_workspace(root: Path) -> None:
    live = LiveWorkspace(str(root))
    (root / "asia/roles.yml").write_text("x: {indces: []}\n")
    live.files_changed([str(root / "asia/roles.yml")])
    assert codes(live, root / "asia/roles.yml") == ["RC002"]

    shutil.rmtree(root / "asia")
    update = live.files_changed([str(root / "asia")])
    assert update.changed == {str(root / "asia/roles.yml")}
    assert sorted(live.graph.clusters) == ["eu", "us"]


def test_an_unsaved_new_file_of_a_cluster_is_linted(root: Path) -> None:
    live = LiveWorkspace(str(root))
    new = root / "eu/roles/new.json"
    update = live.set_text(str(new), '{"indces": []}\n')
    assert update.changed == {str(new)}
    assert codes(live, new) == ["RC002"]
    assert not new.exists()

    assert live.set_text(str(new), None).changed == {str(new)}
    assert live.findings(str(new)) == ()


AU_YML = "cluster.name: au\ncluster.remote.x.seeds: [x.example:9300]\n"


def test_an_unsaved_elasticsearch_yml_is_a_cluster_while_open(root: Path) -> None:
    live = LiveWorkspace(str(root))
    config = root / "au/elasticsearch.yml"
    update = live.set_text(str(config), AU_YML)
    assert update.changed == {str(config)}
    assert codes(live, config) == ["RC101", "RC202"]
    assert sorted(live.graph.clusters) == ["asia", "au", "eu", "us"]

    hidden = root / ".drafts/au/elasticsearch.yml"
    assert live.set_text(str(hidden), AU_YML).changed == frozenset()

    assert live.set_text(str(config), None).changed == {str(config)}
    assert sorted(live.graph.clusters) == ["asia", "eu", "us"]


def test_an_open_elasticsearch_yml_deleted_on_disk_stays_a_cluster(
    root: Path,
) -> None:
    live = LiveWorkspace(str(root))
    config = root / "asia/elasticsearch.yml"
    live.set_text(str(config), AU_YML.replace("au", "asia"))
    assert codes(live, config) == ["RC101", "RC202"]

    config.unlink()
    assert live.files_changed([str(config)]).changed == {str(config)}
    assert codes(live, config) == ["RC101", "RC202"]
    assert sorted(live.graph.clusters) == ["asia", "eu", "us"]


def test_a_configuration_above_the_root_and_its_base_are_read_again(
    root: Path,
) -> None:
    clusters = root / "clusters"
    for name in ("us", "eu", "asia"):
        shutil.move(root / name, clusters / name)
    (root / "base.toml").write_text("")
    (root / "rclint.toml").write_text('extend = "base.toml"\n')
    live = LiveWorkspace(str(clusters))
    key = clusters / "us/api_keys/eu.json"
    live.set_text(str(key), NARROW_KEY)
    assert codes(live, clusters / "eu/roles.yml") == ["RC402"]
    assert live.is_config(str(root / "base.toml"))
    assert not live.is_config(str(root / "elsewhere/rclint.toml"))

    (root / "base.toml").write_text('ignore = ["RC402"]\n')
    live.files_changed([str(root / "base.toml")])
    assert codes(live, clusters / "eu/roles.yml") == []

    (root / "rclint.toml").write_text("")
    live.files_changed([str(root / "rclint.toml")])
    assert codes(live, clusters / "eu/roles.yml") == ["RC402"]
    assert not live.is_config(str(root / "base.toml"))


def test_a_file_named_by_its_real_path_is_the_file_of_the_linked_cluster(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    real = tmp_path_factory.mktemp("elsewhere") / "asia"
    shutil.move(root / "asia", real)
    (root / "asia").symlink_to(real, target_is_directory=True)
    live = LiveWorkspace(str(root))
    linked = root / "asia/roles.yml"
    assert live.in_workspace_terms(str(real / "roles.yml")) == str(linked)

    (real / "roles.yml").write_text("x: {indces: []}\n")
    update = live.files_changed([str(real / "roles.yml")])
    assert update.changed == {str(linked)}
    assert codes(live, linked) == ["RC002"]
