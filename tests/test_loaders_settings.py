"""Settings: elasticsearch.yml and cluster settings → effective settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.loading import LoadedCluster, load_cluster
from linter.model import Located, Setting, SettingOrigin
from linter.source import Problem, Span

Workspace = Callable[[dict[str, str]], Path]
YML = "eu/elasticsearch.yml"


def load(workspace: Workspace, files: dict[str, str]) -> LoadedCluster:
    workspace(files)
    return load_cluster("eu")


def lines(problems: Iterable[Problem]) -> list[str]:
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
        for p in problems
    ]


def at(file: str, row: int, column: int, end_column: int) -> Span:
    return Span.at(file, row, column, end_column)


def test_nested_and_flat_keys_give_the_same_setting(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster:
              remote:
                us:
                  mode: proxy
            cluster.remote.eu.mode: sniff
            cluster.remote:
              ap.mode: proxy
            """
        },
    )

    settings = loaded.cluster.settings
    assert sorted(settings.by_key) == [
        "cluster.remote.ap.mode",
        "cluster.remote.eu.mode",
        "cluster.remote.us.mode",
    ]
    assert settings.get("cluster.remote.us.mode") == Setting(
        "cluster.remote.us.mode",
        "proxy",
        key_span=at(YML, 4, 7, 11),
        span=at(YML, 4, 13, 18),
        origin=SettingOrigin.NODE,
    )
    assert settings.get("cluster.remote.eu.mode") == Setting(
        "cluster.remote.eu.mode",
        "sniff",
        key_span=at(YML, 5, 1, 23),
        span=at(YML, 5, 25, 30),
        origin=SettingOrigin.NODE,
    )
    assert loaded.problems == ()


def test_lists_as_sequences_keep_item_spans(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {YML: 'cluster.remote.us.seeds: ["us-1:9443", "us-2:9443"]\n'},
    )

    seeds = loaded.cluster.settings.get("cluster.remote.us.seeds")
    assert seeds is not None
    assert seeds.value == ("us-1:9443", "us-2:9443")
    assert seeds.as_list() == (
        Located("us-1:9443", at(YML, 1, 27, 38)),
        Located("us-2:9443", at(YML, 1, 40, 51)),
    )


def test_block_sequences_and_comma_separated_strings(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote.us.seeds:
              - us-1:9443
              - us-2:9443
            cluster.remote.ap.seeds: "ap-1:9300, ap-2:9300"
            """
        },
    )

    settings = loaded.cluster.settings
    us = settings.get("cluster.remote.us.seeds")
    ap = settings.get("cluster.remote.ap.seeds")
    assert us is not None and ap is not None
    assert us.item_spans == (at(YML, 2, 5, 14), at(YML, 3, 5, 14))
    assert ap.value == "ap-1:9300, ap-2:9300"
    assert ap.as_list() == (
        Located("ap-1:9300", at(YML, 4, 26, 48)),
        Located("ap-2:9300", at(YML, 4, 26, 48)),
    )


def test_scalars_become_strings_as_elasticsearch_reads_them(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            remote_cluster_server.enabled: true
            remote_cluster.port: 9443
            cluster.remote.us.skip_unavailable: False
            cluster.remote.us.transport.ping_schedule: 1.5
            cluster.remote.us.proxy_address:
            """
        },
    )

    values = {key: s.value for key, s in loaded.cluster.settings.by_key.items()}
    assert values == {
        "remote_cluster_server.enabled": "true",
        "remote_cluster.port": "9443",
        "cluster.remote.us.skip_unavailable": "false",
        "cluster.remote.us.transport.ping_schedule": "1.5",
    }


def test_placeholders_make_a_value_unknown(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote.us.proxy_address: ${US_PROXY}
            cluster.remote.ap.seeds: [ap-1:9443, "${AP_SEED}"]
            cluster.remote.us.mode: proxy
            """
        },
    )

    settings = loaded.cluster.settings
    placeholders = {key: s.is_placeholder for key, s in settings.by_key.items()}
    assert placeholders == {
        "cluster.remote.us.proxy_address": True,
        "cluster.remote.ap.seeds": True,
        "cluster.remote.us.mode": False,
    }


def test_a_setting_given_twice_through_two_spellings(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.name: eu-prod
            cluster:
              name: eu-test
            """
        },
    )

    assert lines(loaded.problems) == [
        "eu/elasticsearch.yml:3:3: RC003 setting `cluster.name` is set twice, as "
        "`cluster.name` and as `cluster` > `name`; Elasticsearch rejects "
        "duplicate settings"
    ]
    assert loaded.problems[0].related == ((at(YML, 1, 1, 13), "first set here"),)
    assert loaded.cluster.name == "eu-prod"


def test_secure_settings_outside_the_keystore_are_reported_not_kept(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote.us.seeds: us-1:9443
            cluster.remote.us.credentials: ZW5jb2RlZDprZXk=
            xpack.security.transport.ssl:
              keystore.secure_password: changeme
            """
        },
    )

    assert lines(loaded.problems) == [
        "eu/elasticsearch.yml:2:1: RC002 `cluster.remote.us.credentials` is a "
        "secure setting; store it in the Elasticsearch keystore, not in "
        "elasticsearch.yml",
        "eu/elasticsearch.yml:4:3: RC002 "
        "`xpack.security.transport.ssl.keystore.secure_password` is a secure "
        "setting; store it in the Elasticsearch keystore, not in elasticsearch.yml",
    ]
    assert list(loaded.cluster.settings.by_key) == ["cluster.remote.us.seeds"]
    assert all("ZW5j" not in p.message for p in loaded.problems)


CLUSTER_SETTINGS_BODY = """
{
  "persistent": {
    "cluster.remote.us.seeds": ["us-9:9443"],
    "cluster": {"remote": {"us": {"skip_unavailable": true}}},
    "cluster.remote.us.mode": null
  },
  "transient": {
    "cluster.remote.us.skip_unavailable": false
  }
}
"""


def test_cluster_settings_win_over_elasticsearch_yml(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote.us.mode: sniff
            cluster.remote.us.seeds: [us-1:9300]
            cluster.remote.us.skip_unavailable: true
            """,
            "eu/cluster-settings.json": CLUSTER_SETTINGS_BODY,
        },
    )

    settings = loaded.cluster.settings.by_key
    origins = {key: (s.value, s.origin) for key, s in settings.items()}
    assert origins == {
        "cluster.remote.us.mode": ("sniff", SettingOrigin.NODE),
        "cluster.remote.us.seeds": (("us-9:9443",), SettingOrigin.PERSISTENT),
        "cluster.remote.us.skip_unavailable": ("false", SettingOrigin.TRANSIENT),
    }
    skip = settings["cluster.remote.us.skip_unavailable"]
    assert skip.key_span == at("eu/cluster-settings.json", 8, 5, 41)
    assert loaded.problems == ()


def test_a_get_cluster_settings_response_ignores_defaults(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: "cluster.name: eu-prod\n",
            "eu/cluster-settings.yml": """
            persistent:
              cluster:
                remote:
                  us:
                    proxy_address: us.example.com:9443
            transient: {}
            defaults:
              cluster.remote.connections_per_cluster: "3"
            """,
        },
    )

    settings = loaded.cluster.settings.by_key
    assert sorted(settings) == ["cluster.name", "cluster.remote.us.proxy_address"]
    proxy = settings["cluster.remote.us.proxy_address"]
    assert proxy.origin is SettingOrigin.PERSISTENT
    assert proxy.span == at("eu/cluster-settings.yml", 5, 24, 43)


def test_secure_settings_in_cluster_settings_name_that_file(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: "cluster.name: eu-prod\n",
            "eu/cluster-settings.json": (
                '{"persistent": {"cluster.remote.us.credentials": "c2VjcmV0"}}\n'
            ),
        },
    )

    assert lines(loaded.problems) == [
        "eu/cluster-settings.json:1:17: RC002 `cluster.remote.us.credentials` is "
        "a secure setting; store it in the Elasticsearch keystore, not in "
        "cluster-settings.json"
    ]
    assert "cluster.remote.us.credentials" not in loaded.cluster.settings.by_key


def test_the_cluster_is_named_by_cluster_name(workspace: Workspace) -> None:
    loaded = load(workspace, {YML: "cluster.name: eu-prod\n"})

    assert loaded.cluster.name == "eu-prod"
    assert loaded.cluster.name_origin == at(YML, 1, 15, 22)
    assert loaded.cluster.config_file == YML
    assert loaded.cluster.directory == "eu"


def test_without_a_usable_cluster_name_the_directory_names_it(
    workspace: Workspace,
) -> None:
    loaded = load(workspace, {YML: "cluster.name: ${CLUSTER_NAME}\n"})

    assert loaded.cluster.name == "eu"
    assert loaded.cluster.name_origin is None


def test_the_working_directory_is_named_by_its_real_name(
    workspace: Workspace,
) -> None:
    root = workspace({"elasticsearch.yml": "node.name: a\n"})

    loaded = load_cluster(".")

    assert loaded.cluster.name == root.name
    assert loaded.cluster.config_file == "elasticsearch.yml"


def test_misspelt_remote_cluster_keys_are_reported_with_the_closest_key(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote.x.seedz: [x-1:9443]
            cluster:
              remote:
                x:
                  transport.compres: true
                  signing.keystore.paht: k.p12
                  frobnicate: 1
                node.atr: gateway
            cluster.remote.connection_per_cluster: 5
            """
        },
    )

    assert lines(loaded.problems) == [
        "eu/elasticsearch.yml:1:1: RC002 unknown setting `cluster.remote.x.seedz`; "
        "did you mean `cluster.remote.x.seeds`?",
        "eu/elasticsearch.yml:5:7: RC002 unknown setting "
        "`cluster.remote.x.transport.compres`; "
        "did you mean `cluster.remote.x.transport.compress`?",
        "eu/elasticsearch.yml:6:7: RC002 unknown setting "
        "`cluster.remote.x.signing.keystore.paht`; "
        "did you mean `cluster.remote.x.signing.keystore.path`?",
        "eu/elasticsearch.yml:7:7: RC002 unknown setting "
        "`cluster.remote.x.frobnicate`; `cluster.remote.x.*` has no key `frobnicate`",
        "eu/elasticsearch.yml:8:5: RC002 unknown setting `cluster.remote.node.atr`; "
        "did you mean `cluster.remote.node.attr`?",
        "eu/elasticsearch.yml:9:1: RC002 unknown setting "
        "`cluster.remote.connection_per_cluster`; "
        "did you mean `cluster.remote.connections_per_cluster`?",
    ]
    assert loaded.cluster.settings.by_key == {}


def test_every_known_remote_cluster_key_is_accepted(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote:
              initial_connect_timeout: 30s
              connections_per_cluster: 3
              node.attr: gateway
              signing:
                certificate_authorities: ca.crt
                truststore.path: t.p12
                truststore.type: PKCS12
                truststore.algorithm: SunX509
                diagnose.trust: true
              x:
                mode: sniff
                seeds: [x-1:9443]
                proxy: x-proxy:9443
                skip_unavailable: true
                node_connections: 3
                transport.ping_schedule: 30s
                transport.compress: true
                transport.compression_scheme: lz4
                signing.key: k.pem
                signing.certificate: c.pem
                signing.keystore.path: k.p12
                signing.keystore.type: PKCS12
                signing.keystore.alias: k
                signing.keystore.algorithm: SunX509
              node.seeds: [node-1:9443]
              y:
                mode: proxy
                proxy_address: y-proxy:9443
                server_name: y.example.com
                proxy_socket_connections: 18
            """
        },
    )

    assert loaded.problems == ()
    assert len(loaded.cluster.settings.by_key) == 27


def test_misspelt_tls_keys_are_reported_with_the_closest_key(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            xpack.security.remote_cluster_client.ssl.certificate_authoritys: [ca.crt]
            xpack.security.remote_cluster_client.ssl.client_authentication: required
            xpack.security.transport.ssl:
              verification_mod: full
            xpack.security.http.ssl.trust_restrictions.path: t.yml
            xpack.security.remote_cluster_server.ssl.keystore.pass: x
            """
        },
    )

    client = "xpack.security.remote_cluster_client.ssl"
    assert lines(loaded.problems) == [
        f"eu/elasticsearch.yml:1:1: RC002 unknown setting `{client}."
        f"certificate_authoritys`; did you mean `{client}.certificate_authorities`?",
        f"eu/elasticsearch.yml:2:1: RC002 unknown setting `{client}."
        f"client_authentication`; `{client}.*` has no key `client_authentication`",
        "eu/elasticsearch.yml:4:3: RC002 unknown setting "
        "`xpack.security.transport.ssl.verification_mod`; "
        "did you mean `xpack.security.transport.ssl.verification_mode`?",
        "eu/elasticsearch.yml:5:1: RC002 unknown setting "
        "`xpack.security.http.ssl.trust_restrictions.path`; "
        "did you mean `xpack.security.http.ssl.truststore.path`?",
        "eu/elasticsearch.yml:6:1: RC002 unknown setting "
        "`xpack.security.remote_cluster_server.ssl.keystore.pass`; "
        "did you mean `xpack.security.remote_cluster_server.ssl.keystore.password`?",
    ]
    assert loaded.cluster.settings.by_key == {}


TLS_KEYS = """
enabled: true
verification_mode: full
client_authentication: required
supported_protocols: [TLSv1.3]
cipher_suites: [TLS_AES_256_GCM_SHA384]
key: node.key
certificate: node.crt
key_passphrase: x
certificate_authorities: [ca.crt]
keystore.path: k.p12
keystore.type: PKCS12
keystore.password: x
keystore.key_password: x
keystore.algorithm: SunX509
truststore.path: t.p12
truststore.type: PKCS12
truststore.password: x
truststore.algorithm: SunX509
trust_restrictions.path: t.yml
trust_restrictions.x509_fields: [subjectAltName.dnsName]
"""


def test_every_known_tls_key_is_accepted(workspace: Workspace) -> None:
    body = "\n".join(f"  {row}" for row in TLS_KEYS.strip().splitlines())
    loaded = load(
        workspace,
        {
            YML: f"xpack.security.transport.ssl:\n{body}\n"
            f"xpack.security.remote_cluster_server.ssl:\n{body}\n"
        },
    )

    assert loaded.problems == ()
    assert len(loaded.cluster.settings.with_prefix("xpack.security.")) == 40


def test_cluster_remote_must_map_aliases(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.remote: 5
            cluster:
              remote: [us]
            """,
            "eu/cluster-settings.json": '{"persistent": {"cluster.remote": null}}',
        },
    )

    assert lines(loaded.problems) == [
        "eu/elasticsearch.yml:1:17: RC002 `cluster.remote` must be an object, "
        "found the number `5`",
        "eu/elasticsearch.yml:3:11: RC002 `cluster.remote` must be an object, "
        "found an array",
    ]
    assert loaded.cluster.settings.by_key == {}


def test_a_cluster_name_that_is_not_a_string(workspace: Workspace) -> None:
    loaded = load(workspace, {YML: "cluster.name: [1, 2]\n"})

    assert lines(loaded.problems) == [
        "eu/elasticsearch.yml:1:15: RC002 `cluster.name` must be a string, a number "
        "or a boolean, found an array"
    ]
    assert loaded.cluster.name == "eu"


STATIC_IN_CLUSTER_SETTINGS = """
{
  "persistent": {
    "cluster.remote.us.seeds": ["us-9:9443"],
    "xpack.security.remote_cluster_client.ssl": {"certificate_authorities": "b.crt"},
    "cluster.name": "other"
  },
  "transient": {
    "remote_cluster.port": 9444,
    "network.host": "10.0.0.1",
    "xpack.security.transport.ssl.verification_mode": "none"
  }
}
"""


def test_static_settings_in_cluster_settings_keep_the_node_value(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster.name: eu-prod
            cluster.remote.us.seeds: [us-1:9443]
            xpack.security.remote_cluster_client.ssl.certificate_authorities: a.crt
            remote_cluster.port: 9443
            """,
            "eu/cluster-settings.json": STATIC_IN_CLUSTER_SETTINGS,
        },
    )

    json_file = "eu/cluster-settings.json"
    rejected = "is a static setting: the cluster settings API rejects it; set it in "
    assert lines(loaded.problems) == [
        f"{json_file}:4:50: RC002 `xpack.security.remote_cluster_client.ssl."
        f"certificate_authorities` {rejected}elasticsearch.yml",
        f"{json_file}:5:5: RC002 `cluster.name` {rejected}elasticsearch.yml",
        f"{json_file}:8:5: RC002 `remote_cluster.port` {rejected}elasticsearch.yml",
        f"{json_file}:9:5: RC002 `network.host` {rejected}elasticsearch.yml",
        f"{json_file}:10:5: RC002 `xpack.security.transport.ssl.verification_mode` "
        f"{rejected}elasticsearch.yml",
    ]
    settings = loaded.cluster.settings.by_key
    origins = {key: (s.value, s.origin) for key, s in settings.items()}
    assert origins == {
        "cluster.name": ("eu-prod", SettingOrigin.NODE),
        "cluster.remote.us.seeds": (("us-9:9443",), SettingOrigin.PERSISTENT),
        "xpack.security.remote_cluster_client.ssl.certificate_authorities": (
            "a.crt",
            SettingOrigin.NODE,
        ),
        "remote_cluster.port": ("9443", SettingOrigin.NODE),
    }
    assert loaded.cluster.name == "eu-prod"


def test_unknown_keys_in_cluster_settings_name_that_file(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            YML: "cluster.name: eu-prod\n",
            "eu/cluster-settings.yml": """
            persistent:
              cluster.remote.us.skip_unavailabel: true
            """,
        },
    )

    assert lines(loaded.problems) == [
        "eu/cluster-settings.yml:2:3: RC002 unknown setting "
        "`cluster.remote.us.skip_unavailabel`; "
        "did you mean `cluster.remote.us.skip_unavailable`?"
    ]


def test_keys_that_name_no_setting_anywhere(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            YML: """
            cluster:
              name:
                x: 1
            ".": 2
            "a..b": 3
            "": 4
            network.host.y: z
            node.attr.zone.rack: a
            """
        },
    )

    empty = "a setting name has no empty part between or around its dots"
    assert lines(loaded.problems) == [
        "eu/elasticsearch.yml:3:5: RC002 unknown setting `cluster.name.x`: "
        "`cluster.name` takes a value, not an object of settings",
        f"eu/elasticsearch.yml:4:1: RC002 unknown setting `.`: {empty}",
        f"eu/elasticsearch.yml:5:1: RC002 unknown setting `a..b`: {empty}",
        f"eu/elasticsearch.yml:6:1: RC002 unknown setting with an empty name: {empty}",
        "eu/elasticsearch.yml:7:1: RC002 unknown setting `network.host.y`: "
        "`network.host` takes a value, not an object of settings",
    ]
    assert loaded.cluster.name == "eu"
    assert list(loaded.cluster.settings.by_key) == ["node.attr.zone.rack"]
