"""rclint's configuration: what to check and what files cannot say.

``Config`` is the validated, immutable result of reading ``rclint.toml`` or
the ``[tool.rclint]`` table of ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from linter.findings import Severity
from linter.model import ClusterDeclaration, LinkDeclaration


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration of one run.

    ``links`` is keyed by (local cluster name, alias). ``rules`` holds each
    rule's options by rule code, already validated against the rule's
    options schema. ``path`` is the file it was read from, if any.
    """

    path: str | None = None
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    clusters: Mapping[str, ClusterDeclaration] = field(default_factory=dict)
    links: Mapping[tuple[str, str], LinkDeclaration] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
