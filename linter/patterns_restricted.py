"""The restricted indices: what ``allow_restricted_indices: false`` leaves out.

Elasticsearch's ``RestrictedIndices`` is the automaton of every system name
(``SystemIndices.getSystemNameAutomaton``): each system index descriptor's
pattern and alias, each system data stream and its backing indices. The
descriptors come from the plugins a node runs, so the set differs between
versions and deployments. This model takes the features Elasticsearch's own
restricted-indices tests register (``TestRestrictedIndices`` in x-pack core):
security, async search, Kibana, enrich, Fleet, GeoIP, Logstash, machine
learning, searchable snapshots, transforms and Watcher.

A descriptor's pattern is a Lucene regular expression in which ``.`` is a
literal dot and ``*`` any string (``SystemIndexDescriptor.patternToRegex``);
``SYSTEM_INDEX_PATTERNS`` keeps them as Elasticsearch writes them.

TODO(when rclint reads a cluster's installed features): build the set from
them instead of this fixed list.
"""

from __future__ import annotations

from typing import Final

SYSTEM_INDEX_PATTERNS: Final = (
    # security: main, tokens and profile indices
    ".security-[0-9]+*",
    ".security-tokens-[0-9]+*",
    ".security-profile-[0-9]+*",
    ".async-search*",
    # kibana
    ".kibana_*",
    ".reporting-*",
    ".apm-agent-configuration*",
    ".apm-custom-link*",
    ".enrich-*",
    # fleet
    ".fleet-actions~(-results*)",
    ".fleet-agents*",
    ".fleet-enrollment-api-keys*",
    ".fleet-policies-[0-9]+*",
    ".fleet-policies-leader*",
    ".fleet-servers*",
    ".fleet-artifacts*",
    ".geoip_databases*",
    ".logstash*",
    ".ml-meta*",
    ".ml-config*",
    ".ml-inference*",
    ".snapshot-blob-cache*",
    ".transform-internal-*",
    ".watches*",
    ".triggered-watches*",
    ".tasks*",
)

# The aliases of system indices and the system data streams, exact names.
SYSTEM_NAMES: Final = (
    ".security",
    ".security-tokens",
    ".security-profile",
    ".kibana",
    ".fleet-actions",
    ".fleet-actions-results",
)

# Backing indices of the system data streams (DataStream's `.ds-` prefix).
SYSTEM_DATA_STREAMS: Final = (".fleet-actions-results",)


def _as_regex(pattern: str) -> str:
    return pattern.replace(".", "\\.").replace("*", ".*")


def _quoted(name: str) -> str:
    return '"' + name + '"'


def _alternatives() -> list[str]:
    found = [_as_regex(pattern) for pattern in SYSTEM_INDEX_PATTERNS]
    found += [_quoted(name) for name in SYSTEM_NAMES]
    found += [f'"{".ds-" + name}-".*' for name in SYSTEM_DATA_STREAMS]
    return found


_BODY: Final = "|".join(f"({alternative})" for alternative in _alternatives())

# The restricted names, and every other name, as patterns of roles.
RESTRICTED: Final = f"/{_BODY}/"
NOT_RESTRICTED: Final = f"/~({_BODY})/"
