"""The command line, run as a user runs it: in a subprocess.

A fake third-party distribution (a module and its ``.dist-info`` on
``PYTHONPATH``) provides rules with known messages, so these tests pin the
CLI's behaviour and not the built-in rules' wording; ``--select XY`` keeps
the built-in rules out of the findings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from linter import __version__
from linter.cli import main

PLUGIN = """
from linter.findings import Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.source import Span


def seen(context):
    cluster = context.cluster
    span = Span.at(cluster.config_file, 1, 1, 13)
    yield Violation(span, f"cluster `{cluster.name}` seen", cluster.name, ())


def crash(context):
    if context.cluster.name == "us":
        raise ZeroDivisionError("division by zero")
    return iter(())


SCHEMA = {"type": "object", "properties": {"level": {"type": "integer"}}}


@hookimpl
def rclint_rules():
    return [
        Rule("XY100", "cluster-seen", Severity.WARNING, "Sees clusters.",
             "# XY100 cluster-seen\\n\\nSees every cluster.\\n", seen, SCHEMA),
        Rule("XY200", "cluster-noted", Severity.INFO, "Notes clusters.",
             "# XY200 cluster-noted\\n", seen),
        Rule("XY300", "crashes", Severity.ERROR, "Crashes on us.", "", crash),
        Rule("XY400", "bad-schema", Severity.INFO, "Has a broken options schema.",
             "", seen, {"type": 5}),
    ]
"""


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "fake_rules.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "fake_rules-1.0.dist-info"
    info.mkdir()
    metadata = "Metadata-Version: 2.1\nName: fake-rules\nVersion: 1.0\n"
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text("[rclint]\nXY = fake_rules\n")
    return site


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for name in ("eu", "us"):
        path = tmp_path / name / "elasticsearch.yml"
        path.parent.mkdir()
        path.write_text(f"cluster.name: {name}\n", encoding="utf-8")
    return tmp_path


def rclint(
    root: Path, plugin_path: Path, *args: str, encoding: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run rclint in ``root``; ``encoding`` is that of its output streams."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["PYTHONPATH"] = os.pathsep.join([str(plugin_path), env.get("PYTHONPATH", "")])
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    command = [sys.executable, "-m", "linter", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


CONCISE = (
    "eu/elasticsearch.yml:1:1: XY100 cluster `eu` seen\n"
    "us/elasticsearch.yml:1:1: XY100 cluster `us` seen\n"
)


# --- information commands -----------------------------------------------------


def test_version(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "--version")
    assert (result.returncode, result.stdout) == (0, f"rclint {__version__}\n")


VERSION_IMPORTS = """
import sys
from linter.cli import main
main(["--version"])
heavy = ("linter", "pluggy", "yaml", "jsonschema", "jsonschema_rs", "lark", "tomllib")
print(sorted(name for name in sys.modules if name.split(".")[0] in heavy))
"""


def test_version_imports_no_heavy_module(root: Path) -> None:
    command = [sys.executable, "-c", VERSION_IMPORTS]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert result.stdout == (
        f"rclint {__version__}\n['linter', 'linter.cli', 'linter.cli_check', "
        "'linter.cli_logging', 'linter.errors']\n"
    )


def test_no_command_prints_the_usage(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: rclint [-h] [--version]")


def test_rules_table(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "rules")
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "SOURCE", "SUMMARY"]
    assert "RC101" in result.stdout
    row = next(line for line in lines if line.startswith("XY100"))
    expected = "XY100 cluster-seen warning fake-rules 1.0 Sees clusters."
    assert row.split() == expected.split()


def test_rules_as_json(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "rules", "--output-format", "json")
    entries = {entry["code"]: entry for entry in json.loads(result.stdout)}
    assert entries["XY200"] == {
        "code": "XY200",
        "name": "cluster-noted",
        "severity": "info",
        "summary": "Notes clusters.",
        "plugin": "fake_rules",
        "distribution": "fake-rules 1.0",
    }
    assert entries["RC101"]["distribution"] == f"rclint {__version__}"


def test_rule_page(root: Path, plugin_path: Path) -> None:
    for name in ("XY100", "xy100", "cluster-seen"):
        result = rclint(root, plugin_path, "rule", name)
        assert (result.returncode, result.stdout) == (
            0,
            "# XY100 cluster-seen\n\nSees every cluster.\n",
        )


def test_unknown_rule(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "rule", "XY101")
    assert (result.returncode, result.stderr) == (
        2,
        "rclint: error: unknown rule `XY101`; did you mean `XY100`?\n",
    )


@pytest.mark.parametrize(
    ("given", "codes"),
    [("XY", "XY100, XY200, XY300, XY400"), ("xy1", "XY100"), ("RC2", "RC201, RC202")],
)
def test_a_code_prefix_lists_its_rules(
    root: Path, plugin_path: Path, given: str, codes: str
) -> None:
    result = rclint(root, plugin_path, "rule", given)
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"rclint: error: `{given}` is not a rule code; rules starting with it: "
        f"{codes}\n",
    )


# --- check: exit codes ----------------------------------------------------------


def test_findings_that_fail_exit_1(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "check", "--select", "XY100", "-q")
    assert (result.returncode, result.stdout) == (1, FULL)


def test_exit_zero(root: Path, plugin_path: Path) -> None:
    args = ("check", "--select", "XY100", "--output-format", "concise", "--exit-zero")
    result = rclint(root, plugin_path, *args)
    summary = "Found 2 findings (0 errors, 2 warnings, 0 info).\n"
    assert (result.returncode, result.stdout) == (0, CONCISE + summary)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--select", "XY100", "--fail-on", "error"), 0),
        (("--select", "XY200"), 0),
        (("--select", "XY200", "--fail-on", "info"), 1),
        (("--select", "XY1,XY2", "--ignore", "XY100"), 0),
        (("--select", "XY", "--ignore", "XY3,XY4", "--fail-on", "warning"), 1),
    ],
)
def test_fail_on(
    root: Path, plugin_path: Path, args: tuple[str, ...], code: int
) -> None:
    result = rclint(root, plugin_path, "check", "--output-format", "concise", *args)
    assert result.returncode == code, result.stderr


def test_fail_on_from_the_configuration(root: Path, plugin_path: Path) -> None:
    write(root / "rclint.toml", 'select = ["XY100"]\nfail-on = "error"\n')
    assert rclint(root, plugin_path, "check").returncode == 0
    assert rclint(root, plugin_path, "check", "--fail-on", "warning").returncode == 1


def test_explicit_configuration_file(root: Path, plugin_path: Path) -> None:
    write(root / "strict.toml", 'select = ["XY200"]\nfail-on = "info"\n')
    result = rclint(root, plugin_path, "check", "--config", "strict.toml", "-q")
    assert result.returncode == 1
    assert result.stdout.count("XY200 [info]") == 2


def test_a_crashing_rule_exits_2_even_with_exit_zero(
    root: Path, plugin_path: Path
) -> None:
    args = ("check", "--select", "XY300", "--output-format", "concise", "--exit-zero")
    result = rclint(root, plugin_path, *args)
    assert (result.returncode, result.stdout) == (
        2,
        "us/elasticsearch.yml:1:1: RC000 rule XY300 (crashes) failed on cluster "
        "`us` (us/elasticsearch.yml): ZeroDivisionError: division by zero; please "
        "report this with the output of `rclint check --verbose`\n"
        "Found 1 finding (1 error, 0 warnings, 0 info).\n",
    )
    # The finding reports the crash: no log line repeats it.
    assert result.stderr == ""


def test_verbose_logs_the_traceback_of_a_crashing_rule(
    root: Path, plugin_path: Path
) -> None:
    args = ("check", "--select", "XY300", "--output-format", "concise", "-v")
    result = rclint(root, plugin_path, *args)
    assert result.returncode == 2
    assert (
        "DEBUG linter.host: rule XY300 (crashes) failed on cluster us\n"
        "Traceback (most recent call last):\n"
    ) in result.stderr
    assert result.stderr.count("Traceback") == 1
    assert "ZeroDivisionError: division by zero\n" in result.stderr


def test_no_cluster_directory(tmp_path: Path, plugin_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = rclint(tmp_path, plugin_path, "check", "empty")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "rclint: error: no cluster directories found under `empty`: a cluster "
        "directory holds an elasticsearch.yml\n",
    )


def test_no_cluster_directory_says_what_could_not_be_searched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    locked = tmp_path / "locked"
    (locked / "eu").mkdir(parents=True)
    (locked / "eu" / "elasticsearch.yml").write_text("cluster.name: eu\n")
    real_scandir = os.scandir

    def scandir(path: str) -> Any:
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["check", "."]) == 2
    assert capsys.readouterr() == (
        "",
        "rclint: error: no cluster directories found under `.`: a cluster "
        "directory holds an elasticsearch.yml\n"
        "  locked: cannot list directory: Permission denied\n",
    )


def test_configuration_error(root: Path, plugin_path: Path) -> None:
    write(root / "rclint.toml", "[clusters.eu]\npublic_ca = true\n")
    result = rclint(root, plugin_path, "check")
    assert (result.returncode, result.stderr) == (
        2,
        "rclint: error: rclint.toml:2:1: unknown key `public_ca` in [clusters.eu]; "
        "did you mean `public-ca`?\n",
    )


def test_unknown_selector(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "check", "--select", "XY1000")
    assert (result.returncode, result.stderr) == (
        2,
        "rclint: error: unknown rule selector `XY1000` in --select; "
        "did you mean `XY100`?\n",
    )


def test_unknown_selector_in_the_configuration(root: Path, plugin_path: Path) -> None:
    write(root / "rclint.toml", 'extend-select = ["XZ100"]\n')
    result = rclint(root, plugin_path, "check", "--select", "XY1")
    assert (result.returncode, result.stderr) == (
        2,
        "rclint: error: rclint.toml:1:18: unknown rule selector `XZ100` in "
        "extend-select; did you mean `XY100`?\n",
    )


@pytest.mark.parametrize(
    ("flags", "codes"),
    [
        ((), ["XY100"]),
        (("--ignore", "XY100"), []),
        # The flag's layer wins over the file's ignore.
        (("--extend-select", "XY2"), ["XY100", "XY200"]),
        (("--select", "XY2,XY4"), ["XY200", "XY400"]),
    ],
)
def test_flags_layer_over_the_configuration(
    root: Path, plugin_path: Path, flags: tuple[str, ...], codes: list[str]
) -> None:
    write(
        root / "rclint.toml",
        'select = ["XY2"]\nextend-select = ["XY100"]\nignore = ["XY200"]\n',
    )
    args = ("check", "--output-format", "json", "--exit-zero", *flags)
    result = rclint(root, plugin_path, *args)
    found = sorted({finding["code"] for finding in json.loads(result.stdout)})
    assert (result.returncode, found) == (0, codes)


@pytest.mark.parametrize(
    ("flags", "codes"),
    [
        (("--select", "XY100", "--select", "XY200"), ["XY100", "XY200"]),
        (
            ("--select", "XY", "--ignore", "XY3", "--ignore", "XY400"),
            ["XY100", "XY200"],
        ),
        (
            ("--select", "XY1", "--extend-select", "XY2", "--extend-select", "XY4"),
            ["XY100", "XY200", "XY400"],
        ),
    ],
)
def test_repeated_selector_flags_add_up(
    root: Path, plugin_path: Path, flags: tuple[str, ...], codes: list[str]
) -> None:
    args = ("check", "--output-format", "json", "--exit-zero", *flags)
    result = rclint(root, plugin_path, *args)
    found = sorted({finding["code"] for finding in json.loads(result.stdout)})
    assert (result.returncode, found, result.stderr) == (0, codes, "")


def test_bad_flag_value(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "check", "--fail-on", "fatal")
    assert result.returncode == 2
    assert "argument --fail-on: invalid choice: 'fatal'" in result.stderr


def test_internal_error_shows_the_traceback_only_when_verbose(
    root: Path, plugin_path: Path
) -> None:
    write(root / "rclint.toml", "[rules.XY400]\nlevel = 1\n")
    quiet = rclint(root, plugin_path, "check", "--select", "XY4")
    assert quiet.returncode == 2
    assert quiet.stderr.startswith("rclint: internal error: ValidationError: ")
    assert "Traceback" not in quiet.stderr
    verbose = rclint(root, plugin_path, "check", "--select", "XY4", "--verbose")
    assert verbose.returncode == 2
    assert "Traceback (most recent call last):" in verbose.stderr


def test_verbose_logs_decisions(root: Path, plugin_path: Path) -> None:
    write(root / "rclint.toml", 'select = ["XY100"]\n')
    result = rclint(root, plugin_path, "check", "--verbose", "--fail-on", "error")
    assert result.returncode == 0
    config_file = root / "rclint.toml"
    assert f"DEBUG linter.config_read: using the configuration in {config_file}\n" in (
        result.stderr
    )
    assert "DEBUG linter.selection: rule XY200 (cluster-noted) is not selected\n" in (
        result.stderr
    )


# --- check: output formats ------------------------------------------------------


FULL = (
    "eu/elasticsearch.yml:1:1: XY100 [warning] cluster `eu` seen\n"
    "  |\n"
    "1 | cluster.name: eu\n"
    "  | ^^^^^^^^^^^^\n"
    "  |\n"
    "\n"
    "us/elasticsearch.yml:1:1: XY100 [warning] cluster `us` seen\n"
    "  |\n"
    "1 | cluster.name: us\n"
    "  | ^^^^^^^^^^^^\n"
    "  |\n"
    "\n"
)


def test_full_format_is_the_default(root: Path, plugin_path: Path) -> None:
    result = rclint(root, plugin_path, "check", "--select", "XY100")
    summary = "Found 2 findings (0 errors, 2 warnings, 0 info).\n"
    assert result.stdout == FULL + summary


def test_paths_keep_the_spelling_given(root: Path, plugin_path: Path) -> None:
    args = ("check", "eu", "--select", "XY100", "--output-format", "concise", "-q")
    result = rclint(root, plugin_path, *args)
    assert result.stdout == "eu/elasticsearch.yml:1:1: XY100 cluster `eu` seen\n"


def test_json_format(root: Path, plugin_path: Path) -> None:
    args = ("check", "--select", "XY200", "--output-format", "json")
    result = rclint(root, plugin_path, *args)
    items = json.loads(result.stdout)
    assert [(item["filename"], item["code"], item["cluster"]) for item in items] == [
        ("eu/elasticsearch.yml", "XY200", "eu"),
        ("us/elasticsearch.yml", "XY200", "us"),
    ]
    assert items[0]["location"] == {"row": 1, "column": 1}
    assert result.returncode == 0


def test_all_checks_passed(root: Path, plugin_path: Path) -> None:
    write(root / "rclint.toml", 'select = ["XY300"]\n')
    (root / "us" / "elasticsearch.yml").unlink()
    result = rclint(root, plugin_path, "check")
    assert (result.returncode, result.stdout) == (0, "All checks passed.\n")


def test_show_graph_comes_before_the_findings(root: Path, plugin_path: Path) -> None:
    from linter import engine
    from linter.config import Config
    from linter.graph_text import describe

    previous = os.getcwd()
    os.chdir(root)
    try:
        expected = describe(engine.build(["."], Config())).rstrip("\n") + "\n\n"
    finally:
        os.chdir(previous)
    args = ("check", "--show-graph", "--select", "XY100", "--output-format", "concise")
    result = rclint(root, plugin_path, *args)
    assert result.stdout.startswith(expected + CONCISE)


def test_built_in_rules_never_show_a_secret(root: Path, plugin_path: Path) -> None:
    write(
        root / "eu" / "elasticsearch.yml",
        """
        cluster.name: eu
        cluster.remote.us.credentials: "c2VjcmV0LXZhbHVl"
        """,
    )
    for output_format in ("full", "concise", "json"):
        args = ("check", "--select", "RC002", "--output-format", output_format)
        result = rclint(root, plugin_path, *args)
        assert result.returncode == 1
        assert "c2VjcmV0LXZhbHVl" not in result.stdout + result.stderr
    assert (
        "2 | cluster.remote.us.credentials: ********\n"
        in rclint(root, plugin_path, "check", "--select", "RC002").stdout
    )


# --- check: what the output streams can hold --------------------------------------


@pytest.fixture
def odd_root(root: Path) -> Path:
    """A workspace with a cluster named `eu-é` and a role file whose name
    has the byte 0xff, which is not UTF-8."""
    write(root / "eu" / "elasticsearch.yml", "cluster.name: eu-é\n")
    (root / "eu" / "roles").mkdir()
    bad_name = os.path.join(os.fsencode(root), b"eu", b"roles", b"\xff.json")
    with open(bad_name, "wb") as file:
        file.write(b"{,}")
    return root


ODD_CONCISE = (
    "eu/elasticsearch.yml:1:1: XY100 cluster `eu-é` seen\n"
    "eu/roles/\\xff.json:1:2: RC001 invalid JSON: expected a string key, found ','\n"
    "us/elasticsearch.yml:1:1: XY100 cluster `us` seen\n"
)
ODD_ARGS = ("check", "--select", "XY100,RC001", "--exit-zero", "-q")


def test_an_undecodable_file_name_is_escaped_in_full(
    odd_root: Path, plugin_path: Path
) -> None:
    result = rclint(odd_root, plugin_path, *ODD_ARGS)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[6:10] == [
        "eu/roles/\\xff.json:1:2: RC001 [error] invalid JSON: expected a string "
        "key, found ','",
        "  |",
        "1 | {,}",
        "  |  ^",
    ]


def test_an_undecodable_file_name_is_escaped_in_concise(
    odd_root: Path, plugin_path: Path
) -> None:
    result = rclint(odd_root, plugin_path, *ODD_ARGS, "--output-format", "concise")
    assert (result.returncode, result.stdout, result.stderr) == (0, ODD_CONCISE, "")


def test_an_undecodable_file_name_is_escaped_in_json(
    odd_root: Path, plugin_path: Path
) -> None:
    result = rclint(odd_root, plugin_path, *ODD_ARGS, "--output-format", "json")
    items = json.loads(result.stdout)
    assert (result.returncode, result.stderr) == (0, "")
    assert [(item["filename"], item["cluster"]) for item in items] == [
        ("eu/elasticsearch.yml", "eu-é"),
        ("eu/roles/\\xff.json", "eu-é"),
        ("us/elasticsearch.yml", "us"),
    ]


def test_an_ascii_output_stream_gets_escapes_not_a_crash(
    odd_root: Path, plugin_path: Path
) -> None:
    concise = rclint(
        odd_root, plugin_path, *ODD_ARGS, "--output-format", "concise", "--show-graph"
    )
    ascii_concise = rclint(
        odd_root,
        plugin_path,
        *ODD_ARGS,
        "--output-format",
        "concise",
        "--show-graph",
        encoding="ascii",
    )
    assert (ascii_concise.returncode, ascii_concise.stderr) == (0, "")
    assert ascii_concise.stdout == concise.stdout.replace("é", "\\xe9")
    assert ascii_concise.stdout.endswith(ODD_CONCISE.replace("é", "\\xe9"))
    full = rclint(odd_root, plugin_path, *ODD_ARGS, encoding="ascii")
    assert (full.returncode, full.stderr) == (0, "")
    assert full.stdout.startswith(
        "eu/elasticsearch.yml:1:1: XY100 [warning] cluster `eu-\\xe9` seen\n"
        "  |\n"
        "1 | cluster.name: eu-\\xe9\n"
    )
    as_json = rclint(
        odd_root, plugin_path, *ODD_ARGS, "--output-format", "json", encoding="ascii"
    )
    assert (as_json.returncode, as_json.stderr) == (0, "")
    assert "cluster `eu-\\u00e9` seen" in as_json.stdout
    assert json.loads(as_json.stdout)[0]["message"] == "cluster `eu-é` seen"
