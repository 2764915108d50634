"""Configuration files that extend others, per-file ignores, severity
overrides and suppressions by identity: precedence and every error."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter.config import (
    Config,
    PerFileIgnore,
    RuleSelection,
    load_config,
    validate_rule_options,
)
from linter.errors import ConfigurationError
from linter.findings import ConfigSuppression, Rule, RuleContext, Severity, Violation
from linter.model import ClusterDeclaration
from linter.selection import select_rules
from linter.source import Position, Span


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(*paths: str, rules: tuple[Rule, ...] = ()) -> str:
    with pytest.raises(ConfigurationError) as caught:
        config = load_config(list(paths) or ["."])
        validate_rule_options(config, rules)
    return str(caught.value)


def no_check(context: RuleContext) -> Iterator[Violation]:
    return iter(())


RULES = tuple(
    Rule(code, code.lower(), Severity.WARNING, "s", "d", no_check)
    for code in ("RC001", "RC101", "RC201", "RC202", "RC401", "RC402")
)


# --- extend -------------------------------------------------------------------


def test_an_extending_file_wins_and_its_tables_merge(root: Path) -> None:
    base = write(
        root / "base.toml",
        'fail-on = "error"\n[clusters.eu]\npublic-ca = true\n'
        '[clusters.us]\nsecurity-domain = "prod"\n',
    )
    nearest = write(
        root / "team" / "rclint.toml",
        'extend = "../base.toml"\nfail-on = "info"\n[clusters.eu]\n'
        'security-domain = "eu"\n',
    )
    config = load_config(["team"])
    assert config.path == str(nearest)
    assert config.fail_on is Severity.INFO
    assert config.clusters == {
        "eu": ClusterDeclaration("eu", False),
        "us": ClusterDeclaration("prod", False),
    }
    assert config.origins[("clusters", "us")] == str(base)
    assert config.origins[("clusters", "eu")] == str(nearest)


def test_each_file_of_a_chain_is_a_layer_of_rule_selection(root: Path) -> None:
    write(root / "base.toml", 'select = ["RC2"]\nignore = ["RC202"]\n')
    write(root / "mid.toml", 'extend = "base.toml"\nextend-select = ["RC101"]\n')
    write(root / "rclint.toml", 'extend = "mid.toml"\nignore = ["RC201"]\n')
    config = load_config(["."])
    assert config.bases == (
        RuleSelection(("RC2",), (), ("RC202",), str(root / "base.toml")),
        RuleSelection(None, ("RC101",), (), str(root / "mid.toml")),
    )
    assert [rule.code for rule in select_rules(RULES, config)] == ["RC001", "RC101"]


def test_a_select_in_the_nearest_file_starts_afresh(root: Path) -> None:
    write(root / "base.toml", 'ignore = ["RC4"]\n')
    write(root / "rclint.toml", 'extend = "base.toml"\nselect = ["RC4"]\n')
    chosen = select_rules(RULES, load_config(["."]))
    assert [rule.code for rule in chosen] == ["RC001", "RC401", "RC402"]


def test_suppressions_of_every_file_add_up(root: Path) -> None:
    write(root / "base.toml", '[[suppress]]\nrule = "RC101"\nreason = "base"\n')
    write(
        root / "rclint.toml",
        'extend = "base.toml"\n\n[[suppress]]\nrule = "RC401"\nreason = "here"\n'
        'cluster = "eu"\nkind = "role"\nname = "reader"\nexpires = 2027-01-31\n',
    )
    config = load_config(["."])
    assert config.suppressions == (
        ConfigSuppression(
            "RC101",
            "base",
            span=Span(str(root / "base.toml"), Position(1, 3), Position(1, 11)),
        ),
        ConfigSuppression(
            "RC401",
            "here",
            "eu",
            "role",
            "reader",
            datetime.date(2027, 1, 31),
            Span(str(root / "rclint.toml"), Position(3, 3), Position(3, 11)),
        ),
    )


def test_an_expiry_date_may_be_a_string(root: Path) -> None:
    write(
        root / "rclint.toml",
        '[[suppress]]\nrule = "RC101"\nreason = "r"\nexpires = "2027-01-31"\n',
    )
    [suppression] = load_config(["."]).suppressions
    assert suppression.expires == datetime.date(2027, 1, 31)


def test_an_extended_pyproject_uses_its_tool_table(root: Path) -> None:
    write(root / "shared" / "pyproject.toml", '[tool.rclint]\nfail-on = "error"\n')
    write(root / "rclint.toml", 'extend = "shared/pyproject.toml"\n')
    assert load_config(["."]).fail_on is Severity.ERROR


def test_extend_naming_no_file(root: Path) -> None:
    write(root / "rclint.toml", 'extend = "missing.toml"\n')
    assert error_of() == "rclint.toml:1:10: `extend` names no file: `missing.toml`"


def test_extend_cycle(root: Path) -> None:
    write(root / "a.toml", 'extend = "rclint.toml"\n')
    write(root / "rclint.toml", 'extend = "a.toml"\n')
    assert error_of() == "a.toml:1:10: `extend` makes a cycle: `rclint.toml`"


def test_extend_of_a_pyproject_without_the_table(root: Path) -> None:
    write(root / "pyproject.toml", "[project]\nname = 'x'\n")
    write(root / "rclint.toml", 'extend = "pyproject.toml"\n')
    assert error_of() == (
        "rclint.toml:1:10: `pyproject.toml` has no [tool.rclint] table"
    )


def test_errors_of_an_extended_file_point_into_it(root: Path) -> None:
    write(root / "base.toml", '\n[clusters.eu]\npublic-ca = "no"\n')
    write(root / "rclint.toml", 'extend = "base.toml"\nslect = []\n')
    assert error_of() == (
        "base.toml:3:13: `public-ca` in [clusters.eu] must be a boolean; "
        'found `"no"`\n'
        "rclint.toml:2:1: unknown key `slect` at the top level; did you mean "
        "`select`?"
    )


def test_unknown_selector_in_an_extended_file(root: Path) -> None:
    write(root / "base.toml", 'ignore = ["RC101", "RC999"]\n')
    write(root / "rclint.toml", 'extend = "base.toml"\n')
    with pytest.raises(ConfigurationError) as caught:
        select_rules(RULES, load_config(["."]))
    assert str(caught.value) == (
        "base.toml:1:20: unknown rule selector `RC999` in ignore; "
        "`rclint rules` lists the known rules"
    )


# --- per-file-ignores, severity, suppress: reading and errors -----------------


def test_per_file_ignores_are_relative_to_the_file_that_writes_them(
    root: Path,
) -> None:
    write(root / "base.toml", '[per-file-ignores]\n"legacy/**" = ["RC101"]\n')
    write(
        root / "team" / "rclint.toml",
        'extend = "../base.toml"\n[per-file-ignores]\n"roles.yml" = ["RC4"]\n',
    )
    config = load_config(["team"])
    assert config.per_file_ignores == (
        PerFileIgnore("legacy/**", str(root), ("RC101",), str(root / "base.toml")),
        PerFileIgnore(
            "roles.yml",
            str(root / "team"),
            ("RC4",),
            str(root / "team" / "rclint.toml"),
        ),
    )


def test_severity_overrides_are_read(root: Path) -> None:
    write(root / "rclint.toml", '[severity]\nRC4 = "error"\nRC402 = "info"\n')
    assert load_config(["."]).severities == {
        "RC4": Severity.ERROR,
        "RC402": Severity.INFO,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[severity]\nRC4 = "fatal"\n',
            "rclint.toml:2:7: `RC4` in [severity] must be one of `error`, "
            '`warning`, `info`; found `"fatal"`',
        ),
        (
            '[per-file-ignores]\n"a/*" = "RC101"\n',
            "rclint.toml:2:9: `a/*` in [per-file-ignores] must be an array; "
            'found `"RC101"`',
        ),
        (
            '[[suppress]]\nreason = "r"\n',
            "rclint.toml:1:3: `rule` is required in [[suppress]]",
        ),
        (
            '[[suppress]]\nrule = "RC101"\nexpires = "soon"\n',
            "rclint.toml:3:11: `expires` in [[suppress]] must be a string "
            'matching `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`; found `"soon"`',
        ),
    ],
)
def test_table_errors(root: Path, text: str, message: str) -> None:
    write(root / "rclint.toml", text)
    assert error_of() == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[severity]\nRC9 = "error"\n',
            "rclint.toml:2:1: unknown rule `RC9` in [severity]; "
            "`rclint rules` lists the known rules",
        ),
        (
            '[per-file-ignores]\n"a/*" = ["RC101", "RC41"]\n',
            "rclint.toml:2:19: unknown rule `RC41` in [per-file-ignores]; "
            "did you mean `RC401`?",
        ),
        (
            '[[suppress]]\nrule = "RC403"\nreason = "r"\n',
            "rclint.toml:1:3: unknown rule `RC403` in [[suppress]]; "
            "did you mean `RC402`?",
        ),
        (
            "[rules.RC777]\nx = 1\n",
            "rclint.toml:1:8: unknown rule `RC777` in [rules]; "
            "`rclint rules` lists the known rules",
        ),
    ],
)
def test_unknown_rule_codes(root: Path, text: str, message: str) -> None:
    write(root / "rclint.toml", text)
    assert error_of(rules=RULES) == message


def test_an_impossible_expiry_date(root: Path) -> None:
    write(
        root / "rclint.toml", '[[suppress]]\nrule = "RC101"\nexpires = "2027-02-30"\n'
    )
    assert error_of() == (
        "rclint.toml:3:11: `expires` in [[suppress]] is not a date: "
        "day is out of range for month"
    )


def test_defaults_without_a_file(root: Path) -> None:
    assert load_config(["."]) == Config()


# --- rclint config ------------------------------------------------------------


def test_rclint_config_shows_each_value_with_its_origin(root: Path) -> None:
    write(
        root / "base.toml",
        'select = ["RC2", "RC4"]\nfail-on = "error"\n\n'
        "[clusters.us]\npublic-ca = true\n",
    )
    write(
        root / "team" / "rclint.toml",
        'extend = "../base.toml"\nignore = ["RC402"]\n\n[severity]\nRC401 = "info"\n'
        '\n[per-file-ignores]\n"legacy/**" = ["RC4"]\n\n[[suppress]]\n'
        'rule = "RC201"\nreason = "reviewed"\nkind = "role"\n',
    )
    command = [sys.executable, "-m", "linter", "config", "team"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "# configuration: team/rclint.toml, extending base.toml\n"
        "# rules checked: RC001 RC201 RC202 RC400 RC401 RC403 RC404 RC405\n"
        "# rule selection, lowest layer first:\n"
        '#   select = ["ALL"]  (default)\n'
        '#   select = ["RC2", "RC4"]  (base.toml:1:10)\n'
        '#   ignore = ["RC402"]  (team/rclint.toml:2:10)\n'
        'fail-on = "error"  # base.toml:2:11\n'
        "\n"
        "[clusters]\n"
        "us = { public-ca = true }  # base.toml:4:11\n"
        "\n"
        "[per-file-ignores]\n"
        '"legacy/**" = ["RC4"]  # team/rclint.toml:8:15\n'
        "\n"
        "[severity]\n"
        'RC401 = "info"  # team/rclint.toml:5:9\n'
        "\n"
        "[[suppress]]  # team/rclint.toml:10:3\n"
        'rule = "RC201"\n'
        'reason = "reviewed"\n'
        'kind = "role"\n'
    )


def test_rclint_config_as_json(root: Path) -> None:
    write(root / "rclint.toml", 'ignore = ["RC4"]\n')
    command = [sys.executable, "-m", "linter", "config", "--output-format", "json"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    document = json.loads(done.stdout)
    assert document["files"] == ["rclint.toml"]
    assert document["selection"] == [
        {
            "layer": "defaults",
            "key": "select",
            "selectors": ["ALL"],
            "origin": "default",
        },
        {
            "layer": "rclint.toml",
            "key": "ignore",
            "selectors": ["RC4"],
            "origin": "rclint.toml:1:10",
        },
    ]
    assert document["values"] == [
        {"key": ["fail-on"], "value": "warning", "origin": "default"}
    ]
    assert "RC401" not in document["rules_checked"]


def test_the_readme_configuration_example_is_valid(root: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme.split("## Configuration\n", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    write(root / "shared" / "rclint.toml", 'fail-on = "error"\n')
    write(root / "team" / "pyproject.toml", example)
    from linter import host

    config = validate_rule_options(load_config(["team"]), host.load_rules())
    assert config.severities == {"RC4": Severity.ERROR, "RC403": Severity.INFO}
    assert [s.name for s in config.suppressions] == ["legacy-writer"]
    assert config.fail_on is Severity.WARNING
