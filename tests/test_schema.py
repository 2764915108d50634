"""The JSON Schemas of input files and the RC002 messages built from them."""

from __future__ import annotations

import json
import textwrap
from importlib import resources

import jsonschema  # type: ignore[import-untyped]
import pytest

from linter.schema import validate
from linter.source import Node
from linter.yaml_source import parse_yaml
from schemas import SCHEMA_NAMES, load_schema


def tree(text: str, file: str = "roles.yml") -> Node:
    """The node tree of YAML ``text``, as the YAML reader builds it."""
    document = parse_yaml(file, textwrap.dedent(text))
    assert document.root is not None and not document.problems
    return document.root


def lines(text: str, schema: str, file: str = "roles.yml") -> list[str]:
    problems = validate(tree(text, file), schema)
    assert all(problem.code == "RC002" for problem in problems)
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.message}"
        for p in problems
    ]


# The schema files


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://rclint.dev/schemas/{name}.schema.json"
    assert schema["title"]


def test_schema_names_list_every_input_schema_file() -> None:
    files = resources.files("schemas").iterdir()
    names = {f.name.removesuffix(".schema.json") for f in files}
    assert set(SCHEMA_NAMES) == names - {"config", "__init__.py", "__pycache__"}


def test_load_schema_reads_each_file_once() -> None:
    assert load_schema("role") is load_schema("role")


# Valid, realistic documents pass

ROLES_FILE = """\
remote-search:
  cluster: [cross_cluster_search]
  indices:
    - names: logs-*
      privileges: [read, view_index_metadata]
      field_security: {grant: ["*"], except: [secret]}
      query: '{"term": {"public": true}}'
  remote_indices:
    - clusters: [my_remote_cluster, "eu-*"]
      names: [logs-*, metrics-*]
      privileges: [read, read_cross_cluster]
      allow_restricted_indices: false
  remote_cluster:
    - clusters: [my_remote_cluster]
      privileges: [monitor_enrich, monitor_stats]
  applications:
    - application: kibana-.kibana
      privileges: [feature_discover.read]
      resources: ["space:default"]
  global: {application: {manage: {applications: ["app-*"]}}}
  run_as: [analyst]
  metadata: {version: 1}
  transient_metadata: {enabled: true}
  description: Search logs on remote clusters.
"""

CROSS_CLUSTER_KEY = """\
{
  "name": "my-cross-cluster-api-key",
  "expiration": "1d",
  "access": {
    "search": [
      {"names": ["logs*"], "query": {"term": {"env": "prod"}},
       "field_security": {"grant": ["*"]}},
      {"names": "archive*", "allow_restricted_indices": false}
    ],
    "replication": [{"names": ["archive*"]}]
  },
  "metadata": {"description": "phase one", "environment": {"level": 1}}
}
"""

API_KEYS_RESPONSE = """\
{
  "api_keys": [
    {
      "id": "VuaCfGcBCdbkQm-e5aOx",
      "name": "my-cross-cluster-api-key",
      "type": "cross_cluster",
      "creation": 1548550550158,
      "expiration": 1548551550158,
      "invalidated": false,
      "username": "myuser",
      "realm": "native1",
      "realm_type": "native",
      "metadata": {},
      "role_descriptors": {
        "cross_cluster": {
          "cluster": ["cross_cluster_search", "monitor_enrich"],
          "indices": [{"names": ["logs*"],
                       "privileges": ["read", "read_cross_cluster",
                                      "view_index_metadata"],
                       "allow_restricted_indices": false}],
          "applications": [], "run_as": [], "metadata": {},
          "transient_metadata": {"enabled": true}
        }
      },
      "access": {"search": [{"names": ["logs*"],
                             "allow_restricted_indices": false}]},
      "_sort": [1]
    }
  ],
  "count": 1,
  "total": 1
}
"""

VALID = [
    ("role", "cluster: [monitor]\nindices: [{names: x, privileges: [read]}]\n"),
    ("roles-file", ROLES_FILE),
    ("roles-file", "~\n"),
    ("cross-cluster-api-key", CROSS_CLUSTER_KEY),
    ("api-keys-response", API_KEYS_RESPONSE),
    (
        "cluster-settings",
        '{"persistent": {"cluster.remote.eu.seeds": ["10.0.0.1:9300"]},'
        ' "transient": {}, "defaults": {"cluster": {"remote": {}}}}',
    ),
    (
        "elasticsearch-settings",
        """\
        cluster.remote.eu.mode: PROXY
        cluster.remote.eu.proxy_address: "eu.example.com:9443"
        cluster.remote.eu.proxy_socket_connections: "18"
        cluster.remote.eu.skip_unavailable: "false"
        cluster.remote.us.seeds: "${US_SEEDS}"
        cluster.remote.us.node_connections: 3
        remote_cluster.port: "9443"
        remote_cluster_server.enabled: true
        xpack.security.remote_cluster_client.ssl.certificate_authorities: [ca.crt]
        xpack.security.transport.ssl.verification_mode: certificate
        xpack.security.transport.ssl.enabled: ${TLS_ON}
        node.name: node-1
        """,
    ),
    (
        "role-mapping",
        """\
        {"roles": ["user"], "enabled": true, "metadata": {"version": 1},
         "rules": {"all": [{"field": {"realm.name": "saml1"}},
                           {"except": {"field": {"groups": "cn=guests"}}}]}}
        """,
    ),
    (
        "role-mappings-response",
        """\
        {"ldap-admins": {"enabled": true, "rules": {"any": []},
          "role_templates": [{"template": {"source": "{{#tojson}}groups{{/tojson}}"},
                              "format": "json"}]}}
        """,
    ),
    (
        "role-mapping-file",
        'superuser: ["cn=admins,dc=example,dc=com"]\nuser: "cn=users,dc=example"\n',
    ),
    (
        "user",
        '{"password": "l0ng-r4nd0m-p@ssw0rd", "roles": ["admin", "other_role1"],'
        ' "full_name": "Jack Nicholson", "email": "jacknich@example.com",'
        ' "metadata": {"intelligence": 7}, "enabled": true}',
    ),
    (
        "users-response",
        """\
        jacknich:
          username: jacknich
          roles: [admin]
          full_name: Jack Nicholson
          email: null
          metadata: {intelligence: 7}
          enabled: true
          profile_uid: u_jacknich_0
        """,
    ),
]


@pytest.mark.parametrize(("schema", "text"), VALID)
def test_a_realistic_document_has_no_problem(schema: str, text: str) -> None:
    assert lines(text, schema) == []


def test_the_valid_examples_cover_every_schema() -> None:
    assert {schema for schema, _ in VALID} == set(SCHEMA_NAMES)


# Unknown fields


def test_an_unknown_field_is_reported_at_its_key_with_a_suggestion() -> None:
    text = """\
    reader:
      indices:
        - names: [logs-*]
          privilage: [read]
    """
    assert lines(text, "roles-file") == [
        "roles.yml:3:7: missing required field `privileges` in an `indices` entry",
        "roles.yml:4:7: unknown field `privilage` in an `indices` entry;"
        " did you mean `privileges`?",
    ]


def test_an_unknown_field_in_json_is_reported_at_its_key() -> None:
    text = (
        '{\n  "indices": [{"names": "a", "privileges": ["read"]}],\n  "clustr": []\n}'
    )
    assert lines(text, "role", "roles/r.json") == [
        "roles/r.json:3:3: unknown field `clustr` in the role descriptor;"
        " did you mean `cluster`?"
    ]


def test_an_unknown_field_without_a_close_match_lists_the_fields() -> None:
    text = """\
    name: k
    access:
      replication:
        - names: [archive*]
          query: {match_all: {}}
    """
    assert lines(text, "cross-cluster-api-key", "api_keys/k.yml") == [
        "api_keys/k.yml:5:7: unknown field `query` in a `replication` entry;"
        " expected one of `names`, `allow_restricted_indices`"
    ]


# Wrong types


def test_a_wrong_type_is_reported_at_the_value_with_the_value_found() -> None:
    text = """\
    r:
      indices:
        - names: x
          privileges: [read]
          allow_restricted_indices: "yes"
    """
    assert lines(text, "roles-file") == [
        "roles.yml:5:33: `allow_restricted_indices` must be a boolean,"
        " found the string `yes`"
    ]


def test_a_wrong_type_in_json() -> None:
    text = '{"name": "k", "expiration": 30,\n "access": {"search": [{"names": 3}]}}'
    assert lines(text, "cross-cluster-api-key", "k.json") == [
        "k.json:1:29: `expiration` must be a string, found the number `30`",
        "k.json:2:34: `names` must be a string or an array, found the number `3`",
    ]


def test_a_wrong_type_names_each_allowed_type_in_schema_order() -> None:
    text = '{"api_keys": [{"id": "a", "name": 1}]}'
    assert lines(text, "api-keys-response", "keys.json") == [
        "keys.json:1:35: `name` must be a string or null, found the number `1`"
    ]


def test_a_wrong_type_of_a_whole_document_or_entry() -> None:
    assert lines("[1]", "role", "r.yml") == [
        "r.yml:1:1: the role descriptor must be an object, found an array"
    ]
    assert lines("jack: [admin]\n", "users-response", "u.yml") == [
        "u.yml:1:7: user `jack` must be an object, found an array"
    ]


def test_a_wrong_item_type_names_the_item() -> None:
    text = "cluster.remote.eu.seeds: [10.0.0.1:9300, 9300]\n"
    assert lines(text, "elasticsearch-settings", "eu/elasticsearch.yml") == [
        "eu/elasticsearch.yml:1:42: item 2 of `cluster.remote.eu.seeds` must be"
        " a string, found the number `9300`"
    ]


def test_a_secret_value_is_never_shown() -> None:
    text = '{"password": 123456, "password_hash": ["$2a$10$abcdef"]}'
    problems = lines(text, "user", "users/u.json")
    assert problems == [
        "users/u.json:1:1: the user must not have both `password` and `password_hash`",
        "users/u.json:1:14: `password` must be a string, found a number",
        "users/u.json:1:39: `password_hash` must be a string, found an array",
    ]
    assert not any("123456" in line or "abcdef" in line for line in problems)


def test_a_too_short_secret_does_not_show_it() -> None:
    assert lines("password: abc\n", "user", "u.yml") == [
        "u.yml:1:11: `password` must be at least 6 characters long"
    ]


# Missing fields


def test_missing_fields_are_reported_together_at_the_mapping_key() -> None:
    text = """\
    r:
      remote_indices:
        - clusters: [eu]
      remote_cluster:
        - {}
    """
    assert lines(text, "roles-file") == [
        "roles.yml:3:7: missing required fields `names` and `privileges`"
        " in a `remote_indices` entry",
        "roles.yml:5:7: missing required fields `clusters` and `privileges`"
        " in a `remote_cluster` entry",
    ]


def test_a_missing_field_of_a_named_mapping_is_at_its_key() -> None:
    text = "name: k\naccess:\n  search: [{names: a, field_security: {except: [b]}}]\n"
    assert lines(text, "cross-cluster-api-key", "k.yml") == [
        "k.yml:3:23: missing required field `grant` in `field_security`"
    ]


def test_one_of_several_fields_missing() -> None:
    assert lines("name: k\naccess: {}\n", "cross-cluster-api-key", "k.yml") == [
        "k.yml:2:1: missing required field `search` or `replication` in `access`"
    ]
    text = '{"enabled": true, "rules": {"field": {"username": "*"}}}'
    assert lines(text, "role-mapping", "m.json") == [
        "m.json:1:1: missing required field `roles` or `role_templates`"
        " in the role mapping"
    ]


def test_only_one_of_two_fields_may_be_set() -> None:
    text = '{"enabled": true, "rules": {"any": []}, "roles": [],\n'
    text += ' "role_templates": [{"template": "x"}]}'
    assert lines(text, "role-mapping", "m.json") == [
        "m.json:1:1: the role mapping must have only one of `roles` or `role_templates`"
    ]


# Content of values


def test_enum_names_the_value_and_the_choices() -> None:
    text = """\
    r:
      remote_cluster:
        - clusters: [eu]
          privileges: [monitor]
    """
    assert lines(text, "roles-file") == [
        "roles.yml:4:20: item 1 of `privileges` must be `monitor_enrich` or"
        " `monitor_stats` (in any case), found `monitor`"
    ]


def test_remote_cluster_privileges_are_case_insensitive() -> None:
    text = """\
    r:
      remote_cluster:
        - clusters: [eu]
          privileges: [MONITOR_STATS, Monitor_Enrich, monitor_statsx, 1]
    """
    assert lines(text, "roles-file") == [
        "roles.yml:4:51: item 3 of `privileges` must be `monitor_enrich` or"
        " `monitor_stats` (in any case), found `monitor_statsx`",
        "roles.yml:4:67: item 4 of `privileges` must be a string, found the number `1`",
    ]


def test_pattern_uses_the_schema_wording() -> None:
    text = "cluster.remote.eu.mode: snif\nremote_cluster.port: http\n"
    assert lines(text, "elasticsearch-settings", "elasticsearch.yml") == [
        "elasticsearch.yml:1:25: `cluster.remote.eu.mode` must be `sniff` or"
        " `proxy`, found `snif`",
        "elasticsearch.yml:2:22: `remote_cluster.port` must be a port number"
        " from 0 to 65535, found `http`",
    ]


def test_a_placeholder_is_accepted_for_any_setting_type() -> None:
    text = 'remote_cluster.port: "${PORT}"\ncluster.remote.a.mode: ${MODE}\n'
    assert lines(text, "elasticsearch-settings", "elasticsearch.yml") == []


def test_numeric_limits() -> None:
    text = "remote_cluster.port: 70000\ncluster.remote.eu.node_connections: 0\n"
    assert lines(text, "elasticsearch-settings", "elasticsearch.yml") == [
        "elasticsearch.yml:1:22: `remote_cluster.port` must be at most 65535,"
        " found `70000`",
        "elasticsearch.yml:2:37: `cluster.remote.eu.node_connections` must be"
        " at least 1, found `0`",
    ]


def test_empty_lists_and_strings() -> None:
    text = """\
    r:
      indices:
        - names: []
          privileges: [""]
    """
    assert lines(text, "roles-file") == [
        "roles.yml:3:14: `names` must not be empty",
        "roles.yml:4:20: item 1 of `privileges` must not be empty",
    ]


def test_max_length() -> None:
    role = {"description": "x" * 1001}
    assert lines(json.dumps(role), "role", "r.json") == [
        "r.json:1:17: `description` must be at most 1000 characters long,"
        " found `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...`"
    ]


def test_item_and_field_counts() -> None:
    text = '{"enabled": true, "roles": ["a"],\n "rules": {"any": [], "all": []}}'
    assert lines(text, "role-mapping", "m.json") == [
        "m.json:2:2: `rules` must have at most 1 field, found 2"
    ]


def test_the_most_specific_problem_of_a_place_wins() -> None:
    text = '{"roles": [], "role_templates": [],\n "rules": {"any": []}}'
    assert lines(text, "role-mapping", "m.json") == [
        "m.json:1:1: missing required field `enabled` in the role mapping"
    ]


def test_bad_keys_name_the_key() -> None:
    text = '"bad name ":\n  metadata: {_secret: 1}\n'
    assert lines(text, "roles-file") == [
        "roles.yml:1:1: role name `bad name ` must be printable ASCII without"
        " leading or trailing spaces",
        "roles.yml:2:14: key `_secret` in `metadata` must be a name without"
        " a leading `_` (reserved for Elasticsearch)",
    ]


def test_metadata_keys_of_built_in_roles_are_accepted() -> None:
    text = """\
    {"kibana_user": {"cluster": [], "metadata": {"_reserved": true,
      "_deprecated": true, "_deprecated_reason": "use kibana_admin",
      "_reserved_by": "x", "_deprecated_": 1}}}
    """
    assert lines(text, "roles-file", "roles.json") == [
        "roles.json:3:3: key `_reserved_by` in `metadata` must be a name without"
        " a leading `_` (reserved for Elasticsearch)",
        "roles.json:3:24: key `_deprecated_` in `metadata` must be a name without"
        " a leading `_` (reserved for Elasticsearch)",
    ]


# Ranking


def test_the_branch_that_fits_the_value_explains_the_error() -> None:
    text = "cluster.remote.eu.skip_unavailable: maybe\n"
    assert lines(text, "elasticsearch-settings", "elasticsearch.yml") == [
        "elasticsearch.yml:1:37: `cluster.remote.eu.skip_unavailable` must be"
        " one of `true`, `false`, found `maybe`"
    ]


def test_problems_are_sorted_by_position_and_one_per_place() -> None:
    text = """\
    {"api_keys": [
      {"id": "", "type": "other",
       "access": {"search": [{"names": ["a"], "allow_restricted_indices": "no"}]},
       "role_descriptors": {"cross_cluster": []}},
      {"name": "k"}],
     "total": -1}
    """
    assert lines(text, "api-keys-response", "keys.json") == [
        "keys.json:2:10: `id` must not be empty",
        "keys.json:2:22: `type` must be one of `rest`, `cross_cluster`, found `other`",
        "keys.json:3:71: `allow_restricted_indices` must be a boolean,"
        " found the string `no`",
        "keys.json:4:42: `cross_cluster` in `role_descriptors` must be an object,"
        " found an array",
        "keys.json:5:3: missing required field `id` in an `api_keys` entry",
        "keys.json:6:11: `total` must be at least 0, found `-1`",
    ]


# Settings: cluster.name (elasticsearch-settings)


def test_settings_cluster_name_must_be_a_scalar() -> None:
    text = "cluster.name: [1, 2]\n"
    assert lines(text, "elasticsearch-settings", "elasticsearch.yml") == [
        "elasticsearch.yml:1:15: `cluster.name` must be a string, a number or"
        " a boolean, found an array"
    ]


def test_settings_cluster_name_scalars_are_read_as_text() -> None:
    for value in ("eu-prod", "2024", "true", '"${CLUSTER_NAME}"'):
        text = f"cluster.name: {value}\n"
        assert lines(text, "elasticsearch-settings", "elasticsearch.yml") == []
