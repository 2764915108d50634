"""Suppressions written into a definition: ``metadata.rclint.ignore``.

JSON holds no comments, so a role or a cross-cluster API key may carry its
suppressions in its own ``metadata``, which Elasticsearch keeps as it is::

    "metadata": {"rclint": {"ignore": {
        "RC401": "the key is narrowed on purpose",
        "RC402": {"reason": "migration planned", "expires": "2026-09-30"}
    }}}

The loaders read them here into ``MetadataSuppression`` records. The
schemas reject a malformed shape (RC002); an entry of a shape the schema
rejects is left out here, so it is reported once, by RC002.
"""

from __future__ import annotations

from linter.loaders.nodes import as_mapping, located_text
from linter.model import Located, MetadataSuppression
from linter.source import MappingNode, Node, ScalarNode

NAMESPACE = "rclint"
IGNORE = "ignore"
_ENTRY_FIELDS = frozenset({"reason", "expires"})


def metadata_suppressions(
    definition: MappingNode,
) -> tuple[MetadataSuppression, ...]:
    """The suppressions in the ``metadata`` of a role or API key definition."""
    metadata = as_mapping(definition.get("metadata"))
    namespace = as_mapping(metadata.get(NAMESPACE)) if metadata else None
    ignore = as_mapping(namespace.get(IGNORE)) if namespace else None
    if ignore is None:
        return ()
    found = (_suppression(key, value) for key, value in ignore.items())
    return tuple(entry for entry in found if entry is not None)


def _suppression(key: ScalarNode, value: Node) -> MetadataSuppression | None:
    if not isinstance(key.value, str):
        return None
    code = Located(key.value, key.span)
    reason = located_text(value)
    if reason is not None:
        return MetadataSuppression(code, reason)
    entry = as_mapping(value)
    if entry is None or not _well_formed(entry):
        return None
    return MetadataSuppression(
        code, located_text(entry.get("reason")), located_text(entry.get("expires"))
    )


def _well_formed(entry: MappingNode) -> bool:
    """Only the known fields, each a string: what the schema accepts."""
    return all(
        isinstance(key.value, str)
        and key.value in _ENTRY_FIELDS
        and located_text(value) is not None
        for key, value in entry.items()
    )
