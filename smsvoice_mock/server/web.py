"""The web inbox: the page's static files, and the JSON it reads through the control API.

The page (``ui/index.html``, ``ui/inbox.css``, ``ui/inbox.js``: no build step, nothing fetched from
the internet) is served at ``/_smsvoice/ui`` and, to a browser, at ``/``. It polls
``GET /_smsvoice/conversations?after=CURSOR`` and ``GET /_smsvoice/calls?refused=true&after=CURSOR``
once a second, reads ``GET /_smsvoice/resources`` and a message's ``GET /_smsvoice/events``, and
drives the emulator with the control API's own endpoints (``POST /_smsvoice/inbound``,
``POST /_smsvoice/clock/advance``, ``POST /_smsvoice/reset``): a door onto the same engine.

- A conversation is everything exchanged with one end-user number: the messages sent to it
  (``sms.sent_messages``, keyword responses included) and the texts it sent
  (``sms.inbound_messages``), oldest first, each sent message with the events it produced
  (``sms.events``).
- A reply goes to the number the conversation's last sent message came from. When that was not one
  of the account's phone numbers (a sender ID, an RCS agent), it goes to the number the service picks
  for a send with no ``OriginationIdentity`` (``sending.resolve_origin``), else to the account's first
  phone number; a conversation that only received texts is answered where its last text went.
"""

from __future__ import annotations

from dataclasses import fields
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from smsvoice_mock.errors import ServiceError
from smsvoice_mock.inbox import InboundMessage, SentMessage
from smsvoice_mock.models import sending

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.inbox import MessageEvent
    from smsvoice_mock.server._http import Answer

UI_PATH = "/_smsvoice/ui"

# path -> (file in ui/, content type); the whole of the page, looked up in one dictionary.
_ASSETS = {
    UI_PATH: ("index.html", "text/html; charset=utf-8"),
    f"{UI_PATH}/inbox.css": ("inbox.css", "text/css; charset=utf-8"),
    f"{UI_PATH}/inbox.js": ("inbox.js", "text/javascript; charset=utf-8"),
}
# The page runs its own script and style only: no inline script, nothing from elsewhere.
_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
}


def asset(path: str) -> Answer | None:
    """The static file served at ``path`` (``None`` when there is none)."""
    found = _ASSETS.get(path.rstrip("/"))
    if found is None:
        return None
    name, content_type = found
    body = files("smsvoice_mock.server").joinpath("ui").joinpath(name).read_bytes()
    return 200, {**_HEADERS, "Content-Type": content_type}, body


def wants_page(accept: str | None) -> bool:
    """Whether a ``GET /`` comes from a browser (it asks for HTML), not from curl or a script."""
    return accept is not None and "text/html" in accept


# -- conversations --------------------------------------------------------------------------------


def cursor(state: MockState) -> str:
    """An opaque token that changes whenever the conversations may have: the logs' lengths and newest
    records, the clock's offset, the feedback statuses (PutMessageFeedback changes earlier records)
    and the opted-out numbers. Cheap: nothing is copied or serialized; valid while the server runs."""
    sent = state.sent_messages
    parts = (
        state.clock.offset,
        *(
            (len(log), log[-1].message_id if len(log) else None)
            for log in (sent, state.inbound_messages, state.events)
        ),
        tuple(m.message_feedback_status for m in sent if m.message_feedback_enabled),
        tuple(
            (name, tuple(found.numbers))
            for backend in state.backends.values()
            for name, found in backend.opt_out_lists.items()
        ),
    )
    return f"{hash(parts) & 0xFFFFFFFFFFFFFFFF:016x}"


def _event(event: MessageEvent) -> dict[str, Any]:
    return {
        "event_type": event.event_type,
        "status": event.record.get("messageStatus"),
        "is_final": event.is_final,
        "configuration_set_name": event.configuration_set_name,
        "event_destination_name": event.event_destination_name,
        "destination_type": event.destination_type,
        "timestamp": event.timestamp,
    }


_NAMES = {kind: tuple(f.name for f in fields(kind)) for kind in (SentMessage, InboundMessage)}


def _shallow(item: SentMessage | InboundMessage) -> dict[str, Any]:
    """A record's fields, not copied (``dataclasses.asdict`` deep-copies, 7 times slower)."""
    return {name: getattr(item, name) for name in _NAMES[type(item)]}


def _sent(message: SentMessage, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"direction": "outbound", "at": message.sent_at, **_shallow(message), "events": events}


def _inbound(message: InboundMessage) -> dict[str, Any]:
    item = _shallow(message)
    response = item.pop("response")
    return {
        "direction": "inbound",
        "at": message.received_at,
        **item,
        "response_message_id": response.message_id if response is not None else None,
    }


def _reply_number(backend: Backend | None, message: SentMessage) -> str | None:
    """The account's number that receives the end user's reply to ``message`` (see the module)."""
    if backend is None or not backend.phone_numbers:
        return None
    numbers = [p.phone_number for p in backend.phone_numbers.values()]
    if message.origination_identity in numbers:
        return message.origination_identity
    try:
        origin = sending.resolve_origin(backend, None, "SMS", message.destination_phone_number)
    except ServiceError:
        origin = None
    return origin.phone.phone_number if origin is not None and origin.phone else numbers[0]


def _reply(state: MockState, thread: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    sent = [m for _, kind, _, m in thread if kind == 1]
    if sent:
        last = sent[-1]
        number = _reply_number(state.backends.get((last.account_id, last.region)), last)
    else:
        last = thread[-1][3]
        number = last.destination_number
    if number is None:
        return None
    return {"destination_number": number, "account_id": last.account_id, "region": last.region}


def _opted_out(state: MockState, number: str) -> list[str]:
    """The opt-out lists (``account/region/name``) the end-user number is on."""
    return [
        f"{account}/{region}/{name}"
        for (account, region), backend in sorted(state.backends.items())
        for name, found in backend.opt_out_lists.items()
        if found.contains(number)
    ]


def conversations(state: MockState) -> list[dict[str, Any]]:
    """Every end-user number's thread, the most recently active first (see the module)."""
    events: dict[str, list[dict[str, Any]]] = {}
    for event in state.events:
        events.setdefault(event.message_id, []).append(_event(event))
    # A keyword response sorts right after the inbound text that caused it (it is recorded first).
    caused_by = {
        inbound.response.message_id: inbound.received_at
        for inbound in state.inbound_messages
        if inbound.response is not None
    }
    threads: dict[str, list[tuple[Any, ...]]] = {}
    # (time, 0 for an inbound text and 1 for a sent message, log order, record)
    for index, sent in enumerate(state.sent_messages):
        at = caused_by.get(sent.message_id, sent.sent_at)
        threads.setdefault(sent.destination_phone_number, []).append((at, 1, index, sent))
    for index, inbound in enumerate(state.inbound_messages):
        threads.setdefault(inbound.origination_number, []).append(
            (inbound.received_at, 0, index, inbound)
        )
    answer = []
    for number, thread in threads.items():
        thread.sort(key=lambda item: item[:3])
        answer.append(
            {
                "number": number,
                "last_at": thread[-1][3].sent_at if thread[-1][1] else thread[-1][0],
                "messages": [
                    _sent(m, events.get(m.message_id, [])) if kind else _inbound(m)
                    for _, kind, _, m in thread
                ],
                "reply": _reply(state, thread),
                "opted_out": _opted_out(state, number),
            }
        )
    answer.sort(key=lambda c: c["last_at"], reverse=True)
    return answer


# -- resources ------------------------------------------------------------------------------------


def _keywords(keyword_set: Any) -> list[dict[str, Any]]:
    return [k.to_api() for k in keyword_set.items.values()]


def resources(state: MockState) -> list[dict[str, Any]]:
    """Each (account, region)'s resources in the service's own output shapes (``to_api``)."""
    return [
        {
            "account_id": account,
            "region": region,
            "phone_numbers": [
                {**p.to_api(), "Keywords": _keywords(p.keywords)}
                for p in backend.phone_numbers.values()
            ],
            "sender_ids": [s.to_api() for s in backend.sender_ids.values()],
            "pools": [
                {
                    **p.to_api(),
                    "Keywords": _keywords(p.keywords),
                    "Members": list(p.members),
                }
                for p in backend.pools.values()
            ],
            "opt_out_lists": [
                {**o.to_api(), "OptedOutNumbers": [n.to_api() for n in o.numbers.values()]}
                for o in backend.opt_out_lists.values()
            ],
            "configuration_sets": [c.to_api() for c in backend.configuration_sets.values()],
        }
        for (account, region), backend in sorted(state.backends.items())
    ]
