"""Findings, sources and rules the output-format tests share, and a helper
that renders them in a format.

The roles file has an emoji before a finding on its second row, so that
formats counting UTF-16 code units shift that finding's columns by one;
the settings file holds a credential that no output may show, and which a
related message quotes.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
from collections.abc import Sequence

from linter.findings import Finding, Related, Rule, Severity, Suppression
from linter.reporters import ReportOptions, report
from linter.source import Span
from rules.internal_error import RULE as INTERNAL_ERROR
from rules.invalid_structure import RULE as INVALID_STRUCTURE
from rules.remote_privilege_exceeds_api_key import RULE as PRIVILEGE_RULE
from rules.unresolved_api_key import RULE as UNRESOLVED_RULE

SECRET = "c2VjcmV0LXZhbHVl"
ROLES = (
    "search:\n"
    '  description: "\U0001f600 team {a}"\n'
    "  remote_indices:\n"
    '    - clusters: ["us"]\n'
    '      names: ["logs-*"]\n'
    '      privileges: ["all"]\n'
)
SETTINGS = (
    "cluster.name: eu\n"
    f"cluster.remote.us.credentials: {SECRET}\n"
    'cluster.remote.us.seeds: ["us:9443"]\n'
)
SOURCES = {"eu/roles.yml": ROLES, "eu/elasticsearch.yml": SETTINGS}
SECRETS = (Span.at("eu/elasticsearch.yml", 2, 32, 48),)
RULES: tuple[Rule, ...] = (INVALID_STRUCTURE, UNRESOLVED_RULE, PRIVILEGE_RULE)

PRIVILEGE = Finding(
    code="RC401",
    name="remote-privilege-exceeds-api-key",
    severity=Severity.WARNING,
    message="privilege `all` exceeds the key",
    span=Span.at("eu/roles.yml", 6, 20, 25),
    cluster="eu",
    identity=("role", "search", "privilege", "all"),
    related=(
        Related(
            Span.at("eu/elasticsearch.yml", 2, 1, 48),
            f"the credentials {SECRET} are here",
        ),
    ),
)
# After the emoji: character column 19 is UTF-16 column 20.
TEAM = Finding(
    code="RC002",
    name="invalid-structure",
    severity=Severity.ERROR,
    message="`team {a}` is not a [description]",
    span=Span.at("eu/roles.yml", 2, 19, 23),
    cluster="eu",
    identity=("role", "search", "description"),
)
UNRESOLVED = Finding(
    code="RC400",
    name="unresolved-api-key",
    severity=Severity.INFO,
    message="no key",
    span=Span.whole_file("eu/elasticsearch.yml"),
    cluster="eu",
    identity=("alias", "us"),
)
COMMENT_SUPPRESSION = Suppression(
    "comment",
    f"migration planned; old key {SECRET}",
    Span.at("eu/roles.yml", 4, 1, 9),
    datetime.date(2031, 1, 31),
)
SUPPRESSED = dataclasses.replace(
    PRIVILEGE,
    code="RC401",
    message="privilege `manage` exceeds the key",
    span=Span.at("eu/roles.yml", 5, 14, 24),
    identity=("role", "search", "privilege", "manage"),
    related=(),
    suppression=COMMENT_SUPPRESSION,
)
CONFIG_SUPPRESSED = dataclasses.replace(
    UNRESOLVED,
    identity=("alias", "ap"),
    suppression=Suppression("configuration", "key named later"),
)
CRASH = Finding(
    code="RC000",
    name="internal-error",
    severity=Severity.ERROR,
    message=f"rule RC401 failed: ValueError: {SECRET}",
    span=Span.whole_file("eu/elasticsearch.yml"),
    cluster="eu",
    identity=("rule", "RC401"),
)
# A file name whose bytes 0xff and 0xfe are not UTF-8, as os.fsdecode
# gives it, a cluster named after such a directory, and a line break in a
# related place.
ODD = Finding(
    code="RC001",
    name="invalid-syntax",
    severity=Severity.ERROR,
    message="cannot list directory `\udcff/roles`",
    span=Span.at("\udcff/roles/\udcfe.json", 1, 2, 3),
    cluster="\udcff",
    identity=("file", "\udcff/roles/\udcfe.json"),
    related=(Related(Span.at("a\nb/roles.yml", 1, 1, 2), "tab\there"),),
)
EVERY = (PRIVILEGE, TEAM, UNRESOLVED, SUPPRESSED, CONFIG_SUPPRESSED, CRASH, ODD)


def render(
    output_format: str,
    findings: Sequence[Finding],
    *,
    rules: Sequence[Rule] = RULES,
    quiet: bool = False,
    statistics: bool = False,
) -> str:
    stream = io.StringIO()
    options = ReportOptions(stream, SOURCES, SECRETS, quiet=quiet, rules=tuple(rules))
    report(output_format, options, findings, statistics=statistics)
    return stream.getvalue()


def with_crash_rule(rules: Sequence[Rule] = RULES) -> tuple[Rule, ...]:
    return (INTERNAL_ERROR, *rules)
