"""The registry from operation name to handler, and the request context handlers receive.

A handler is a function named after its operation in snake_case, registered with the literal API
name: ``@operation("SendTextMessage")``. Registration checks the name against the model, so a typo
fails when the handlers are imported. ``NOT_IMPLEMENTED`` names what is not emulated yet; a test keeps
``OPERATIONS`` and ``NOT_IMPLEMENTED`` together equal to the model's operation names.

The first call of an operation imports only the handler module that registers it (named by
``smsvoice_mock.handlers.MODULE_OF``, which a test keeps equal to the registry); ``load_handlers()``
imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from smsvoice_mock._model import operation_model, operation_names
from smsvoice_mock._state import MockState
from smsvoice_mock.backend import Backend
from smsvoice_mock.errors import NotImplementedOperation, ValidationException
from smsvoice_mock.handlers import MODULE_OF, MODULES


@dataclass(slots=True)
class Context:
    """What a handler may use besides its parameters; ``at`` is the moment of the request (the
    clock read once: every time a request records is the same)."""

    state: MockState
    backend: Backend
    operation: str
    request_id: str
    at: datetime

    def now(self) -> datetime:
        return self.at


def new_context(
    state: MockState, backend: Backend, operation: str, request_id: str, at: datetime
) -> Context:
    """``Context(state, backend, operation, request_id, at)``, made field by field: the class call
    (the dataclass's ``__init__``) costs twice as much, on every request."""
    ctx = _new(Context)
    ctx.state = state
    ctx.backend = backend
    ctx.operation = operation
    ctx.request_id = request_id
    ctx.at = at
    made: Context = ctx
    return made


_new = object.__new__


Handler = Callable[[Context, dict[str, Any]], dict[str, Any]]
OPERATIONS: dict[str, Handler] = {}

NOT_IMPLEMENTED: frozenset[str] = frozenset()


def operation(name: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of the model's operation ``name``."""
    if name not in operation_names():
        raise LookupError(
            f"{name!r} is not an operation of the service model (smsvoice_mock/_model.py)."
        )

    def register(handler: Handler) -> Handler:
        known = OPERATIONS.get(name)
        same = known is not None and (known.__module__, known.__qualname__) == (
            handler.__module__,
            handler.__qualname__,
        )
        if known is not None and not same:  # a re-imported module may register itself again
            raise LookupError(
                f"{name!r} has two handlers: {OPERATIONS[name].__name__} and {handler.__name__}."
            )
        OPERATIONS[name] = handler
        return handler

    return register


_loaded = False


def load_handlers() -> dict[str, Handler]:
    """Import every handler module once and return the whole registry."""
    global _loaded
    if not _loaded:
        for module in MODULES:
            importlib.import_module(f"smsvoice_mock.handlers.{module}")
        _loaded = True
    return OPERATIONS


def handler_of(name: str) -> Handler | None:
    """The registered handler of ``name``, importing the one module that registers it the first time
    (so a first call loads its own family, not every handler and model)."""
    handler = OPERATIONS.get(name)
    if handler is None and name in MODULE_OF:
        importlib.import_module(f"smsvoice_mock.handlers.{MODULE_OF[name]}")
        handler = OPERATIONS.get(name)
    return handler


def _idempotency_member(name: str) -> str | None:
    shape = operation_model(name).input_shape
    if shape is None:
        return None
    for member, member_shape in shape.members.items():
        if member_shape.metadata.get("idempotencyToken"):
            return str(member)
    return None


_TOKEN_MEMBERS: dict[str, str | None] = {}


def dispatch(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """Run the operation's handler; replay the first answer to a repeated ClientToken."""
    name = ctx.operation
    handler = OPERATIONS.get(name) or handler_of(name)
    if handler is None:
        raise NotImplementedOperation(
            f"smsvoice_mock does not emulate PinpointSMSVoiceV2.{name} yet. "
            "See docs/behaviour.md for the operations it covers."
        )
    token_member = _TOKEN_MEMBERS.get(name, "")
    if token_member == "":  # not looked up yet (a member name is never empty)
        token_member = _TOKEN_MEMBERS[name] = _idempotency_member(name)
    token = params.get(token_member) if token_member else None
    if token is None:
        return handler(ctx, params)
    key = (name, token)
    seen = ctx.backend.idempotency.get(key)
    if seen is not None:
        first_params, first_output = seen
        if first_params != params:
            raise ValidationException(
                f"ClientToken {token!r} was already used for a {name} request with other parameters.",
                reason="INVALID_REQUEST",
                fields=[
                    {
                        "Name": token_member or "ClientToken",
                        "Message": "Reused with other parameters.",
                    }
                ],
            )
        return first_output
    output = handler(ctx, params)
    ctx.backend.idempotency[key] = (params, output)
    return output
