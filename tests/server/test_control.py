"""The control API under /_smsvoice/: the in-process handle's inspection and driving, over HTTP."""

from __future__ import annotations

import time
import urllib.request
from typing import Any

import pytest

from tests.helpers import error_of, request_number
from tests.server.conftest import FAILURE, SUCCESS, control


def send(client: Any, number: dict[str, Any], destination: str = SUCCESS, body: str = "Hi") -> str:
    out = client.send_text_message(
        DestinationPhoneNumber=destination,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody=body,
    )
    return str(out["MessageId"])


def test_sent_messages_filter_by_destination_and_origination(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """``GET sent-messages`` lists ``sms.sent_messages``; ``destination`` and ``origination`` filter it."""
    first = send(client, number, SUCCESS, "one")
    second = send(client, number, FAILURE, "two")
    status, body = control(server, "GET", "sent-messages")
    assert status == 200
    assert [m["message_id"] for m in body["SentMessages"]] == [first, second]
    _, body = control(server, "GET", "sent-messages?destination=%2B14254147167")
    assert [m["message_body"] for m in body["SentMessages"]] == ["two"]
    _, body = control(
        server, "GET", f"sent-messages?origination={number['PhoneNumber']}".replace("+", "%2B")
    )
    assert len(body["SentMessages"]) == 2
    _, body = control(server, "GET", "sent-messages?origination=%2B10000000000")
    assert body["SentMessages"] == []
    _, body = control(server, "GET", "sent-messages?parts=1&channel=SMS")
    assert len(body["SentMessages"]) == 2


def test_unknown_filter_field_is_refused(server: str) -> None:
    """A filter that names no field of the record is refused with the record's field names."""
    status, body = control(server, "GET", "sent-messages?colour=red")
    assert status == 400
    assert body["__type"] == "InvalidControlRequest"
    assert "destination_phone_number" in body["Message"]


def test_inbound_stop_opts_out_and_the_next_send_is_refused(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """``POST inbound`` is ``sms.simulate_inbound``: STOP adds the sender to the opt-out list, so the
    next send to it is refused with ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    status, inbound = control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "STOP",
        },
    )
    assert status == 200
    assert (inbound["keyword"], inbound["action"], inbound["opted_out"]) == (
        "STOP",
        "OPT_OUT",
        True,
    )
    with pytest.raises(client.exceptions.ConflictException) as exc_info:
        send(client, number)
    assert error_of(exc_info)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
    _, body = control(server, "GET", "inbound-messages?origination=%2B14254147755")
    assert [m["message_body"] for m in body["InboundMessages"]] == ["STOP"]
    _, body = control(server, "GET", "inbound-messages?destination=%2B10000000000")
    assert body["InboundMessages"] == []


def test_inbound_keyword_reply_is_recorded(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """An inbound keyword with AUTOMATIC_RESPONSE is answered; the reply is a sent message."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="HOURS", KeywordMessage="9-5"
    )
    _, inbound = control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "hours",
        },
    )
    assert inbound["response"]["message_body"] == "9-5"
    _, body = control(server, "GET", "sent-messages?source=KEYWORD_RESPONSE")
    assert [m["message_body"] for m in body["SentMessages"]] == ["9-5"]


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (
            {
                "destination_number": "+12065550100",
                "origination_number": SUCCESS,
                "message_body": "HI",
            },
            "+12065550100",
        ),
        ({"destination_number": "+12065550100"}, "origination_number"),
        ({"to": "+12065550100"}, "to"),
    ],
    ids=["not-a-number-of-the-account", "missing-argument", "unknown-argument"],
)
def test_inbound_misuse_is_explained(server: str, payload: dict[str, Any], words: str) -> None:
    """Misuse of ``POST inbound`` is a 400 whose message says what to do (the handle's own sentence)."""
    status, body = control(server, "POST", "inbound", payload)
    assert status == 400
    assert words in body["Message"]


def test_events_filter_by_numbers(server: str, client: Any, number: dict[str, Any]) -> None:
    """``GET events`` lists ``sms.events``; ``destination`` and ``origination`` match the record's numbers."""
    client.create_configuration_set(ConfigurationSetName="cs")
    client.create_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="topic",
        MatchingEventTypes=["ALL"],
        SnsDestination={"TopicArn": "arn:aws:sns:us-east-1:123456789012:events"},
    )
    for destination in (SUCCESS, FAILURE):
        client.send_text_message(
            DestinationPhoneNumber=destination,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Hi",
            ConfigurationSetName="cs",
        )
    _, everything = control(server, "GET", "events")
    _, success = control(server, "GET", "events?destination=%2B14254147755")
    _, both = control(
        server,
        "GET",
        "events?destination=%2B14254147167&origination="
        + number["PhoneNumber"].replace("+", "%2B"),
    )
    _, typed = control(
        server, "GET", "events?destination=%2B14254147755&event_destination_name=topic"
    )
    assert success["Events"]
    assert len(success["Events"]) + len(both["Events"]) == len(everything["Events"])
    assert {e["record"]["destinationPhoneNumber"] for e in both["Events"]} == {FAILURE}
    assert typed["Events"] == success["Events"]


def test_fault_injection(server: str, client: Any) -> None:
    """``POST faults`` is ``sms.add_fault``: the named error answers the operation ``times`` times,
    with its modeled members reaching the client."""
    status, fault = control(
        server,
        "POST",
        "faults",
        {
            "error": "ConflictException",
            "message": "Injected.",
            "reason": "RESOURCE_NOT_ACTIVE",
            "resource_type": "pool",
            "operation": "DescribePools",
            "times": 1,
        },
    )
    assert status == 200
    assert fault["error"]["__type"] == "ConflictException"
    with pytest.raises(client.exceptions.ConflictException) as exc_info:
        client.describe_pools()
    assert error_of(exc_info) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_NOT_ACTIVE",
        "ResourceType": "pool",
    }
    assert client.describe_pools()["Pools"] == []
    _, listed = control(server, "GET", "faults")
    assert listed["Faults"][0]["times"] == 0


def test_fault_every_and_match(server: str, client: Any, number: dict[str, Any]) -> None:
    """A fault can fire on every Nth call and only for calls whose parameters include ``match``."""
    control(
        server,
        "POST",
        "faults",
        {
            "error": "ThrottlingException",
            "operation": "PutKeyword",
            "every": 2,
            "match": {"Keyword": "A"},
        },
    )
    put = {"OriginationIdentity": number["PhoneNumberId"], "KeywordMessage": "m"}
    client.put_keyword(Keyword="A", **put)
    client.put_keyword(Keyword="B", **put)
    client.put_keyword(Keyword="B", **put)
    with pytest.raises(client.exceptions.ThrottlingException):
        client.put_keyword(Keyword="A", **put)
    assert control(server, "DELETE", "faults") == (200, {})
    client.put_keyword(Keyword="A", **put)


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"error": "KaboomException"}, "ThrottlingException"),
        ({"error": "ThrottlingException", "reason": "X"}, "reason"),
        ({"error": "ThrottlingException", "operation": "SendTextMesage"}, "SendTextMesage"),
        ({"error": "ThrottlingException", "match": [1]}, "match"),
    ],
    ids=["unknown-error", "member-the-error-lacks", "unknown-operation", "match-not-an-object"],
)
def test_fault_misuse_is_explained(server: str, payload: dict[str, Any], words: str) -> None:
    """A fault the handle would refuse is a 400 naming the problem."""
    status, body = control(server, "POST", "faults", payload)
    assert status == 400
    assert words in body["Message"]


def test_advance_the_clock(server: str, client: Any) -> None:
    """``POST clock/advance`` is ``sms.clock.advance``: resource timestamps move with it."""
    _, before = control(server, "GET", "clock")
    status, after = control(server, "POST", "clock/advance", {"days": 31})
    assert status == 200
    assert after["offset_seconds"] - before["offset_seconds"] == 31 * 86400
    number = request_number(client)
    assert number["CreatedTimestamp"].timestamp() - 31 * 86400 == pytest.approx(
        time.time(), abs=120
    )
    status, body = control(server, "POST", "clock/advance", {"fortnights": 1})
    assert status == 400
    assert "fortnights" in body["Message"]


def test_reset(server: str, client: Any, number: dict[str, Any]) -> None:
    """``POST reset`` is ``sms.reset``: every resource, record and fault is dropped."""
    send(client, number)
    control(
        server, "POST", "faults", {"error": "ThrottlingException", "operation": "DescribePools"}
    )
    assert control(server, "POST", "reset") == (200, {})
    assert client.describe_phone_numbers()["PhoneNumbers"] == []
    assert control(server, "GET", "sent-messages")[1] == {"SentMessages": [], "Cursor": "0"}
    assert control(server, "GET", "faults")[1] == {"Faults": []}


def test_health_and_unknown_endpoints(server: str) -> None:
    """``GET health`` answers while the server runs; an unknown endpoint is a 404 listing the endpoints."""
    assert control(server, "GET", "health")[1]["status"] == "running"
    status, body = control(server, "GET", "snapshots")
    assert status == 404
    assert "GET /_smsvoice/sent-messages" in body["Message"]
    status, body = control(server, "POST", "reset/")
    assert status == 200


def test_control_body_must_be_a_json_object(server: str) -> None:
    """A control request body that is not a JSON object is a 400 saying so."""
    for data in (b"{", b"[1]"):
        request = urllib.request.Request(
            f"{server}/_smsvoice/inbound",
            data=data,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as exc_info:
            urllib.request.urlopen(request, timeout=10)
        assert exc_info.value.code == 400
        exc_info.value.close()


SEED = {
    "phone_numbers": [
        {
            "PhoneNumberId": "phone-0123456789abcdef0123456789abcdef",
            "PhoneNumber": "+12065550100",
            "MessageType": "TRANSACTIONAL",
            "NumberCapabilities": ["SMS"],
            "NumberType": "LONG_CODE",
        }
    ],
    "configuration_sets": [{"ConfigurationSetName": "prod-sms"}],
}


def test_seed_and_snapshot_over_http(server: str, client: Any) -> None:
    """POST /_smsvoice/seed is ``sms.seed()`` and GET /_smsvoice/snapshot is ``sms.snapshot()``: the
    same format as the in-process handle, and the service answers with the seeded ids."""
    status, after_seed = control(server, "POST", "seed", SEED)
    assert status == 200
    (number,) = client.describe_phone_numbers()["PhoneNumbers"]
    assert (number["PhoneNumberId"], number["PhoneNumber"]) == (
        "phone-0123456789abcdef0123456789abcdef",
        "+12065550100",
    )
    status, snapshot = control(server, "GET", "snapshot")
    # The Describe call joined the call log (``calls``); the resources are as the seed left them.
    assert [c["operation"] for c in snapshot.pop("calls")] == ["DescribePhoneNumbers"]
    assert (status, snapshot) == (200, after_seed)
    assert after_seed["configuration_sets"][0]["ConfigurationSetName"] == "prod-sms"


def test_a_bad_seed_is_explained_and_changes_nothing(server: str, client: Any) -> None:
    """A seed that breaks a rule answers 400 with the entry named, and adds nothing."""
    bad = {"phone_numbers": [{**SEED["phone_numbers"][0], "NumberType": "FAX"}]}
    status, body = control(server, "POST", "seed", bad)
    assert status == 400
    assert 'seed["phone_numbers"][0]' in body["Message"]
    assert client.describe_phone_numbers()["PhoneNumbers"] == []
