"""Remote cluster alias settings Elasticsearch rejects (RC002): an address
it cannot parse, and a setting of the other connection mode.

Each address of ``seeds``, ``proxy_address`` and ``proxy`` is checked where
it is written, in every source; the mode check needs the settings in force,
as the mode may come from another source than the setting it rules out. A
``${VAR}`` placeholder is unknown, so it is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from linter.endpoints import address_items, address_problem
from linter.links import PROXY, SNIFF, alias_setting
from linter.model import Setting
from linter.source import Problem

CODE = "RC002"

ADDRESS_KEYS = frozenset({"seeds", "proxy_address", "proxy"})

# The per-alias settings that only one connection mode takes.
MODE_OF_KEY = {
    "seeds": SNIFF,
    "proxy": SNIFF,
    "node_connections": SNIFF,
    "proxy_address": PROXY,
    "proxy_socket_connections": PROXY,
    "server_name": PROXY,
}


def address_problems(settings: Mapping[str, Setting]) -> Iterator[Problem]:
    """An RC002 problem at each address of ``settings`` Elasticsearch rejects."""
    for setting in settings.values():
        split = alias_setting(setting.key)
        if split is None or split[1] not in ADDRESS_KEYS:
            continue
        for item in address_items(setting):
            problem = None if "${" in item.value else address_problem(item.value)
            if problem is not None:
                message = (
                    f"`{setting.key}` has an invalid address `{item.value}`: {problem}"
                )
                yield Problem(CODE, message, item.span)


def mode_problems(settings: Mapping[str, Setting]) -> Iterator[Problem]:
    """An RC002 problem at each per-alias setting that the alias's mode,
    as ``settings`` set it, does not take."""
    for setting in settings.values():
        split = alias_setting(setting.key)
        required = MODE_OF_KEY.get(split[1]) if split else None
        if split is None or required is None:
            continue
        mode_key = f"cluster.remote.{split[0]}.mode"
        configured = _mode(settings.get(mode_key))
        if configured is None or configured == required:
            continue
        default = "" if mode_key in settings else f"; `{mode_key}` is sniff by default"
        message = (
            f"`{setting.key}` cannot be used with the configured `{mode_key}` "
            f"[required={required.upper()}, configured={configured.upper()}]"
            f"{default}"
        )
        yield Problem(CODE, message, setting.span)


def _mode(setting: Setting | None) -> str | None:
    """The mode ``setting`` sets, or None when it is unknown (a placeholder)
    or not a mode (which the schema reports)."""
    if setting is None:
        return SNIFF
    if setting.is_placeholder or not isinstance(setting.value, str):
        return None
    mode = setting.value.strip().lower()
    return mode if mode in (SNIFF, PROXY) else None
