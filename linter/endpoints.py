"""The addresses remote cluster aliases dial: ``host:port`` read as
Elasticsearch reads it, and why it rejects one.

Elasticsearch splits an address at its last colon, so an IPv6 host is
written in brackets (``[::1]:9300``); the port must be a whole number above
0. It resolves the host, and checks the port is at most 65535, only when it
connects: such an address is accepted but never reaches the remote.
"""

from __future__ import annotations

import ipaddress
import re

from linter.model import Endpoint, Located, Setting
from linter.source import Span

MAX_PORT = 65535

# Java's ``Integer.parseInt``: an optional sign, digits, within 32 bits.
_JAVA_INT = re.compile(r"[+-]?[0-9]+")
_INT_RANGE = range(-(2**31), 2**31)
_IPV6_HINT = (
    " (the port follows the last `:`; write an IPv6 host in brackets, "
    "as in `[::1]:9300`)"
)


def parse_endpoint(text: str, span: Span) -> Endpoint:
    """``host:port``, the port after the last colon; ``[v6]:port`` for IPv6.

    Brackets are dropped from IPv6 hosts so hosts compare equal to
    ``network.host`` values. An address Elasticsearch rejects has a
    ``problem`` and no port; a ``${VAR}`` placeholder is never a problem,
    and where it stands for the port, the port is unknown (None).
    """
    written = text.strip()
    host, port_text = _split(written)
    port = _port_number(port_text)
    problem = None if "${" in written else address_problem(written)
    if problem is not None:
        port = None
    return Endpoint(host, port, span, written, problem)


def address_problem(text: str) -> str | None:
    """Why Elasticsearch rejects the address ``text``, in its own words,
    or None when it takes it."""
    colon = text.rfind(":")
    if colon < 0:
        return (
            f"remote hosts need to be configured as [host:port], found [{text}] instead"
        )
    host, port_text = text[:colon], text[colon + 1 :]
    port = int(port_text) if _JAVA_INT.fullmatch(port_text) else None
    if port is None or port not in _INT_RANGE:
        return "failed to parse port" + (_IPV6_HINT if ":" in host else "")
    if port <= 0:
        return f"port number must be > 0 but was: [{port}]"
    if port > MAX_PORT:
        return f"port out of range:{port}, so Elasticsearch never connects to it"
    if not _is_host(host):
        return f"unknown host [{host}]" + _IPV6_HINT
    return None


def address_items(setting: Setting) -> tuple[Located[str], ...]:
    """The addresses of ``seeds`` (a list) or of ``proxy_address`` and
    ``proxy`` (one address each, commas and all)."""
    if setting.key.endswith(".seeds") or not isinstance(setting.value, str):
        return setting.as_list()
    return (Located(setting.value, setting.span),) if setting.value else ()


def format_endpoint(endpoint: Endpoint) -> str:
    """The endpoint as written to dial it: an invalid one as it was written."""
    if endpoint.problem is not None:
        return endpoint.text
    host = f"[{endpoint.host}]" if ":" in endpoint.host else endpoint.host
    return host if endpoint.port is None else f"{host}:{endpoint.port}"


def is_known_host(endpoint: Endpoint) -> bool:
    """False for a host written as a ``${VAR}`` placeholder (or empty)."""
    return bool(endpoint.host) and "${" not in endpoint.host


def host_key(host: str) -> str:
    """A host as compared with others: case-blind, without IPv6 brackets."""
    return host.strip().lower().removeprefix("[").removesuffix("]")


def _port_number(text: str) -> int | None:
    """The port ``text`` gives, if it is a number of a port (a placeholder
    is not)."""
    if _JAVA_INT.fullmatch(text) is None:
        return None
    port = int(text)
    return port if 0 < port <= MAX_PORT else None


def _split(text: str) -> tuple[str, str]:
    """The host (without IPv6 brackets) and the port text of an address."""
    if text.startswith("[") and "]" in text:
        host, _, rest = text[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else ""
    host, colon, port_text = text.rpartition(":")
    return (host, port_text) if colon else (port_text, "")


def _is_host(host: str) -> bool:
    """Whether ``host`` can name a host: any name without a colon, or an
    IPv6 address (in brackets or not); an empty host is the local one."""
    bracketed = host.startswith("[") or host.endswith("]")
    if bracketed:
        if not (len(host) > 2 and host.startswith("[") and host.endswith("]")):
            return False
        host = host[1:-1]
    elif ":" not in host:
        return True
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True
