"""What the formats say about a rule, beyond its findings: where its page
is on the web, its description, and which rules a run reports on.

Every rule's page is also printed by ``rclint rule CODE``; the web address
of a built-in rule's page follows ``RULE_PAGE_URL``, the one place that
scheme is written. A plugin's rules have no page there, so they get no
address rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from linter.findings import Finding, Rule, Severity

HOMEPAGE = "https://rclint.dev"
RULE_PAGE_URL = HOMEPAGE + "/rules/{code}/"
# The built-in rules live in this package; their check functions say so.
BUILT_IN_PACKAGE = "rules"
# Rules about the input itself (internal error, syntax, structure,
# duplicate keys) rather than about a security property of the clusters.
INPUT_RULE_PREFIX = "RC0"
# GitHub ranks security findings by a CVSS-like score: 7.0 and above is
# "high", 4.0 to 6.9 "medium", below 4.0 "low".
SECURITY_SEVERITY = {
    Severity.ERROR: "8.0",
    Severity.WARNING: "5.0",
    Severity.INFO: "2.0",
}
# GitHub shows at most this much of a rule's full description.
MAX_DESCRIPTION = 1024


def rule_url(rule: Rule) -> str | None:
    """The web address of ``rule``'s page; None for a plugin's rule."""
    if not _is_built_in(rule):
        return None
    return RULE_PAGE_URL.format(code=rule.code)


def is_security_rule(rule: Rule) -> bool:
    """Whether ``rule`` reports a security risk, not a broken input."""
    return not rule.code.startswith(INPUT_RULE_PREFIX)


def full_description(rule: Rule) -> str:
    """The first paragraph of the rule's page after its title (the page's
    own summary of what the rule finds); the summary when the page has
    none."""
    paragraphs = [part.strip() for part in rule.doc.strip().split("\n\n")]
    for paragraph in paragraphs:
        if paragraph and not paragraph.startswith("#"):
            text = " ".join(paragraph.split())
            return (
                text[: MAX_DESCRIPTION - 1] + "…"
                if len(text) > MAX_DESCRIPTION
                else text
            )
    return rule.summary


def help_text(rule: Rule) -> str:
    """The rule's page, or its summary when it has no page."""
    return rule.doc.strip() or f"{rule.code} {rule.name}: {rule.summary}"


def rules_of_run(
    checked: Sequence[Rule], every: Sequence[Rule], findings: Iterable[Finding]
) -> tuple[Rule, ...]:
    """The rules a run reports on: those it checked, then any other rule a
    finding names (the internal-error rule, when a rule crashed)."""
    known = {rule.code for rule in checked}
    named = {finding.code for finding in findings} - known
    extra = [rule for rule in every if rule.code in named]
    return (*checked, *extra)


def _is_built_in(rule: Rule) -> bool:
    phases = (getattr(rule, "check", None), getattr(rule, "review", None))
    modules = [getattr(phase, "__module__", "") or "" for phase in phases if phase]
    return any(module.split(".")[0] == BUILT_IN_PACKAGE for module in modules)
