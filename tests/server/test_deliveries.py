"""Delivery outcomes over HTTP (issue 15): the control API's deliveries endpoints call
``sms.add_delivery`` / ``sms.deliver_next``, and the log endpoints long-poll (``?wait=`` with the
``Cursor`` of an earlier answer, so an old record is never returned)."""

from __future__ import annotations

import threading
import time
from typing import Any
from urllib.parse import quote

import pytest

from tests.server.conftest import SUCCESS, control, server_client, sns_events


def _send(client: Any, number: dict[str, Any], body: str = "hi") -> str:
    out = client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody=body,
        ConfigurationSetName="cs",
    )
    return str(out["MessageId"])


def test_deliver_next_over_http(server: str, client: Any, number: dict[str, Any]) -> None:
    """POST /_smsvoice/deliveries/next is ``sms.deliver_next``: the next text to that number ends
    in TEXT_SPAM, its records say so, and the rule is listed (and cleared) like a fault."""
    sns_events(client, "cs", "sns")
    status, rule = control(
        server, "POST", "deliveries/next", {"event_type": "TEXT_SPAM", "to": SUCCESS}
    )
    assert status == 200
    assert (rule["event_type"], rule["channel"], rule["to"], rule["times"]) == (
        "TEXT_SPAM",
        "SMS",
        SUCCESS,
        1,
    )
    message_id = _send(client, number)
    _, sent = control(server, "GET", f"sent-messages?message_id={message_id}")
    assert [m["status"] for m in sent["SentMessages"]] == ["SPAM"]
    _, events = control(server, "GET", f"events?message_id={message_id}")
    assert [e["event_type"] for e in events["Events"]] == ["TEXT_PENDING", "TEXT_SPAM"]
    assert events["Events"][-1]["record"]["messageStatus"] == "SPAM"
    assert control(server, "GET", "deliveries")[1]["Deliveries"][0]["times"] == 0
    assert control(server, "DELETE", "deliveries") == (200, {})
    status, listed = control(server, "GET", "deliveries")
    assert (status, listed["Deliveries"]) == (200, [])
    assert "TEXT_SPAM" in listed["EventTypes"]["SMS"]  # what the inbox offers


def test_a_delayed_delivery_over_http_moves_with_the_clock(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """POST /_smsvoice/deliveries with ``delay_seconds`` and ``match``: the final record arrives when
    POST /_smsvoice/clock/advance passes the delay."""
    sns_events(client, "cs", "sns")
    status, rule = control(
        server,
        "POST",
        "deliveries",
        {"event_type": "TEXT_DELIVERED", "delay_seconds": 600, "match": {"MessageBody": "later"}},
    )
    assert (status, rule["match"], rule["times"]) == (200, {"MessageBody": "later"}, None)
    message_id = _send(client, number, "later")
    _, events = control(server, "GET", f"events?message_id={message_id}")
    assert [e["event_type"] for e in events["Events"]] == ["TEXT_SUCCESSFUL"]
    control(server, "POST", "clock/advance", {"minutes": 10})
    _, events = control(server, "GET", f"events?message_id={message_id}")
    assert [e["event_type"] for e in events["Events"]] == ["TEXT_SUCCESSFUL", "TEXT_DELIVERED"]


@pytest.mark.parametrize(
    ("path", "body", "words"),
    [
        ("deliveries/next", {"event_type": "TEXT_SENT"}, "is not a final event type"),
        ("deliveries/next", {}, "lacks the member 'event_type'"),
        ("deliveries", {"event_type": "TEXT_SPAM", "delay": 3}, "unknown member 'delay'"),
        ("deliveries", {"event_type": "TEXT_SPAM", "when": "x"}, "'when' is 'match'"),
        ("deliveries", {"event_type": "TEXT_SPAM", "match": [1]}, "'match' must be an object"),
        (
            "deliveries",
            {"event_type": "VOICE_BUSY", "channel": "SMS"},
            "not a final SMS event type",
        ),
    ],
)
def test_delivery_misuse_is_explained(
    server: str, path: str, body: dict[str, Any], words: str
) -> None:
    """Every wrong body is a 400 whose message names the member and what it must be."""
    status, answer = control(server, "POST", path, body)
    assert status == 400
    assert words in answer["Message"]


def test_a_long_poll_returns_the_new_code_never_the_old(
    server: str, number: dict[str, Any]
) -> None:
    """GET /_smsvoice/sent-messages?after=CURSOR&wait=SECONDS answers as soon as a matching record
    after the cursor exists (sent from another thread here), not the older one."""
    client = server_client(server)
    sns_events(client, "cs", "sns")
    _send(client, number, "Your code is 111111")
    _, first = control(server, "GET", "sent-messages")
    cursor = first["Cursor"]
    assert cursor == "1"

    def send_later() -> None:
        time.sleep(0.3)
        _send(server_client(server), number, "Your code is 222222")

    worker = threading.Thread(target=send_later)
    worker.start()
    started = time.monotonic()
    status, answer = control(
        server, "GET", f"sent-messages?destination={quote(SUCCESS)}&after={cursor}&wait=10"
    )
    elapsed = time.monotonic() - started
    worker.join()
    assert status == 200
    assert [m["message_body"] for m in answer["SentMessages"]] == ["Your code is 222222"]
    assert answer["Cursor"] == "2"
    assert 0.2 < elapsed < 5


def test_a_long_poll_that_times_out_answers_empty(server: str) -> None:
    """A wait with nothing new answers an empty list (with the same cursor) when it is over; a
    wait outside 0 to 25 seconds is a 400."""
    started = time.monotonic()
    assert control(server, "GET", "events?after=0&wait=0.2") == (200, {"Events": [], "Cursor": "0"})
    assert time.monotonic() - started >= 0.2
    for bad in ("-1", "nan", "26", "soon"):
        status, answer = control(server, "GET", f"inbound-messages?wait={bad}")
        assert status == 400
        assert "'wait' is a number of seconds from 0 to 25" in answer["Message"]
    status, answer = control(server, "GET", "sent-messages?after=x")
    assert (status, "'after' is a record count" in answer["Message"]) == (400, True)
