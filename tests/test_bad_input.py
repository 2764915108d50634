"""Bad input: a damaged file of the example workspace never crashes a run,
never hides the other files' findings, and never shows a secret."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(
    str(path.relative_to(EXAMPLES))
    for path in EXAMPLES.rglob("*")
    if path.is_file() and path.name != "rclint.toml"
)
SECRET = "c2VjcmV0LWtleS12YWx1ZQ=="
DEBRIS = (
    "{", "}", "[", "]", ": ", ",", '"', "'", "- ", "\n", "\t", "*", "&a ", "*a",
    "!!binary ", "---\n", "null", "1e999", "-1", "\x00", "\ufeff", "é", "😀",
    "${X}", "/", "\\", "#", "|", "<<: *a", "9" * 300,
    f"cluster.remote.us.credentials: {SECRET}\n",
    f'"credentials": "{SECRET}"',
    f"cluster.remote.us.credentials={SECRET}\n",
    f"\ncluster.remote.us.credentials: |\n  {SECRET}\n",
    f"\ncluster.remote.us.credentialz: {SECRET}\n",
    f'"pasword": "{SECRET}"',
)  # fmt: skip


@st.composite
def damage(draw: st.DrawFn, text: str) -> str:
    """``text`` cut, with debris inserted, or with a stretch deleted."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(("cut", "insert", "delete")))
        if action == "cut":
            text = text[:at]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(DEBRIS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
    return text


def lint(root: Path, output_format: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    arguments = ["check", str(root), "--output-format", output_format, "-q"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*arguments, "--exit-zero"])
    return code, out.getvalue() + err.getvalue()


@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_a_damaged_file_is_reported_and_the_rest_still_linted(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(EXAMPLES, root, dirs_exist_ok=True)
    damaged = data.draw(st.sampled_from(FILES))
    path = root / damaged
    path.write_text(data.draw(damage(path.read_text(encoding="utf-8"))), "utf-8")
    code, text = lint(root, "json")
    assert code == 0, text
    findings = json.loads(text)
    assert "RC000" not in {finding["code"] for finding in findings}
    others = [f for f in findings if not f["filename"].endswith(damaged)]
    assert others, "the other files' findings were lost"
    code, text = lint(root, "full")
    assert code == 0
    assert "Traceback" not in text
    assert SECRET not in text
