"""``rclint server``: a language server over stdio, built on pygls.

The server keeps a ``linter.live.LiveWorkspace``: every cluster of the
editor's workspace, linted once, then re-linted cluster by cluster as
documents change. Findings are inter-file by nature (a role on one cluster
against an API key on another), so an edit may change the diagnostics of
files the editor does not even have open; the server says so to the
client, by pushing ``textDocument/publishDiagnostics`` for each such file,
or, to a client that pulls, by asking it to pull again.

- ``server``: the server's state, its lifecycle and what it sends;
- ``features``: the protocol methods it answers;
- ``protocol``: the JSON-RPC layer, hardened against what clients send;
- ``capabilities``: what the client can do, what the server offers;
- ``session``: open documents, pending edits and result ids;
- ``debounce``: one re-lint after a burst of edits;
- ``diagnostics``: findings as diagnostics and pull reports;
- ``actions``, ``suppress``, ``fixes``, ``json_edit``, ``edits``: code
  actions;
- ``hover`` and ``reach``: rule pages and what a role can reach.
"""
