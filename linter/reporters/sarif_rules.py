"""The SARIF description of rclint itself: the driver and its rules."""

from __future__ import annotations

from typing import Any

from linter import __version__
from linter.findings import Finding, Rule, Severity
from linter.reporters.rule_docs import (
    HOMEPAGE,
    SECURITY_SEVERITY,
    full_description,
    help_text,
    is_security_rule,
    rule_url,
)

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SECURITY_TAGS = ("security", "elasticsearch", "remote-cluster")
INPUT_TAGS = ("correctness", "elasticsearch")


def driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "rclint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": HOMEPAGE,
        "rules": rules,
    }


def descriptor(rule: Rule) -> dict[str, Any]:
    """A rule as SARIF's ``reportingDescriptor``: GitHub shows the short
    description beside each result and the help (the rule's page) under it."""
    page = help_text(rule)
    entry: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(rule)},
        "help": {"text": page, "markdown": page},
    }
    url = rule_url(rule)
    if url is not None:
        entry["helpUri"] = url
    entry["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    entry["properties"] = _properties(rule)
    return entry


def stand_in_descriptor(finding: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule the run was not told about,
    so that every result still names a rule by index."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def _properties(rule: Rule) -> dict[str, Any]:
    if not is_security_rule(rule):
        return {"tags": list(INPUT_TAGS)}
    # The tag and the score make GitHub list the rule's results as security
    # alerts, ranked by the rule's default severity.
    return {
        "tags": list(SECURITY_TAGS),
        "security-severity": SECURITY_SEVERITY[rule.severity],
    }
