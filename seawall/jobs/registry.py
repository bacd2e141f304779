"""Job kinds: a name, and the function that does the work.

A handler gets the job and a `progress(done, total, message)` callback; it returns a JSON
result. An InputError becomes a failed job whose error text is shown to the user as is;
any other exception is logged and shown as an internal error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Progress = Callable[[int, int, str], None]
Handler = Callable[[Any, Progress], dict[str, Any]]

_HANDLERS: dict[str, Handler] = {}


def job(kind: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if kind in _HANDLERS and _HANDLERS[kind] is not handler:
            raise ValueError(f"job kind {kind!r} registered twice")
        _HANDLERS[kind] = handler
        return handler

    return register


def handler_for(kind: str) -> Handler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"no handler for job kind {kind!r}; is its app installed?") from None
