"""Principals: role mappings, users_roles and native users."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from linter.loading import LoadedCluster, load_cluster
from linter.model import Located, Principal, PrincipalKind
from linter.source import Problem, Span

Workspace = Callable[[dict[str, str]], Path]
YML = {"eu/elasticsearch.yml": "cluster.name: eu-prod\n"}


def load(workspace: Workspace, files: dict[str, str]) -> LoadedCluster:
    workspace({**YML, **files})
    return load_cluster("eu")


def lines(problems: Iterable[Problem]) -> list[str]:
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
        for p in problems
    ]


def loc(value: str, file: str, row: int, column: int) -> Located[str]:
    return Located(value, Span.at(file, row, column, column + len(value)))


def summary(principals: Iterable[Principal]) -> list[tuple[str, list[str], bool]]:
    return [(p.name, [r.value for r in p.roles], p.enabled) for p in principals]


def test_role_mapping_yml_gives_one_principal_per_dn(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/role_mapping.yml": """
            superuser:
              - "cn=admins,dc=example,dc=com"
              - cn=ops,dc=example,dc=com
            monitoring_user: cn=ops,dc=example,dc=com
            """
        },
    )

    f = "eu/role_mapping.yml"
    assert loaded.cluster.principals == (
        Principal(
            PrincipalKind.ROLE_MAPPING,
            "cn=admins,dc=example,dc=com",
            (loc("superuser", f, 1, 1),),
            Span.at(f, 2, 5, 34),
        ),
        Principal(
            PrincipalKind.ROLE_MAPPING,
            "cn=ops,dc=example,dc=com",
            (loc("superuser", f, 1, 1),),
            Span.at(f, 3, 5, 29),
        ),
        Principal(
            PrincipalKind.ROLE_MAPPING,
            "cn=ops,dc=example,dc=com",
            (loc("monitoring_user", f, 4, 1),),
            Span.at(f, 4, 18, 42),
        ),
    )
    assert loaded.cluster.has_principal_sources
    assert loaded.problems == ()


RULES = '"rules": {"field": {"groups": "cn=admins,dc=example,dc=com"}}'
TEMPLATES = '"role_templates": [{"template": {"source": "{{_user.username}}"}}]'


def test_api_role_mappings_as_bodies_and_as_a_response(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/role_mappings/admins.json": (
                f'{{"enabled": true, "roles": ["superuser"], {RULES}}}\n'
            ),
            "eu/role_mappings/listed.json": f"""
            {{
              "templated": {{
                "enabled": true, {RULES},
                {TEMPLATES}
              }},
              "off": {{"enabled": false, "roles": ["viewer", "editor"], {RULES}}}
            }}
            """,
        },
    )

    principals = loaded.cluster.principals
    assert summary(principals) == [
        ("admins", ["superuser"], True),
        ("templated", [], True),
        ("off", ["viewer", "editor"], False),
    ]
    admins = "eu/role_mappings/admins.json"
    assert principals[0].span == Span.whole_file(admins)
    assert principals[0].roles == (Located("superuser", Span.at(admins, 1, 29, 40)),)
    listed = "eu/role_mappings/listed.json"
    assert principals[2].span == Span.at(listed, 6, 3, 8)
    assert {p.kind for p in principals} == {PrincipalKind.ROLE_MAPPING}
    assert loaded.problems == ()


def test_users_roles_accumulates_roles_per_user(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/users_roles": """
            # file realm assignments

            superuser:alice,bob
              remote-search : bob , carol
            no_colon_here
            viewer:
            """
        },
    )

    f = "eu/users_roles"
    assert loaded.cluster.principals == (
        Principal(
            PrincipalKind.FILE_USER,
            "alice",
            (loc("superuser", f, 3, 1),),
            Span.at(f, 3, 11, 16),
        ),
        Principal(
            PrincipalKind.FILE_USER,
            "bob",
            (loc("superuser", f, 3, 1), loc("remote-search", f, 4, 3)),
            Span.at(f, 3, 17, 20),
        ),
        Principal(
            PrincipalKind.FILE_USER,
            "carol",
            (loc("remote-search", f, 4, 3),),
            Span.at(f, 4, 25, 30),
        ),
    )
    assert lines(loaded.problems) == [
        "eu/users_roles:5:1: RC001 malformed line `no_colon_here` in users_roles: "
        "expected `role:user1,user2`"
    ]
    assert loaded.problems[0].span == Span.at(f, 5, 1, 14)


@pytest.mark.parametrize(
    "odd", ["\f", "\v", "\x85", "\u2028"], ids=["FF", "VT", "NEL", "LS"]
)
def test_users_roles_rows_end_only_at_line_breaks(
    workspace: Workspace, odd: str
) -> None:
    # As Elasticsearch reads the file: only \n, \r\n and \r end a line,
    # though ``str.splitlines`` also breaks at these characters.
    loaded = load(
        workspace,
        {
            "eu/users_roles": (
                f"# assignments{odd}no_colon_in_the_comment\n"
                "viewer:carol\r\n"
                f"no_colon{odd}here\r"
                "superuser:alice\n"
            )
        },
    )

    f = "eu/users_roles"
    assert loaded.cluster.principals == (
        Principal(
            PrincipalKind.FILE_USER,
            "carol",
            (loc("viewer", f, 2, 1),),
            Span.at(f, 2, 8, 13),
        ),
        Principal(
            PrincipalKind.FILE_USER,
            "alice",
            (loc("superuser", f, 4, 1),),
            Span.at(f, 4, 11, 16),
        ),
    )
    assert lines(loaded.problems) == [
        f"eu/users_roles:3:1: RC001 malformed line `no_colon{odd}here` in "
        "users_roles: expected `role:user1,user2`"
    ]
    assert loaded.problems[0].span == Span.at(f, 3, 1, 14)


def test_native_users_as_bodies_and_as_a_response(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/users/jdoe.yml": "roles: [reader]\nfull_name: J. Doe\n",
            "eu/users/renamed.json": '{"username": "ops", "roles": ["superuser"]}\n',
            "eu/users/all.json": """
            {
              "kim": {"username": "kim", "roles": [], "enabled": false},
              "lee": {"username": "lee", "roles": ["viewer"]}
            }
            """,
        },
    )

    principals = loaded.cluster.principals
    assert summary(principals) == [
        ("kim", [], False),
        ("lee", ["viewer"], True),
        ("jdoe", ["reader"], True),
        ("ops", ["superuser"], True),
    ]
    assert {p.kind for p in principals} == {PrincipalKind.USER}
    assert principals[0].span == Span.at("eu/users/all.json", 2, 3, 8)
    assert principals[2].span == Span.whole_file("eu/users/jdoe.yml")
    assert principals[3].span == Span.at("eu/users/renamed.json", 1, 14, 19)
    assert loaded.problems == ()


@pytest.mark.parametrize(
    "source",
    [
        {"eu/users_roles": "superuser:alice\n"},
        {"eu/users/alice.json": '{"roles": []}'},
        {"eu/role_mapping.yml": "superuser: []\n"},
        {"eu/role_mappings/.keep": ""},
    ],
)
def test_any_principal_source_counts(
    workspace: Workspace, source: dict[str, str]
) -> None:
    assert load(workspace, source).cluster.has_principal_sources


def test_without_principal_sources(workspace: Workspace) -> None:
    loaded = load(workspace, {"eu/roles.yml": "reader:\n  cluster: [monitor]\n"})

    assert not loaded.cluster.has_principal_sources
    assert loaded.cluster.principals == ()
