"""Where ``rclint check`` writes and in which format: every format from
the command line, ``--output-file``, ``--statistics``, and the GitHub
Actions default. The command runs in a subprocess, as a user runs it; a
fake plugin's rules give findings with known messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest
from report_records import PRIVILEGE, TEAM, UNRESOLVED, render

from linter import reporters
from linter.cli_check import OUTPUT_FORMATS

PLUGIN = """
from linter.findings import Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.source import Span


def seen(context):
    cluster = context.cluster
    span = Span.at(cluster.config_file, 1, 1, 13)
    yield Violation(span, f"cluster `{cluster.name}` seen", cluster.name, ())


def crash(context):
    raise ZeroDivisionError("division by zero")


@hookimpl
def rclint_rules():
    return [
        Rule("XY100", "cluster-seen", Severity.WARNING, "Sees clusters.",
             "# XY100 cluster-seen\\n\\nSees every cluster.\\n", seen),
        Rule("XY200", "cluster-noted", Severity.INFO, "Notes clusters.", "", seen),
        Rule("XY300", "crashes", Severity.ERROR, "Crashes.", "", crash),
    ]
"""
SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "output_rules.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "output_rules-1.0.dist-info"
    info.mkdir()
    metadata = "Metadata-Version: 2.1\nName: output-rules\nVersion: 1.0\n"
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text("[rclint]\nXY = output_rules\n")
    return site


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for name in ("eu", "us"):
        path = tmp_path / name / "elasticsearch.yml"
        path.parent.mkdir()
        path.write_text(f"cluster.name: {name}\n", encoding="utf-8")
    return tmp_path


def rclint(
    root: Path,
    plugin_path: Path,
    *args: str,
    github: bool = False,
    encoding: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``rclint check`` in ``root``, in a GitHub Actions job or not;
    ``encoding`` is that of its output streams."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "GITHUB_ACTIONS"}
    }
    env["PYTHONPATH"] = os.pathsep.join([str(plugin_path), env.get("PYTHONPATH", "")])
    if github:
        env["GITHUB_ACTIONS"] = "true"
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    command = [sys.executable, "-m", "linter", "check", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def test_the_command_line_offers_every_format() -> None:
    assert tuple(reporters.FORMATS) == OUTPUT_FORMATS


# --- each format from the command line ----------------------------------------


def test_sarif_from_the_command_line(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "--select", "XY1", "--output-format", "sarif")
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    assert result.returncode == 1
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["RC001", "XY100"]
    assert [result["ruleId"] for result in run["results"]] == ["XY100", "XY100"]
    assert run["invocations"][0]["executionSuccessful"] is True
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "eu/elasticsearch.yml", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.as_uri() + "/"}}


def test_sarif_of_a_crashed_rule_says_the_run_failed(
    root: Path, plugin_path: Path
) -> None:
    result = rclint(root, plugin_path, "--select", "XY3", "--output-format", "sarif")
    run = json.loads(result.stdout)["runs"][0]
    assert result.returncode == 2
    assert run["invocations"][0]["executionSuccessful"] is False
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["RC001", "XY300", "RC000"]
    assert rules[2]["helpUri"] == "https://rclint.dev/rules/RC000/"
    assert {result["ruleIndex"] for result in run["results"]} == {2}


@pytest.mark.parametrize("output_format", ["gitlab", "lsp"])
def test_json_formats_from_the_command_line(
    root: Path, plugin_path: Path, output_format: str
) -> None:
    args = ("--select", "XY100", "--output-format", output_format)
    result = rclint(root, plugin_path, *args)
    assert (result.returncode, len(json.loads(result.stdout))) == (1, 2)


def test_junit_from_the_command_line(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "--select", "XY", "--output-format", "junit")
    suites = ElementTree.fromstring(result.stdout).findall("testsuite")
    assert [suite.get("name") for suite in suites] == [
        "RC001 invalid-syntax",
        "XY100 cluster-seen",
        "XY200 cluster-noted",
        "XY300 crashes",
        "RC000 internal-error",
    ]
    assert [suite.get("failures") for suite in suites] == ["0", "2", "2", "0", "0"]
    assert suites[4].get("errors") == "2"


# --- the GitHub Actions default --------------------------------------------------


GITHUB = (
    "::warning file=eu/elasticsearch.yml,line=1,col=1,endLine=1,endColumn=13,"
    "title=XY100 cluster-seen::eu/elasticsearch.yml:1:1: cluster `eu` seen\n"
    "::warning file=us/elasticsearch.yml,line=1,col=1,endLine=1,endColumn=13,"
    "title=XY100 cluster-seen::us/elasticsearch.yml:1:1: cluster `us` seen\n"
    "Found 2 findings (0 errors, 2 warnings, 0 info).\n"
)


def test_in_github_actions_the_default_is_workflow_commands(
    root: Path, plugin_path: Path
) -> None:
    result = rclint(root, plugin_path, "--select", "XY100", github=True)
    assert (result.returncode, result.stdout) == (1, GITHUB)


def test_an_explicit_format_wins_over_github_actions(
    root: Path, plugin_path: Path
) -> None:
    args = ("--select", "XY100", "--output-format", "concise", "-q")
    result = rclint(root, plugin_path, *args, github=True)
    assert result.stdout == (
        "eu/elasticsearch.yml:1:1: XY100 cluster `eu` seen\n"
        "us/elasticsearch.yml:1:1: XY100 cluster `us` seen\n"
    )


def test_outside_github_actions_the_default_is_full(
    root: Path, plugin_path: Path
) -> None:
    result = rclint(root, plugin_path, "--select", "XY100", "-q")
    assert result.stdout.startswith("eu/elasticsearch.yml:1:1: XY100 [warning]")


# --- --output-file -------------------------------------------------------------


def test_output_file_takes_the_report_and_stdout_stays_empty(
    root: Path, plugin_path: Path
) -> None:
    (root / "out").mkdir()
    args = ("--select", "XY100", "--output-format", "github", "--show-graph")
    result = rclint(root, plugin_path, *args, "--output-file", "out/report.txt")
    assert (result.returncode, result.stdout) == (1, "")
    assert (root / "out" / "report.txt").read_text(encoding="utf-8") == GITHUB
    # The graph goes to stderr when stdout is not the report's.
    assert result.stderr.startswith("Clusters (2)")


def test_output_file_that_cannot_be_written_is_a_usage_error(
    root: Path, plugin_path: Path
) -> None:
    args = ("--select", "XY100", "--output-file", "missing/report.sarif")
    result = rclint(root, plugin_path, *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "rclint: error: cannot write the report to `missing/report.sarif`: "
        "No such file or directory\n"
    )


def test_show_graph_with_a_machine_format_goes_to_stderr(
    root: Path, plugin_path: Path
) -> None:
    args = ("--select", "XY100", "--output-format", "sarif", "--show-graph")
    result = rclint(root, plugin_path, *args)
    assert json.loads(result.stdout)["version"] == "2.1.0"
    assert result.stderr.startswith("Clusters (2)")


# --- --statistics ----------------------------------------------------------------


def test_statistics_from_the_command_line(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "--select", "XY1,XY2", "--statistics")
    assert (result.returncode, result.stdout) == (
        1,
        "2  XY100  cluster-seen\n"
        "2  XY200  cluster-noted\n"
        "Found 4 findings (0 errors, 2 warnings, 2 info).\n",
    )
    args = ("--select", "XY1", "--statistics", "--output-format", "json")
    assert json.loads(rclint(root, plugin_path, *args).stdout) == [
        {"code": "XY100", "name": "cluster-seen", "count": 2}
    ]


def test_statistics_sort_by_count_then_code() -> None:
    findings = [PRIVILEGE, TEAM, UNRESOLVED, *[PRIVILEGE] * 10]
    assert render("concise", findings, statistics=True, quiet=True) == (
        "11  RC401  remote-privilege-exceeds-api-key\n"
        " 1  RC002  invalid-structure\n"
        " 1  RC400  unresolved-api-key\n"
    )
    assert render("full", [], statistics=True) == "All checks passed.\n"
    assert render("json", [], statistics=True) == "[]\n"


# --- what every format must survive ---------------------------------------------


@pytest.fixture
def odd_root(root: Path) -> Path:
    """A cluster named `eu-é` whose role file's name has the byte 0xff,
    which is not UTF-8, and does not parse."""
    (root / "eu" / "elasticsearch.yml").write_text(
        "cluster.name: eu-é\n", encoding="utf-8"
    )
    (root / "eu" / "roles").mkdir()
    bad_name = os.path.join(os.fsencode(root), b"eu", b"roles", b"\xff.json")
    with open(bad_name, "wb") as file:
        file.write(b"{,}")
    return root


@pytest.mark.parametrize("output_format", OUTPUT_FORMATS)
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_every_format_survives_a_file_name_that_is_not_utf8(
    odd_root: Path, plugin_path: Path, output_format: str, encoding: str
) -> None:
    args = ("--select", "XY100,RC001", "--output-format", output_format)
    result = rclint(odd_root, plugin_path, *args, "--output-file", "report.out")
    # Written as the report file's UTF-8, read back as the format's reader
    # would; ``encoding`` is that of the process's own streams.
    text = (odd_root / "report.out").read_text(encoding="utf-8")
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    assert "\\xff.json" in text or "%FF.json" in text
    if output_format in {"json", "sarif", "gitlab", "lsp"}:
        json.loads(text)
    elif output_format == "junit":
        ElementTree.fromstring(text)
    streamed = rclint(odd_root, plugin_path, *args, encoding=encoding)
    assert (streamed.returncode, streamed.stderr) == (1, "")
    assert "\\xff.json" in streamed.stdout or "%FF.json" in streamed.stdout
