"""Principals: who holds which role names on a cluster.

Four sources: file role mappings (``role_mapping.yml``: role → DNs), API
role mappings (``role_mappings/*``), file-realm assignments (``users_roles``)
and native users (``users/*``). The last two and API role mappings each
come as one object per file, named after the file, or as a ``GET`` response
mapping names to objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter import schema
from linter.loaders.nodes import (
    as_mapping,
    bool_or,
    file_start,
    key_of,
    located_strings,
    located_text,
    stem,
)
from linter.model import Located, Principal, PrincipalKind
from linter.source import Document, MappingNode, Node, Problem, Span

# The fields of one role mapping and of one user, as the APIs take them.
ROLE_MAPPING_FIELDS = frozenset(
    {"roles", "role_templates", "rules", "enabled", "metadata", "run_as"}
)
USER_FIELDS = frozenset(
    {
        "username",
        "roles",
        "full_name",
        "email",
        "metadata",
        "enabled",
        "password",
        "password_hash",
        "profile_uid",
    }
)


@dataclass(frozen=True, slots=True)
class LoadedPrincipals:
    principals: tuple[Principal, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class _Shape:
    """How one kind of object file is read."""

    kind: PrincipalKind
    fields: frozenset[str]
    single_schema: str
    response_schema: str


_ROLE_MAPPING = _Shape(
    PrincipalKind.ROLE_MAPPING,
    ROLE_MAPPING_FIELDS,
    "role-mapping",
    "role-mappings-response",
)
_USER = _Shape(PrincipalKind.USER, USER_FIELDS, "user", "users-response")


def load_role_mapping_file(document: Document) -> LoadedPrincipals:
    """``role_mapping.yml``: each role name maps to a list of DNs."""
    if document.root is None:
        return LoadedPrincipals((), ())
    problems = schema.validate(document.root, "role-mapping-file")
    return LoadedPrincipals(tuple(_dn_principals(document.root)), problems)


def load_role_mappings(documents: Sequence[Document]) -> LoadedPrincipals:
    """The files of ``role_mappings/``; role templates name no static role."""
    return _load_objects(documents, _ROLE_MAPPING)


def load_users(documents: Sequence[Document]) -> LoadedPrincipals:
    """The files of ``users/``."""
    return _load_objects(documents, _USER)


def _dn_principals(root: Node) -> Iterator[Principal]:
    mapping = as_mapping(root)
    for key, value in mapping.items() if mapping is not None else ():
        role = Located(key_of(key), key.span)
        for dn in located_strings(value):
            yield Principal(PrincipalKind.ROLE_MAPPING, dn.value, (role,), dn.span)


def _load_objects(documents: Sequence[Document], shape: _Shape) -> LoadedPrincipals:
    principals: list[Principal] = []
    problems: list[Problem] = []
    for document in documents:
        if document.root is None:
            continue
        root = as_mapping(document.root)
        if root is None or _is_single(root, shape):
            problems.extend(schema.validate(document.root, shape.single_schema))
            if root is not None:
                principals.append(_single(document.file, root, shape))
        else:
            problems.extend(schema.validate(root, shape.response_schema))
            principals.extend(_listed(root, shape))
    return LoadedPrincipals(tuple(principals), tuple(problems))


def _is_single(root: MappingNode, shape: _Shape) -> bool:
    """One object rather than a response; an empty mapping is one object."""
    return not root.entries or any(
        key_of(key) in shape.fields for key, _ in root.entries
    )


def _single(file: str, body: MappingNode, shape: _Shape) -> Principal:
    """One object named after its file, or after its ``username``."""
    username = located_text(body.get("username")) if shape is _USER else None
    if username is not None:
        return _principal(shape, username.value, username.span, body)
    return _principal(shape, stem(file), file_start(file), body)


def _listed(response: MappingNode, shape: _Shape) -> Iterator[Principal]:
    for key, value in response.items():
        body = as_mapping(value)
        if body is not None:
            yield _principal(shape, key_of(key), key.span, body)


def _principal(shape: _Shape, name: str, span: Span, body: MappingNode) -> Principal:
    roles = located_strings(body.get("roles"))
    enabled = bool_or(body.get("enabled"), True)
    return Principal(shape.kind, name, roles, span, enabled)
