"""Suppressions in every form, and the findings about them (RC010 to RC015):
what is accepted, what is shown, and where each finding points."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from linter import engine, host
from linter.config import Config, replace_selection
from linter.findings import ConfigSuppression, Finding
from linter.source import Span
from linter.suppressions_stage import AcceptanceOptions

Workspace = Callable[[Mapping[str, str]], Path]
TODAY = datetime.date(2026, 6, 1)

CERT_LINK = {
    "eu/elasticsearch.keystore.list": "keystore.seed\n",
}
RC101 = (
    "RC101 remote cluster `old` uses the certificate security model, deprecated "
    "since 9.0; migrate it to the API key model: create a cross-cluster API key "
    "on the remote and add it to the keystore as `cluster.remote.old.credentials`"
)


def lint(
    workspace: Workspace,
    files: Mapping[str, str],
    config: Config | None = None,
    today: datetime.date = TODAY,
    audit: bool = False,
    select: tuple[str, ...] = ("RC0", "RC1"),
) -> list[Finding]:
    workspace(files)
    every = host.load_rules()
    config = replace_selection(config or Config(), select=select)
    rules = host.select_rules(every, config)
    options = AcceptanceOptions(today, audit=audit)
    return list(engine.lint(["."], config, rules, every, options).findings)


def line(f: Finding) -> str:
    return (
        f"{f.span.file}:{f.span.start.row}:{f.span.start.column}: {f.code} {f.message}"
    )


def shown(findings: list[Finding]) -> list[str]:
    return [line(f) for f in findings if f.suppression is None]


def accepted(findings: list[Finding]) -> list[tuple[str, int, str, str, int]]:
    """Each suppressed finding: code, row, and its suppression's kind,
    reason and row."""
    return [
        (f.code, f.span.start.row, s.kind, s.reason, s.span.start.row if s.span else 0)
        for f in findings
        if (s := f.suppression) is not None
    ]


def settings(*lines: str) -> dict[str, str]:
    text = "\n".join(("cluster.name: eu", *lines)) + "\n"
    return {"eu/elasticsearch.yml": text, **CERT_LINK}


SEEDS = 'cluster.remote.old.seeds: ["old.example.com:9300"]'


# --- comments -------------------------------------------------------------------


def test_a_comment_on_the_finding_s_line_suppresses_it(workspace: Workspace) -> None:
    findings = lint(
        workspace, settings(f'{SEEDS}  # rclint: ignore[RC101] reason="planned for Q3"')
    )

    assert shown(findings) == []
    assert accepted(findings) == [("RC101", 2, "comment", "planned for Q3", 2)]
    assert findings[0].suppression is not None
    assert findings[0].suppression.span == Span.at("eu/elasticsearch.yml", 2, 53, 100)


def test_a_comment_on_the_line_above_suppresses_the_next_content_line(
    workspace: Workspace,
) -> None:
    findings = lint(
        workspace,
        settings('# rclint: ignore[RC101] reason="planned for Q3"', "", "# why", SEEDS),
    )

    assert shown(findings) == []
    assert accepted(findings) == [("RC101", 5, "comment", "planned for Q3", 2)]


def test_a_block_suppresses_up_to_its_enable(workspace: Workspace) -> None:
    findings = lint(
        workspace,
        settings(
            '# rclint: disable[RC101] reason="legacy links, retired in Q3"',
            SEEDS,
            "# rclint: enable[RC101]",
            'cluster.remote.new.seeds: ["new.example.com:9300"]',
        ),
    )

    assert shown(findings) == [
        "eu/elasticsearch.yml:5:1: "
        + RC101.replace("`old`", "`new`").replace("remote.old.", "remote.new.")
    ]
    assert accepted(findings) == [
        ("RC101", 3, "comment", "legacy links, retired in Q3", 2)
    ]


def test_a_file_comment_suppresses_the_whole_file(workspace: Workspace) -> None:
    findings = lint(
        workspace,
        settings(SEEDS, '# rclint: ignore-file[RC101] reason="cluster being retired"'),
    )

    assert shown(findings) == []
    assert accepted(findings) == [("RC101", 2, "comment", "cluster being retired", 3)]


def test_a_suppression_never_covers_another_code(workspace: Workspace) -> None:
    findings = lint(
        workspace,
        settings(f'{SEEDS}  # rclint: ignore[RC202] reason="domains pending"'),
        select=("RC0", "RC1", "RC2"),
    )

    assert [f.code for f in findings if f.suppression is None] == ["RC101"]
    assert accepted(findings) == [("RC202", 2, "comment", "domains pending", 2)]


# --- metadata and configuration ----------------------------------------------------

API_KEY_LINK = {
    "eu/elasticsearch.yml": 'cluster.name: eu\ncluster.remote.us.seeds: ["us:9443"]\n',
    "eu/elasticsearch.keystore.list": "keystore.seed\ncluster.remote.us.credentials\n",
    "us/elasticsearch.yml": "cluster.name: us\nremote_cluster_server.enabled: true\n",
}
KEY = '{{"name": "eu", "access": {{"search": [{{"names": ["logs-prod-*"]}}]}}{}}}\n'
ROLE_JSON = """{{
  "remote_indices": [
    {{"clusters": ["us"], "names": ["logs-*"], "privileges": ["read", "write"]}}
  ]{}
}}
"""
ROLE_YML = """remote-search:
  metadata:
    rclint:
      ignore:
        RC401: "write is capped by the key, on purpose"
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [read, write]
"""


def key_link(
    role: str, key_metadata: str = "", role_file: str = "roles/x.json"
) -> dict[str, str]:
    return {
        **API_KEY_LINK,
        "us/api_keys/eu.json": KEY.format(key_metadata),
        f"eu/{role_file}": role,
    }


def test_a_json_role_s_metadata_suppresses_its_findings(workspace: Workspace) -> None:
    metadata = ',\n  "metadata": {"rclint": {"ignore": {"RC401": "capped on purpose"}}}'

    findings = lint(
        workspace, key_link(ROLE_JSON.format(metadata)), select=("RC0", "RC4")
    )

    assert [f.code for f in findings if f.suppression is None] == ["RC402"]
    assert accepted(findings) == [("RC401", 3, "metadata", "capped on purpose", 5)]


def test_a_yaml_role_s_metadata_suppresses_its_findings(workspace: Workspace) -> None:
    findings = lint(
        workspace, key_link(ROLE_YML, role_file="roles.yml"), select=("RC0", "RC4")
    )

    assert [f.code for f in findings if f.suppression is None] == ["RC402"]
    assert accepted(findings) == [
        ("RC401", 9, "metadata", "write is capped by the key, on purpose", 5)
    ]


def test_a_key_s_metadata_suppresses_the_findings_comparing_roles_with_it(
    workspace: Workspace,
) -> None:
    metadata = ', "metadata": {"rclint": {"ignore": {"RC402": "narrow on purpose"}}}'

    findings = lint(
        workspace, key_link(ROLE_JSON.format(""), metadata), select=("RC0", "RC4")
    )

    assert [f.code for f in findings if f.suppression is None] == ["RC401"]
    assert accepted(findings) == [("RC402", 3, "metadata", "narrow on purpose", 1)]


def test_the_configuration_suppresses_by_identity(workspace: Workspace) -> None:
    where = Span.at("rclint.toml", 4, 1, 11)
    entries = (
        ConfigSuppression("RC101", "retired in Q3", "eu", "alias", "old", span=where),
        ConfigSuppression("RC101", "another cluster", "us", span=where),
    )

    findings = lint(workspace, settings(SEEDS), Config(suppressions=entries))

    assert shown(findings) == []
    assert accepted(findings) == [("RC101", 2, "configuration", "retired in Q3", 4)]


# --- findings about suppressions ------------------------------------------------------


def test_a_suppression_without_a_reason_suppresses_nothing(
    workspace: Workspace,
) -> None:
    findings = lint(workspace, settings(f"{SEEDS}  # rclint: ignore[RC101]"))

    assert shown(findings) == [
        "eu/elasticsearch.yml:2:1: " + RC101,
        "eu/elasticsearch.yml:2:53: RC010 the `ignore` comment for `RC101` has no "
        'reason, so it suppresses nothing: add `reason="..."` after the codes',
    ]


def test_unknown_and_unsuppressible_codes(workspace: Workspace) -> None:
    entries = (
        ConfigSuppression(
            "RC001", "the file is fine", span=Span.at("rclint.toml", 2, 1, 11)
        ),
    )
    findings = lint(
        workspace,
        settings(f'{SEEDS}  # rclint: ignore[RC101, RC999, RC4] reason="planned"'),
        Config(suppressions=entries),
    )

    assert shown(findings) == [
        "eu/elasticsearch.yml:2:77: RC011 `RC999` in the `ignore` comment names no "
        "installed rule, so it suppresses nothing; `rclint rules` lists the known "
        "codes",
        "eu/elasticsearch.yml:2:84: RC011 `RC4` in the `ignore` comment is not a "
        "rule code: a suppression names exact codes, like `RC401`, so it "
        "suppresses nothing",
        "rclint.toml:2:1: RC011 `RC001` in the `[[suppress]]` entry cannot be "
        "suppressed (rclint never lints around a file it cannot read): fix the file",
    ]


def test_rc001_is_never_suppressed(workspace: Workspace) -> None:
    entries = (
        ConfigSuppression("RC001", "ok", "eu", span=Span.at("rclint.toml", 2, 1, 11)),
    )
    files = {
        **settings(),
        "eu/roles.yml": '# rclint: ignore-file[RC001] reason="x"\na: [\n',
    }

    findings = lint(workspace, files, Config(suppressions=entries))

    assert [f.code for f in findings if f.suppression is None] == ["RC001", "RC011"]


def test_an_unused_suppression_is_reported_only_when_its_rule_ran(
    workspace: Workspace,
) -> None:
    files = {
        **settings(
            'cluster.remote.old.seeds: ["old.example.com:9443"]  # rclint: '
            'ignore[RC101] reason="planned"',
            '# rclint: ignore[RC202] reason="not selected"',
        ),
        "eu/elasticsearch.keystore.list": "cluster.remote.old.credentials\n",
    }

    findings = lint(workspace, files)

    assert shown(findings) == [
        "eu/elasticsearch.yml:2:70: RC012 unused suppression: `RC101` in the `ignore` "
        "comment matches no RC101 finding: remove it"
    ]


def test_an_expired_suppression_stops_suppressing_and_says_so(
    workspace: Workspace,
) -> None:
    files = settings(
        f'{SEEDS}  # rclint: ignore[RC101] reason="Q3" expires="2026-07-01"'
    )

    before = lint(workspace, files, today=datetime.date(2026, 6, 30))
    on_the_day = lint(workspace, files, today=datetime.date(2026, 7, 1))

    assert shown(before) == []
    assert shown(on_the_day) == [
        "eu/elasticsearch.yml:2:1: " + RC101,
        "eu/elasticsearch.yml:2:53: RC013 the `ignore` comment for `RC101` expired "
        "on 2026-07-01: it no longer suppresses, and the finding it accepted is "
        "shown again; fix it, or renew the suppression with a new reason and date",
    ]


def test_a_malformed_suppression_is_reported_and_applies_nowhere(
    workspace: Workspace,
) -> None:
    findings = lint(
        workspace, settings(f'{SEEDS}  # rclint: ignore[RC101] reason="Q3" until="x"')
    )

    assert shown(findings) == [
        "eu/elasticsearch.yml:2:1: " + RC101,
        "eu/elasticsearch.yml:2:89: RC015 invalid suppression, which suppresses "
        "nothing until it is fixed: unknown field `until`; expected `reason` or "
        "`expires`",
    ]


def test_a_finding_about_a_suppression_is_not_suppressed_by_it(
    workspace: Workspace,
) -> None:
    config = Config(
        suppressions=(
            ConfigSuppression(
                "RC012",
                "kept for the next release",
                span=Span.at("rclint.toml", 9, 1, 11),
            ),
        )
    )
    files = settings(
        '# rclint: ignore[RC011, RC999] reason="x"',
        '# rclint: ignore[RC101] reason="nothing to hide"',
        "cluster.routing.allocation.enable: all",
    )

    findings = lint(workspace, files, config)

    assert shown(findings) == [
        "eu/elasticsearch.yml:2:25: RC011 `RC999` in the `ignore` comment names no "
        "installed rule, so it suppresses nothing; `rclint rules` lists the known "
        "codes",
    ]
    assert accepted(findings) == [
        ("RC012", 3, "configuration", "kept for the next release", 9)
    ]


def test_audit_mode_shows_and_counts_every_suppressed_finding(
    workspace: Workspace,
) -> None:
    files = settings(f'{SEEDS}  # rclint: ignore[RC101] reason="planned for Q3"')

    findings = lint(workspace, files, audit=True)

    assert shown(findings) == ["eu/elasticsearch.yml:2:1: " + RC101]


def test_each_decision_is_logged(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="linter.suppressions")
    files = settings(f'{SEEDS}  # rclint: ignore[RC101] reason="planned for Q3"')

    lint(workspace, files)

    assert [r.getMessage() for r in caplog.records] == [
        "RC101 at eu/elasticsearch.yml:2:1 suppressed by the ignore suppression at "
        "eu/elasticsearch.yml:2:53: planned for Q3"
    ]


def test_a_users_roles_comment_suppresses_the_line_below(workspace: Workspace) -> None:
    files = {
        "eu/elasticsearch.yml": (
            'cluster.name: eu\ncluster.remote.us.seeds: ["us.example.com:9300"]\n'
        ),
        "us/elasticsearch.yml": "cluster.name: us\n",
        "eu/users_roles": (
            '# rclint: ignore[RC201] reason="alice reads local logs only"\n'
            "logs-reader:alice\n"
        ),
    }

    findings = lint(workspace, files, select=("RC0", "RC201"))

    assert shown(findings) == []
    assert accepted(findings) == [
        ("RC201", 2, "comment", "alice reads local logs only", 1)
    ]


def test_a_metadata_entry_expires_and_says_so(workspace: Workspace) -> None:
    metadata = (
        ',\n  "metadata": {"rclint": {"ignore": {\n'
        '    "RC401": {"reason": "capped", "expires": "2026-06-01"},\n'
        '    "RC402": {"reason": "capped", "expires": "June"}\n'
        "  }}}"
    )

    findings = lint(
        workspace, key_link(ROLE_JSON.format(metadata)), select=("RC0", "RC4")
    )

    assert [f.code for f in findings if f.suppression is None] == [
        "RC402",
        "RC401",
        "RC013",
        "RC015",
    ]
    assert shown(findings)[2:] == [
        "eu/roles/x.json:6:5: RC013 the `metadata.rclint` of role `x` for `RC401` "
        "expired on 2026-06-01: it no longer suppresses, and the finding it "
        "accepted is shown again; fix it, or renew the suppression with a new "
        "reason and date",
        "eu/roles/x.json:7:46: RC015 invalid suppression, which suppresses nothing "
        "until it is fixed: `expires` must be a date written YYYY-MM-DD, found "
        "`June`",
    ]


def test_a_configuration_entry_without_a_reason(workspace: Workspace) -> None:
    entries = (
        ConfigSuppression("RC101", None, "eu", span=Span.at("rclint.toml", 7, 1, 13)),
    )

    findings = lint(workspace, settings(SEEDS), Config(suppressions=entries))

    assert shown(findings) == [
        "eu/elasticsearch.yml:2:1: " + RC101,
        "rclint.toml:7:1: RC010 the `[[suppress]]` entry for `RC101` has no reason, "
        'so it suppresses nothing: add `reason = "..."` to the entry',
    ]


def test_a_key_named_after_its_file_suppresses_by_its_metadata(
    workspace: Workspace,
) -> None:
    key = (
        "# the key of eu, named after this file\n"
        "access:\n  search:\n    - names: [logs-prod-*]\n"
        "metadata:\n  rclint:\n    ignore:\n      RC401: the key grants reads only\n"
    )
    files = key_link(ROLE_JSON.format(""))
    del files["us/api_keys/eu.json"]

    files = {**files, "us/api_keys/eu.yml": key}
    findings = lint(workspace, files, select=("RC0", "RC4"))

    # Elasticsearch needs a name; rclint names the key after its file.
    assert [f.code for f in findings if f.suppression is None] == ["RC402", "RC002"]
    assert accepted(findings) == [
        ("RC401", 3, "metadata", "the key grants reads only", 8)
    ]
