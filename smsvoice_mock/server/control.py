"""The control API under ``/_smsvoice/``: inspect and drive the emulator over HTTP, in JSON.

Every endpoint calls the same function as the in-process handle (``SmsVoiceMock``), on a handle bound
to the server's state, so both doors stay equal by construction. docs/server.md documents each one
with a curl example.

A route is one function registered with ``@route(METHOD, PATH)``; it receives the handle and the
request and returns what becomes the JSON answer. Adding an endpoint is adding one function, e.g.::

    @route("POST", "/_smsvoice/seed")
    def seed(mock: SmsVoiceMock, request: ControlRequest) -> Any:
        return apply_seed(mock.state, request.json())
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl

from smsvoice_mock import errors
from smsvoice_mock._mock import SmsVoiceMock
from smsvoice_mock._model import enum_values
from smsvoice_mock.backend import is_region_name
from smsvoice_mock.errors import ServiceError
from smsvoice_mock.server import web
from smsvoice_mock.server._http import Answer, HttpRequest

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend

T = TypeVar("T")

PREFIX = "/_smsvoice/"
CONTENT_TYPE = "application/json"


class ControlError(Exception):
    """A control request the API cannot carry out: answered with ``status`` and a sentence."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class ControlRequest:
    """The query string and the JSON body of a control request."""

    def __init__(self, http: HttpRequest) -> None:
        self.http = http
        self.query: dict[str, str] = dict(parse_qsl(http.query, keep_blank_values=True))

    def json(self) -> dict[str, Any]:
        """The body as a JSON object (``{}`` when there is none)."""
        if not self.http.body.strip():
            return {}
        try:
            value = json.loads(self.http.body, parse_constant=_no_constant)
        except RecursionError:
            raise ControlError(
                "The request body is nested too deeply; send a flat JSON object."
            ) from None
        except ValueError as exc:
            raise ControlError(
                f"The request body is not valid JSON ({exc}); send an object."
            ) from None
        if not isinstance(value, dict):
            raise ControlError("The request body must be a JSON object.")
        return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


Route = Callable[[SmsVoiceMock, ControlRequest], Any]
ROUTES: dict[tuple[str, str], Route] = {}


def route(method: str, path: str) -> Callable[[Route], Route]:
    """Register the decorated function as the endpoint ``METHOD PATH``."""

    def register(func: Route) -> Route:
        ROUTES[(method, path)] = func
        return func

    return register


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def to_json(value: Any) -> bytes:
    return json.dumps(value, default=_default, separators=(",", ":")).encode()


def record(item: Any) -> dict[str, Any]:
    """A log record (``SentMessage``, ``InboundMessage``, ``MessageEvent``) as a JSON object."""
    return dataclasses.asdict(item)


# -- inspection ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _equals(wanted: str) -> Callable[[Any], bool]:
    return lambda actual: actual is not None and (actual == wanted or _text(actual) == wanted)


# Free text is searched, the rest is matched exactly: ?message_body=481516 finds "Your code is
# 481516" (case-sensitive, as Python's ``in``), while ids, phone numbers, statuses and the other enums
# must be equal, so that ?destination=+1425 never means every number that starts so.
TEXT_FIELDS = frozenset({"message_body", "error_message"})


def _contains(wanted: str) -> Callable[[Any], bool]:
    return lambda actual: isinstance(actual, str) and wanted in actual


def _matcher(name: str, wanted: str) -> Callable[[Any], bool]:
    return _contains(wanted) if name in TEXT_FIELDS else _equals(wanted)


# ?destination= and ?origination= name the phone numbers of each kind of record.
_SENT = {"destination": "destination_phone_number", "origination": "origination_identity"}
_INBOUND = {"destination": "destination_number", "origination": "origination_number"}
_EVENT_NUMBERS = {"destination": "destinationPhoneNumber", "origination": "originationPhoneNumber"}


def _find(
    log: Any, aliases: dict[str, str], query: dict[str, str], **predicates: Any
) -> list[dict[str, Any]]:
    """``log.find`` with the query's fields (values compared as text), as JSON records; ``?after=N``
    leaves out the first N records (the ``Cursor`` of an earlier answer)."""
    fields = {
        field: _matcher(field, wanted)
        for field, wanted in ((aliases.get(name, name), wanted) for name, wanted in query.items())
    }
    fields.update(predicates)
    after = fields.pop("after", None)
    if after is not None:
        log = log._since(_cursor(query["after"]))
    try:
        return [record(item) for item in log.find(**fields)]
    except TypeError as exc:
        raise ControlError(str(exc)) from None


def _cursor(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= 12):
        raise ControlError(f"'after' is a record count (the Cursor of an answer), not {value!r}.")
    return int(value)


# The longest ?wait= a log endpoint holds a request for (a long-poll), in seconds.
MAX_WAIT_SECONDS = 25.0
_LOG_ANSWERS = {"SentMessages", "InboundMessages", "Events", "Calls"}


def wait_seconds(http: HttpRequest) -> float | None:
    """The ``?wait=SECONDS`` of a GET of a log endpoint (``None``: answer at once)."""
    if http.method != "GET" or http.path.rstrip("/") not in _LOG_PATHS:
        return None
    value = dict(parse_qsl(http.query)).get("wait")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_WAIT_SECONDS:  # NaN fails both
        return -1.0
    return seconds


def found_nothing(body: bytes) -> bool:
    """Whether a log endpoint's answer holds no record (a long-poll keeps waiting)."""
    try:
        value = json.loads(body)
    except ValueError:  # pragma: no cover - the answers are ours
        return False
    return isinstance(value, dict) and not any(value.get(name) for name in _LOG_ANSWERS)


def _log_answer(name: str, log: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    return {name: records, "Cursor": str(len(log))}


@route("GET", "/_smsvoice/health")
def health(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    state = mock.state
    return {"status": "running", "account_id": state.account_id, "region": state.region}


@route("GET", "/_smsvoice/sent-messages")
def sent_messages(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.sent_messages.find(...)``; ``?destination=`` / ``?origination=`` or any field name."""
    _check_wait(request)
    log = mock.sent_messages
    return _log_answer("SentMessages", log, _find(log, _SENT, _without_wait(request)))


@route("GET", "/_smsvoice/inbound-messages")
def inbound_messages(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    _check_wait(request)
    log = mock.inbound_messages
    return _log_answer("InboundMessages", log, _find(log, _INBOUND, _without_wait(request)))


@route("GET", "/_smsvoice/events")
def events(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.events.find(...)``; the numbers are matched in each event ``record``."""
    _check_wait(request)
    query = _without_wait(request)
    numbers = {_EVENT_NUMBERS[k]: query.pop(k) for k in list(query) if k in _EVENT_NUMBERS}
    predicates = (
        {"record": lambda rec: all(rec.get(k) == v for k, v in numbers.items())} if numbers else {}
    )
    log = mock.events
    return _log_answer("Events", log, _find(log, {}, query, **predicates))


# ?destination= and ?origination= of a call are members of its parameters.
_CALL_NUMBERS = {"destination": "DestinationPhoneNumber", "origination": "OriginationIdentity"}


@route("GET", "/_smsvoice/calls")
def calls(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.calls.find(...)``: every request of the service answered, refused ones included;
    ``?refused=true`` keeps the refusals, ``?destination=`` / ``?origination=`` match the request's
    ``DestinationPhoneNumber`` / ``OriginationIdentity``."""
    _check_wait(request)
    query = _without_wait(request)
    numbers = {_CALL_NUMBERS[k]: query.pop(k) for k in list(query) if k in _CALL_NUMBERS}
    predicates: dict[str, Any] = {}
    if numbers:
        predicates["parameters"] = lambda p: all(p.get(k) == v for k, v in numbers.items())
    refused = query.pop("refused", None)
    if refused is not None:
        if refused not in ("true", "false"):
            raise ControlError(f"'refused' is true or false, not {refused!r}.")
        predicates["error_code"] = (
            (lambda code: code is not None) if refused == "true" else (lambda code: code is None)
        )
    log = mock.calls
    return _log_answer("Calls", log, _find(log, {}, query, **predicates))


_LOG_PATHS = {
    "/_smsvoice/sent-messages",
    "/_smsvoice/inbound-messages",
    "/_smsvoice/events",
    "/_smsvoice/calls",
}


def _check_wait(request: ControlRequest) -> None:
    if wait_seconds(request.http) == -1.0:
        raise ControlError(
            f"'wait' is a number of seconds from 0 to {MAX_WAIT_SECONDS:g}, "
            f"not {request.query.get('wait')!r}."
        )


def _without_wait(request: ControlRequest) -> dict[str, str]:
    return {k: v for k, v in request.query.items() if k != "wait"}


@route("GET", "/_smsvoice/dry-runs")
def dry_runs(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.dry_runs.find(...)``: what ``DryRun=True`` validated but did not send; filtered as
    ``sent-messages`` is."""
    return {"DryRuns": _find(mock.dry_runs, _SENT, request.query)}


@route("GET", "/_smsvoice/verification-code")
def verification_code(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.verification_code(destination, account_id=..., region=...)``: the code
    SendDestinationNumberVerificationCode last sent to the number."""
    query = dict(request.query)
    destination = query.pop("destination", None)
    if destination is None:
        raise ControlError(
            "Name the verified destination number: ?destination=%2B12065550100 (the + as %2B)."
        )
    arguments = {"destination_phone_number": destination, **query}
    return {"VerificationCode": _call(mock.verification_code, arguments)}


# -- the web inbox's views ---------------------------------------------------------------------


@route("GET", "/_smsvoice/conversations")
def conversations(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """Each end-user number's thread (``server/web.py``); ``?after=CURSOR`` answers only the cursor
    when nothing changed since the answer that gave it."""
    state = mock.state
    now = web.cursor(state)
    if request.query.get("after") == now:
        return {"cursor": now, "changed": False}
    return {
        "cursor": now,
        "changed": True,
        "clock": _clock_json(mock),
        "conversations": web.conversations(state),
    }


@route("GET", "/_smsvoice/resources")
def resources(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """Phone numbers (with keywords), sender IDs, pools, opt-out lists (with opted-out numbers) and
    configuration sets (with event destinations) of every account and region, as the service shows them."""
    return {"clock": _clock_json(mock), "Backends": web.resources(mock.state)}


# -- driving ------------------------------------------------------------------------------------


def _call(func: Callable[..., Any], arguments: dict[str, Any]) -> Any:
    """Call a handle method with a JSON object's members; misuse becomes a 400 with its sentence.

    The members are checked against the method's keyword parameters first, so a missing or unknown
    member is named as a member of the body, never as a Python argument.
    """
    _check_members(func, arguments)
    _checked_region(arguments.get("region"))
    try:
        return func(**arguments)
    except (TypeError, ValueError, LookupError, OverflowError, RecursionError) as exc:
        raise ControlError(str(exc)) from None


_PYTHON_WORDS = re.compile(r"(?<!['\"\w])(True|False|None|str)(?!['\"\w])")
_JSON_WORDS = {"True": "true", "False": "false", "None": "null", "str": "string"}


def _json_words(message: str) -> str:
    """A refusal's sentence in the words of the JSON body it answers: ``true``/``false``/``null``
    and "string" for Python's ``True``/``False``/``None`` and ``str`` (a quoted value is kept)."""
    return _PYTHON_WORDS.sub(lambda word: _JSON_WORDS[word[1]], message)


def _check_members(func: Callable[..., Any], arguments: dict[str, Any]) -> None:
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        return
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return
    named = [p for p in parameters if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
    names = [p.name for p in named]
    unknown = [name for name in arguments if name not in names]
    if unknown:
        raise ControlError(
            f"The body has the unknown member {unknown[0]!r}; its members are "
            f"{', '.join(names) or '(none)'}."
        )
    missing = [p.name for p in named if p.default is p.empty and p.name not in arguments]
    if missing:
        raise ControlError(
            f"The body lacks the member {missing[0]!r} (it needs {', '.join(missing)})."
        )


@route("POST", "/_smsvoice/inbound")
def simulate_inbound(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.simulate_inbound(destination_number=..., origination_number=..., message_body=...)``."""
    return record(_call(mock.simulate_inbound, request.json()))


def _error(body: dict[str, Any]) -> ServiceError:
    """``{"error": "ConflictException", "message": ..., "reason": ...}`` -> the error instance."""
    name = body.pop("error", None)
    choices = [n for n in errors.__all__ if n != "ServiceError"]
    if name not in choices:
        raise ControlError(f"'error' must name one of {', '.join(choices)}; got {name!r}.")
    message = body.pop("message", None)
    cls: type[ServiceError] = getattr(errors, name)
    members = {key: body.pop(key) for key in list(body) if key not in _FAULT_OPTIONS}
    if message is not None:
        members["message"] = message
    return _call(cls, members)  # type: ignore[no-any-return]


_FAULT_OPTIONS = {"operation", "times", "every", "match"}


def _fault_json(rule: Any) -> dict[str, Any]:
    return {
        "operation": rule.operation,
        "error": rule.error.body(),
        "times": rule.times,
        "every": rule.every,
        "match": getattr(rule.when, "match", None),
        "seen": rule.seen,
    }


class _Match:
    """A fault's ``when``: the call's parameters include every member of ``match``."""

    def __init__(self, match: dict[str, Any]) -> None:
        self.match = match

    def __call__(self, params: dict[str, Any]) -> bool:
        return all(params.get(name) == value for name, value in self.match.items())


@route("POST", "/_smsvoice/faults")
def add_fault(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.add_fault(operation, error, times=, every=, when=)`` from a JSON description."""
    body = request.json()
    error = _error(body)
    when = _match(body)
    rule = _call(
        mock.add_fault,
        {
            "operation": body.get("operation"),
            "error": error,
            "times": body.get("times"),
            "every": body.get("every"),
            "when": when,
        },
    )
    return _fault_json(rule)


@route("GET", "/_smsvoice/faults")
def faults(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    return {"Faults": [_fault_json(rule) for rule in mock.state.faults]}


@route("DELETE", "/_smsvoice/faults")
def clear_faults(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    mock.state.faults.clear()
    return {}


def _delivery_json(rule: Any) -> dict[str, Any]:
    return {
        "event_type": rule.event_type,
        "channel": rule.channel,
        "to": rule.to,
        "times": rule.times,
        "every": rule.every,
        "match": getattr(rule.when, "match", None),
        "delay_seconds": rule.delay_seconds,
        "seen": rule.seen,
    }


def _match(body: dict[str, Any]) -> _Match | None:
    match = body.pop("match", None)
    if match is not None and not isinstance(match, dict):
        raise ControlError(
            '\'match\' must be an object of request members, e.g. {"MessageBody": "HELP"}.'
        )
    return _Match(match) if match else None


@route("POST", "/_smsvoice/deliveries")
def add_delivery(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.add_delivery(event_type, to=, channel=, times=, every=, when=, delay_seconds=)``; the
    JSON's ``match`` (request members the send must have) stands for ``when``."""
    body = request.json()
    if "when" in body:
        raise ControlError("Over HTTP a rule's 'when' is 'match': an object of request members.")
    when = _match(body)
    return _delivery_json(_call(mock.add_delivery, {**body, "when": when}))


@route("POST", "/_smsvoice/deliveries/next")
def deliver_next(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.deliver_next(event_type, to=, times=)``."""
    return _delivery_json(_call(mock.deliver_next, request.json()))


@route("GET", "/_smsvoice/deliveries")
def deliveries(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """The delivery rules, and the final event types a rule may name, by channel."""
    from smsvoice_mock.models.events import final_event_types

    return {
        "Deliveries": [_delivery_json(rule) for rule in mock.state.deliveries],
        "EventTypes": final_event_types(),
    }


@route("DELETE", "/_smsvoice/deliveries")
def clear_deliveries(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    mock.state.deliveries.clear()
    return {}


def _clock_json(mock: SmsVoiceMock) -> dict[str, Any]:
    clock = mock.clock
    return {"now": clock.now().isoformat(), "offset_seconds": clock.offset.total_seconds()}


@route("GET", "/_smsvoice/clock")
def clock(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    return _clock_json(mock)


@route("POST", "/_smsvoice/clock/advance")
def advance_clock(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.clock.advance(days=..., hours=..., minutes=..., seconds=...)``."""
    _call(mock.clock.advance, request.json())
    return _clock_json(mock)


@route("POST", "/_smsvoice/reset")
def reset(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.reset(account_id=..., logs_only=...)``: drop every resource, record and fault rule;
    or only the records (``logs_only``), or only one account's (``account_id``)."""
    _call(mock.reset, request.json())
    return {}


@route("POST", "/_smsvoice/seed")
def seed(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.seed(...)``: add the resources a seed (docs/seeding.md) describes; answers the snapshot."""
    _call(mock.seed, {"data": request.json()})
    return mock.snapshot()


@route("GET", "/_smsvoice/snapshot")
def snapshot(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.snapshot()``: the current resources in the seed format."""
    return mock.snapshot()


# -- the backend's test hooks -----------------------------------------------------------------
# What a test does in process on ``sms.backend(account_id, region)``: each endpoint calls the same
# method (or sets the same attribute) on the same backend; ``account_id`` and ``region`` are optional.


def _drive(func: Callable[..., Any], arguments: dict[str, Any]) -> Any:
    """``_call``, where a hook's ``RuntimeError`` (the sentence of a misused hook) is a 400 too."""
    try:
        return _call(func, arguments)
    except RuntimeError as exc:
        raise ControlError(str(exc)) from None


def _backend(mock: SmsVoiceMock, account_id: Any, region: Any) -> Backend:
    """``mock.backend(account_id, region)``; a region must be one of the service's."""
    return mock.backend(account_id, _checked_region(region))


def _checked_region(region: Any) -> Any:
    """A ``region`` member as it is, when it names a region of the service (botocore's partition
    data): a made-up one would make a backend of its own."""
    if region is not None and not (isinstance(region, str) and is_region_name(region)):
        raise ControlError(
            f"'region' must name a region of the service, such as 'us-east-1', not {region!r}."
        )
    return region


def _text_member(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ControlError(f"{name!r} must be a non-empty string, not {value!r}.")
    return value


def _choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    choices = list(allowed)
    if value not in choices:
        raise ControlError(f"{name!r} must be one of {', '.join(choices)}; got {value!r}.")
    return str(value)


def _member_of(store: dict[str, T], what: str, name: str, value: Any, backend: Backend) -> T:
    """The resource ``value`` names in ``store``, or a 400 listing the ids there are."""
    found = store.get(_text_member(name, value))
    if found is None:
        ids = ", ".join(sorted(store)[:20]) or "none"
        raise ControlError(
            f"{value!r} is not {what} of account {backend.account_id} in {backend.region} "
            f"(its ids: {ids})."
        )
    return found


@route("POST", "/_smsvoice/registrations/complete")
def complete_registration(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().complete_registration(phone_number_id)``: a COMPLETE registration of the type a
    US toll-free or 10DLC number needs, associated with it; answers the registration id."""

    def complete(
        *, phone_number_id: str, account_id: str | None = None, region: str | None = None
    ) -> str:
        backend = _backend(mock, account_id, region)
        return backend.complete_registration(_text_member("phone_number_id", phone_number_id))

    return {"RegistrationId": _drive(complete, request.json())}


_REVIEW_ACTIONS = ("start_review", "require_authentication", "approve", "complete", "deny")


@route("POST", "/_smsvoice/registrations/review")
def review_registration(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().registrations[id].<action>(...)``: ``start_review``, ``require_authentication``,
    ``approve`` (``complete``: false holds it PROVISIONING), ``complete`` or ``deny`` (``reasons``);
    answers the registration as DescribeRegistrations shows it."""

    def review(
        *,
        registration_id: str,
        action: str,
        complete: bool = True,
        reasons: list[Any] | None = None,
        account_id: str | None = None,
        region: str | None = None,
    ) -> Any:
        backend = _backend(mock, account_id, region)
        registration = _member_of(
            backend.registrations, "a registration", "registration_id", registration_id, backend
        )
        now = backend.now()
        chosen = _choice("action", action, _REVIEW_ACTIONS)
        if chosen != "approve" and complete is not True:
            raise ControlError("'complete' goes only with the action 'approve'.")
        if chosen != "deny" and reasons is not None:
            raise ControlError("'reasons' goes only with the action 'deny'.")
        if chosen == "start_review":
            registration.start_review(now)
        elif chosen == "require_authentication":
            registration.require_authentication(now)
        elif chosen == "approve":
            if not isinstance(complete, bool):
                raise ControlError(f"'complete' must be true or false, not {complete!r}.")
            registration.approve(now, complete=complete)
        elif chosen == "complete":
            registration.complete()
        else:
            if reasons is not None and not (
                isinstance(reasons, list)
                and all(
                    isinstance(r, str)
                    or (isinstance(r, dict) and all(isinstance(v, str) for v in r.values()))
                    for r in reasons
                )
            ):
                raise ControlError(
                    "'reasons' must be a list of strings or of DeniedReasons objects "
                    '({"Reason": ..., "ShortDescription": ...}).'
                )
            registration.deny(now, reasons)
        return registration.to_api()

    return _drive(review, request.json())


@route("POST", "/_smsvoice/auto-activate")
def auto_activate(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().auto_activate = ...``: false holds new phone numbers, pools and notify
    configurations in their transitional status (PENDING, CREATING) until a test moves them."""

    def switch(
        *, auto_activate: bool, account_id: str | None = None, region: str | None = None
    ) -> bool:
        if not isinstance(auto_activate, bool):
            raise ControlError(f"'auto_activate' must be true or false, not {auto_activate!r}.")
        backend = _backend(mock, account_id, region)
        backend.auto_activate = auto_activate
        return backend.auto_activate

    return {"auto_activate": _drive(switch, request.json())}


@route("POST", "/_smsvoice/phone-numbers/status")
def phone_number_status(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().phone_numbers[id].status = ...``; answers the number as DescribePhoneNumbers
    shows it."""

    def move(
        *,
        phone_number_id: str,
        status: str,
        account_id: str | None = None,
        region: str | None = None,
    ) -> Any:
        backend = _backend(mock, account_id, region)
        number = _member_of(
            backend.phone_numbers, "a phone number", "phone_number_id", phone_number_id, backend
        )
        allowed = [s for s in enum_values("NumberStatus") if s != "DELETED"]
        number.status = _choice("status", status, allowed)
        return number.to_api()

    return _drive(move, request.json())


@route("POST", "/_smsvoice/pools/status")
def pool_status(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().pools[id].status = ...``; answers the pool as DescribePools shows it."""

    def move(
        *, pool_id: str, status: str, account_id: str | None = None, region: str | None = None
    ) -> Any:
        backend = _backend(mock, account_id, region)
        pool = _member_of(backend.pools, "a pool", "pool_id", pool_id, backend)
        allowed = [s for s in enum_values("PoolStatus") if s != "DELETING"]
        pool.status = _choice("status", status, allowed)
        return pool.to_api()

    return _drive(move, request.json())


@route("POST", "/_smsvoice/rcs-agents/status")
def rcs_agent_status(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().rcs_agents[id].set_status(status, registration_id=...)``; answers the agent."""

    def move(
        *,
        rcs_agent_id: str,
        status: str,
        registration_id: str | None = None,
        account_id: str | None = None,
        region: str | None = None,
    ) -> Any:
        backend = _backend(mock, account_id, region)
        agent = _member_of(
            backend.rcs_agents, "an RCS agent", "rcs_agent_id", rcs_agent_id, backend
        )
        if registration_id is not None:
            _text_member("registration_id", registration_id)
        agent.set_status(_text_member("status", status), registration_id=registration_id)
        return agent.to_api()

    return _drive(move, request.json())


@route("POST", "/_smsvoice/rcs-agents/launch")
def rcs_agent_launch(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().rcs_agents[id].launch(iso_country_code, status=..., carriers=...)``; answers
    the agent."""

    def launch(
        *,
        rcs_agent_id: str,
        iso_country_code: str = "US",
        status: str = "ACTIVE",
        registration_id: str | None = None,
        carriers: dict[str, str] | None = None,
        account_id: str | None = None,
        region: str | None = None,
    ) -> Any:
        backend = _backend(mock, account_id, region)
        agent = _member_of(
            backend.rcs_agents, "an RCS agent", "rcs_agent_id", rcs_agent_id, backend
        )
        if not (isinstance(iso_country_code, str) and len(iso_country_code) == 2):
            raise ControlError(
                f"'iso_country_code' must be a two-letter country code such as 'US', "
                f"not {iso_country_code!r}."
            )
        if registration_id is not None:
            _text_member("registration_id", registration_id)
        if carriers is not None and not (
            isinstance(carriers, dict) and all(isinstance(v, str) for v in carriers.values())
        ):
            raise ControlError(
                '\'carriers\' must be an object of carrier names and statuses, e.g. {"DEFAULT": "ACTIVE"}.'
            )
        agent.launch(
            iso_country_code,
            status=_text_member("status", status),
            registration_id=registration_id,
            carriers=carriers,
        )
        return agent.to_api()

    return _drive(launch, request.json())


@route("POST", "/_smsvoice/notify-configurations/status")
def notify_configuration_status(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().notify_configurations[id].set_status(status, rejection_reason=...)``; answers
    the configuration."""

    def move(
        *,
        notify_configuration_id: str,
        status: str,
        rejection_reason: str | None = None,
        account_id: str | None = None,
        region: str | None = None,
    ) -> Any:
        backend = _backend(mock, account_id, region)
        config = _member_of(
            backend.notify_configurations,
            "a notify configuration",
            "notify_configuration_id",
            notify_configuration_id,
            backend,
        )
        if rejection_reason is not None:
            _text_member("rejection_reason", rejection_reason)
        config.set_status(_text_member("status", status), rejection_reason=rejection_reason)
        return config.to_api()

    return _drive(move, request.json())


@route("POST", "/_smsvoice/limits")
def account_limit(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``sms.backend().settings.limits[name] = max``: the ``Max`` DescribeAccountLimits reports and
    the quota the service enforces; answers every limit."""

    def limit(
        *, name: str, max: int, account_id: str | None = None, region: str | None = None
    ) -> Any:
        backend = _backend(mock, account_id, region)
        limits = backend.settings.limits
        chosen = _choice("name", name, limits)
        if type(max) is not int or not 0 <= max <= 1_000_000:
            raise ControlError(f"'max' must be a whole number from 0 to 1000000, not {max!r}.")
        limits[chosen] = max
        return dict(limits)

    return {"Limits": _drive(limit, request.json())}


# -- delivery to your application over HTTP, as SNS delivers (smsvoice_mock._sns_http) -----------


def _sns_http_json(mock: SmsVoiceMock) -> dict[str, Any]:
    sns_http = mock.state.sns_http
    return {"Subscriptions": sns_http.subscriptions(), "Deliveries": sns_http.deliveries()}


@route("POST", "/_smsvoice/sns-http")
def sns_http_subscribe(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """``serve --sns-http TOPIC_ARN=URL``: POST what the engine publishes to the SNS topic (a number's
    TwoWayChannelArn, an event destination's topic) to ``url``, as SNS posts to an HTTP/S subscriber;
    answers the subscription."""

    def subscribe(*, topic_arn: str, url: str) -> dict[str, Any]:
        return mock.state.sns_http.subscribe(topic_arn, url)

    return _call(subscribe, request.json())


@route("GET", "/_smsvoice/sns-http")
def sns_http_list(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """The HTTP subscriptions, and each notification's delivery (``pending``, ``delivered`` or
    ``failed``, with its attempts, the last HTTP status and error), oldest first."""
    return _sns_http_json(mock)


@route("DELETE", "/_smsvoice/sns-http")
def sns_http_clear(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """Drop every HTTP subscription and delivery record."""
    mock.state.sns_http.clear()
    return {}


@route("GET", "/_smsvoice/openapi.json")
def openapi(mock: SmsVoiceMock, request: ControlRequest) -> Any:
    """The OpenAPI 3.1 document of the control API (``server/openapi.py``)."""
    from smsvoice_mock.server.openapi import document

    return document()


# -- the door -----------------------------------------------------------------------------------


def json_answer(status: int, payload: Any) -> Answer:
    """``payload`` as a JSON answer with ``status``."""
    body = to_json(payload)
    return status, {"Content-Type": CONTENT_TYPE, "Content-Length": str(len(body))}, body


def _is_json(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == CONTENT_TYPE


def control(mock: SmsVoiceMock, http: HttpRequest) -> Answer:
    """Answer one request under ``/_smsvoice/`` (under the state's lock, as a service call is)."""
    if http.method == "GET" and http.path.startswith(web.UI_PATH):
        page = web.asset(http.path)
        if page is not None:
            return page
    endpoint = ROUTES.get((http.method, http.path.rstrip("/") or "/"))
    if endpoint is None:
        known = sorted({f"{method} {path}" for method, path in ROUTES})
        return json_answer(
            404,
            {
                "__type": "NotFound",
                "Message": f"There is no control endpoint {http.method} {http.path}; "
                f"the endpoints are: {', '.join(known)}.",
            },
        )
    if http.method not in ("GET", "HEAD") and not _is_json(http.headers.get("content-type")):
        return json_answer(
            415,
            {
                "__type": "InvalidControlRequest",
                "Message": f"A {http.method} to the control API must be sent with "
                "'Content-Type: application/json' (with curl: -H 'Content-Type: application/json').",
            },
        )
    try:
        with mock.state.lock:
            result = endpoint(mock, ControlRequest(http))
    except ControlError as exc:
        message = _json_words(str(exc))
        return json_answer(exc.status, {"__type": "InvalidControlRequest", "Message": message})
    except ServiceError as exc:
        return json_answer(exc.status_code, exc.body())
    return json_answer(200, result)
