"""Configuration discovery, precedence, conversion and every error message."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter.config import (
    Config,
    RuleSelection,
    key_place,
    load_config,
    load_config_file,
    replace_selection,
    validate_rule_options,
)
from linter.errors import ConfigurationError
from linter.findings import Rule, RuleContext, Severity, Violation
from linter.model import ClusterDeclaration, LinkDeclaration


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigurationError) as caught:
        load_config([str(path)])
    return str(caught.value)


def no_check(context: RuleContext) -> Iterator[Violation]:
    return iter(())


ROLES_RULE = Rule(
    code="RC201",
    name="missing-remote-role",
    severity=Severity.WARNING,
    summary="s",
    doc="d",
    check=no_check,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"roles": {"type": "array", "items": {"type": "string"}}},
    },
    defaults={"roles": []},
)
PLAIN_RULE = Rule("RC101", "deprecated-cert-link", Severity.WARNING, "s", "d", no_check)


# --- discovery ----------------------------------------------------------------


def test_no_configuration_file_gives_the_defaults(root: Path) -> None:
    assert load_config(["."]) == Config()


def test_rclint_toml_in_the_first_path(root: Path) -> None:
    config_file = write(root / "rclint.toml", 'select = ["RC4"]\n')
    assert load_config(["."]) == Config(path=str(config_file), select=("RC4",))


def test_search_goes_upwards_from_the_first_path(root: Path) -> None:
    config_file = write(root / "rclint.toml", 'ignore = ["RC101"]\n')
    (root / "a" / "b").mkdir(parents=True)
    config = load_config(["a/b", "elsewhere"])
    assert (config.path, config.ignore) == (str(config_file), ("RC101",))


def test_a_file_path_starts_the_search_in_its_directory(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC1"]\n')
    config_file = write(root / "eu" / "rclint.toml", 'select = ["RC2"]\n')
    write(root / "eu" / "elasticsearch.yml", "cluster.name: eu\n")
    assert load_config(["eu/elasticsearch.yml"]).path == str(config_file)


def test_hidden_file_wins_over_rclint_toml_and_pyproject(root: Path) -> None:
    write(root / "pyproject.toml", '[tool.rclint]\nselect = ["RC3"]\n')
    write(root / "rclint.toml", 'select = ["RC2"]\n')
    write(root / ".rclint.toml", 'select = ["RC1"]\n')
    assert load_config(["."]).select == ("RC1",)


def test_rclint_toml_wins_over_pyproject(root: Path) -> None:
    write(root / "pyproject.toml", '[tool.rclint]\nselect = ["RC3"]\n')
    write(root / "rclint.toml", 'select = ["RC2"]\n')
    assert load_config(["."]).select == ("RC2",)


def test_pyproject_without_the_table_is_skipped(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC2"]\n')
    write(root / "sub" / "pyproject.toml", "[tool.other]\nx = 1\n")
    assert load_config(["sub"]).select == ("RC2",)


def test_closer_pyproject_wins_over_farther_rclint_toml(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC2"]\n')
    write(root / "sub" / "pyproject.toml", '[tool.rclint]\nselect = ["RC3"]\n')
    assert load_config(["sub"]).select == ("RC3",)


def test_every_value_is_converted(root: Path) -> None:
    write(
        root / "rclint.toml",
        """
        select = ["RC1", "RC4"]
        extend-select = ["RC202"]
        ignore = ["RC101"]
        fail-on = "error"

        [clusters.eu-prod]
        security-domain = "prod"
        public-ca = true

        [links.eu-prod.us]
        cluster = "us-prod"
        api-key = "eu-search"

        [rules.RC201]
        roles = ["ops-*"]
        """.replace("\n        ", "\n"),
    )
    config = load_config(["."])
    assert config == Config(
        path=str(root / "rclint.toml"),
        select=("RC1", "RC4"),
        ignore=("RC101",),
        extend_select=("RC202",),
        fail_on=Severity.ERROR,
        clusters={"eu-prod": ClusterDeclaration("prod", True)},
        links={("eu-prod", "us"): LinkDeclaration("us-prod", "eu-search")},
        rules={"RC201": {"roles": ["ops-*"]}},
    )


def test_explicit_file(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC2"]\n')
    other = write(root / "conf" / "strict.toml", 'fail-on = "info"\n')
    config = load_config_file("conf/strict.toml")
    assert (config.path, config.fail_on) == (str(other), Severity.INFO)


# --- errors -------------------------------------------------------------------


def test_toml_syntax_error_has_row_and_column(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC1"]\nfail-on = = "x"\n')
    assert error_of(root) == "rclint.toml:2:11: invalid TOML: Invalid value"


def test_toml_syntax_error_at_the_end_of_the_document(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC1",')
    assert error_of(root) == "rclint.toml:1:17: invalid TOML: Invalid value"


def test_unknown_top_level_key_suggests_the_closest(root: Path) -> None:
    write(root / "rclint.toml", 'selct = ["RC1"]\n')
    assert error_of(root) == (
        "rclint.toml:1:1: unknown key `selct` at the top level; did you mean `select`?"
    )


def test_unknown_key_in_a_cluster_table(root: Path) -> None:
    write(root / "rclint.toml", "[clusters.eu]\npublic_ca = true\n")
    assert error_of(root) == (
        "rclint.toml:2:1: unknown key `public_ca` in [clusters.eu]; "
        "did you mean `public-ca`?"
    )


def test_unknown_key_without_a_close_match_lists_the_keys(root: Path) -> None:
    write(root / "rclint.toml", '[links.eu.us]\nremote = "x"\n')
    assert error_of(root) == (
        "rclint.toml:2:1: unknown key `remote` in [links.eu.us]; "
        "expected one of `cluster`, `api-key`"
    )


def test_pyproject_errors_name_the_tool_table(root: Path) -> None:
    write(root / "pyproject.toml", '[tool.rclint.clusters."eu prod"]\ndomain = "x"\n')
    assert error_of(root) == (
        'pyproject.toml:2:1: unknown key `domain` in [tool.rclint.clusters."eu prod"]; '
        "expected one of `security-domain`, `public-ca`"
    )


def test_wrong_type(root: Path) -> None:
    write(root / "rclint.toml", '[clusters.eu]\npublic-ca = "yes"\n')
    assert error_of(root) == (
        "rclint.toml:2:13: `public-ca` in [clusters.eu] must be a boolean; "
        'found `"yes"`'
    )


def test_wrong_fail_on(root: Path) -> None:
    write(root / "pyproject.toml", '[tool.rclint]\nfail-on = "fatal"\n')
    assert error_of(root) == (
        "pyproject.toml:2:11: `fail-on` in [tool.rclint] must be one of `error`, "
        '`warning`, `info`; found `"fatal"`'
    )


def test_bad_selector(root: Path) -> None:
    write(root / "rclint.toml", 'select = ["RC1", "rc4"]\n')
    assert error_of(root) == (
        "rclint.toml:1:18: `select[1]` at the top level must be a rule code, a code "
        'prefix or `ALL` (like `RC401` or `RC4`); found `"rc4"`'
    )


def test_several_errors_are_reported_together(root: Path) -> None:
    write(root / "rclint.toml", 'ignore = "RC1"\nfoo = 1\n')
    assert error_of(root) == (
        "rclint.toml:2:1: unknown key `foo` at the top level; expected one of "
        "`extend`, `select`, `extend-select`, `ignore`, `fail-on`, "
        "`per-file-ignores`, `severity`, `clusters`, `links`, `rules`, `suppress`\n"
        'rclint.toml:1:10: `ignore` at the top level must be an array; found `"RC1"`'
    )


def test_tool_rclint_must_be_a_table(root: Path) -> None:
    write(root / "pyproject.toml", '[tool]\nrclint = "yes"\n')
    assert error_of(root) == "pyproject.toml: [tool.rclint] must be a table"


def test_explicit_file_must_exist(root: Path) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_config_file("missing.toml")
    assert str(caught.value) == "configuration file `missing.toml` does not exist"


def test_explicit_pyproject_needs_the_table(root: Path) -> None:
    write(root / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigurationError) as caught:
        load_config_file("pyproject.toml")
    assert str(caught.value) == "pyproject.toml: no [tool.rclint] table"


# --- overrides and rule options ----------------------------------------------


def test_replace_selection_layers_the_flags_over_the_file() -> None:
    config = Config(select=("RC1",), ignore=("RC101",), fail_on=Severity.ERROR)
    replaced = replace_selection(config, select=["RC4"], extend_select=["RC2"])
    assert replaced == Config(
        select=("RC1",),
        ignore=("RC101",),
        fail_on=Severity.ERROR,
        command_line=RuleSelection(select=("RC4",), extend_select=("RC2",)),
    )
    assert replace_selection(config, fail_on=Severity.INFO) == Config(
        select=("RC1",), ignore=("RC101",), fail_on=Severity.INFO
    )


def test_replace_selection_replaces_an_earlier_command_line() -> None:
    config = replace_selection(Config(), select=["RC4"], ignore=["RC401"])
    assert replace_selection(config, ignore=["RC402"]).command_line == (
        RuleSelection(ignore=("RC402",))
    )


def test_the_file_selection_is_kept_under_the_flags(root: Path) -> None:
    write(
        root / "rclint.toml",
        'select = ["RC3"]\nextend-select = ["RC101"]\nignore = ["RC202"]\n',
    )
    config = replace_selection(load_config(["."]), ignore=["RC201"])
    assert (config.select, config.extend_select, config.ignore) == (
        ("RC3",),
        ("RC101",),
        ("RC202",),
    )
    assert config.command_line == RuleSelection(ignore=("RC201",))


@pytest.mark.parametrize(
    ("name", "key"),
    [("rclint.toml", "select"), ("pyproject.toml", "tool.rclint.select")],
)
def test_key_place_names_the_file_and_the_key(root: Path, name: str, key: str) -> None:
    config = Config(path=str(root / "sub" / name))
    assert key_place(config, "select") == (os.path.join("sub", name), key)
    assert key_place(Config(), "ignore") == (None, "ignore")


def test_rule_options_are_merged_over_defaults() -> None:
    config = Config(rules={"RC201": {"roles": ["ops-*"]}})
    validated = validate_rule_options(config, [ROLES_RULE, PLAIN_RULE])
    assert validated.rules == {"RC201": {"roles": ["ops-*"]}, "RC101": {}}
    assert validate_rule_options(Config(), [ROLES_RULE]).rules == {
        "RC201": {"roles": []}
    }


def test_options_of_an_unknown_rule(root: Path) -> None:
    config = Config(path=str(root / "rclint.toml"), rules={"RC210": {}})
    with pytest.raises(ConfigurationError) as caught:
        validate_rule_options(config, [ROLES_RULE, PLAIN_RULE])
    assert str(caught.value) == (
        "rclint.toml: unknown rule `RC210` in [rules]; did you mean `RC201`?"
    )


def test_invalid_rule_option(root: Path) -> None:
    path = str(root / "pyproject.toml")
    config = Config(path=path, rules={"RC201": {"roles": ["a", 5], "role": 1}})
    with pytest.raises(ConfigurationError) as caught:
        validate_rule_options(config, [ROLES_RULE])
    assert str(caught.value) == (
        "pyproject.toml: unknown key `role` in [tool.rclint.rules.RC201]; "
        "did you mean `roles`?\n"
        "pyproject.toml: `roles[1]` in [tool.rclint.rules.RC201] must be a string; "
        "found `5`"
    )


def test_options_for_a_rule_without_options(root: Path) -> None:
    config = Config(path=str(root / "rclint.toml"), rules={"RC101": {"strict": True}})
    with pytest.raises(ConfigurationError) as caught:
        validate_rule_options(config, [PLAIN_RULE])
    assert str(caught.value) == (
        "rclint.toml: rule `RC101` (deprecated-cert-link) has no options; "
        "found `strict` in [rules.RC101]"
    )
