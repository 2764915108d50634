"""Generate a synthetic fleet of cluster directories for benchmarks.

Each cluster has ``roles`` roles (60 % in ``roles.yml``, the rest one JSON
file each under ``roles/``), ``keys`` cross-cluster API keys, a keystore
listing, users and role mappings. Cluster ``i`` reaches cluster ``i+1`` with
the API-key model and, for every third cluster, cluster ``i+2`` with the
certificate model, so every rule has work to do. The output is
deterministic for given sizes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path


def _name(index: int) -> str:
    return f"c{index:03d}"


def _elasticsearch_yml(index: int, count: int) -> str:
    api_remote = _name((index + 1) % count)
    cert_remote = _name((index + 2) % count)
    lines = [
        f"cluster.name: {_name(index)}",
        f"node.name: {_name(index)}-node-1",
        f"network.host: {_name(index)}.fleet.internal",
        "xpack.security.enabled: true",
        "xpack.security.transport.ssl:",
        "  enabled: true",
        "  verification_mode: full",
        "  keystore.path: certs/transport.p12",
        "remote_cluster_server.enabled: true",
        "xpack.security.remote_cluster_server.ssl:",
        "  key: certs/rcs.key",
        "  certificate: certs/rcs.crt",
        "cluster.remote:",
        f"  {api_remote}:",
        f'    seeds: ["{api_remote}.fleet.internal:9443"]',
        "    skip_unavailable: true",
    ]
    if index % 3 == 0:
        lines += [f"  {cert_remote}:", f"    seeds: {cert_remote}.fleet.internal:9300"]
    if index % 2 == 0:
        lines.append(
            "xpack.security.remote_cluster_client.ssl.certificate_authorities:"
            " [certs/remote-ca.crt]"
        )
    return "\n".join(lines) + "\n"


def _role(rng: random.Random, index: int, remote: str) -> dict[str, object]:
    """A role; about one in ten asks more of the remote than its key allows."""
    risky = rng.random() < 0.1
    environment = rng.choice(["app", "qa"] if risky else ["prod", "stage"])
    names = [f"logs-{environment}-*", f"metrics-{index}-*"]
    privileges = ["all"] if risky else ["read", "view_index_metadata"]
    return {
        "cluster": ["monitor"],
        "indices": [{"names": names, "privileges": ["read", "view_index_metadata"]}],
        "remote_indices": [
            {"clusters": [remote], "names": names[:1], "privileges": privileges},
            {"clusters": ["c*"], "names": ["logs-prod-2026.*"], "privileges": ["read"]},
        ],
        "metadata": {"team": f"team-{index % 7}"},
    }


def _api_key(rng: random.Random, consumer: str, number: int) -> dict[str, object]:
    search = [{"names": [f"logs-{env}-*" for env in ("prod", "stage")]}]
    access: dict[str, object] = {"search": search}
    if number % 2:
        access["replication"] = [{"names": [f"archive-{rng.randrange(100)}-*"]}]
    name = consumer if number == 0 else f"{consumer}-extra-{number}"
    return {"name": name, "expiration": "30d", "access": access}


def generate(root: Path, clusters: int, roles: int, keys: int) -> None:
    """Write ``clusters`` cluster directories under ``root``."""
    rng = random.Random(1234)
    for index in range(clusters):
        directory = root / _name(index)
        (directory / "roles").mkdir(parents=True, exist_ok=True)
        (directory / "api_keys").mkdir(exist_ok=True)
        remote = _name((index + 1) % clusters)
        consumer = _name((index - 1) % clusters)
        (directory / "elasticsearch.yml").write_text(
            _elasticsearch_yml(index, clusters)
        )
        (directory / "elasticsearch.keystore.list").write_text(
            f"keystore.seed\ncluster.remote.{remote}.credentials\n"
        )
        in_file = roles * 6 // 10
        file_roles = {f"role-{n}": _role(rng, n, remote) for n in range(in_file)}
        (directory / "roles.yml").write_text(_yaml(file_roles))
        for n in range(in_file, roles):
            role = json.dumps(_role(rng, n, remote), indent=2)
            (directory / "roles" / f"role-{n}.json").write_text(role)
        for number in range(keys):
            key = json.dumps(_api_key(rng, consumer, number), indent=2)
            (directory / "api_keys" / f"key-{number}.json").write_text(key)
        users = "\n".join(f"role-{n}:user-{n},user-{n + 1}" for n in range(20))
        (directory / "users_roles").write_text(users + "\nsuperuser:admin\n")
        (directory / "role_mapping.yml").write_text(
            'superuser:\n  - "cn=admins,dc=fleet"\n'
        )


def _yaml(data: dict[str, object]) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, default_flow_style=False)
