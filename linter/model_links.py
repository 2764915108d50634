"""The records of remote links: how an alias of one cluster reaches another,
each step of its resolution with the reason for it, and what the
configuration declares about clusters and links that files cannot say.

``linter.model`` re-exports these, so rules import every record from there.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from linter.source import Span

if TYPE_CHECKING:
    from linter.model import CrossClusterApiKey

T = TypeVar("T")


class SecurityModel(enum.Enum):
    """How an alias authenticates to its remote. ``UNKNOWN`` when there is
    no keystore listing and the ports the alias dials do not tell (none is
    known, they disagree, or the remote's port is unknown); rules about
    either model skip such a link."""

    API_KEY = "API key"
    CERTIFICATE = "certificate"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A ``host:port`` an alias dials (a seed or the proxy address).

    ``text`` is the address as written; ``problem`` says why Elasticsearch
    rejects it, and then ``port`` is None: such an address says nothing of
    the port the alias dials.
    """

    host: str
    port: int | None
    span: Span
    text: str = ""
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution(Generic[T]):
    """The outcome of one resolution step and why: ``reason`` is a sentence
    shown by ``--show-graph`` and logged at DEBUG."""

    value: T
    reason: str
    certain: bool = True


@dataclass(frozen=True, slots=True)
class RemoteLink:
    """A remote cluster alias configured on cluster ``local``.

    ``alias_span`` points at the setting that enables the alias (its
    ``seeds`` or ``proxy_address`` key), or the first setting of the alias.
    ``model.certain`` is False when the cluster has no keystore listing:
    the model was then inferred from the port the alias dials, or, with no
    known port, is ``SecurityModel.UNKNOWN``.
    """

    local: str
    alias: str
    alias_span: Span
    mode: str
    endpoints: tuple[Endpoint, ...]
    enabled: bool
    model: Resolution[SecurityModel]
    remote: Resolution[str | None]
    api_key: Resolution[CrossClusterApiKey | None]
    credentials: Span | None = None


@dataclass(frozen=True, slots=True)
class ClusterDeclaration:
    """What the configuration says about a cluster that files cannot."""

    security_domain: str | None = None
    public_ca: bool = False


@dataclass(frozen=True, slots=True)
class LinkDeclaration:
    """What the configuration says about one alias of one cluster."""

    cluster: str | None = None
    api_key: str | None = None
