"""Structural checks of input documents against rclint's JSON Schemas (RC002).

A document is validated as plain data; each schema error is then traced back
through its instance path to the node that was written, and worded for a
person: the offending value first, then what was expected. Errors inside
``anyOf``/``oneOf`` are narrowed to the branch that explains them best, and
each place in a document gets at most one problem.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence

import jsonschema_rs
from jsonschema_rs import ValidationError
from jsonschema_rs import ValidationErrorKind as Kind

from linter.schema_messages import (
    InstancePath,
    Issue,
    issues,
    only_required,
    rejects_type,
)
from linter.source import Node, Problem, Span, node_at
from schemas import SCHEMA_NAMES, load_schema

logger = logging.getLogger(__name__)

CODE = "RC002"


def validate(root: Node, schema: str) -> tuple[Problem, ...]:
    """The RC002 problems of the document ``root`` against schema ``schema``.

    ``schema`` is one of ``schemas.SCHEMA_NAMES``. Problems are sorted by
    position; each place of the document has at most one.
    """
    data = root.to_data()
    validator = _validator(schema)
    if validator.is_valid(data):
        return ()
    leaves = [leaf for error in validator.iter_errors(data) for leaf in _narrow(error)]
    worded = _best_per_place(issues(leaves, schema))
    problems = [Problem(CODE, issue.message, _span(root, issue)) for issue in worded]
    logger.debug("%s: %d schema problems against %s", root.file, len(problems), schema)
    return tuple(sorted(problems, key=lambda p: (p.span.start, p.message)))


@functools.cache
def _registry() -> jsonschema_rs.Registry:
    schemas = (load_schema(name) for name in SCHEMA_NAMES)
    return jsonschema_rs.Registry([(schema["$id"], schema) for schema in schemas])


@functools.cache
def _validator(schema: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(load_schema(schema), registry=_registry())


def _span(root: Node, issue: Issue) -> Span:
    node, key = node_at(root, issue.path)
    return key.span if issue.on_key and key is not None else node.span


# Narrowing and ranking


def _narrow(error: ValidationError) -> list[ValidationError]:
    """The errors that explain ``error`` best: a combinator's likeliest branch."""
    match error.kind:
        case Kind.AnyOf(context=branches) | Kind.OneOfNotValid(context=branches):
            branch = _likeliest_branch(branches, len(error.instance_path))
            if branch is None:
                return [error]
            return [leaf for inner in branch for leaf in _narrow(inner)]
        case _:
            return [error]


def _likeliest_branch(
    branches: Sequence[list[ValidationError]], depth: int
) -> list[ValidationError] | None:
    """The branch that got furthest into the value, if one did.

    A branch that rejected the value's type, or only missed fields, says
    nothing about what the author meant; if all did, the combinator's own
    error is clearer than any branch.
    """
    likely = [
        branch
        for branch in branches
        if branch and not rejects_type(branch, depth) and not only_required(branch)
    ]
    if not likely:
        return None
    return max(likely, key=lambda b: (max(len(e.instance_path) for e in b), -len(b)))


def _best_per_place(candidates: Iterable[Issue]) -> list[Issue]:
    best: dict[tuple[InstancePath, bool], Issue] = {}
    for issue in candidates:
        place = (issue.path, issue.on_key)
        if place not in best or issue.rank < best[place].rank:
            best[place] = issue
    return list(best.values())
