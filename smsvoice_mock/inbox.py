"""What the end user's side saw: every accepted message, every inbound text, for assertions.

``sms.sent_messages`` is a ``MessageLog`` of frozen ``SentMessage`` records, oldest first, with
``.last``, ``.find(**fields)`` and ``.one(**fields)``; ``sms.inbound_messages`` likewise holds
``InboundMessage`` records made by ``sms.simulate_inbound``; ``sms.events`` holds one ``MessageEvent``
per event record and event destination it was routed to; ``sms.dry_runs`` the messages a ``DryRun``
request checked but did not send; ``sms.calls`` one ``ApiCall`` per request the service answered,
refusals included.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeAlias, TypeVar, overload

from smsvoice_mock._table import html_table, text_table

__all__ = ["ApiCall", "InboundMessage", "MessageEvent", "MessageLog", "SentMessage"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SentMessage:
    """One message the service accepted and (in the mock) delivered."""

    message_id: str
    destination_phone_number: str
    origination_identity: str | None
    message_body: str | None
    message_type: str | None
    configuration_set_name: str | None
    context: dict[str, str] | None
    channel: str
    region: str
    account_id: str
    sent_at: datetime
    origination_identity_arn: str | None = None
    keyword: str | None = None
    time_to_live: int | None = None
    max_price: str | None = None
    destination_country_parameters: dict[str, str] | None = None
    message_feedback_enabled: bool = False
    protect_configuration_id: str | None = None
    # The protect status that let the message through (ALLOW, MONITOR, FILTER), when one applied.
    protect_status: str | None = None
    # Whether the message left the origination identity's country.
    is_international_send: bool = False
    encoding: str | None = None
    parts: int = 1
    price: str = "0"
    # "API" for a Send* call, "KEYWORD_RESPONSE" for the service's reply to an inbound keyword.
    source: str = "API"
    iso_country_code: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The final messageStatus of the delivery (DELIVERED, CARRIER_UNREACHABLE for the failure
    # simulator, BLOCKED for a delivery rule's TEXT_BLOCKED, ...): the outcome the message ends in.
    status: str = "DELIVERED"
    # When the final record arrives on the mock's clock, if later than the send (a rule's delay).
    final_at: datetime | None = None
    dry_run: bool = False
    # Set by PutMessageFeedback (RECEIVED or FAILED) when message feedback is enabled.
    message_feedback_status: str | None = None
    # Voice: the Polly voice, TEXT or SSML, and the estimated call length; media: the S3 URLs.
    voice_id: str | None = None
    message_body_text_type: str | None = None
    duration_seconds: int | None = None
    media_urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundMessage:
    """A text an end user sent to one of the account's numbers (``sms.simulate_inbound``)."""

    message_id: str
    origination_number: str
    destination_number: str
    message_body: str
    received_at: datetime
    region: str
    account_id: str
    keyword: str | None = None
    action: str | None = None
    opted_out: bool = False
    opted_in: bool = False
    response: SentMessage | None = None
    # Two-way messaging: the channel the message was delivered to and the JSON it received.
    two_way_channel_arn: str | None = None
    two_way_payload: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageEvent:
    """One event record as one event destination of a configuration set received it.

    ``record`` is the event JSON in the service's layout (``eventType``, ``eventVersion``,
    ``eventTimestamp``, ``isFinal``, ``originationPhoneNumber``, ``destinationPhoneNumber``,
    ``messageId``, ``messageStatus``, ``context``, ``totalMessageParts``, ``totalMessagePrice``, ...).
    """

    event_type: str
    message_id: str
    is_final: bool
    configuration_set_name: str
    event_destination_name: str
    # "SNS", "FIREHOSE" or "CLOUDWATCH_LOGS", and the topic, delivery stream or log group ARN.
    destination_type: str
    destination_arn: str
    record: dict[str, Any]
    region: str
    account_id: str
    timestamp: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiCall:
    """One request of the service that the mock answered (either door), accepted or refused.

    ``parameters`` is the request's JSON object as decoded (``{}`` when the body was not one);
    ``status_code`` is 200, or the refusal's HTTP status with its ``error_code`` (the ``__type``,
    e.g. ``ConflictException``), ``reason`` and ``error_message``; ``message_id`` is the
    ``MessageId`` a send answered.
    """

    # The API name (``SendTextMessage``); ``None`` when the X-Amz-Target header named none.
    operation: str | None
    parameters: dict[str, Any]
    status_code: int
    account_id: str
    region: str
    request_id: str
    called_at: datetime
    error_code: str | None = None
    reason: str | None = None
    error_message: str | None = None
    message_id: str | None = None


T = TypeVar("T", SentMessage, InboundMessage, MessageEvent, ApiCall)
R = TypeVar("R")


def _twin(cls: type) -> type:
    """A plain class with the slots of the frozen record ``cls``: an instance of it can be filled
    field by field (a plain attribute store each) and then made a ``cls``, which the identical
    layout allows. The generated ``__init__`` of a frozen record sets each field through
    ``object.__setattr__`` by name instead, at several times the cost; the record made either way
    is a ``cls`` like any other."""
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]
    probe: Any = object.__new__(twin)
    probe.__class__ = cls  # a layout that differs fails here, at import
    return twin


def _generated(cls: type, twin: type) -> dict[str, Any]:
    """``new_<cls>(**fields)``, which takes what the record's ``__init__`` takes; ``draft_<cls>()``,
    a twin with every defaulted field at its default; and ``seal_<cls>(draft)``, the record a draft
    becomes once its other fields are set. Made from the record's own fields."""
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_twin": twin,
        "_MISSING": dataclasses.MISSING,
    }
    params, lines, defaults, required = [], [], [], []
    for f in dataclasses.fields(cls):
        assert f.name != "_record_"
        assert not f.name.startswith(("_default_", "_factory_"))
        value = f.name
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
            defaults.append(f"    _record_.{f.name} = _default_{f.name}\n")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"
            defaults.append(f"    _record_.{f.name} = _factory_{f.name}()\n")
        else:
            params.append(f.name)
            required.append(f"_record_.{f.name}")
        lines.append(f"    _record_.{f.name} = {value}\n")
    name = cls.__name__
    source = (
        f"def new_{name}(*, {', '.join(params)}):\n"
        "    _record_ = _new(_twin)\n" + "".join(lines) + "    _record_.__class__ = _cls\n"
        "    return _record_\n"
        f"def draft_{name}():\n"
        "    _record_ = _new(_twin)\n" + "".join(defaults) + "    return _record_\n"
        f"def seal_{name}(_record_):\n"
        f"    {', '.join(required)}  # AttributeError names a field left unset\n"
        "    _record_.__class__ = _cls\n"
        "    return _record_\n"
    )
    exec(source, namespace)  # made from the dataclass's own fields
    return namespace


def _constructor(cls: type[R]) -> Callable[..., R]:
    """A constructor of the frozen record ``cls`` that takes what its ``__init__`` takes and makes an
    equal record at a fraction of the cost (``_twin``)."""
    made: Callable[..., R] = _generated(cls, _twin(cls))[f"new_{cls.__name__}"]
    return made


new_message_event: Callable[..., MessageEvent] = _constructor(MessageEvent)
new_api_call: Callable[..., ApiCall] = _constructor(ApiCall)
_SENT_MESSAGE = _generated(SentMessage, _twin(SentMessage))
new_sent_message: Callable[..., SentMessage] = _SENT_MESSAGE["new_SentMessage"]
# A SentMessage being filled in by the send path, every field at its default until set: more than 15
# keyword arguments make Python build a dict for the call, and the send path sets about 30.
draft_sent_message: Callable[[], Any] = _SENT_MESSAGE["draft_SentMessage"]


# The SentMessage a draft becomes once every field without a default is set (AttributeError names
# the first one that is not).
sealed: Callable[[Any], SentMessage] = _SENT_MESSAGE["seal_SentMessage"]


_COLUMNS: dict[type, tuple[str, ...]] = {
    SentMessage: (
        "sent_at",
        "channel",
        "origination_identity",
        "destination_phone_number",
        "message_type",
        "parts",
        "message_body",
    ),
    InboundMessage: (
        "received_at",
        "origination_number",
        "destination_number",
        "keyword",
        "action",
        "message_body",
    ),
    MessageEvent: (
        "timestamp",
        "event_type",
        "message_id",
        "configuration_set_name",
        "event_destination_name",
        "destination_type",
    ),
    ApiCall: (
        "called_at",
        "operation",
        "status_code",
        "error_code",
        "reason",
        "message_id",
    ),
}


# The repr (and HTML) of a log shows its newest records only: 100,000 messages print in a moment.
REPR_ROWS = 50


# What a field is matched with in ``find``/``one``: a value (compared with ``==``) or a predicate on the
# field's value. The predicate's parameter is typed ``Any``, so that a lambda type-checks under
# pyright strict and mypy strict without annotations: ``find(message_body=lambda b: "code" in b)``.
Matcher: TypeAlias = "Callable[[Any], object] | object"


_POLL_SECONDS = 0.005


def _check_timeout(timeout: Any) -> float:
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not (timeout >= 0 and math.isfinite(timeout))
    ):
        raise TypeError(f"timeout is a finite number of seconds (0 or more), not {timeout!r}.")
    return float(timeout)


class MessageLog(Sequence[T], Generic[T]):
    """An append-only, oldest-first sequence of records with assertion helpers."""

    def __init__(self, kind: type[T], title: str) -> None:
        self._kind: type[T] = kind
        self._title = title
        self._items: list[T] = []
        # The first record of each message id: a lookup by id costs the same after 100,000 sends.
        self._ids: dict[str, T] = {}
        # Brings in what is due on the clock (delayed event records) before a wait looks again.
        self._refresh: Callable[[], None] | None = None
        # The later records of a message id that has more than one (events: one per event type and
        # destination), oldest first; ``find(message_id=...)`` reads them with the first.
        self._more: dict[str, list[T]] = {}

    def _append(self, item: T) -> None:
        self._items.append(item)
        message_id = item.message_id
        if message_id is None:  # a call that sent nothing: nothing to find by id
            return
        if message_id in self._ids:
            self._more.setdefault(message_id, []).append(item)
        else:
            self._ids[message_id] = item

    def _clear(self) -> None:
        self._items.clear()
        self._ids.clear()
        self._more.clear()

    def _reindex(self) -> None:
        items = list(self._items)
        self._clear()
        for item in items:
            self._append(item)

    def _by_message_id(self, message_id: str) -> T | None:
        return self._ids.get(message_id)

    def _since(self, count: int) -> MessageLog[T]:
        """A log of the records after the first ``count`` (the HTTP door's ``?after=``)."""
        view: MessageLog[T] = MessageLog(self._kind, self._title)
        for item in self._items[count:]:
            view._append(item)
        return view

    def _replace(self, old: T, new: T) -> None:
        items = self._items
        # Newest first: the record replaced is nearly always the one just appended.
        index = next(i for i in range(len(items) - 1, -1, -1) if items[i] is old)
        items[index] = new
        message_id = old.message_id
        if message_id is None or new.message_id is None:
            if message_id != new.message_id:
                self._reindex()
            return
        records = [self._ids[message_id]]
        records += self._more.get(message_id, [])
        at = [i for i, record in enumerate(records) if record is old]
        if new.message_id != message_id or len(at) != 1:
            # Not a path of the mock's own (it keeps the id, and records an object once): the
            # index is made again from the records.
            self._reindex()
        elif at[0] == 0:
            self._ids[message_id] = new
        else:
            self._more[message_id][at[0] - 1] = new

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    @property
    def last(self) -> T:
        """The newest record; ``AssertionError`` when there is none."""
        if not self._items:
            raise AssertionError(f"No {self._title.lower()} were recorded.")
        return self._items[-1]

    def _check_fields(self, fields: dict[str, Any]) -> None:
        known = {f.name for f in dataclasses.fields(self._kind)}
        unknown = sorted(set(fields) - known)
        if unknown:
            raise TypeError(
                f"{self._kind.__name__} has no field {', '.join(unknown)}; "
                f"match on any of: {', '.join(sorted(known))}."
            )

    def find(self, **fields: Matcher) -> list[T]:
        """Every record whose named fields equal the given values (a callable value is a predicate)."""
        self._check_fields(fields)

        def matches(item: T) -> bool:
            for name, wanted in fields.items():
                actual = getattr(item, name)
                if callable(wanted):
                    if not wanted(actual):
                        return False
                elif actual != wanted:
                    return False
            return True

        return [item for item in self._candidates(fields) if matches(item)]

    def _candidates(self, fields: dict[str, Any]) -> Sequence[T]:
        """The records ``find`` checks, in log order: those of the message id when ``message_id`` is
        a string and no predicate is named before it (such a predicate is called for every record,
        as it always was); else every record."""
        for name, value in fields.items():
            if name == "message_id":
                if type(value) is not str:
                    break
                first = self._ids.get(value)
                if first is None:
                    return ()
                found = [first]
                found += self._more.get(value, [])
                return found
            if callable(value):
                break
        return self._items

    def one(self, **fields: Matcher) -> T:
        """The single record matching ``fields``; ``AssertionError`` listing what was there otherwise."""
        found = self.find(**fields)
        if len(found) == 1:
            return found[0]
        wanted = ", ".join(f"{k}={v!r}" for k, v in fields.items()) or "anything"
        problem = "No record matched" if not found else f"{len(found)} records matched"
        raise AssertionError(f"{problem} {wanted}. {self!r}")

    def wait_for(self, timeout: float = 5.0, **fields: Matcher) -> T:
        """The first record matching ``fields`` (as ``find`` matches), waiting up to ``timeout``
        seconds for code in another thread to add it; ``AssertionError`` listing what was there
        when none came. In an ``async`` test, ``await log.wait_for_async(...)``."""
        for found in self._looking(timeout, fields):
            if found is not None:
                return found
            time.sleep(_POLL_SECONDS)
        raise AssertionError("unreachable")  # pragma: no cover - _looking returns or raises

    async def wait_for_async(self, timeout: float = 5.0, **fields: Matcher) -> T:
        """``wait_for`` for asyncio: waits without blocking the event loop, so a task can send."""
        import asyncio

        for found in self._looking(timeout, fields):
            if found is not None:
                return found
            await asyncio.sleep(_POLL_SECONDS)
        raise AssertionError("unreachable")  # pragma: no cover - _looking returns or raises

    def _looking(self, timeout: float, fields: dict[str, Matcher]) -> Iterator[T | None]:
        """One look per step: the record once it is there (``None`` until then), then an
        ``AssertionError`` when ``timeout`` is over."""
        deadline = time.monotonic() + _check_timeout(timeout)
        while True:
            found = self._first(fields)
            if found is not None:
                yield found
                return
            if time.monotonic() >= deadline:
                raise self._nothing_came(fields, timeout)
            yield None

    def _first(self, fields: dict[str, Matcher]) -> T | None:
        if self._refresh is not None:
            self._refresh()
        found = self.find(**fields)
        return found[0] if found else None

    def _nothing_came(self, fields: dict[str, Matcher], timeout: float) -> AssertionError:
        wanted = ", ".join(f"{k}={v!r}" for k, v in fields.items()) or "anything"
        return AssertionError(f"No record matched {wanted} within {timeout} seconds. {self!r}")

    def _rows(self, count: int | None = None) -> list[list[Any]]:
        columns = _COLUMNS[self._kind]
        items = self._items if count is None else self._items[-count:]
        return [[getattr(item, c) for c in columns] for item in items]

    def __repr__(self) -> str:
        """A table of the newest ``REPR_ROWS`` records, titled with the count of them all."""
        return text_table(
            self._title, _COLUMNS[self._kind], self._rows(REPR_ROWS), total=len(self._items)
        )

    def _repr_html_(self) -> str:
        return html_table(
            self._title, _COLUMNS[self._kind], self._rows(REPR_ROWS), total=len(self._items)
        )
