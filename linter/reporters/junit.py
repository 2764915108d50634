"""JUnit XML, for CI test dashboards (GitLab's test report, Jenkins).

One test suite per rule of the run, since a dashboard then reads as a
list of checks: which risks the change has, how many times each, and which
held (a rule with no finding is one passing test case). Within a suite,
each finding is a failing test case named by its place, with the file and
line GitLab links to; a crashed rule (RC000) is an error, not a failure.
Grouping by file instead would scatter one risk over the files of both
clusters it spans.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from linter.findings import Finding
from linter.reporters.base import Reporter, ReportOptions, Summary, location
from linter.reporters.places import relative_name, writes_unicode
from linter.reporters.redaction import showable

INTERNAL_ERROR_CODE = "RC000"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# What XML 1.0 forbids that ``showable`` lets through.
_NOT_XML = re.compile("[\ufffe\uffff]")


class JunitReporter(Reporter):
    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._findings: dict[str, list[Finding]] = {}
        self._names = {rule.code: rule.name for rule in options.rules}

    def finding(self, finding: Finding) -> None:
        self._findings.setdefault(finding.code, []).append(finding)
        self._names.setdefault(finding.code, finding.name)

    def stop(self, summary: Summary) -> None:
        suites = ElementTree.Element("testsuites", name="rclint")
        for code, name in self._names.items():
            suites.append(self._suite(code, name, self._findings.get(code, [])))
        _count(suites, suites.findall("testsuite"))
        ElementTree.indent(suites)
        text = ElementTree.tostring(suites, encoding="unicode")
        if not writes_unicode(self.options.stream):
            text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
        self.write(f"{DECLARATION}\n{text}")

    def _suite(
        self, code: str, name: str, findings: Sequence[Finding]
    ) -> ElementTree.Element:
        title = f"{code} {name}"
        suite = ElementTree.Element("testsuite", name=title)
        classname = f"rclint.{code}"
        if not findings:
            ElementTree.SubElement(suite, "testcase", name=title, classname=classname)
        for finding in findings:
            suite.append(self._case(finding, classname))
        _count(suite, suite.findall("testcase"))
        return suite

    def _case(self, finding: Finding, classname: str) -> ElementTree.Element:
        span = finding.span
        case = ElementTree.Element(
            "testcase",
            name=_xml(location(span)),
            classname=classname,
            file=_xml(showable(relative_name(span.file))),
            line=str(span.start.row),
        )
        crashed = finding.code == INTERNAL_ERROR_CODE
        outcome = ElementTree.SubElement(
            case,
            "error" if crashed else "failure",
            message=_xml(self.redact(finding.message)),
            type=finding.severity.label,
        )
        outcome.text = _xml(self._details(finding))
        return case

    def _details(self, finding: Finding) -> str:
        severity = finding.severity.label
        lines = [
            f"{location(finding.span)}: {finding.code} [{severity}] "
            f"{self.redact(finding.message)}"
        ]
        lines.extend(
            f"related: {location(item.span)}: {self.redact(item.message)}"
            for item in finding.related
        )
        return "\n".join(lines)


def _count(
    parent: ElementTree.Element, children: Sequence[ElementTree.Element]
) -> None:
    """Set the totals a dashboard reads on a suite (from its test cases)
    or on the document (from its suites)."""
    tests = failures = errors = 0
    for child in children:
        if child.tag == "testcase":
            tests += 1
            failures += child.find("failure") is not None
            errors += child.find("error") is not None
        else:
            tests += int(child.get("tests", "0"))
            failures += int(child.get("failures", "0"))
            errors += int(child.get("errors", "0"))
    parent.set("tests", str(tests))
    parent.set("failures", str(failures))
    parent.set("errors", str(errors))


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
