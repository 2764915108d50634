"""Reading files: decoding, choosing the parser, and finding secret values."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.documents import read_document, read_text
from linter.loading import load_cluster
from linter.secrets import is_secret_key, secret_spans, text_secrets
from linter.source import Document, Position, Span
from linter.yaml_source import parse_yaml


def problem_lines(document: Document) -> list[str]:
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
        for p in document.problems
    ]


def shown(text: str, spans: tuple[Span, ...]) -> list[str]:
    """The text each span covers (spans here stay on one row)."""
    rows = text.split("\n")
    return [
        rows[span.start.row - 1][span.start.column - 1 : span.end.column - 1]
        for span in spans
    ]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_extension_chooses_the_parser(tmp_path: Path) -> None:
    as_json = read_document(write(tmp_path, "a.json", b'{"n": 1e3}'))
    as_yaml = read_document(write(tmp_path, "a.yaml", b"n: 1e3\n"))
    assert as_json.root is not None and as_json.root.to_data() == {"n": 1000.0}
    # YAML 1.1 needs a dot in a float.
    assert as_yaml.root is not None and as_yaml.root.to_data() == {"n": "1e3"}
    assert as_json.file == str(tmp_path / "a.json")


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yml", b"\xef\xbb\xbfa: 1\n")
    document = read_document(path)
    assert document.text == "a: 1\n"
    assert document.root is not None
    assert (document.root.row, document.root.column) == (1, 1)


def test_bytes_that_are_not_utf8_are_rc001_at_the_first_bad_byte(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "a.yml", b"\xc3\xa9: 1\r\nb: x\xff\n")
    document = read_document(path)
    assert document.root is None
    assert problem_lines(document) == [
        f"{path}:2:5: RC001 file is not valid UTF-8: invalid start byte (byte 0xff)"
    ]
    assert document.text == "é: 1\r\nb: x\ufffd\n"
    text, problem = read_text(path)
    assert text is None
    assert problem == document.problems[0]


def test_a_truncated_character_is_reported_at_its_first_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", b'{"a": "\xc3')
    message = "file is not valid UTF-8: unexpected end of data (byte 0xc3)"
    assert problem_lines(read_document(path)) == [f"{path}:1:8: RC001 {message}"]


def test_a_file_that_cannot_be_read_is_rc001_at_the_start(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yml")
    document = read_document(missing)
    assert (document.root, document.text) == (None, "")
    message = "cannot read the file: No such file or directory"
    assert problem_lines(document) == [f"{missing}:1:1: RC001 {message}"]
    directory = str(tmp_path)
    assert read_text(directory)[0] is None
    assert read_text(directory)[1] is not None


def test_read_text_gives_line_oriented_files_as_they_are(tmp_path: Path) -> None:
    path = write(tmp_path, "users_roles", b"\xef\xbb\xbfsuperuser:alice\r\n")
    assert read_text(path) == ("superuser:alice\r\n", None)


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("credentials", True),
        ("cluster.remote.eu.credentials", True),
        ("api_key", True),
        ("encoded", True),
        ("password", True),
        ("password_hash", True),
        ("passphrase", True),
        ("key_passphrase", True),
        ("xpack.security.http.ssl.keystore.password", True),
        ("xpack.security.transport.ssl.truststore.secure_password", True),
        ("xpack.security.http.ssl.secure_key_passphrase", True),
        ("bootstrap.password", True),
        ("Password", True),
        ("id", False),
        ("name", False),
        ("cluster.remote.eu.seeds", False),
        ("password.length", False),
        ("secure", False),
        # Any key naming a secret hides its value, misspelt ones too.
        ("credentials_path", True),
        ("cluster.remote.rem.credentialz", True),
        ("cluster.remote.rem.credentails", True),
        ("pasword", True),
        ("apikey", True),
        ("client_secret", True),
        ("encode", True),
        ("keyword", False),
        ("certificates", False),
        ("api_keys", True),
    ],
)
def test_secret_keys(key: str, secret: bool) -> None:
    assert is_secret_key(key) is secret


def one_typo(word: str) -> set[str]:
    """Every spelling of ``word`` with one letter added, dropped, changed,
    or two neighbours swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz_"
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    added = {a + c + b for a, b in cuts for c in letters}
    dropped = {a + b[1:] for a, b in cuts if b}
    changed = {a + c + b[1:] for a, b in cuts if b for c in letters}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    return added | dropped | changed | swapped


@pytest.mark.parametrize(
    "name", ["credentials", "password", "passphrase", "api_key", "encoded"]
)
def test_every_one_letter_typo_of_a_secret_name_hides_its_value(name: str) -> None:
    for typo in sorted(one_typo(name)):
        text = f"cluster.remote.eu.{typo}: c2VjcmV0\n"
        assert shown(text, text_secrets("f", text)) == ["c2VjcmV0"], typo
        root = parse_yaml("f.yml", text).root
        assert root is not None
        assert shown(text, secret_spans(root, text)) == ["c2VjcmV0"], typo


def test_secret_values_are_found_flat_nested_and_in_json(tmp_path: Path) -> None:
    yml = (
        "cluster.remote.eu.credentials: c2VjcmV0\n"
        "cluster:\n"
        "  remote:\n"
        "    us:\n"
        "      credentials: 'b3RoZXI='\n"
        "      seeds: [a]\n"
        "xpack.security.http.ssl:\n"
        "  secure_key_passphrase: hush\n"
    )
    document = read_document(write(tmp_path, "elasticsearch.yml", yml.encode()))
    assert shown(yml, document.secrets) == ["c2VjcmV0", "'b3RoZXI='", "hush"]
    key = '{"id": "k1", "api_key": "abc", "encoded": "azE6YWJj", "name": "x"}'
    document = read_document(write(tmp_path, "key.json", key.encode()))
    assert shown(key, document.secrets) == ['"abc"', '"azE6YWJj"']


def test_the_key_list_of_an_api_key_response_is_walked_not_hidden(
    tmp_path: Path,
) -> None:
    flow = '{"api_keys": [{"name": "k", "api_key": "c2VjcmV0"}]}'
    document = read_document(write(tmp_path, "keys.json", flow.encode()))
    assert shown(flow, document.secrets) == ['"c2VjcmV0"']
    block = "api_keys:\n  - name: k\n    encoded: c2VjcmV0\n"
    document = read_document(write(tmp_path, "keys.yml", block.encode()))
    assert document.secrets == (Span.at(document.file, 3, 14, 22),)
    # Not a list: a value, perhaps a misspelt `api_key`.
    assert shown("api_keys: abcd", text_secrets("f", "api_keys: abcd")) == ["abcd"]


def test_a_secret_key_over_a_collection_hides_all_of_it() -> None:
    text = "password: [a, b]\nother: {x: 1}\n"
    root = parse_yaml("f.yml", text).root
    assert root is not None
    assert shown(text, secret_spans(root)) == ["[a, b]"]


def test_nodes_shared_by_aliases_are_visited_once() -> None:
    text = "a: &s {password: p}\nb: [*s, *s]\n"
    root = parse_yaml("f.yml", text).root
    assert root is not None
    assert shown(text, secret_spans(root)) == ["p"]


def test_a_file_that_does_not_parse_still_has_its_secrets_found(
    tmp_path: Path,
) -> None:
    text = (
        'cluster.remote.eu.credentials: abc  \nbad: [\n  "api_key" : "x\\"y", "b": 1\n'
    )
    document = read_document(write(tmp_path, "elasticsearch.yml", text.encode()))
    assert document.root is None
    assert shown(text, document.secrets) == ["abc", '"x\\"y"']
    assert text_secrets("f", "password: 'q q' # note\n")[0].end.column == 16


def test_secrets_in_comments_and_inside_broken_values_are_found(
    tmp_path: Path,
) -> None:
    text = (
        "# old: cluster.remote.us.credentials: c2VjcmV0\n"
        "cluster.name: eu\n"
        "seeds: eu.internalcluster.remote.us.credentials: b3RoZXI= x\n"
    )
    document = read_document(write(tmp_path, "elasticsearch.yml", text.encode()))
    assert shown(text, document.secrets) == ["c2VjcmV0", "b3RoZXI= x"]
    glued = 'mode: certif"credentials": "c2VjcmV0"icate\n'
    assert shown(glued, text_secrets("f", glued)) == ['"c2VjcmV0"']


def test_a_line_oriented_file_has_its_secrets_found(tmp_path: Path) -> None:
    (tmp_path / "elasticsearch.yml").write_text("cluster.name: eu\n")
    listing = "keystore.seed\ncluster.remote.us.credentials: c2VjcmV0\n"
    (tmp_path / "elasticsearch.keystore.list").write_text(listing)
    loaded = load_cluster(str(tmp_path))
    secrets = [span for s in loaded.sources for span in s.secrets]
    assert shown(listing, tuple(secrets)) == ["c2VjcmV0"]


def test_a_value_after_an_equals_sign_is_found_in_any_file_and_comment() -> None:
    listing = "keystore.seed\ncluster.remote.rem.credentials=c2VjcmV0\n"
    assert text_secrets("f", listing) == (Span.at("f", 2, 32, 40),)
    yml = "#cluster.remote.x.credentials=Y29tbWVudA\nseeds: [h]\n"
    assert text_secrets("f", yml) == (Span.at("f", 1, 31, 41),)
    assert text_secrets("f", "password = 'hush'\n") == (Span.at("f", 1, 12, 18),)


def test_a_block_value_runs_over_the_deeper_lines_below_its_key() -> None:
    text = (
        "cluster.name: c\n"
        "cluster.remote.e.credentials: |\n"
        "  c2VjcmV0\n"
        "\n"
        "  b3RoZXI=\n"
        'cluster.remote.f.seeds: "bad \\q escape"\n'
    )
    assert text_secrets("f", text) == (Span("f", Position(3, 3), Position(5, 11)),)


@pytest.mark.parametrize(
    ("header", "spans"),
    [
        ("", [(3, 5, 3, 13)]),
        (" >-", [(3, 5, 3, 13)]),
        (" |2+", [(3, 5, 3, 13)]),
        (" !!binary &a |", [(3, 5, 3, 13)]),
        (" # set below", [(3, 5, 3, 13)]),
        (" c2VjcmV0", [(2, 13, 2, 21)]),
    ],
)
def test_what_follows_a_key_decides_where_its_value_is(
    header: str, spans: list[tuple[int, int, int, int]]
) -> None:
    text = f"xpack:\n  password:{header}\n    c2VjcmV0\n  other: 1\n"
    found = [
        (s.start.row, s.start.column, s.end.row, s.end.column)
        for s in text_secrets("f", text)
    ]
    assert found == spans


def test_list_items_at_the_key_column_belong_to_its_value() -> None:
    text = "password:\n- a\n- b\nnext: 1\n"
    assert text_secrets("f", text) == (Span("f", Position(2, 1), Position(3, 4)),)
    # A list item of the enclosing list is not: the key is not at the
    # start of its line.
    text = "users:\n- password:\n    c2VjcmV0\n- name: b\n"
    assert text_secrets("f", text) == (Span.at("f", 3, 5, 13),)


def test_a_commented_out_block_value_is_found_in_the_comment_lines() -> None:
    text = (
        "#cluster.remote.x.credentials: >-\n"
        "#   c2VjcmV0\n"
        "#   b3RoZXI=\n"
        "#cluster.remote.x.seeds: [h]\n"
        "cluster.name: c\n"
    )
    assert text_secrets("f", text) == (Span("f", Position(2, 5), Position(3, 13)),)


def test_a_key_without_a_value_below_hides_nothing() -> None:
    assert text_secrets("f", "password:\nname: x\n") == ()
    assert text_secrets("f", "password: |\n") == ()


def test_a_list_or_mapping_is_hidden_whole_only_under_an_exact_secret_name(
    tmp_path: Path,
) -> None:
    roles = (
        "secret-reader:\n"
        "  cluster: [monitor]\n"
        "  metadata: {credentialz: c2VjcmV0}\n"
        "password-rotation: {cluster: [all]}\n"
    )
    document = read_document(write(tmp_path, "roles.yml", roles.encode()))
    assert shown(roles, document.secrets) == ["c2VjcmV0"]
    broken = roles + "bad: [\n"
    document = read_document(write(tmp_path, "roles.yml", broken.encode()))
    assert document.root is None
    assert shown(broken, document.secrets) == ["c2VjcmV0"]


def test_a_scalar_below_a_misspelt_key_is_hidden() -> None:
    for header in (" |", " >-", ""):
        text = f"credentialz:{header}\n  c2VjcmV0\nnext: 1\n"
        assert text_secrets("f", text) == (Span.at("f", 2, 3, 11),), header
