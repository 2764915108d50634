"""The rule host: rules come from plugins, run over a graph, and become
findings.

Built-in rules and third-party rules arrive the same way, through the
``rclint`` entry point group. A plugin that fails to import is skipped with
a warning; a rule that crashes becomes an RC000 finding and the run goes on.
Rules run in two phases: checks over each cluster, then, once the findings
have been through suppressions and the baseline, reviews over the run.
"""

from __future__ import annotations

import importlib.metadata
import logging
import re
import types
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pluggy

from linter import hookspecs
from linter.config import Config
from linter.errors import ConfigurationError
from linter.findings import (
    Finding,
    ReviewContext,
    Rule,
    RuleContext,
    Violation,
    number_occurrences,
)
from linter.host_errors import INTERNAL_ERROR_CODE as INTERNAL_ERROR_CODE
from linter.host_errors import INTERNAL_ERROR_NAME as INTERNAL_ERROR_NAME
from linter.host_errors import internal_error, place_in_traceback
from linter.model import Graph
from linter.selection import select_rules as select_rules
from linter.source import Span
from linter.suppressions_model import Acceptance

logger = logging.getLogger(__name__)

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}\d{3}$")


@dataclass(frozen=True, slots=True)
class RuleSource:
    """A rule and where it came from: the plugin module that provides it and
    the installed distribution (``name version``) that declares the plugin,
    None for a plugin registered directly."""

    rule: Rule
    plugin: str
    distribution: str | None


@dataclass(frozen=True, slots=True)
class _Plugin:
    module: str
    distribution: str | None

    def label(self) -> str:
        if self.distribution is None:
            return f"`{self.module}`"
        return f"`{self.module}` ({self.distribution})"


def load_rules(
    plugins: Sequence[object] = (), *, entry_points: bool = True
) -> tuple[Rule, ...]:
    """Every rule of the installed plugins and of ``plugins``, by code."""
    sources = rule_sources(plugins, entry_points=entry_points)
    return tuple(source.rule for source in sources)


def rule_sources(
    plugins: Sequence[object] = (), *, entry_points: bool = True
) -> tuple[RuleSource, ...]:
    """Every rule with its plugin and distribution, sorted by code.

    ``plugins`` are extra plugin objects (modules or instances with an
    ``rclint_rules`` hook implementation); ``entry_points=False`` leaves out
    the installed ones.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    origins: dict[str, _Plugin] = {}
    if entry_points:
        _load_entry_points(manager, origins)
    for plugin in plugins:
        _register(manager, origins, plugin, None, None)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise ConfigurationError(f"invalid rclint plugin: {error}") from None
    sources: list[RuleSource] = []
    for implementation in manager.hook.rclint_rules.get_hookimpls():
        origin = origins[implementation.plugin_name]
        sources.extend(_rules_of(implementation.function, origin))
    _check_unique(sources)
    return tuple(sorted(sources, key=lambda source: source.rule.code))


def _load_entry_points(
    manager: pluggy.PluginManager, origins: dict[str, _Plugin]
) -> None:
    """Load the plugins one at a time, so one broken plugin cannot stop the rest.

    Only the distributions that declare an ``rclint`` entry point have their
    metadata read; ``entry_points`` also lists a distribution found twice on
    ``sys.path`` (an installed copy and a source tree's metadata) once.
    """
    for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT):
        distribution = entry_point.dist
        label = (
            f"{distribution.name} {distribution.version}"
            if distribution is not None
            else "an unknown distribution"
        )
        try:
            plugin = entry_point.load()
        except Exception as error:
            logger.warning(
                "skipping the rclint plugin `%s` (%s) of %s: %s: %s",
                entry_point.name,
                entry_point.value,
                label,
                type(error).__name__,
                error,
            )
            logger.debug("traceback of the failed import", exc_info=True)
            continue
        _register(manager, origins, plugin, f"{label}:{entry_point.name}", label)


def _register(
    manager: pluggy.PluginManager,
    origins: dict[str, _Plugin],
    plugin: object,
    name: str | None,
    distribution: str | None,
) -> None:
    if manager.is_registered(plugin):
        logger.debug("plugin %s is already registered", _module_of(plugin))
        return
    try:
        registered = manager.register(plugin, name=name)
    except pluggy.PluginValidationError as error:
        raise ConfigurationError(f"invalid rclint plugin: {error}") from None
    if registered is not None:
        origins[registered] = _Plugin(_module_of(plugin), distribution)


def _rules_of(function: Any, origin: _Plugin) -> list[RuleSource]:
    try:
        provided = list(function())
    except Exception as error:
        logger.warning(
            "skipping the rclint plugin %s: its rclint_rules hook failed: %s: %s",
            origin.label(),
            type(error).__name__,
            error,
        )
        return []
    sources = []
    for rule in provided:
        if not isinstance(rule, Rule):
            kind = type(rule).__name__
            message = f"plugin {origin.label()} returned a {kind} instead of a Rule"
            raise ConfigurationError(message)
        if not CODE_PATTERN.match(rule.code):
            message = (
                f"plugin {origin.label()} defines a rule with code `{rule.code}`; "
                "a code is 2 to 4 capital letters and 3 digits, like `RC401`"
            )
            raise ConfigurationError(message)
        if rule.check is None and rule.review is None:
            message = (
                f"plugin {origin.label()} defines rule `{rule.code}` with neither "
                "a check nor a review"
            )
            raise ConfigurationError(message)
        sources.append(RuleSource(rule, origin.module, origin.distribution))
    return sources


def _check_unique(sources: Sequence[RuleSource]) -> None:
    first: dict[str, RuleSource] = {}
    for source in sources:
        other = first.setdefault(source.rule.code, source)
        if other is not source:
            raise ConfigurationError(
                f"rule code `{source.rule.code}` is defined twice: by "
                f"{_label(other)} and by {_label(source)}"
            )


def _label(source: RuleSource) -> str:
    return _Plugin(source.plugin, source.distribution).label()


def _module_of(plugin: object) -> str:
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    kind = type(plugin)
    return f"{kind.__module__}.{kind.__qualname__}"


# --- running ------------------------------------------------------------------


def run_rules(
    graph: Graph,
    rules: Sequence[Rule],
    config: Config,
    clusters: Collection[str] | None = None,
) -> list[Finding]:
    """Run each rule's check on each cluster of ``graph`` (or of
    ``clusters`` only: an editor re-checks the clusters an edit touched);
    duplicates are dropped, and findings that share an identity are
    numbered apart.

    A rule that raises on a cluster yields one RC000 finding there instead
    of its findings; the other rules and clusters still run. Rules without
    a check (reviews only) are skipped.
    """
    findings: dict[Finding, None] = {}
    names = sorted(graph.clusters if clusters is None else set(clusters))
    shared: dict[str, dict[str, Any]] = {name: {} for name in names}
    for rule in rules:
        if rule.check is None:
            continue
        options = _options(rule, config)
        for name in names:
            cluster = graph.clusters[name]
            context = RuleContext(graph, cluster, options, shared[name])
            findings.update(dict.fromkeys(_check(rule, context)))
    return number_occurrences(findings)


def run_reviews(
    graph: Graph,
    rules: Sequence[Rule],
    config: Config,
    findings: Sequence[Finding],
    acceptance: Acceptance,
) -> list[Finding]:
    """The second phase: each rule's review, once, over the findings of the
    first as suppressions and the baseline left them, and ``acceptance``,
    what those did. A review that raises yields one RC000 finding."""
    reviewed: dict[Finding, None] = {}
    for rule in rules:
        if rule.review is None:
            continue
        options = _options(rule, config)
        context = ReviewContext(graph, tuple(findings), acceptance, options)
        reviewed.update(dict.fromkeys(_review(rule, context)))
    return number_occurrences(reviewed)


def _options(rule: Rule, config: Config) -> types.MappingProxyType[str, Any]:
    # Merged here too, for callers that skip ``validate_rule_options``.
    merged = {**rule.defaults, **config.rules.get(rule.code, {})}
    return types.MappingProxyType(merged)


def _check(rule: Rule, context: RuleContext) -> list[Finding]:
    check = rule.check
    assert check is not None
    cluster = context.cluster
    where = f"cluster `{cluster.name}` ({cluster.config_file})"
    span = Span.whole_file(cluster.config_file)
    return _guarded(rule, lambda: check(context), where, span, cluster.name)


def _review(rule: Rule, context: ReviewContext) -> list[Finding]:
    review = rule.review
    assert review is not None
    # A review is about the run: its crash is shown at the configuration,
    # or at the first cluster's elasticsearch.yml.
    files = [
        cluster.config_file for _, cluster in sorted(context.graph.clusters.items())
    ]
    file = context.graph.config_file or (files[0] if files else ".")
    span = Span.whole_file(file)
    return _guarded(rule, lambda: review(context), "the run's findings", span, None)


def _guarded(
    rule: Rule,
    run: Callable[[], Iterable[Violation]],
    where: str,
    span: Span,
    cluster: str | None,
) -> list[Finding]:
    """The findings of what ``run`` yields, or one RC000 finding at
    ``span`` if it raises."""
    try:
        return [_finding(rule, violation) for violation in run()]
    except Exception as error:
        # The RC000 finding reports the crash; the traceback is for a bug
        # report, and ``--verbose`` shows it.
        target = where if cluster is None else f"cluster {cluster}"
        logger.debug(
            "rule %s (%s) failed on %s", rule.code, rule.name, target, exc_info=True
        )
        place = place_in_traceback(error, skip=__file__)
        return [internal_error(rule, where, place, span, cluster, error)]


def _finding(rule: Rule, violation: Violation) -> Finding:
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=violation.message,
        span=violation.span,
        cluster=violation.cluster,
        identity=violation.identity,
        related=violation.related,
    )
