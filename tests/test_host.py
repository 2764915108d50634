"""The rule host: loading plugins, selecting rules, isolating crashes."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from linter.config import Config, replace_selection
from linter.errors import ConfigurationError, UsageError
from linter.findings import Finding, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.host import load_rules, rule_sources, run_rules, select_rules
from linter.model import Cluster, Graph, Settings
from linter.source import Span


def cluster(name: str) -> Cluster:
    return Cluster(name, name, f"{name}/elasticsearch.yml", None, Settings({}))


GRAPH = Graph(
    clusters={"us": cluster("us"), "eu": cluster("eu")}, links=(), problems=()
)


def one_per_cluster(context: RuleContext) -> Iterator[Violation]:
    name = context.cluster.name
    span = Span.at(context.cluster.config_file, 2, 3, 7)
    yield Violation(
        span, f"found on `{name}` with {dict(context.options)}", name, (name,)
    )


def crash_on_eu(context: RuleContext) -> Iterator[Violation]:
    yield from one_per_cluster(context)
    if context.cluster.name == "eu":
        raise ZeroDivisionError("division by zero")


def twice(context: RuleContext) -> Iterator[Violation]:
    yield from one_per_cluster(context)
    yield from one_per_cluster(context)


def rule(code: str, check: Any = one_per_cluster, **extra: Any) -> Rule:
    name = f"rule-{code.lower()}"
    return Rule(
        code, name, Severity.WARNING, f"{code} summary", f"# {code}", check, **extra
    )


class Plugin:
    """A plugin object, registered directly, as a third-party module would be."""

    def __init__(self, *rules: Any) -> None:
        self.rules = list(rules)

    @hookimpl
    def rclint_rules(self) -> list[Rule]:
        return self.rules


class OtherPlugin(Plugin):
    pass


class Failing:
    @hookimpl
    def rclint_rules(self) -> list[Rule]:
        raise RuntimeError("no database")


class Misspelt:
    @hookimpl
    def rclint_rule(self) -> list[Rule]:
        return []


def lines(findings: list[Finding]) -> list[str]:
    return [
        f"{f.span.file}:{f.span.start.row}:{f.span.start.column}: "
        f"{f.code} {f.severity.label} {f.message}"
        for f in findings
    ]


# --- loading ------------------------------------------------------------------


def test_plugins_are_collected_and_sorted_by_code() -> None:
    plugins = [Plugin(rule("XY200")), OtherPlugin(rule("XY100"), rule("AB300"))]
    sources = rule_sources(plugins, entry_points=False)
    assert [(s.rule.code, s.plugin, s.distribution) for s in sources] == [
        ("AB300", "test_host.OtherPlugin", None),
        ("XY100", "test_host.OtherPlugin", None),
        ("XY200", "test_host.Plugin", None),
    ]


def test_built_in_rules_come_through_the_entry_points() -> None:
    sources = {source.rule.code: source for source in rule_sources()}
    assert {"RC000", "RC001", "RC101", "RC401"} <= set(sources)
    assert sources["RC101"].plugin == "rules.deprecated_cert_link"
    assert sources["RC101"].distribution == "rclint 0.1.0"


def test_two_rules_with_one_code_name_both_plugins() -> None:
    plugins = [Plugin(rule("XY100")), OtherPlugin(rule("XY100"))]
    with pytest.raises(ConfigurationError) as caught:
        load_rules(plugins, entry_points=False)
    assert str(caught.value) == (
        "rule code `XY100` is defined twice: by `test_host.Plugin` "
        "and by `test_host.OtherPlugin`"
    )


def test_a_badly_formed_code_names_the_plugin() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_rules([Plugin(rule("rc1"))], entry_points=False)
    assert str(caught.value) == (
        "plugin `test_host.Plugin` defines a rule with code `rc1`; a code is 2 to 4 "
        "capital letters and 3 digits, like `RC401`"
    )


def test_a_plugin_returning_something_else_than_rules() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_rules([Plugin("RC100")], entry_points=False)
    assert (
        str(caught.value)
        == "plugin `test_host.Plugin` returned a str instead of a Rule"
    )


def test_a_misspelt_hook_fails_loudly() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_rules([Misspelt()], entry_points=False)
    assert str(caught.value).startswith(
        "invalid rclint plugin: unknown hook 'rclint_rule'"
    )


def test_a_failing_hook_is_skipped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rules = load_rules([Failing(), Plugin(rule("XY100"))], entry_points=False)
    assert [r.code for r in rules] == ["XY100"]
    assert caplog.messages == [
        "skipping the rclint plugin `test_host.Failing`: its rclint_rules hook "
        "failed: RuntimeError: no database"
    ]


PLUGIN_MODULE = """
from linter.findings import Rule, Severity
from linter.hookspecs import hookimpl


def check(context):
    return iter(())


@hookimpl
def rclint_rules():
    return [Rule("XY101", "good", Severity.INFO, "Good.", "", check)]
"""


def install(site: Path, name: str, entry_points: str) -> None:
    """A distribution's metadata, as ``pip install`` leaves it in ``site``."""
    info = site / f"{name.replace('-', '_')}-1.2.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2\n"
    )
    (info / "entry_points.txt").write_text(entry_points)


def test_a_plugin_that_fails_to_import_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    site, copy = tmp_path / "site", tmp_path / "copy"
    install(site, "broken-rules", "[rclint]\nXY100 = no_such_module_rclint\n")
    install(site, "good-rules", "[rclint]\nXY101 = good_rules_plugin\n")
    install(copy, "Good-Rules", "[rclint]\nXY101 = good_rules_plugin\n")
    (site / "good_rules_plugin.py").write_text(PLUGIN_MODULE)
    monkeypatch.syspath_prepend(str(copy))  # found twice on sys.path
    monkeypatch.syspath_prepend(str(site))
    with caplog.at_level(logging.WARNING):
        sources = rule_sources()
    assert [
        (s.rule.code, s.distribution) for s in sources if s.rule.code.startswith("XY")
    ] == [("XY101", "good-rules 1.2")]
    assert "RC101" in [s.rule.code for s in sources]
    assert caplog.messages == [
        "skipping the rclint plugin `XY100` (no_such_module_rclint) of broken-rules "
        "1.2: ModuleNotFoundError: No module named 'no_such_module_rclint'"
    ]


# --- selection ----------------------------------------------------------------

CODES = ("RC000", "RC101", "RC201", "RC202", "RC401", "RC402", "RC403")
RULES = tuple(rule(code) for code in CODES)


@pytest.mark.parametrize(
    ("select", "extend_select", "ignore", "expected"),
    [
        (["ALL"], [], [], CODES),
        (["RC4"], [], [], ("RC401", "RC402", "RC403")),
        (["RC4"], [], ["RC402"], ("RC401", "RC403")),
        (["RC402"], [], ["RC4"], ("RC402",)),
        (["RC40"], [], ["RC4"], ("RC401", "RC402", "RC403")),
        (["RC4"], [], ["RC4"], ()),
        (["ALL"], [], ["ALL"], ()),
        (["RC101"], [], ["ALL"], ("RC101",)),
        (
            ["ALL"],
            ["RC202"],
            ["RC2"],
            ("RC000", "RC101", "RC202", "RC401", "RC402", "RC403"),
        ),
        (["RC1"], ["RC4"], [], ("RC101", "RC401", "RC402", "RC403")),
        (["RC"], [], ["RC0", "RC4"], ("RC101", "RC201", "RC202")),
    ],
)
def test_selection(
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    expected: tuple[str, ...],
) -> None:
    config = Config(
        select=tuple(select), extend_select=tuple(extend_select), ignore=tuple(ignore)
    )
    assert tuple(r.code for r in select_rules(RULES, config)) == expected


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            Config(select=("RC9",)),
            "unknown rule selector `RC9` in select; "
            "`rclint rules` lists the known rules",
        ),
        (
            Config(ignore=("rc4",)),
            "unknown rule selector `rc4` in ignore; did you mean `RC4`?",
        ),
        (
            Config(extend_select=("RC4011",)),
            "unknown rule selector `RC4011` in extend-select; did you mean `RC401`?",
        ),
    ],
)
def test_unknown_selectors(config: Config, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        select_rules(RULES, config)
    assert str(caught.value) == message


LAYERED = tuple(rule(code) for code in ("RC101", "RC201", "RC202", "RC301", "RC401"))
FILE = Config(select=("RC3",), extend_select=("RC101",), ignore=("RC202",))


@pytest.mark.parametrize(
    ("config", "flags", "expected"),
    [
        (FILE, {}, ("RC101", "RC301")),
        (FILE, {"ignore": ["RC201"]}, ("RC101", "RC301")),
        (FILE, {"ignore": ["RC101"]}, ("RC301",)),
        (FILE, {"extend_select": ["RC201"]}, ("RC101", "RC201", "RC301")),
        # A flag's layer wins over the file's, however specific the file is.
        (FILE, {"extend_select": ["RC2"]}, ("RC101", "RC201", "RC202", "RC301")),
        # --select starts afresh: the file's select, extend-select and ignore go.
        (FILE, {"select": ["RC2"]}, ("RC201", "RC202")),
        (FILE, {"select": ["RC2"], "ignore": ["RC201"]}, ("RC202",)),
        (
            FILE,
            {"select": ["RC2"], "extend_select": ["RC4"]},
            ("RC201", "RC202", "RC401"),
        ),
        (Config(ignore=("RC101",)), {"ignore": ["RC202"]}, ("RC201", "RC301", "RC401")),
        (Config(select=("RC201",)), {"ignore": ["RC2"]}, ()),
        (
            Config(ignore=("RC201",)),
            {"extend_select": ["RC2"]},
            ("RC101", "RC201", "RC202", "RC301", "RC401"),
        ),
        (
            Config(select=("RC2",)),
            {"select": ["ALL"], "ignore": ["RC3"]},
            ("RC101", "RC201", "RC202", "RC401"),
        ),
    ],
)
def test_command_line_selection_layers_over_the_file(
    config: Config, flags: dict[str, Any], expected: tuple[str, ...]
) -> None:
    layered = replace_selection(config, **flags)
    assert tuple(r.code for r in select_rules(LAYERED, layered)) == expected


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            {"select": ["RC9"]},
            "unknown rule selector `RC9` in --select; "
            "`rclint rules` lists the known rules",
        ),
        (
            {"extend_select": ["rc4"]},
            "unknown rule selector `rc4` in --extend-select; did you mean `RC4`?",
        ),
        (
            {"ignore": ["RC4011"]},
            "unknown rule selector `RC4011` in --ignore; did you mean `RC401`?",
        ),
    ],
)
def test_unknown_selectors_on_the_command_line_name_the_flag(
    flags: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        select_rules(RULES, replace_selection(Config(), **flags))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("file", "config", "message"),
    [
        (
            "rclint.toml",
            Config(select=("XX1",)),
            "rclint.toml: unknown rule selector `XX1` in select; "
            "`rclint rules` lists the known rules",
        ),
        (
            "rclint.toml",
            Config(extend_select=("RC4011",)),
            "rclint.toml: unknown rule selector `RC4011` in extend-select; "
            "did you mean `RC401`?",
        ),
        (
            "pyproject.toml",
            Config(ignore=("rc4",)),
            "pyproject.toml: unknown rule selector `rc4` in tool.rclint.ignore; "
            "did you mean `RC4`?",
        ),
    ],
)
def test_unknown_selectors_in_the_file_name_the_file_and_key(
    file: str,
    config: Config,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    located = dataclasses.replace(config, path=str(tmp_path / file))
    with pytest.raises(ConfigurationError) as caught:
        select_rules(RULES, replace_selection(located, select=["RC4"]))
    assert str(caught.value) == message


# --- running ------------------------------------------------------------------


def test_each_rule_runs_on_each_cluster_in_name_order() -> None:
    rules = [rule("XY100", defaults={"depth": 1}), rule("XY200")]
    config = Config(rules={"XY200": {"depth": 2}})
    assert lines(run_rules(GRAPH, rules, config)) == [
        "eu/elasticsearch.yml:2:3: XY100 warning found on `eu` with {'depth': 1}",
        "us/elasticsearch.yml:2:3: XY100 warning found on `us` with {'depth': 1}",
        "eu/elasticsearch.yml:2:3: XY200 warning found on `eu` with {'depth': 2}",
        "us/elasticsearch.yml:2:3: XY200 warning found on `us` with {'depth': 2}",
    ]


def test_a_finding_carries_the_rule_and_the_violation() -> None:
    (finding, _) = run_rules(GRAPH, [rule("XY100")], Config())
    assert finding == Finding(
        code="XY100",
        name="rule-xy100",
        severity=Severity.WARNING,
        message="found on `eu` with {}",
        span=Span.at("eu/elasticsearch.yml", 2, 3, 7),
        cluster="eu",
        identity=("eu",),
    )


def test_a_crashing_rule_becomes_an_internal_error_finding(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="linter.host")
    rules = load_rules(
        [Plugin(rule("XY100", crash_on_eu), rule("XY200"))], entry_points=False
    )
    findings = run_rules(GRAPH, rules, Config())
    assert lines(findings) == [
        "eu/elasticsearch.yml:1:1: RC000 error rule XY100 (rule-xy100) failed on "
        "cluster `eu` (eu/elasticsearch.yml): ZeroDivisionError: division by "
        "zero; please report this with the output of `rclint check --verbose`",
        "us/elasticsearch.yml:2:3: XY100 warning found on `us` with {}",
        "eu/elasticsearch.yml:2:3: XY200 warning found on `eu` with {}",
        "us/elasticsearch.yml:2:3: XY200 warning found on `us` with {}",
    ]
    assert (findings[0].name, findings[0].identity) == (
        "internal-error",
        ("rule", "XY100"),
    )
    (record,) = caplog.records
    assert (record.levelno, record.getMessage()) == (
        logging.DEBUG,
        "rule XY100 (rule-xy100) failed on cluster eu",
    )
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError


def test_identical_findings_are_reported_once() -> None:
    findings = run_rules(GRAPH, [rule("XY100", twice)], Config())
    assert len(findings) == 2


def test_options_are_read_only() -> None:
    def mutate(context: RuleContext) -> Iterator[Violation]:
        context.options["x"] = 1  # type: ignore[index]
        return iter(())

    (finding, _) = run_rules(GRAPH, [rule("XY100", mutate)], Config())
    assert finding.message.endswith(
        "TypeError: 'mappingproxy' object does not support "
        "item assignment; please report this with the output "
        "of `rclint check --verbose`"
    )


def crash_on_a_grant(context: RuleContext) -> Iterator[Violation]:
    grant = Span.at("eu/roles.yml", 4, 7, 12)
    yield from one_per_cluster(context)
    if grant.start.row == 4:
        raise KeyError("names")


def test_an_internal_error_names_the_place_a_frame_was_looking_at() -> None:
    findings = run_rules(GRAPH, [rule("XY100", crash_on_a_grant)], Config())
    assert lines(findings) == [
        "eu/elasticsearch.yml:1:1: RC000 error rule XY100 (rule-xy100) failed on "
        "cluster `eu` (eu/elasticsearch.yml) while at eu/roles.yml:4:7: KeyError: "
        "'names'; please report this with the output of `rclint check --verbose`",
        "us/elasticsearch.yml:1:1: RC000 error rule XY100 (rule-xy100) failed on "
        "cluster `us` (us/elasticsearch.yml) while at eu/roles.yml:4:7: KeyError: "
        "'names'; please report this with the output of `rclint check --verbose`",
    ]


def divide_by_zero(context: RuleContext) -> Iterator[Violation]:
    raise ZeroDivisionError("division by zero")


def test_the_internal_error_page_shows_the_finding_as_printed() -> None:
    import io

    from linter.reporters import ReportOptions, report
    from rules import internal_error

    doc = internal_error.__doc__ or ""
    block = doc.split("## Failing example", 1)[1].split("```text\n", 1)[1]
    example = " ".join(block.split("\n```", 1)[0].splitlines())
    crashing = Rule(
        "RC401",
        "remote-privilege-exceeds-api-key",
        Severity.WARNING,
        "summary",
        "",
        divide_by_zero,
    )
    graph = Graph({"eu-prod": cluster("eu-prod")}, (), ())
    stream = io.StringIO()
    report("full", ReportOptions(stream), run_rules(graph, [crashing], Config()))
    assert stream.getvalue().splitlines()[0] == example
