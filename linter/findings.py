"""What rules produce and reporters print.

A rule's check yields ``Violation``s: where, what, and the identity of the
thing it is about. The rule host turns each into a ``Finding`` by adding the
rule's code, name and configured severity, and a fingerprint built from the
identity, so the fingerprint survives lines moving and files being renamed.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from linter.model import Cluster, Graph
from linter.source import Span
from linter.suppressions_model import Acceptance


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding, often in another cluster."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule's check yields.

    ``identity`` names the thing the violation is about in the words of the
    domain, without positions (for example ``("role", "remote-search",
    "alias", "us", "pattern", "logs-*")``); it keys fingerprints and, later,
    baselines and suppressions.
    """

    span: Span
    message: str
    cluster: str | None
    identity: tuple[str, ...]
    related: tuple[Related, ...] = ()


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding is accepted, and where that is written.

    ``kind`` says which form accepted it (for example ``"comment"``,
    ``"metadata"`` or ``"configuration"``); ``span`` is the place of the
    suppression itself, when it has one; an ``expires`` date already past
    no longer suppresses.
    """

    kind: str
    reason: str
    span: Span | None = None
    expires: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class ConfigSuppression:
    """A suppression written in the configuration, where JSON files cannot
    carry a comment: it accepts the findings of rule ``rule`` whose cluster,
    entity kind (``identity[0]``: ``role``, ``alias``, ``file``...) and
    entity name (``identity[1]``) are the ones given; a field left None
    matches any. ``span`` is where it is written in the configuration file.
    """

    rule: str
    reason: str | None
    cluster: str | None = None
    kind: str | None = None
    name: str | None = None
    expires: datetime.date | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A violation as reported: with its rule and its effective severity.

    A finding with a ``suppression`` is accepted: it fails no run, and only
    the formats that keep an audit trail (SARIF) show it. ``occurrence``
    tells apart findings of one rule, cluster and identity, such as a key
    given three times: see ``number_occurrences``.
    """

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    cluster: str | None
    identity: tuple[str, ...]
    related: tuple[Related, ...] = ()
    suppression: Suppression | None = None
    occurrence: int = 1

    @property
    def fingerprint(self) -> str:
        """A stable hash of the rule, cluster, identity and occurrence; no
        positions. A first occurrence hashes as if there were no other."""
        return fingerprint_of(self.code, self.cluster, self.identity, self.occurrence)

    def sort_key(self) -> tuple[str, int, int, str]:
        start = self.span.start
        return (self.span.file, start.row, start.column, self.code)


def fingerprint_of(
    code: str, cluster: str | None, identity: tuple[str, ...], occurrence: int
) -> str:
    """The fingerprint of a finding of these parts (``Finding.fingerprint``)."""
    parts = (code, cluster or "", *identity)
    if occurrence > 1:
        parts = (*parts, f"occurrence {occurrence}")
    # A file name that is not UTF-8 holds surrogates: hash them as they are.
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def number_occurrences(findings: Iterable[Finding]) -> list[Finding]:
    """``findings``, in their order, each with its ``occurrence``: its rank,
    by position, among the findings of its rule, cluster and identity.

    The identity keeps fingerprints from changing when lines move, but two
    distinct findings may share it (the same names in two entries of one
    role); their order of position tells them apart, and stays when lines
    move.
    """
    listed = list(findings)
    counts: dict[tuple[object, ...], int] = {}
    ranks: dict[int, int] = {}
    for index in sorted(range(len(listed)), key=lambda i: listed[i].sort_key()):
        finding = listed[index]
        key = (finding.code, finding.cluster, finding.identity)
        counts[key] = ranks[index] = counts.get(key, 0) + 1
    return [
        dataclasses.replace(finding, occurrence=ranks[index])
        if ranks[index] > 1
        else finding
        for index, finding in enumerate(listed)
    ]


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a check receives: the graph, the local cluster to check, and the
    rule's validated options.

    The host calls each check once per cluster, so a rule that crashes on
    one cluster still runs on the others, and an editor can re-run only the
    clusters an edit touched. A check reports about ``cluster`` (its links,
    roles, files), reading other clusters of the graph as it needs.

    ``shared`` is one scratch space for every rule's check of this cluster
    in this run: an analysis several rules read is computed once and kept
    there, under a key named after the module that computes it.
    """

    graph: Graph
    cluster: Cluster
    options: Mapping[str, Any] = field(default_factory=dict)
    shared: MutableMapping[str, Any] = field(default_factory=dict)


Check = Callable[[RuleContext], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class ReviewContext:
    """What a review (a rule's second phase) receives, once per run.

    ``findings`` are those of every check, as the suppression and baseline
    stages left them: suppressed findings included, each with its
    ``suppression``. ``acceptance`` says what each suppression and baseline
    entry did. Reviews report about suppressions and baselines; what they
    yield is not suppressed by the suppression it reports, and is never
    baselined.
    """

    graph: Graph
    findings: tuple[Finding, ...]
    acceptance: Acceptance
    options: Mapping[str, Any] = field(default_factory=dict)


Review = Callable[[ReviewContext], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's metadata and its phases: a ``check`` or a ``review``.

    The host runs every selected ``check`` first, once per cluster. Once
    the findings of the checks have been through per-file ignores,
    suppressions and the baseline, it runs every selected ``review``, once,
    on them: the second phase, for rules about suppressions and baselines.
    A rule has one phase or both.

    ``doc`` is the rule's documentation page (its module docstring): what it
    finds, why it matters, a failing and a passing example, how to fix it.
    ``options_schema`` is the JSON Schema of the rule's options object, and
    ``defaults`` the option values used when the configuration is silent.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None
    options_schema: Mapping[str, Any] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    review: Review | None = None
