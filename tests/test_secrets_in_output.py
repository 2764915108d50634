"""No secret reaches any output: each workspace here writes a credential in
a shape that once leaked, and every output format, the graph and the
verbose log are searched for it. The command runs in a subprocess, as a
user runs it; a plugin provides a rule that crashes quoting secret values,
as a rule holding one might."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN = """
from linter.findings import Rule, Severity
from linter.hookspecs import hookimpl


def leak(context):
    raise ValueError("cannot use QUOTEDSECRET1, JSONSECRET1 or it's SQUOTED1")


@hookimpl
def rclint_rules():
    return [Rule("ZZ100", "leaks", Severity.ERROR, "Crashes.", "", leak)]
"""

WORKSPACES = {
    "equals-sign-in-keystore-listing": {
        "c/elasticsearch.yml": "cluster.name: c\n",
        "c/elasticsearch.keystore.list": (
            "keystore.seed\n"
            "cluster.remote.rem.credentials=SECRETKS1\n"
            "cluster.remote.rem.credentials: SECRETKS2\n"
        ),
    },
    "misspelt-key": {
        "c/elasticsearch.yml": (
            "cluster.name: c\n"
            "cluster.remote.rem.credentialz: SECRETTYPO\n"
            "cluster.remote.rem.credentails: SECRETTYPO2\n"
            "xpack.security.http.ssl.keystore.pasword: SECRETTYPO3\n"
        ),
    },
    "commented-out-equals-sign": {
        "c/elasticsearch.yml": (
            "cluster.name: c\n"
            "#cluster.remote.x.credentials=SECRETCMT\n"
            "cluster.remote.x.seeds: [h:9300]\n"
        ),
    },
    "block-scalar-in-broken-yaml": {
        "c/elasticsearch.yml": (
            "cluster.name: c\n"
            "cluster.remote.e.credentials: |\n"
            "  SECRETBLOCK\n"
            'cluster.remote.f.seeds: "bad \\q escape"\n'
        ),
    },
    "quoted-values-in-a-crash": {
        "c/elasticsearch.yml": (
            "cluster.name: c\n"
            "cluster.remote.r.seeds: [h:9300]\n"
            'cluster.remote.r.credentials: "QUOTEDSECRET1"\n'
            "cluster.remote.s.credentials: 'it''s SQUOTED1'\n"
        ),
        "c/users/u.json": '{"password": "JSONSECRET\\u0031", "roles": []}\n',
    },
    "unquoted-api-key-in-broken-json": {
        "us-prod/elasticsearch.yml": "cluster.name: us-prod\n",
        "us-prod/api_keys/eu-prod-search.json": (
            '{"name": "x", "api_key": Zm9vYmFyOnNlY3JldHZhbHVlMTIz}\n'
        ),
    },
    "mappings-under-credentials": {
        "c/elasticsearch.yml": (
            "cluster.name: c\n"
            "cluster.remote.us.credentials: {PASTEDSECRET1: 1}\n"
            "cluster.remote.eu.credentials:\n"
            "  PASTEDSECRET2: x\n"
        ),
    },
}
SECRETS = (
    "SECRETKS",
    "SECRETTYPO",
    "SECRETCMT",
    "SECRETBLOCK",
    "QUOTEDSECRET1",
    "JSONSECRET",
    "SQUOTED1",
    # The parser quoted the first 20 characters of the key.
    "Zm9vYmFy",
    "PASTEDSECRET",
)
OUTPUTS = {
    "full": (),
    "concise": ("--output-format", "concise"),
    "json": ("--output-format", "json"),
    "show-graph": ("--show-graph",),
    "show-graph-json": ("--show-graph", "--output-format", "json"),
    "verbose": ("--verbose",),
    "sarif": ("--output-format", "sarif"),
    "github": ("--output-format", "github"),
    "gitlab": ("--output-format", "gitlab"),
    "junit": ("--output-format", "junit"),
    "lsp": ("--output-format", "lsp"),
    "statistics": ("--statistics",),
}


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "leaky_rules.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "leaky_rules-1.0.dist-info"
    info.mkdir()
    metadata = "Metadata-Version: 2.1\nName: leaky-rules\nVersion: 1.0\n"
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text("[rclint]\nZZ = leaky_rules\n")
    return site


def rclint(
    root: Path, plugin_path: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    # Outside a GitHub Actions job, whose default format would be another.
    ignored = {"NO_COLOR", "GITHUB_ACTIONS"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env["PYTHONPATH"] = os.pathsep.join([str(plugin_path), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "linter", "check", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def make(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("output", sorted(OUTPUTS))
@pytest.mark.parametrize("workspace", sorted(WORKSPACES))
def test_no_output_shows_a_secret(
    tmp_path: Path, plugin_path: Path, workspace: str, output: str
) -> None:
    root = make(tmp_path, WORKSPACES[workspace])
    crash = () if workspace == "quoted-values-in-a-crash" else ("--ignore", "ZZ")
    result = rclint(root, plugin_path, *crash, *OUTPUTS[output])
    shown = result.stdout + result.stderr
    assert [secret for secret in SECRETS if secret in shown] == []
    assert result.returncode == (2 if crash == () else 1), shown
    assert ("Traceback" in shown) == (output == "verbose" and crash == ())


@pytest.mark.parametrize("output_format", ["sarif", "junit", "lsp"])
def test_no_report_file_shows_a_secret(
    tmp_path: Path, plugin_path: Path, output_format: str
) -> None:
    """A report file holds what the terminal would, masked the same way:
    here a crash quoting secrets, which SARIF also lists as a notification."""
    root = make(tmp_path, WORKSPACES["quoted-values-in-a-crash"])
    args = ("--output-format", output_format, "--output-file", "report.out")
    result = rclint(root, plugin_path, *args)
    written = (root / "report.out").read_text(encoding="utf-8")
    shown = written + result.stdout + result.stderr
    assert (result.returncode, result.stdout) == (2, "")
    assert [secret for secret in SECRETS if secret in shown] == []
    assert "cannot use ********, ******** or ********" in written


def lines_of(result: subprocess.CompletedProcess[str], *starts: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith(starts)]


def test_a_keystore_line_with_a_value_is_rc001_and_masked(
    tmp_path: Path, plugin_path: Path
) -> None:
    root = make(tmp_path, WORKSPACES["equals-sign-in-keystore-listing"])
    result = rclint(root, plugin_path, "--ignore", "ZZ", "--select", "RC001")
    assert lines_of(result, "c/", "2 |", "  |      ") == [
        "c/elasticsearch.keystore.list:2:31: RC001 [error] expected one secure "
        "setting name a line, as `elasticsearch-keystore list` prints them; a "
        "value follows `=`, and no value may be in the listing",
        "2 | cluster.remote.rem.credentials=********",
        "  |                               ^",
        "c/elasticsearch.keystore.list:3:1: RC001 [error] expected one secure "
        "setting name a line, as `elasticsearch-keystore list` prints them; found "
        "several words",
        "2 | cluster.remote.rem.credentials=********",
    ]


def test_a_misspelt_key_shows_its_did_you_mean_but_not_its_value(
    tmp_path: Path, plugin_path: Path
) -> None:
    root = make(tmp_path, WORKSPACES["misspelt-key"])
    args = ("--ignore", "ZZ", "--select", "RC002", "--output-format", "concise")
    result = rclint(root, plugin_path, *args)
    assert result.stdout.splitlines()[0] == (
        "c/elasticsearch.yml:2:1: RC002 unknown setting "
        "`cluster.remote.rem.credentialz`; did you mean "
        "`cluster.remote.rem.credentials`?"
    )
    full = rclint(root, plugin_path, "--ignore", "ZZ", "--select", "RC002")
    assert "2 | cluster.remote.rem.credentialz: ********" in full.stdout.splitlines()


def test_a_block_credential_in_a_broken_file_is_masked_in_the_frame(
    tmp_path: Path, plugin_path: Path
) -> None:
    root = make(tmp_path, WORKSPACES["block-scalar-in-broken-yaml"])
    result = rclint(root, plugin_path, "--ignore", "ZZ", "--select", "RC001")
    frame = textwrap.dedent(
        """\
          |
        3 |   ********
        4 | cluster.remote.f.seeds: "bad \\q escape"
        """
    )
    assert frame in result.stdout


def test_a_crash_quoting_secrets_is_masked_in_the_finding(
    tmp_path: Path, plugin_path: Path
) -> None:
    root = make(tmp_path, WORKSPACES["quoted-values-in-a-crash"])
    result = rclint(root, plugin_path, "--select", "ZZ", "--output-format", "concise")
    assert result.stdout.splitlines()[0] == (
        "c/elasticsearch.yml:1:1: RC000 rule ZZ100 (leaks) failed on cluster `c` "
        "(c/elasticsearch.yml): ValueError: cannot use ********, ******** or "
        "********; please report this with the output of `rclint check --verbose`"
    )
    assert result.stderr == ""


def test_an_internal_error_after_loading_is_masked_with_its_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from linter import cli, reporters

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("lost QUOTEDSECRET1")

    # The command line sets up the root logger; undo that after the test.
    logger = logging.getLogger()
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    monkeypatch.setattr(logger, "level", logger.level)
    root = make(tmp_path, WORKSPACES["quoted-values-in-a-crash"])
    monkeypatch.setattr(reporters, "report", crash)
    code = cli.main(["check", str(root), "--verbose"])
    err = capsys.readouterr().err
    assert code == 2
    assert "rclint: internal error: RuntimeError: lost ********\n" in err
    assert err.endswith("RuntimeError: lost ********\n")
    assert "Traceback (most recent call last):" in err
    assert "QUOTEDSECRET1" not in err
