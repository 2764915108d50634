"""Quick fixes: edits that do what a finding's message says, where there
is exactly one way to do it.

- RC002 on an unknown field or setting with a "did you mean" suggestion:
  the key becomes the suggestion, quoted as it was written. A setting is
  suggested by its full dotted name; only the part of it written at the
  finding's key is replaced, and only when the rest of the name is the
  one already written around it. No rename gives a mapping a key twice,
  nor a setting the file already sets in another form (dotted, nested).
- RC015 on an unknown directive with a suggestion (``ignor``): the word
  becomes the suggestion.
- RC012 (unused suppression): the code leaves the comment's list, or the
  whole comment goes when it names no other code (its line too, when the
  comment is alone on it). In JSON the ``metadata.rclint.ignore`` entry
  goes, with each object around it that would be left empty, up to
  ``metadata``. A ``disable`` with an ``enable`` is left alone: the two
  would have to go together.
- RC302 (unverified remote TLS): the setting's value goes back to its
  default, ``full`` or ``true``, quoted as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linter.findings import Finding
from linter.loaders.setting_names import REMOTE_CLUSTER_CLIENT_DEFAULTS
from linter.lsp.edits import Edit, Source
from linter.lsp.json_edit import remove_member
from linter.lsp.suppress import Proposal
from linter.source import MappingNode, Node, Position, SequenceNode, Span
from linter.suppressions_model import Directive, RowScope

_UNKNOWN_FIELD = re.compile(r"unknown field `([^`]+)` in .*; did you mean `([^`]+)`\?")
_UNKNOWN_SETTING = re.compile(r"unknown setting `([^`]+)`; did you mean `([^`]+)`\?")
_UNKNOWN_DIRECTIVE = re.compile(
    r"unknown directive `([^`]+)`; did you mean `([^`]+)`\?"
)
# What a suggestion may be to be written without quotes or escapes.
_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
_METADATA_STEPS = 3  # ignore, rclint, metadata


def quick_fix(
    source: Source, finding: Finding, redact: Callable[[str], str]
) -> Proposal | None:
    if finding.code == "RC002":
        return _rename(source, finding, redact)
    if finding.code == "RC015":
        return _directive_word(source, finding)
    if finding.code == "RC012":
        return _remove_unused(source, finding)
    if finding.code == "RC302":
        return _safe_value(source, finding)
    return None


# --- RC002 -------------------------------------------------------------------


def _rename(
    source: Source, finding: Finding, redact: Callable[[str], str]
) -> Proposal | None:
    written = source.lines.text_at(finding.span)
    if written is None:
        return None
    quote, name = _unquoted(written, json_only=source.is_json)
    if name is None:
        return None
    field = _UNKNOWN_FIELD.fullmatch(finding.message)
    setting = _UNKNOWN_SETTING.fullmatch(finding.message)
    if field is not None and field.group(1) == name:
        new = field.group(2)
    elif setting is not None:
        new = _setting_part(name, *setting.groups())
        if _is_set(source, setting.group(2)):
            return None
    else:
        return None
    if new is None or not _NAME.fullmatch(new) or _beside(source, finding.span, new):
        return None
    title = f"Replace `{redact(name)}` with `{redact(new)}`"
    return Proposal(title, (Edit(finding.span, quote + new + quote),), True)


def _beside(source: Source, key_span: Span, name: str) -> bool:
    """Whether the mapping holding the key at ``key_span`` already has a key
    ``name``: renaming would give it twice. A file that does not parse is
    taken to have none."""
    root = source.tree()
    path = _path_to_key(root, key_span) if root is not None else None
    if not path:
        return False
    mapping, _ = path[-1]
    return any(key.value == name for key, _ in mapping.entries)


def _is_set(source: Source, setting: str) -> bool:
    """Whether the file already sets ``setting``, dotted or nested."""
    root = source.tree()
    return isinstance(root, MappingNode) and setting in _dotted_keys(root, "")


def _dotted_keys(mapping: MappingNode, prefix: str) -> set[str]:
    keys = set()
    for key, value in mapping.entries:
        dotted = f"{prefix}{key.value}"
        keys.add(dotted)
        if isinstance(value, MappingNode):
            keys |= _dotted_keys(value, f"{dotted}.")
    return keys


def _unquoted(written: str, json_only: bool) -> tuple[str, str | None]:
    """The quote around a key as written and the key inside; None for a
    key with escapes, or unquoted where JSON needs quotes."""
    quote = written[:1]
    if quote in ('"', "'") and len(written) >= 2 and written.endswith(quote):
        inner = written[1:-1]
        if "\\" in inner or quote in inner or (json_only and quote != '"'):
            return quote, None
        return quote, inner
    return "", None if json_only else written


def _setting_part(written: str, key: str, suggested: str) -> str | None:
    """The part of ``suggested`` that takes the place of ``written``, the
    last parts of the dotted ``key``, the rest of the name staying as it
    is; None when the suggestion changes the rest too."""
    if not key.endswith(written):
        return None
    outer = key[: len(key) - len(written)]
    if outer and not outer.endswith("."):
        return None
    if not suggested.startswith(outer) or suggested == outer:
        return None
    return suggested[len(outer) :]


# --- RC015 -------------------------------------------------------------------


def _directive_word(source: Source, finding: Finding) -> Proposal | None:
    match = _UNKNOWN_DIRECTIVE.search(finding.message)
    if match is None or source.lines.text_at(finding.span) != match.group(1):
        return None
    word, new = match.groups()
    title = f"Replace `{word}` with `{new}`"
    return Proposal(title, (Edit(finding.span, new),), True)


# --- RC302 -------------------------------------------------------------------


def _safe_value(source: Source, finding: Finding) -> Proposal | None:
    key = finding.identity[1] if finding.identity[:1] == ("setting",) else ""
    safe = REMOTE_CLUSTER_CLIENT_DEFAULTS.get(key)
    written = source.lines.text_at(finding.span)
    if safe is None or not written:
        return None
    quote = written[0] if written[0] in "\"'" and written[-1] == written[0] else ""
    title = f"Set `{key.rsplit('.', 1)[-1]}` to `{safe}`"
    return Proposal(title, (Edit(finding.span, f"{quote}{safe}{quote}"),), True)


# --- RC012 -------------------------------------------------------------------


def _remove_unused(source: Source, finding: Finding) -> Proposal | None:
    code = finding.identity[-1] if finding.identity else ""
    title = f"Remove the unused suppression of {code}"
    if finding.identity[:1] == ("comment",):
        edit = _from_comment(source, finding.span)
    elif source.is_json and finding.identity[2:3] == ("metadata",):
        edit = _from_metadata(source, finding.span)
    else:
        edit = None
    return None if edit is None else Proposal(title, (edit,), True)


def _from_comment(source: Source, code_span: Span) -> Edit | None:
    directive = next(
        (d for d in source.directives() if d.span.contains(code_span)), None
    )
    if directive is None:
        return None
    spans = [target.code.span for target in directive.targets]
    if code_span not in spans:
        return None
    index = spans.index(code_span)
    scope = directive.targets[index].scope
    if (
        isinstance(scope, RowScope)
        and directive.form == "disable"
        and scope.last is not None
    ):
        return None
    if len(spans) == 1:
        return _whole_comment(source, directive)
    if index < len(spans) - 1:
        return Edit(Span(source.file, code_span.start, spans[index + 1].start), "")
    return Edit(Span(source.file, spans[index - 1].end, code_span.end), "")


def _whole_comment(source: Source, directive: Directive) -> Edit:
    """The edit removing a comment: its line when nothing comes before it,
    else the comment and the blanks before it."""
    row = directive.span.start.row
    line = source.lines.row(row)
    before = line[: directive.span.start.column - 1]
    if not before.strip():
        return Edit(source.lines.whole_row(row), "")
    start = Position(row, len(before.rstrip()) + 1)
    return Edit(Span(source.file, start, Position(row, len(line) + 1)), "")


def _from_metadata(source: Source, key_span: Span) -> Edit | None:
    root = source.json_root()
    path = _path_to_key(root, key_span) if root is not None else None
    if not path:
        return None
    level = len(path) - 1
    for _ in range(_METADATA_STEPS):
        if level == 0 or len(path[level][0].entries) > 1:
            break
        level -= 1
    return remove_member(source.lines, *path[level])


def _path_to_key(node: Node, key_span: Span) -> list[tuple[MappingNode, int]] | None:
    """The objects from ``node`` down to the member whose key is at
    ``key_span``, each with the index of the member on the way."""
    if isinstance(node, MappingNode):
        for index, (key, value) in enumerate(node.entries):
            if key.span == key_span:
                return [(node, index)]
            below = _path_to_key(value, key_span)
            if below is not None:
                return [(node, index), *below]
    elif isinstance(node, SequenceNode):
        for item in node.items:
            found = _path_to_key(item, key_span)
            if found is not None:
                return found
    return None
