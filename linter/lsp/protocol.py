"""JSON-RPC as rclint's server speaks it: whatever a client sends, the
server answers what it can and goes on serving.

pygls answers a request whose handler fails with an error response. A
message it cannot turn into the protocol's types (a request whose params
have the wrong shape) fails earlier, in the reader loop, with no response
at all. Here such a request gets the ``InvalidParams`` error response that
JSON-RPC asks for, a notification of the wrong shape is logged and
dropped, a request without ``"jsonrpc": "2.0"`` gets ``InvalidRequest``
(so does a body that is JSON but no object, with a null id), and a body
that is not JSON gets a ``ParseError`` response.

A request with an id that is no integer or string, or a method that is
no string, gets ``InvalidRequest`` too; a body nested too deep to read, a
``ParseError``.

The lifecycle is the protocol's: before ``initialize`` a request gets
``ServerNotInitialized``; after ``shutdown``, ``InvalidRequest``; a second
``initialize`` is refused. Notifications out of their time are dropped.

Positions are in UTF-16 code units whatever encodings the client offers:
the protocol's default, which every client takes, and the unit rclint's
ranges are computed in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import LanguageServerProtocol, lsp_method

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that could not be read as the protocol's types."""

    id: int | str | None
    method: str
    error: JsonRpcException
    # A request that is no request at all: answered even without an id.
    invalid: bool = False


def _invalid_request(data: dict[str, Any]) -> str | None:
    """What makes ``data`` an invalid request, if anything does."""
    if "method" not in data:
        return None
    if not isinstance(data["method"], str):
        return "the method must be a string"
    if "id" in data and not _is_id(data["id"]):
        return "the id must be an integer or a string"
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, int | str) and not isinstance(value, bool)


class RclintProtocol(LanguageServerProtocol):
    """The LSP protocol of pygls, answering malformed messages."""

    _initialized = False

    @property
    def shut_down(self) -> bool:
        """Whether the client asked for a shutdown."""
        return bool(self._shutdown)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        if self._initialized:
            raise JsonRpcInvalidRequest("the server is initialized already")
        self._initialized = True
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        return result

    # The documents' texts are the session's, kept as the protocol counts
    # rows (``text_sync``): pygls's own copies would be kept for nothing.

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from self._to_handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from self._to_handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from self._to_handler(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _to_handler(self, method: str, params: Any) -> Generator[Any, Any, None]:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" in data and data["jsonrpc"] != self.VERSION:
            data = {key: value for key, value in data.items() if key != "jsonrpc"}
            return data
        reason = _invalid_request(data) if "jsonrpc" in data else None
        if reason is not None:
            message_id = data.get("id")
            answered = message_id if _is_id(message_id) else None
            error = JsonRpcInvalidRequest(f"Invalid request: {reason}")
            return Rejected(answered, "", error, invalid=True)
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            # Only the message itself carries "jsonrpc"; its params do not.
            message_id = data.get("id")
            if not _is_id(message_id):
                message_id = None
            method = data.get("method")
            named = method if isinstance(method, str) else ""
            return Rejected(message_id, named, error)

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Rejected):
            self._reject(message)
        elif isinstance(message, dict):
            self._not_json_rpc(message)
        elif isinstance(message, list | str | int | float | bool) or message is None:
            self._reply_without_id(
                JsonRpcInvalidRequest("Invalid request: not a JSON-RPC 2.0 message")
            )
        elif not self._out_of_time(message):
            super().handle_message(message)

    def _out_of_time(self, message: Any) -> bool:
        """Whether ``message`` comes before ``initialize`` or after
        ``shutdown``; a request that does is answered with an error."""
        method = getattr(message, "method", None)
        if method is None or method == types.EXIT:
            return False
        error: JsonRpcException
        if self._shutdown:
            error = JsonRpcInvalidRequest("the server is shut down")
        elif not self._initialized and method != types.INITIALIZE:
            error = JsonRpcServerNotInitialized("the server is not initialized yet")
        else:
            return False
        message_id = getattr(message, "id", None)
        if message_id is None:
            logger.warning("dropped %s: %s", method, error.message)
        else:
            self._send_response(message_id, None, error.to_response_error())
        return True

    def reply_parse_error(self, error: Exception) -> None:
        """Answer a body that cannot be read (not JSON, not UTF-8, nested
        too deep): its id cannot be known, so the response has none, as
        JSON-RPC says."""
        logger.warning("a message from the client cannot be read: %s", error)
        if isinstance(error, json.JSONDecodeError):
            reason = error.msg
        elif isinstance(error, RecursionError):
            reason = "nested too deep"
        else:
            reason = "not UTF-8"
        self._reply_without_id(JsonRpcParseError(f"Parse error: {reason}"))

    def _reply_without_id(self, error: JsonRpcException) -> None:
        """An error response with ``"id": null``, spelt out: the
        protocol's types leave a null id out."""
        body = {"code": error.code, "message": error.message}
        self._send_data({"jsonrpc": self.VERSION, "id": None, "error": body})

    def _not_json_rpc(self, message: dict[str, Any]) -> None:
        """A JSON object without ``"jsonrpc"``: not a message at all."""
        message_id = message.get("id")
        if not isinstance(message_id, int | str) or "method" not in message:
            logger.warning("dropped a message that is not JSON-RPC 2.0")
            return
        error = JsonRpcInvalidRequest("Invalid request: not a JSON-RPC 2.0 message")
        self._send_response(message_id, None, error.to_response_error())

    def _reject(self, message: Rejected) -> None:
        if message.invalid:
            logger.warning("refused an invalid request: %s", message.error.message)
            if message.id is None:
                self._reply_without_id(message.error)
            else:
                self._send_response(message.id, None, message.error.to_response_error())
            return
        shown = message.method or "a response"
        if message.id is None or not message.method:
            logger.warning("dropped %s with params of the wrong shape", shown)
            return
        logger.warning("refused %s with params of the wrong shape", shown)
        error = JsonRpcInvalidParams(
            f"Invalid params: {shown} does not match the protocol"
        )
        self._send_response(message.id, None, error.to_response_error())
