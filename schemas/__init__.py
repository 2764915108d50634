"""JSON Schemas of every input file rclint reads.

The schemas are data, kept as ``<name>.schema.json`` beside this module so
editors can use them too; the schema layer compiles them for validation.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

SCHEMA_NAMES: tuple[str, ...] = (
    "api-keys-response",
    "cluster-settings",
    "cross-cluster-api-key",
    "elasticsearch-settings",
    "role",
    "role-mapping",
    "role-mapping-file",
    "role-mappings-response",
    "roles-file",
    "user",
    "users-response",
)
"""The schemas of input files; ``config`` (rclint's own settings) is apart."""


@functools.cache
def _load(name: str) -> dict[str, Any]:
    text = (
        resources.files(__name__)
        .joinpath(f"{name}.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_schema(name: str) -> dict[str, Any]:
    """The schema ``<name>.schema.json``, read once.

    The same dictionary is returned on every call: treat it as read-only.
    """
    return _load(name)
