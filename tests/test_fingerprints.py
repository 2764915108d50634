"""Fingerprints: the same when lines move, distinct for distinct findings,
even when two findings share an identity."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

from linter.findings import Finding, Severity, number_occurrences
from linter.source import Span

Lint = Callable[..., list[Finding]]


def finding(row: int, identity: tuple[str, ...] = ("alias", "us")) -> Finding:
    span = Span.at("eu/elasticsearch.yml", row, 1, 2)
    return Finding("RC101", "n", Severity.WARNING, "m", span, "eu", identity)


def test_findings_sharing_an_identity_are_numbered_by_position() -> None:
    third, first, other, second = finding(9), finding(2), finding(3, ("x",)), finding(5)

    numbered = number_occurrences([third, first, other, second])

    assert [(f.span.start.row, f.occurrence) for f in numbered] == [
        (9, 3),
        (2, 1),
        (3, 1),
        (5, 2),
    ]
    assert numbered[1] is first
    assert len({f.fingerprint for f in numbered}) == 4


def test_a_first_occurrence_keeps_the_fingerprint_it_had_alone() -> None:
    alone = finding(2)
    second = dataclasses.replace(alone, occurrence=2)

    digest = hashlib.sha256(b"RC101\x1feu\x1falias\x1fus").hexdigest()
    assert alone.fingerprint == digest[:16]
    later = "RC101\x1feu\x1falias\x1fus\x1foccurrence 2"
    assert second.fingerprint == hashlib.sha256(later.encode()).hexdigest()[:16]


def fingerprints(lint: Lint, files: dict[str, str], select: str) -> list[str]:
    found = [f for f in lint(files, select=(select,)) if f.code == select]
    return [f.fingerprint for f in found]


def test_a_key_given_three_times(lint: Lint) -> None:
    keys = "x: 1\nx: 2\nx: 3\n"
    files = {"c/elasticsearch.yml": f"cluster.name: c\n{keys}"}
    moved = {"c/elasticsearch.yml": f"cluster.name: c\n\n# moved\n{keys}"}

    before = fingerprints(lint, files, "RC003")
    after = fingerprints(lint, moved, "RC003")

    assert len(set(before)) == 2
    assert after == before


def test_the_same_names_in_three_remote_indices_entries(lint: Lint) -> None:
    entry = "    - {clusters: [us], names: [logs-a, zz], privileges: [read]}\n"
    role = "reader:\n  remote_indices:\n" + entry * 3
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu
            cluster.remote.us.seeds: ["us:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "us/elasticsearch.yml": "cluster.name: us\n",
        "us/api_keys/eu.yml": "name: eu\naccess:\n  search: [{names: [logs-*]}]\n",
    }

    before = fingerprints(lint, {**files, "eu/roles.yml": role}, "RC402")
    after = fingerprints(lint, {**files, "eu/roles.yml": "\n\n" + role}, "RC402")

    assert len(set(before)) == 3
    assert after == before
