"""JSON-RPC as rclint's server speaks it: whatever a client sends, the
server answers what it can and goes on serving.

pygls answers a request whose handler fails with an error response. A
message it cannot turn into the protocol's types (a request whose params
have the wrong shape) fails earlier, in the reader loop, with no response
at all. Here such a request gets the ``InvalidParams`` error response that
JSON-RPC asks for, a notification of the wrong shape is logged and
dropped, a request without ``"jsonrpc": "2.0"`` gets ``InvalidRequest``,
and a body that is not JSON gets a ``ParseError`` response.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
)
from pygls.protocol import LanguageServerProtocol

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that could not be read as the protocol's types."""

    id: int | str | None
    method: str
    error: JsonRpcException


class RclintProtocol(LanguageServerProtocol):
    """The LSP protocol of pygls, answering malformed messages."""

    def structure_message(self, data: dict[str, Any]) -> Any:
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
        else:
            super().handle_message(message)

    def reply_parse_error(self, error: json.JSONDecodeError) -> None:
        """Answer a body that is not JSON: its id cannot be known, so the
        response has none, as JSON-RPC says."""
        logger.warning("a message from the client is not JSON: %s", error)
        response = JsonRpcParseError(f"Parse error: {error.msg}").to_response_error()
        self._send_data(types.ResponseErrorMessage(id=None, error=response))

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
