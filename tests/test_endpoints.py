"""Addresses as Elasticsearch reads them: host, port, and why it rejects one."""

from __future__ import annotations

import pytest

from linter.endpoints import address_problem, format_endpoint, parse_endpoint
from linter.model import Endpoint
from linter.source import Span

SPAN = Span.at("eu/elasticsearch.yml", 1, 1, 2)
IPV6_HINT = (
    " (the port follows the last `:`; write an IPv6 host in brackets, as in "
    "`[::1]:9300`)"
)


@pytest.mark.parametrize(
    ("text", "host", "port"),
    [
        ("us-node1:9300", "us-node1", 9300),
        (" us-node1:9300 ", "us-node1", 9300),
        ("[::1]:9300", "::1", 9300),
        ("::1:9300", "::1", 9300),
        ("[fe80::1%eth0]:9443", "fe80::1%eth0", 9443),
        (":9300", "", 9300),
        ("us-node1:+9300", "us-node1", 9300),
        ("${US_HOST}:9443", "${US_HOST}", 9443),
        ("us-node1:${PORT}", "us-node1", None),
        ("${US_ADDRESS}", "${US_ADDRESS}", None),
    ],
)
def test_addresses_elasticsearch_takes(text: str, host: str, port: int | None) -> None:
    endpoint = parse_endpoint(text, SPAN)

    assert endpoint == Endpoint(host, port, SPAN, text.strip())


@pytest.mark.parametrize(
    ("text", "host", "problem"),
    [
        (
            "us-node1",
            "us-node1",
            "remote hosts need to be configured as [host:port], found [us-node1] "
            "instead",
        ),
        ("", "", "remote hosts need to be configured as [host:port], found [] instead"),
        ("us-node1:port", "us-node1", "failed to parse port"),
        ("us-node1:", "us-node1", "failed to parse port"),
        ("us-node1: 9300", "us-node1", "failed to parse port"),
        ("us-node1:4294967296", "us-node1", "failed to parse port"),
        ("a:b:c", "a:b", "failed to parse port" + IPV6_HINT),
        ("[fe80::1]", "fe80::1", "failed to parse port" + IPV6_HINT),
        ("us-node1:0", "us-node1", "port number must be > 0 but was: [0]"),
        ("us-node1:-9300", "us-node1", "port number must be > 0 but was: [-9300]"),
        (
            "us-node1:99999",
            "us-node1",
            "port out of range:99999, so Elasticsearch never connects to it",
        ),
        ("a:b:9300", "a:b", "unknown host [a:b]" + IPV6_HINT),
        ("[us-node1]:9300", "us-node1", "unknown host [[us-node1]]" + IPV6_HINT),
        ("[::1:9300", "[::1", "unknown host [[::1]" + IPV6_HINT),
    ],
)
def test_addresses_elasticsearch_rejects(text: str, host: str, problem: str) -> None:
    endpoint = parse_endpoint(text, SPAN)

    assert endpoint == Endpoint(host, None, SPAN, text.strip(), problem)
    assert address_problem(text.strip()) == problem


def test_placeholders_are_never_a_problem() -> None:
    for text in ("${HOST}", "h:${PORT}", "${HOST}:abc"):
        assert parse_endpoint(text, SPAN).problem is None


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("us-node1:9300", "us-node1:9300"),
        ("[::1]:9300", "[::1]:9300"),
        ("::1:9300", "[::1]:9300"),
        ("us-node1:${PORT}", "us-node1"),
        ("us-node1:99999", "us-node1:99999"),
        ("a:b:c", "a:b:c"),
    ],
)
def test_format_endpoint(text: str, shown: str) -> None:
    assert format_endpoint(parse_endpoint(text, SPAN)) == shown
