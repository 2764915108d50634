"""Which security model a remote cluster alias uses, for the graph.

The keystore listing decides: ``cluster.remote.<alias>.credentials`` listed
means the API key model, not listed the certificate model. Without a
listing, the ports the alias dials tell: all of them the remote cluster
server port (the remote's ``remote_cluster.port``, 9443 by default) means
API key, all of them another port means certificate. When they disagree, or
a port is unknown, so is the model: no rule guesses. So is it when the
listing exists but cannot be read.
"""

from __future__ import annotations

import os

from linter.endpoints import MAX_PORT, format_endpoint
from linter.links import DEFAULT_REMOTE_CLUSTER_PORT, AliasConfig, credentials_key
from linter.model import Cluster, Resolution, SecurityModel

KEYSTORE_LISTING = "elasticsearch.keystore.list"

API_KEY = SecurityModel.API_KEY
CERTIFICATE = SecurityModel.CERTIFICATE
UNKNOWN = SecurityModel.UNKNOWN


def resolve_model(
    cluster: Cluster,
    alias: AliasConfig,
    remote: str | None,
    remote_cluster: Cluster | None,
) -> Resolution[SecurityModel]:
    """The keystore listing decides; without one, the ports the alias dials."""
    keystore = cluster.keystore
    if keystore is None and cluster.is_unread(KEYSTORE_LISTING):
        listing = os.path.normpath(os.path.join(cluster.directory, KEYSTORE_LISTING))
        reason = f"`{listing}` could not be read; fix it to make the model known"
        return Resolution(UNKNOWN, reason, certain=False)
    if keystore is None:
        model, reason = _inferred(alias, remote, remote_cluster)
        hint = (
            f"adding `{KEYSTORE_LISTING}` (the output of `bin/elasticsearch-keystore"
            f" list`) to `{cluster.directory}` makes it certain"
        )
        return Resolution(model, f"{reason}; {hint}", certain=False)
    key = credentials_key(alias.alias)
    if alias.credentials is not None:
        return Resolution(API_KEY, f"`{keystore.file}` lists `{key}`")
    reason = f"`{keystore.file}` does not list `{key}`"
    return Resolution(CERTIFICATE, reason)


def _inferred(
    alias: AliasConfig, remote: str | None, remote_cluster: Cluster | None
) -> tuple[SecurityModel, str]:
    """The model the ports the alias dials tell, and why."""
    unknown = "the model could not be inferred, as"
    valid = [e for e in alias.endpoints if e.problem is None]
    if not valid:
        dials = "no valid endpoint" if alias.endpoints else "no endpoint"
        return UNKNOWN, f"{unknown} the alias dials {dials}"
    unknown_port = next((e for e in valid if e.port is None), None)
    if unknown_port is not None:
        dialled = format_endpoint(unknown_port)
        return UNKNOWN, f"{unknown} the port of `{dialled}` is unknown"
    server, whose = _remote_cluster_port(remote, remote_cluster)
    if server is None:
        return UNKNOWN, f"{unknown} {whose}"
    ports = sorted({e.port for e in valid if e.port is not None})
    return _from_ports(ports, server, f"the remote cluster server port, {whose}")


def _from_ports(
    ports: list[int], server: int, described: str
) -> tuple[SecurityModel, str]:
    """The model of an alias dialling ``ports``, of which ``server`` is the
    remote cluster server port; ``described`` says which port that is."""
    inferred = "the model was inferred from the port"
    if ports == [server]:
        return API_KEY, f"{inferred} the alias dials: {described}"
    others = [port for port in ports if port != server]
    listed = _numbers(others)
    if len(others) < len(ports):
        plural = "s" if len(others) > 1 else ""
        reason = (
            f"the model could not be inferred, as the alias dials both "
            f"{described}, and port{plural} {listed}"
        )
        return UNKNOWN, reason
    if len(others) == 1:
        return CERTIFICATE, f"{inferred} the alias dials, {listed}: not {described}"
    reason = f"{inferred}s the alias dials, {listed}: none is {described}"
    return CERTIFICATE, reason


def _remote_cluster_port(
    remote: str | None, remote_cluster: Cluster | None
) -> tuple[int | None, str]:
    """The remote cluster server port of the remote (None when its setting
    is no port number), and which port that is, as a phrase."""
    setting = (
        remote_cluster.settings.get("remote_cluster.port") if remote_cluster else None
    )
    if setting is None:
        default = DEFAULT_REMOTE_CLUSTER_PORT
        return default, f"{default} (the default `remote_cluster.port`)"
    value = setting.value
    text = value.strip() if isinstance(value, str) else ", ".join(value)
    is_number = text.isascii() and text.isdigit() and int(text) <= MAX_PORT
    if setting.is_placeholder or not is_number:
        return None, (
            f"the `remote_cluster.port` of `{remote}` is `{text}`, not a known "
            "port number"
        )
    port = int(text)
    return port, f"{port} (the `remote_cluster.port` of `{remote}`)"


def _numbers(ports: list[int]) -> str:
    """``9300``, ``9300 and 9301``, ``9300, 9301 and 9302``."""
    texts = [str(port) for port in ports]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"
