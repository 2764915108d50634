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

Positions are in UTF-16 code units whatever encodings the client offers:
the protocol's default, which every client takes, and the unit rclint's
ranges are computed in. A second ``initialize`` is refused.
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
)
from pygls.protocol import LanguageServerProtocol, lsp_method

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that could not be read as the protocol's types."""

    id: int | str | None
    method: str
    error: JsonRpcException


class RclintProtocol(LanguageServerProtocol):
    """The LSP protocol of pygls, answering malformed messages."""

    _initialized = False

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

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" in data and data["jsonrpc"] != self.VERSION:
            data = {key: value for key, value in data.items() if key != "jsonrpc"}
            return data
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            # Only the message itself carries "jsonrpc"; its params do not.
            message_id = data.get("id")
            if not isinstance(message_id, int | str):
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
        else:
            super().handle_message(message)

    def reply_parse_error(self, error: ValueError) -> None:
        """Answer a body that is not JSON (or not UTF-8): its id cannot be
        known, so the response has none, as JSON-RPC says."""
        logger.warning("a message from the client is not JSON: %s", error)
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "not UTF-8"
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
        shown = message.method or "a response"
        if message.id is None or not message.method:
            logger.warning("dropped %s with params of the wrong shape", shown)
            return
        logger.warning("refused %s with params of the wrong shape", shown)
        error = JsonRpcInvalidParams(
            f"Invalid params: {shown} does not match the protocol"
        )
        self._send_response(message.id, None, error.to_response_error())
