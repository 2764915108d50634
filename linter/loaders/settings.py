"""Settings: ``elasticsearch.yml`` and cluster settings → flat ``Setting``s.

Elasticsearch reads ``cluster: {remote: {us: {seeds: [...]}}}`` and
``cluster.remote.us.seeds: [...]`` as the same setting, so both spellings are
flattened to dotted keys. Values set through the cluster settings API win
over ``elasticsearch.yml``, and transient ones over persistent ones; but the
API rejects static settings, so there they are reported and left out.
Unknown keys under the namespaces rclint checks stop Elasticsearch, and are
reported and left out too.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from linter.loaders.nodes import as_mapping, key_of, scalar_text
from linter.loaders.setting_names import is_static, unknown_setting
from linter.model import Setting, SettingOrigin
from linter.secrets import hides_collection
from linter.source import MappingNode, Node, Problem, ScalarNode, SequenceNode

logger = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")
_CREDENTIALS = re.compile(r"cluster\.remote\.[^.]+\.credentials")
# A name under a setting that takes a value, for asking whether any is known.
_ANY_NAME = "value"


@dataclass(frozen=True, slots=True)
class FlatSettings:
    """The settings of one source, and the flat mapping to validate.

    ``flat`` maps each dotted key (as a key node placed where its innermost
    key was written) to the real value node, for the flat
    ``elasticsearch-settings`` schema.
    """

    origin: SettingOrigin
    by_key: Mapping[str, Setting]
    flat: MappingNode
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class _Leaf:
    key: str
    key_node: ScalarNode
    value: Node
    spelling: tuple[str, ...]

    def written(self) -> str:
        """How the key was written: ``cluster.name`` or ``cluster`` > ``name``."""
        return " > ".join(f"`{part}`" for part in self.spelling)


def is_secure_setting(key: str) -> bool:
    """Whether Elasticsearch only accepts ``key`` from its keystore."""
    last = key.rsplit(".", 1)[-1]
    return last.startswith("secure_") or _CREDENTIALS.fullmatch(key) is not None


def flatten(root: Node, origin: SettingOrigin) -> FlatSettings:
    """The settings written under ``root``, nested or dotted."""
    by_key: dict[str, Setting] = {}
    first_keys: dict[str, _Leaf] = {}
    entries: list[tuple[ScalarNode, Node]] = []
    problems: list[Problem] = []
    for leaf in _leaves(root, ()):
        problem = _check_leaf(leaf, first_keys, origin)
        if problem is not None:
            problems.append(problem)
            continue
        first_keys[leaf.key] = leaf
        setting = _setting(leaf, origin)
        if setting is not None:
            by_key[leaf.key] = setting
            entries.append((_flat_key_node(leaf), leaf.value))
    flat = MappingNode(
        root.file, root.row, root.column, root.end_row, root.end_column, tuple(entries)
    )
    return FlatSettings(origin, by_key, flat, tuple(problems))


def cluster_settings_layers(root: Node) -> tuple[FlatSettings, ...]:
    """The persistent then transient settings of a cluster settings body or
    ``GET _cluster/settings`` response; ``defaults`` are Elasticsearch's own
    and say nothing about this cluster's configuration."""
    body = as_mapping(root)
    if body is None:
        return ()
    layers = []
    for name, origin in (
        ("persistent", SettingOrigin.PERSISTENT),
        ("transient", SettingOrigin.TRANSIENT),
    ):
        section = as_mapping(body.get(name))
        if section is not None:
            layers.append(flatten(section, origin))
    return tuple(layers)


def effective(layers: Sequence[FlatSettings]) -> dict[str, Setting]:
    """The settings in force: transient over persistent over node settings,
    and among layers of one origin, the later over the earlier.

    Static settings never reach a cluster settings layer (``flatten``
    reports them instead), so the ``elasticsearch.yml`` value stays.
    """
    rank = {origin: index for index, origin in enumerate(SettingOrigin)}
    merged: dict[str, Setting] = {}
    for layer in sorted(layers, key=lambda layer: rank[layer.origin]):
        for key, setting in layer.by_key.items():
            overridden = merged.get(key)
            if overridden is not None:
                logger.debug(
                    "setting %s: %s value overrides %s value",
                    key,
                    setting.origin.value,
                    overridden.origin.value,
                )
            merged[key] = setting
    return merged


def _leaves(node: Node, outer: tuple[str, ...]) -> Iterator[_Leaf]:
    """The settings under ``node``. A mapping under a key that holds a
    secret is one leaf: its keys may be the secret pasted, so they never
    become setting names that a message would quote."""
    mapping = as_mapping(node)
    if mapping is None:
        return
    for key_node, value in mapping.items():
        spelling = (*outer, key_of(key_node))
        key = ".".join(spelling)
        if isinstance(value, MappingNode) and not hides_collection(key):
            yield from _leaves(value, spelling)
        else:
            yield _Leaf(key, key_node, value, spelling)


def _check_leaf(
    leaf: _Leaf, first_keys: Mapping[str, _Leaf], origin: SettingOrigin
) -> Problem | None:
    """Why ``leaf`` is not kept: the first of its problems, if any."""
    problem = _secure_problem(leaf) or _duplicate_problem(leaf, first_keys)
    problem = problem or _shape_problem(leaf) or _name_problem(leaf)
    problem = problem or _hidden_problem(leaf)
    if problem is None and origin is not SettingOrigin.NODE:
        problem = _static_problem(leaf)
    return problem


def _secure_problem(leaf: _Leaf) -> Problem | None:
    if not is_secure_setting(leaf.key):
        return None
    span = leaf.key_node.span
    message = (
        f"`{leaf.key}` is a secure setting; store it in the Elasticsearch "
        f"keystore, not in {os.path.basename(span.file)}"
    )
    return Problem("RC002", message, span)


def _duplicate_problem(leaf: _Leaf, first_keys: Mapping[str, _Leaf]) -> Problem | None:
    first = first_keys.get(leaf.key)
    if first is None:
        return None
    # No position in the message: it is the finding's identity, which must
    # not change when lines move; the related place shows the first one.
    message = (
        f"setting `{leaf.key}` is set twice, as {first.written()} and as "
        f"{leaf.written()}; Elasticsearch rejects duplicate settings"
    )
    related = ((first.key_node.span, "first set here"),)
    return Problem("RC003", message, leaf.key_node.span, related)


def _shape_problem(leaf: _Leaf) -> Problem | None:
    """A value where Elasticsearch expects the aliases of ``cluster.remote``;
    ``null`` just leaves them unset."""
    value = leaf.value
    if leaf.key != "cluster.remote":
        return None
    if isinstance(value, ScalarNode) and value.value is None:
        return None
    message = f"`{leaf.key}` must be an object, found {_described(value)}"
    return Problem("RC002", message, value.span)


def _described(value: Node) -> str:
    """The value as the schema messages describe it."""
    if not isinstance(value, ScalarNode):
        return "an array"
    scalar = value.value
    if isinstance(scalar, bool):
        return f"the boolean `{scalar_text(scalar)}`"
    noun = "string" if isinstance(scalar, str) else "number"
    return f"the {noun} `{scalar}`"


def _hidden_problem(leaf: _Leaf) -> Problem | None:
    """A mapping under a key that holds a secret, where Elasticsearch
    registers no setting: it reads each key under it as a setting name,
    and fails to start. The keys are never named."""
    if not isinstance(leaf.value, MappingNode):
        return None
    # Any name under the key would do: what matters is whether rclint
    # checks the names there.
    if unknown_setting(f"{leaf.key}.{_ANY_NAME}") is None:
        return None
    message = f"`{leaf.key}` takes a value, not an object of settings"
    return Problem("RC002", message, leaf.key_node.span)


def _name_problem(leaf: _Leaf) -> Problem | None:
    message = unknown_setting(leaf.key)
    if message is None:
        return None
    return Problem("RC002", message, leaf.key_node.span)


def _static_problem(leaf: _Leaf) -> Problem | None:
    """A static setting in the cluster settings, which reject it: it takes
    no effect and must not hide the ``elasticsearch.yml`` value."""
    if not is_static(leaf.key):
        return None
    message = (
        f"`{leaf.key}` is a static setting: the cluster settings API rejects "
        "it; set it in elasticsearch.yml"
    )
    return Problem("RC002", message, leaf.key_node.span)


def _setting(leaf: _Leaf, origin: SettingOrigin) -> Setting | None:
    """The record of one leaf; None for ``null``, which leaves a setting unset."""
    value = leaf.value
    if isinstance(value, SequenceNode):
        texts = [(scalar_text(item.value), item.span) for item in _scalars(value)]
        items = [(text, span) for text, span in texts if text is not None]
        strings = tuple(text for text, _ in items)
        return Setting(
            leaf.key,
            strings,
            leaf.key_node.span,
            value.span,
            origin,
            is_placeholder=any(_PLACEHOLDER.search(text) for text in strings),
            item_spans=tuple(span for _, span in items),
        )
    text = scalar_text(value.value) if isinstance(value, ScalarNode) else None
    if text is None:
        return None
    placeholder = _PLACEHOLDER.search(text) is not None
    return Setting(
        leaf.key,
        text,
        leaf.key_node.span,
        value.span,
        origin,
        is_placeholder=placeholder,
    )


def _scalars(sequence: SequenceNode) -> Iterator[ScalarNode]:
    return (item for item in sequence.items if isinstance(item, ScalarNode))


def _flat_key_node(leaf: _Leaf) -> ScalarNode:
    node = leaf.key_node
    return ScalarNode(
        node.file, node.row, node.column, node.end_row, node.end_column, leaf.key
    )


def name_origin(settings: Mapping[str, Setting]) -> Setting | None:
    """The ``cluster.name`` setting when it names the cluster for certain."""
    setting = settings.get("cluster.name")
    if setting is None or setting.is_placeholder:
        return None
    if not isinstance(setting.value, str) or not setting.value.strip():
        return None
    return setting
