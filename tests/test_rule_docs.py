"""Every registered rule documents itself, and its examples are true.

A rule's doc page (its module docstring) starts with ``# CODE name`` and has
the sections of ``SECTIONS`` in that order. Its failing and passing examples
are workspaces: each fenced block whose first line is a comment naming a file
(``# eu-prod/roles.yml``, or ``// ...`` for JSON) is one file, holding the
rest of the block. The passing example shows the fix: its files replace or
add to those of the failing example. The failing workspace must fire the
rule, the passing one must not, and neither may hold a file rclint cannot
read unless that is what the rule is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points

import pytest

from linter.findings import Finding, Rule, Severity

SECTIONS = (
    "What it finds",
    "Why it matters",
    "Failing example",
    "Passing example",
    "How to fix",
    "Options",
    "References",
)
# Findings the rule host makes itself: no workspace shows them on purpose.
HOST_MADE = frozenset({"RC000"})
READING_RULES = frozenset({"RC001", "RC002", "RC003"})
# An example holding this file is linted with it as the baseline.
BASELINE = "rclint-baseline.json"
CODE = re.compile(r"^[A-Z]{2}\d{3}$")
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FENCE = re.compile(r"^(`{3,}|~{3,})")
FILE_COMMENT = re.compile(r"^(?:#|//)\s*(\S+)\s*$")

Lint = Callable[..., list[Finding]]


def registered() -> list[tuple[str, Rule]]:
    """Each rule of each ``rclint`` entry point, with the entry point's name."""
    found = []
    for point in sorted(entry_points(group="rclint"), key=lambda p: p.name):
        for rule in point.load().rclint_rules():
            found.append((point.name, rule))
    return found


RULES = registered()
BY_CODE = {rule.code: rule for _, rule in RULES}


def headings(doc: str) -> list[str]:
    """The ``##`` headings of a page, outside fenced blocks."""
    return [line[3:].strip() for line in _prose(doc) if line.startswith("## ")]


def _prose(doc: str) -> Iterator[str]:
    fence: str | None = None
    for line in doc.splitlines():
        match = FENCE.match(line)
        if match and (fence is None or line.strip() == fence):
            fence = match.group(1) if fence is None else None
        elif fence is None:
            yield line


def section(doc: str, title: str) -> list[str]:
    """The lines of one ``##`` section, fenced blocks included."""
    lines: list[str] = []
    inside = False
    for line, is_heading in _lines_with_headings(doc):
        if is_heading:
            inside = line == f"## {title}"
        elif inside:
            lines.append(line)
    return lines


def _lines_with_headings(doc: str) -> Iterator[tuple[str, bool]]:
    fence: str | None = None
    for line in doc.splitlines():
        match = FENCE.match(line)
        if match and (fence is None or line.strip() == fence):
            fence = match.group(1) if fence is None else None
        yield line, fence is None and line.startswith("## ")


def fenced_blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            blocks.append([])
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is not None:
            blocks[-1].append(line)
    return blocks


def example_files(doc: str, title: str) -> dict[str, str]:
    """The workspace of an example section: file path → text."""
    files: dict[str, str] = {}
    for block in fenced_blocks(section(doc, title)):
        match = FILE_COMMENT.match(block[0]) if block else None
        if match:
            files[match.group(1)] = "\n".join(block[1:]) + "\n"
    return files


def example_workspace(doc: str, title: str) -> dict[str, str]:
    """The failing workspace, or the failing one with the passing files over it."""
    files = example_files(doc, "Failing example")
    if title == "Passing example":
        files.update(example_files(doc, title))
    return files


def test_rules_are_registered() -> None:
    codes = [code for code, _ in RULES]
    assert len(codes) == len(set(codes))
    assert {"RC000", "RC001", "RC002", "RC003", "RC101", "RC400"} <= set(codes)


@pytest.mark.parametrize(("entry", "rule"), RULES, ids=[c for c, _ in RULES])
def test_metadata(entry: str, rule: Rule) -> None:
    assert CODE.match(rule.code)
    assert rule.code == entry
    assert KEBAB.match(rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.summary.strip() and "\n" not in rule.summary
    assert rule.doc.splitlines()[0] == f"# {rule.code} {rule.name}"


@pytest.mark.parametrize(("entry", "rule"), RULES, ids=[c for c, _ in RULES])
def test_doc_sections_in_order(entry: str, rule: Rule) -> None:
    has_options = bool(rule.options_schema.get("properties"))
    expected = [s for s in SECTIONS if s != "Options" or has_options]
    assert headings(rule.doc) == expected
    for title in expected:
        assert "".join(section(rule.doc, title)).strip(), title


@pytest.mark.parametrize(("entry", "rule"), RULES, ids=[c for c, _ in RULES])
def test_references_link_to_pages(entry: str, rule: Rule) -> None:
    links = re.findall(
        r"\]\((https://[^)\s]+)\)", "\n".join(section(rule.doc, "References"))
    )
    assert links


@pytest.mark.parametrize(("entry", "rule"), RULES, ids=[c for c, _ in RULES])
def test_examples_are_workspaces(entry: str, rule: Rule) -> None:
    for title in ("Failing example", "Passing example"):
        files = example_files(rule.doc, title)
        if rule.code in HOST_MADE:
            assert files == {}
            continue
        blocks = fenced_blocks(section(rule.doc, title))
        assert files, f"{title}: no file"
        assert len(files) == len(blocks), f"{title}: every block names its file"
        workspace = example_workspace(rule.doc, title)
        assert any(p.endswith("/elasticsearch.yml") for p in workspace), title


EXAMPLES = [
    (rule.code, title)
    for _, rule in RULES
    if rule.code not in HOST_MADE
    for title in ("Failing example", "Passing example")
]


@pytest.mark.parametrize(("code", "title"), EXAMPLES)
def test_example_fires_only_when_failing(lint: Lint, code: str, title: str) -> None:
    files = example_workspace(BY_CODE[code].doc, title)
    baseline = BASELINE if BASELINE in files else None

    findings = lint(files, baseline=baseline)

    codes = {finding.code for finding in findings}
    assert (code in codes) == (title == "Failing example"), codes
    unreadable = (codes & READING_RULES) - {code}
    assert not unreadable, [f.message for f in findings if f.code in unreadable]
    assert "RC000" not in codes, [f.message for f in findings]
