"""How RC002 words a schema error: the offending value first, then what was
expected, naming the place in the words of the document (a role's
``indices`` entry, the cross-cluster API key's ``access``)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema_rs import ValidationError
from jsonschema_rs import ValidationErrorKind as Kind

from linter.secrets import hides_collection, holds_secret, is_secret_key
from schemas import SCHEMA_NAMES, load_schema

InstancePath = tuple[str | int, ...]

_ROOT_NOUNS = {
    "api-keys-response": "the API keys response",
    "cluster-settings": "the cluster settings",
    "cross-cluster-api-key": "the cross-cluster API key",
    "elasticsearch-settings": "the settings",
    "role": "the role descriptor",
    "role-mapping": "the role mapping",
    "role-mapping-file": "the role mapping file",
    "role-mappings-response": "the role mappings response",
    "roles-file": "the roles file",
    "user": "the user",
    "users-response": "the users response",
}
# Documents that map a name to an entry; the entry is named after its key.
_ROOT_ENTRY_NOUNS = {
    "roles-file": "role",
    "role-mapping-file": "role",
    "role-mappings-response": "role mapping",
    "users-response": "user",
}
# Fields whose keys are names chosen by the user, not field names.
_KEYED_FIELDS = {"metadata", "role_descriptors", "transient_metadata"}

_TYPE_NOUNS = {
    "array": "an array",
    "boolean": "a boolean",
    "integer": "an integer",
    "null": "null",
    "number": "a number",
    "object": "an object",
    "string": "a string",
}
_MAX_SHOWN = 60
_AT_LEAST_ONE = Kind.MinItems | Kind.MinLength | Kind.MinProperties
# Errors about which fields a mapping has; like a missing field, they are
# reported where the mapping is named.
_ABOUT_FIELDS = Kind.MaxProperties | Kind.MinProperties | Kind.Not
_ABOUT_FIELDS |= Kind.OneOfMultipleValid


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong at one place, worded; a lower rank is more specific."""

    path: InstancePath
    on_key: bool
    rank: int
    message: str


def rejects_type(branch: Iterable[ValidationError], depth: int) -> bool:
    return any(is_type_error_at(error, depth) for error in branch)


def is_type_error_at(error: ValidationError, depth: int) -> bool:
    return isinstance(error.kind, Kind.Type) and len(error.instance_path) == depth


def only_required(branch: Iterable[ValidationError]) -> bool:
    return all(isinstance(e.kind, Kind.Required) for e in branch)


def issues(errors: Sequence[ValidationError], schema: str) -> Iterator[Issue]:
    missing: dict[InstancePath, list[str]] = {}
    for error in errors:
        holder = _secret_holder(error)
        if holder is not None:
            yield _inside_secret(holder, schema)
        elif isinstance(error.kind, Kind.Required):
            names = missing.setdefault(tuple(error.instance_path), [])
            if error.kind.property not in names:
                names.append(error.kind.property)
        else:
            yield from _describe(error, schema)
    for path, names in missing.items():
        yield _missing(path, [names], schema)


def _missing(path: InstancePath, alternatives: list[list[str]], schema: str) -> Issue:
    """Missing fields; ``alternatives`` are sets of fields, any of which would do."""
    words = [_and([f"`{name}`" for name in names]) for names in alternatives]
    count = "fields" if len(alternatives) == 1 and len(alternatives[0]) > 1 else "field"
    place = _place(path, schema)
    return Issue(path, True, 1, f"missing required {count} {_or(words)} in {place}")


def _describe(error: ValidationError, schema: str) -> Iterator[Issue]:
    path = tuple(error.instance_path)
    match error.kind:
        case Kind.AdditionalProperties(unexpected=names):
            for name in names:
                yield _unknown_field(error, path, name, schema)
        case Kind.PropertyNames(error=inner):
            yield _bad_key(error, inner, path, schema)
        case Kind.AnyOf(context=branches) | Kind.OneOfNotValid(context=branches):
            yield _no_branch(branches, error, path, schema)
        case _:
            subject = _subject(path, schema)
            on_key = isinstance(error.kind, _ABOUT_FIELDS)
            message = _must(error, subject, path)
            yield Issue(path, on_key, _rank(error.kind), message)


def _secret_holder(error: ValidationError) -> InstancePath | None:
    """The path of the key whose secret value holds what ``error`` would
    name, if one does: a list or mapping under a key naming a secret is
    masked whole, so none of its keys or values may be quoted."""
    path = tuple(error.instance_path)
    # These name the keys of the mapping at the path, not only its place.
    names_keys = isinstance(error.kind, Kind.AdditionalProperties | Kind.PropertyNames)
    for depth, step in enumerate(path[: None if names_keys else -1], 1):
        if isinstance(step, str) and hides_collection(step):
            return path[:depth]
    return None


def _inside_secret(holder: InstancePath, schema: str) -> Issue:
    subject = _subject(holder, schema)
    message = (
        f"{subject} does not match its allowed form; its value is secret, "
        "so what is wrong in it is not shown"
    )
    return Issue(holder, True, 4, message)


def _unknown_field(
    error: ValidationError, path: InstancePath, name: str, schema: str
) -> Issue:
    known = list(_keyword_owner(error).get("properties", {}))
    message = f"unknown field `{name}` in {_place(path, schema)}"
    guess = difflib.get_close_matches(name, known, n=1)
    if guess:
        message += f"; did you mean `{guess[0]}`?"
    elif known:
        message += "; expected one of " + ", ".join(f"`{k}`" for k in known)
    return Issue((*path, name), True, 1, message)


def _bad_key(
    error: ValidationError, inner: ValidationError, path: InstancePath, schema: str
) -> Issue:
    name = str(inner.instance)
    if not path and schema in _ROOT_ENTRY_NOUNS:
        subject = f"{_ROOT_ENTRY_NOUNS[schema]} name `{name}`"
    else:
        subject = f"key `{name}` in {_subject(path, schema)}"
    expected = _expected(inner, _keyword_owner(error).get("propertyNames", {}))
    return Issue((*path, name), True, 2, f"{subject} must be {expected}")


def _no_branch(
    branches: Sequence[list[ValidationError]],
    error: ValidationError,
    path: InstancePath,
    schema: str,
) -> Issue:
    depth = len(path)
    if branches and all(b and only_required(b) for b in branches):
        fields = [[_required_name(e) for e in branch] for branch in branches]
        return _missing(path, fields, schema)
    subject = _subject(path, schema)
    if branches and all(rejects_type(b, depth) for b in branches):
        rejections = [e for b in branches for e in b if is_type_error_at(e, depth)]
        types = [t for e in rejections for t in _declared_types(e)]
        expected = _or([_TYPE_NOUNS.get(t, t) for t in dict.fromkeys(types)])
        message = f"{subject} must be {expected}{_found(error.instance, path)}"
        return Issue(path, False, 0, message)
    return Issue(path, False, 4, f"{subject} does not match any allowed form")


def _must(error: ValidationError, subject: str, path: InstancePath) -> str:
    """``<subject> must ...`` for every error kind bound to one value."""
    kind = error.kind
    if isinstance(kind, Kind.Type):
        expected = _or([_TYPE_NOUNS.get(t, t) for t in _declared_types(error)])
        return f"{subject} must be {expected}{_found(error.instance, path)}"
    if isinstance(kind, Kind.OneOfMultipleValid):
        forms = _keyword_owner(error).get("oneOf", [])
        names = [f"`{n}`" for form in forms for n in form.get("required", [])]
        return f"{subject} must have only one of {_or(names)}"
    if isinstance(kind, Kind.Not):
        names = [
            f"`{name}`" for name in _keyword_owner(error)["not"].get("required", [])
        ]
        if names:
            return f"{subject} must not have both {_and(names)}"
        return f"{subject} has a form that is not allowed"
    if _limit(kind) == 1 and isinstance(kind, _AT_LEAST_ONE):
        return f"{subject} must not be empty"
    if isinstance(kind, Kind.MaxProperties | Kind.MinProperties):
        return f"{subject} must have {_count_limit(error, 'field')}"
    if isinstance(kind, Kind.MinItems | Kind.MaxItems):
        return f"{subject} must have {_count_limit(error, 'item')}"
    if isinstance(kind, Kind.FalseSchema):
        return f"{subject} is not allowed"
    expected = _expected(error, _keyword_owner(error))
    hidden = _is_secret(path) or _holds_secret(error.instance)
    shown = "" if hidden else f", found {_shown(error.instance)}"
    return f"{subject} must be {expected}{shown}"


def _expected(error: ValidationError, owner: Mapping[str, Any]) -> str:
    """What a value must be, for errors about a single value's content."""
    match error.kind:
        case Kind.Enum(options=options):
            return _one_of([_shown(option) for option in options])
        case Kind.Constant(expected_value=value):
            return _shown(value)
        case Kind.Pattern(pattern=pattern):
            return str(owner.get("patternErrorMessage", f"matching `{pattern}`"))
        case Kind.MinLength(limit=1):
            return "non-empty"
        case Kind.MinLength(limit=limit):
            return f"at least {limit} characters long"
        case Kind.MaxLength(limit=limit):
            return f"at most {limit} characters long"
        case Kind.Minimum(limit=limit):
            return f"at least {limit}"
        case Kind.Maximum(limit=limit):
            return f"at most {limit}"
        case Kind.ExclusiveMinimum(limit=limit):
            return f"greater than {limit}"
        case Kind.ExclusiveMaximum(limit=limit):
            return f"less than {limit}"
        case _:
            return f"valid ({error.kind.name} check)"


def _count_limit(error: ValidationError, unit: str) -> str:
    limit = _limit(error.kind)
    found = len(error.instance) if isinstance(error.instance, list | dict) else 0
    bound = "at least" if isinstance(error.kind, _AT_LEAST_ONE) else "at most"
    plural = "" if limit == 1 else "s"
    return f"{bound} {limit} {unit}{plural}, found {found}"


def _limit(kind: Kind) -> int:
    limit = getattr(kind, "limit", 0)
    return limit if isinstance(limit, int) else 0


def _rank(kind: Kind) -> int:
    if isinstance(kind, Kind.Type):
        return 0
    if isinstance(kind, Kind.Enum | Kind.Constant | Kind.Pattern):
        return 2
    return 3


def _keyword_owner(error: ValidationError) -> Mapping[str, Any]:
    """The schema object holding the keyword that failed, or an empty one."""
    uri, _, pointer = (error.absolute_keyword_location or "").partition("#")
    name = uri.rsplit("/", 1)[-1].removesuffix(".schema.json")
    if name not in SCHEMA_NAMES:
        return {}
    node: Any = load_schema(name)
    for token in pointer.split("/")[1:-1]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node.get(token, {})
    return node if isinstance(node, Mapping) else {}


def _declared_types(error: ValidationError) -> list[str]:
    """The expected types in the order the schema lists them."""
    declared = _keyword_owner(error).get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [str(t) for t in declared]
    return list(getattr(error.kind, "types", []))


def _required_name(error: ValidationError) -> str:
    return error.kind.property if isinstance(error.kind, Kind.Required) else ""


# Naming places and values


def _subject(path: InstancePath, schema: str) -> str:
    """How a message names the value at ``path``."""
    if not path:
        return _ROOT_NOUNS.get(schema, "the document")
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of {_subject(path[:-1], schema)}"
    if len(path) == 1 and schema in _ROOT_ENTRY_NOUNS:
        return f"{_ROOT_ENTRY_NOUNS[schema]} `{last}`"
    if len(path) > 1 and path[-2] in _KEYED_FIELDS:
        return f"`{last}` in `{path[-2]}`"
    return f"`{last}`"


def _place(path: InstancePath, schema: str) -> str:
    """How a message names the mapping at ``path`` as a container."""
    if len(path) > 1 and isinstance(path[-1], int) and isinstance(path[-2], str):
        article = "an" if path[-2][:1] in "aeiou" else "a"
        return f"{article} `{path[-2]}` entry"
    return _subject(path, schema)


def _is_secret(path: InstancePath) -> bool:
    keys = [step for step in path if isinstance(step, str)]
    if not keys:
        return False
    return is_secret_key(keys[-1])


def _found(value: Any, path: InstancePath) -> str:
    """``, found <what>``; a secret's value is described, never shown."""
    if isinstance(value, list):
        return ", found an array"
    if isinstance(value, dict):
        return ", found an object"
    if value is None:
        return ", found null"
    noun = "boolean" if isinstance(value, bool) else "string"
    if isinstance(value, int | float) and not isinstance(value, bool):
        noun = "number"
    if _is_secret(path) or _holds_secret(value):
        return f", found a {noun}"
    return f", found the {noun} {_shown(value)}"


def _holds_secret(value: Any) -> bool:
    """Whether ``value`` is a string with a secret in it (``password:
    ...``), which the frame masks: cut short to fit a message, its secret
    would show in part."""
    return isinstance(value, str) and holds_secret(value)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 3] + "..."
    return f"`{text}`"


def _one_of(shown: Sequence[str]) -> str:
    return shown[0] if len(shown) == 1 else "one of " + ", ".join(shown)


def _and(words: Sequence[str]) -> str:
    return _or(words, "and")


def _or(words: Sequence[str], conjunction: str = "or") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
