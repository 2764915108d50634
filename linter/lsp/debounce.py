"""One action after a burst of calls: each keystroke of a burst postpones
the re-lint, so only the text after the last one is linted."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Debouncer:
    """Runs ``action`` once, ``delay`` seconds after the last ``poke``;
    ``flush`` runs it at once if a run is due, for a request that needs
    the result now; ``now`` runs it at once in any case."""

    def __init__(self, delay: float, action: Callable[[], None]) -> None:
        self.delay = delay
        self._action = action
        self._timer: asyncio.TimerHandle | None = None

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def poke(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self.delay, self._fire)

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._fire()

    def now(self) -> None:
        """Run the action at once, due or not."""
        if self._timer is not None:
            self._timer.cancel()
        self._fire()

    def _fire(self) -> None:
        self._timer = None
        self._action()
