"""The records of suppressions as written, and of what each one did in a run.

A ``Directive`` is one suppression as its author wrote it: a comment, a
``metadata.rclint`` entry or a ``[[suppress]]`` table. It names rule codes,
each with the ``Scope`` of findings it covers (``Target``). After the
suppression stage, each target has a ``TargetUse`` saying what it did; the
rules about suppressions (RC010 to RC015) read those in the second phase,
through ``Acceptance``.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from linter.model import Located
from linter.source import Span


class Kind(enum.Enum):
    """Where a suppression is written; the value is ``Suppression.kind``."""

    COMMENT = "comment"
    METADATA = "metadata"
    CONFIGURATION = "configuration"
    BASELINE = "baseline"


@dataclass(frozen=True, slots=True)
class RowScope:
    """Findings whose primary location starts in ``file`` on a row from
    ``first`` to ``last`` (both included; ``last`` None: to the end)."""

    file: str
    first: int = 1
    last: int | None = None


@dataclass(frozen=True, slots=True)
class EntityScope:
    """Findings of ``cluster`` whose identity starts with ``kind`` and
    ``name``; a field left None matches anything."""

    cluster: str | None = None
    kind: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class KeyScope:
    """Findings about the cross-cluster API key ``name`` of ``cluster``
    (identity ``("api_key", name, ...)``), and findings that compare a
    role with it: those showing a related place inside ``definition``."""

    cluster: str
    name: str
    definition: Span


Scope = RowScope | EntityScope | KeyScope


@dataclass(frozen=True, slots=True)
class Target:
    """One rule code of a directive, and the findings it covers."""

    code: Located[str]
    scope: Scope


@dataclass(frozen=True, slots=True)
class Flaw:
    """Something wrong in how a directive is written, where it is."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression as written.

    ``form`` names it in messages (``ignore``, ``disable``, ``ignore-file``,
    ``metadata``, ``[[suppress]]``); ``span`` is the whole of it;
    ``identity`` names it without positions, for the fingerprints of
    findings about it; ``cluster`` is the cluster whose files hold it, if
    any. ``flaws`` are the mistakes in how it is written: a directive with
    a flaw, or without a reason, suppresses nothing.
    """

    kind: Kind
    form: str
    span: Span
    targets: tuple[Target, ...]
    reason: str | None
    identity: tuple[str, ...]
    cluster: str | None = None
    expires: datetime.date | None = None
    flaws: tuple[Flaw, ...] = ()

    @property
    def has_reason(self) -> bool:
        return bool(self.reason and self.reason.strip())

    def expired(self, today: datetime.date) -> bool:
        """From its ``expires`` date on, a suppression no longer applies."""
        return self.expires is not None and today >= self.expires


class Status(enum.Enum):
    """What a target did in a run, in the order the stage decides it.

    ``NOT_RUN`` is for a rule whose findings were not there to match: not
    selected, or a review (its findings come after suppressions are
    matched).
    """

    UNKNOWN_CODE = "it names no known rule"
    UNSUPPRESSIBLE = "it names a rule that cannot be suppressed"
    FLAWED = "its directive is malformed"
    NO_REASON = "its directive has no reason"
    EXPIRED = "its directive has expired"
    NOT_RUN = "its rule's findings were not there to match"
    UNUSED = "it matched no finding"
    USED = "it suppressed findings"

    @property
    def valid(self) -> bool:
        """Whether the target may suppress at all."""
        return self in (Status.NOT_RUN, Status.UNUSED, Status.USED)


@dataclass(frozen=True, slots=True)
class TargetUse:
    """A target of a directive and what it did: ``matched`` counts the
    findings it covers, whether or not it was allowed to suppress them."""

    directive: Directive
    target: Target
    status: Status
    matched: int = 0


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One entry of a baseline file: a finding's rule, cluster, identity
    and occurrence, the parts of its fingerprint; ``span`` is where the
    entry is written. ``name`` and ``message`` are there for the reader,
    and kept as they are when the file is rewritten."""

    rule: str
    cluster: str | None
    identity: tuple[str, ...]
    occurrence: int
    span: Span
    name: str = ""
    message: str = ""

    @property
    def key(self) -> tuple[str, str | None, tuple[str, ...], int]:
        return (self.rule, self.cluster, self.identity, self.occurrence)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """What the second phase reads about a run's suppressions: every
    directive, each target's use, and the entries of the baseline file
    that match no finding (``stale``)."""

    directives: tuple[Directive, ...] = ()
    uses: tuple[TargetUse, ...] = ()
    stale: tuple[BaselineEntry, ...] = ()
    baseline_file: str | None = None
