"""Change-to-diagnostics time of ``rclint server`` over a synthetic fleet,
driven by a real LSP client (pygls's) over stdio.

    python benchmarks/bench_lsp.py [--clusters 100] [--roles 100] [--keys 5]
                                   [--edits 60]

The editor holds open a cross-cluster API key of cluster c001 and the
``roles.yml`` of cluster c000, whose roles reach c001 through that key.
Each edit is one keystroke in the key (one character of a name, so that
the findings of c000's roles appear, then vanish, edit after edit). Two
kinds of client are timed, from sending ``textDocument/didChange`` to
holding the new diagnostics of the role file:

- pull (as VS Code): the change, then ``textDocument/diagnostic``;
- push: the change, then the ``textDocument/publishDiagnostics`` of the
  role file, which the server sends after its debounce.

The goal for 100 clusters: a median under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fleet import generate

# The character of `logs-stage-*` in the key's text that the edits toggle.
TOGGLED = ("s", "X")


def capabilities(pull: bool) -> types.ClientCapabilities:
    text_document = types.TextDocumentClientCapabilities(
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
            related_information=True
        )
    )
    if pull:
        text_document.diagnostic = types.DiagnosticClientCapabilities()
    return types.ClientCapabilities(text_document=text_document)


class Editor:
    """A client with two documents open and an edit to make."""

    def __init__(self, root: Path, pull: bool) -> None:
        self.root = root
        self.pull = pull
        self.client = LanguageClient("rclint-bench", "1")
        self.key = root / "c001/api_keys/key-0.json"
        self.role = root / "c000/roles.yml"
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.version = 1
        text = self.key.read_text()
        offset = text.index("logs-stage-*") + len("logs-")
        line = text.count("\n", 0, offset)
        self.place = types.Position(line, offset - text.rfind("\n", 0, offset) - 1)

    async def start(self) -> float:
        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        await self.client.start_io(sys.executable, "-m", "linter", "server")
        params = types.InitializeParams(
            capabilities=capabilities(self.pull), root_uri=self.root.as_uri()
        )
        begin = time.perf_counter()
        await self.client.initialize_async(params)
        elapsed = time.perf_counter() - begin
        self.client.initialized(types.InitializedParams())
        for path in (self.key, self.role):
            document = types.TextDocumentItem(
                path.as_uri(), path.suffix.lstrip("."), 1, path.read_text()
            )
            self.client.text_document_did_open(
                types.DidOpenTextDocumentParams(document)
            )
        await self.diagnostics()
        return elapsed

    async def keystroke(self, character: str) -> tuple[float, int]:
        """One edit; the seconds until the role's diagnostics came, and
        how many there are."""
        self.version += 1
        end = types.Position(self.place.line, self.place.character + 1)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(self.place, end), text=character
        )
        document = types.VersionedTextDocumentIdentifier(
            uri=self.key.as_uri(), version=self.version
        )
        while not self.published.empty():
            self.published.get_nowait()
        begin = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(document, [change])
        )
        found = await self.diagnostics()
        return time.perf_counter() - begin, len(found)

    async def diagnostics(self) -> list[types.Diagnostic]:
        if self.pull:
            params = types.DocumentDiagnosticParams(
                types.TextDocumentIdentifier(self.role.as_uri())
            )
            report = await self.client.text_document_diagnostic_async(params)
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            return list(report.items)
        while True:
            published = await self.published.get()
            if published.uri == self.role.as_uri():
                return list(published.diagnostics)

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def measure(root: Path, pull: bool, edits: int) -> None:
    editor = Editor(root, pull)
    started = await editor.start()
    if not pull:
        # The initial publication of every file with findings: let it pass.
        await asyncio.sleep(1.0)
    times, counts = [], set()
    for number in range(edits):
        elapsed, count = await editor.keystroke(TOGGLED[(number + 1) % 2])
        times.append(elapsed * 1000)
        counts.add(count)
    await editor.stop()
    times.sort()
    kind = "pull" if pull else "push"
    print(
        f"{kind}: initialize {started:.2f} s; {edits} edits: median "
        f"{statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f}"
        f" ms, max {times[-1]:.1f} ms; diagnostics of the role file per edit: "
        f"{sorted(counts)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--keys", type=int, default=5)
    parser.add_argument("--edits", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        generate(root, args.clusters, args.roles, args.keys)
        print(
            f"{args.clusters} clusters, {args.roles} roles and {args.keys} API keys"
            " each"
        )
        for pull in (True, False):
            asyncio.run(measure(root, pull, args.edits))


if __name__ == "__main__":
    main()
