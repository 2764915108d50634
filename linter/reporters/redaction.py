"""What no output may show as it is: secrets, which are masked, and
characters a line of output cannot hold, which are escaped. The reporters
and the command line's log both use these."""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Mapping, Sequence

from linter.reporters.frame import MASK, span_text
from linter.source import Span

# Shorter secret texts, or pieces of them, would mask ordinary words of a
# message.
MIN_SECRET_LENGTH = 4
# What a message quotes: text in backticks, or in quotes that stand outside
# a word (the apostrophe of "cluster's" opens no quotation); and a YAML
# alias, which a message writes as the file does, star and name.
_QUOTED = re.compile(
    r"`([^`\n]+)`|(?<!\w)'([^'\n]+)'(?!\w)|(?<!\w)\"([^\"\n]+)\"(?!\w)"
    r"|(?<![\w*])(\*[^\s,\[\]{}*]+)"
)
_ALIAS = 4
# How a message marks where it cut a quoted value short.
_ELLIPSES = ("...", "\u2026")
# Control characters break lines or drive the terminal; surrogates stand
# for the bytes of a file name that are not UTF-8, and no encoder takes them.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BYTE_SURROGATES = range(0xDC80, 0xDD00)


class RedactingFormatter(logging.Formatter):
    """A log formatter that masks ``secrets`` in whatever it formats, the
    traceback of a record included: an exception text may quote a value
    a rule held."""

    def __init__(self, fmt: str, secrets: Sequence[str]) -> None:
        super().__init__(fmt)
        self.secrets = tuple(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def showable(text: str) -> str:
    """``text`` with each character no output may hold as a backslash
    escape: ``\\xff`` for a byte of a file name that is not UTF-8, ``\\n``
    for a line break. Every format shows file names and messages so."""
    if _UNSHOWABLE.search(text) is None:
        return text
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if ord(character) in _BYTE_SURROGATES:
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape").decode("ascii")


def redact(text: str, secrets: Sequence[str]) -> str:
    """``text`` with each of ``secrets`` (longest first) masked, and each
    quotation in it that is a piece of one of them.

    A message may quote a token of the input that starts inside a secret,
    or cut a long value short, and so show part of a secret that never
    appears whole. Every message quotes input between backticks or quotes,
    so each quotation is looked for in the secrets as well.
    """
    if not secrets:
        return text
    for secret in secrets:
        text = text.replace(secret, MASK)
    if _QUOTED.search(text) is None:
        return text
    # A quotation holds no line break, so none is found across two secrets.
    joined = "\n".join(secrets)
    return _QUOTED.sub(functools.partial(_mask_piece, joined), text)


def _mask_piece(secrets: str, quotation: re.Match[str]) -> str:
    """The quotation, masked if what it quotes (less an ellipsis that marks
    a cut) lies within ``secrets``, which are joined by line breaks."""
    piece = quotation[quotation.lastindex or 0]
    for ellipsis in _ELLIPSES:
        piece = piece.removeprefix(ellipsis).removesuffix(ellipsis)
    if len(piece) < MIN_SECRET_LENGTH or piece not in secrets:
        return quotation.group()
    if quotation.lastindex == _ALIAS:
        return MASK
    mark = quotation.group()[0]
    return f"{mark}{MASK}{mark}"


def secret_texts(sources: Mapping[str, str], secrets: Sequence[Span]) -> list[str]:
    """The texts of ``secrets`` in every form a message may quote them,
    longest first, so that a secret inside another is masked with it."""
    texts: set[str] = set()
    for span in secrets:
        texts.update(_forms(span_text(sources.get(span.file, ""), span)))
    return sorted(
        (t for t in texts if len(t) >= MIN_SECRET_LENGTH), key=len, reverse=True
    )


def _forms(text: str) -> set[str]:
    """``text`` as written, each of its lines, and, when it is quoted, its
    value: without the quotes, and with its escapes undone (an exception
    quotes the value a program holds, not the JSON or YAML spelling). With
    a quote at one end only, it is also taken without it."""
    forms = {text, *(line.strip() for line in text.splitlines())}
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        forms.add(text[1:-1])
        forms.add(_unquoted(text))
    else:
        # A value found inside a quoted string ends with that string's
        # closing quote; one in a string never closed starts with a quote.
        forms.add(text.strip("\"'"))
    return forms


def _unquoted(text: str) -> str:
    """The value of a quoted JSON or YAML string; with an escape JSON does
    not know, the text between the quotes."""
    if text[0] == "'":
        return text[1:-1].replace("''", "'")
    try:
        value = json.loads(text)
    except ValueError:
        return text[1:-1]
    return value if isinstance(value, str) else text[1:-1]
