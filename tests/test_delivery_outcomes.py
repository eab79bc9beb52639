"""Delivery outcomes (issue 15): every final event type of the model can be produced, with the
records before it, its messageStatus and description, its price; on the mock's clock with delays
and TimeToLive; by rules of the same kind as faults (``sms.deliver_next``, ``sms.add_delivery``)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from decimal import Decimal
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock.models.events import DESCRIPTIONS, final_event_types
from tests.helpers import make_client, moto_topic_with_queue, request_number

SUCCESS = "+14254147755"
FAILURE = "+14254147167"
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-events"

# The final event types the issue lists from the model's EventType enum (botocore's service model).
TEXT_FINALS = [
    "TEXT_DELIVERED", "TEXT_INVALID", "TEXT_INVALID_MESSAGE", "TEXT_UNREACHABLE",
    "TEXT_CARRIER_UNREACHABLE", "TEXT_BLOCKED", "TEXT_CARRIER_BLOCKED", "TEXT_SPAM", "TEXT_UNKNOWN",
    "TEXT_TTL_EXPIRED", "TEXT_PROTECT_BLOCKED",
]  # fmt: skip
VOICE_FINALS = [
    "VOICE_COMPLETED",
    "VOICE_BUSY",
    "VOICE_NO_ANSWER",
    "VOICE_FAILED",
    "VOICE_TTL_EXPIRED",
]
MEDIA_FINALS = [t.replace("TEXT_", "MEDIA_") for t in TEXT_FINALS if t != "TEXT_PROTECT_BLOCKED"] + [
    "MEDIA_FILE_INACCESSIBLE", "MEDIA_FILE_TYPE_UNSUPPORTED", "MEDIA_FILE_SIZE_EXCEEDED",
]  # fmt: skip

# The records before each final status (the mock's documented choice, docs/inspecting.md).
BEFORE = {
    "DELIVERED": ["SUCCESSFUL"],
    "CARRIER_UNREACHABLE": ["SUCCESSFUL"],
    "UNREACHABLE": ["PENDING"],
    "BLOCKED": ["PENDING"],
    "CARRIER_BLOCKED": ["PENDING"],
    "SPAM": ["PENDING"],
    "UNKNOWN": ["PENDING"],
    "TTL_EXPIRED": ["QUEUED"],
    "COMPLETED": ["INITIATED", "RINGING", "ANSWERED"],
    "NO_ANSWER": ["INITIATED", "RINGING"],
    "BUSY": ["INITIATED"],
    "FAILED": ["INITIATED"],
}
# Outcomes decided before a carrier took the message, or calls nobody answered: no charge.
FREE = {
    "INVALID", "INVALID_MESSAGE", "PROTECT_BLOCKED", "TTL_EXPIRED", "FILE_INACCESSIBLE",
    "FILE_TYPE_UNSUPPORTED", "FILE_SIZE_EXCEEDED", "BUSY", "NO_ANSWER",
}  # fmt: skip

# Members of the user guide's event examples every record carries (SMS and voice examples).
COMMON_KEYS = {
    "eventType", "eventVersion", "eventTimestamp", "isFinal", "originationPhoneNumber",
    "destinationPhoneNumber", "isInternationalSend", "messageId", "messageRequestTimestamp",
    "messageType", "messageStatus", "messageStatusDescription", "totalMessagePrice",
    "totalCarrierFee",
}  # fmt: skip


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client, NumberCapabilities=["SMS", "VOICE", "MMS"])


@pytest.fixture
def config_set(client: Any) -> str:
    client.create_configuration_set(ConfigurationSetName="cs")
    client.create_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="sns",
        MatchingEventTypes=["ALL"],
        SnsDestination={"TopicArn": TOPIC},
    )
    return "cs"


def _send(client: Any, channel: str, number: dict[str, Any], **extra: Any) -> str:
    common = {
        "DestinationPhoneNumber": SUCCESS,
        "OriginationIdentity": number["PhoneNumberId"],
        "ConfigurationSetName": "cs",
        **extra,
    }
    if channel == "SMS":
        out = client.send_text_message(MessageBody="Your code is 123456", **common)
    elif channel == "VOICE":
        out = client.send_voice_message(MessageBody="Your code is 1 2 3", **common)
    else:
        out = client.send_media_message(MediaUrls=["s3://bucket/a.png"], **common)
    return str(out["MessageId"])


def test_the_producible_types_are_the_models_final_types() -> None:
    """Every final text, voice and media event type of the model's EventType enum is producible."""
    finals = final_event_types()
    assert list(finals["SMS"]) == TEXT_FINALS
    assert list(finals["VOICE"]) == VOICE_FINALS
    assert list(finals["MMS"]) == MEDIA_FINALS


@pytest.mark.parametrize(
    ("channel", "event_type"),
    [("SMS", t) for t in TEXT_FINALS] + [("VOICE", t) for t in VOICE_FINALS] + [("MMS", t) for t in MEDIA_FINALS],
)  # fmt: skip
def test_every_final_event_type(
    client: Any,
    sms: SmsVoiceMock,
    number: dict[str, Any],
    config_set: str,
    channel: str,
    event_type: str,
) -> None:
    """``sms.deliver_next(event_type)``: the destination receives the records before the final one
    (isFinal false) and then ``event_type`` (isFinal true), each with the guide's members,
    messageStatus the type's suffix and its description; ``SentMessage.status`` is the final
    status; an outcome no carrier took is not charged (price 0, no spend)."""
    sms.deliver_next(event_type)
    message_id = _send(client, channel, number)
    prefix, _, status = event_type.partition("_")
    records = [e.record for e in sms.events.find(destination_arn=TOPIC)]
    assert [r["eventType"] for r in records] == [
        *(f"{prefix}_{s}" for s in BEFORE.get(status, []) if (channel, s) != ("VOICE", "QUEUED")),
        event_type,
    ]
    assert [r["isFinal"] for r in records] == [False] * (len(records) - 1) + [True]
    for before in records[:-1]:
        assert set(before) >= COMMON_KEYS
        assert before["messageStatusDescription"] == DESCRIPTIONS[before["messageStatus"]]
    final = records[-1]
    assert set(final) >= COMMON_KEYS
    assert json.loads(json.dumps(final)) == final
    assert (final["messageId"], final["messageStatus"]) == (message_id, status)
    assert final["messageStatusDescription"] == DESCRIPTIONS[status] or (channel, status) == (
        "RCS",
        "FAILED",
    )
    timestamps = [r["eventTimestamp"] for r in records]
    assert timestamps == sorted(timestamps)
    sent = sms.sent_messages.one(message_id=message_id)
    assert sent.status == status
    charged = status not in FREE and not (channel == "VOICE" and status == "FAILED")
    assert (Decimal(sent.price) > 0) is charged
    assert (final["totalMessagePrice"] > 0) is charged
    assert (sum(sms.backend().spend.values(), Decimal(0)) > 0) is charged
    if channel == "VOICE":
        assert (final["totalDurationSeconds"] > 0) is (status == "COMPLETED")
    # The next message is delivered again: deliver_next's rule applied once.
    _send(client, channel, number)
    assert sms.sent_messages.last.status in ("DELIVERED", "COMPLETED")


def test_the_default_outcomes(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """Without a rule: the success simulator number is delivered, the failure one
    TEXT_CARRIER_UNREACHABLE (charged), and a number CarrierLookup calls INVALID ends in
    TEXT_INVALID without a charge (the guide: "occurs when the destination phone number isn't
    valid"), from a number that may send to it."""
    _send(client, "SMS", number)
    _send(client, "SMS", number, DestinationPhoneNumber=FAILURE)
    assert [m.status for m in sms.sent_messages] == ["DELIVERED", "CARRIER_UNREACHABLE"]
    assert client.carrier_lookup(PhoneNumber="+100000000")["PhoneNumberType"] == "INVALID"
    long_code = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="LONG_CODE",
    )
    out = client.send_text_message(
        DestinationPhoneNumber="+100000000",
        OriginationIdentity=long_code["PhoneNumberId"],
        MessageBody="x",
        ConfigurationSetName="cs",
    )
    invalid = sms.sent_messages.one(message_id=out["MessageId"])
    assert (invalid.status, Decimal(invalid.price)) == ("INVALID", 0)
    assert [e.event_type for e in sms.events.find(message_id=out["MessageId"])] == ["TEXT_INVALID"]


# The user guide's SMS event example ("Example AWS End User Messaging SMS event data").
GUIDE_SMS_EVENT_EXAMPLE = {
    "eventType": "TEXT_SUCCESSFUL",
    "eventVersion": "1.0",
    "eventTimestamp": 1686975103470,
    "isFinal": True,
    "originationPhoneNumber": "+12065550152",
    "destinationPhoneNumber": "+14255550156",
    "isInternationalSend": False,
    "mcc": "310",
    "mnc": "800",
    "messageId": "862a8790-60c0-4430-9b2b-658bdexample",
    "messageRequestTimestamp": 1686975103170,
    "messageEncoding": "GSM",
    "messageType": "PROMOTIONAL",
    "messageStatus": "SUCCESSFUL",
    "messageStatusDescription": "Message has been accepted by phone carrier",
    "context": {"account": "bar"},
    "totalMessageParts": 1,
    "totalMessagePrice": 0.09582,
    "totalCarrierFee": 0.0,
}


# One text outcome for each intermediate status: SUCCESSFUL, PENDING, QUEUED.
@pytest.mark.parametrize("event_type", ["TEXT_DELIVERED", "TEXT_SPAM", "TEXT_TTL_EXPIRED"])
def test_the_records_before_the_final_one_follow_the_guides_example(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str, event_type: str
) -> None:
    """Each text record before the final one has the guide's SMS event example's members and types, eventVersion "1.0", isFinal false and the message's own ids, timestamps, encoding, parts and price."""
    sms.deliver_next(event_type)
    message_id = _send(client, "SMS", number, Context={"account": "bar"})
    *before, final = [e.record for e in sms.events.find(destination_arn=TOPIC)]
    assert before
    same = [
        "originationPhoneNumber", "destinationPhoneNumber", "isInternationalSend", "messageId",
        "messageRequestTimestamp", "messageEncoding", "messageType", "context", "totalMessageParts",
        "totalMessagePrice", "totalCarrierFee",
    ]  # fmt: skip
    for record in before:
        assert set(record) >= set(GUIDE_SMS_EVENT_EXAMPLE)
        assert {k: type(record[k]) for k in GUIDE_SMS_EVENT_EXAMPLE} == {
            k: type(v) for k, v in GUIDE_SMS_EVENT_EXAMPLE.items()
        }
        assert (record["eventVersion"], record["isFinal"], record["messageId"]) == (
            "1.0",
            False,
            message_id,
        )
        status = record["messageStatus"]
        assert record["eventType"] == f"TEXT_{status}"
        assert record["messageStatusDescription"] == DESCRIPTIONS[status]
        assert {k: record[k] for k in same} == {k: final[k] for k in same}
        assert record["context"] == {"account": "bar"}
        assert (
            record["messageRequestTimestamp"] < record["eventTimestamp"] < final["eventTimestamp"]
        )


def test_status_descriptions_are_the_guides_words(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """TEXT_SUCCESSFUL says "Message has been accepted by phone carrier" (the guide's SMS event example) and TEXT_DELIVERED "Message has been accepted by phone" (its EventBridge delivered-SMS example)."""
    _send(client, "SMS", number)
    records = [e.record for e in sms.events.find(destination_arn=TOPIC)]
    assert [
        (r["eventType"], r["messageStatus"], r["messageStatusDescription"]) for r in records
    ] == [
        ("TEXT_SUCCESSFUL", "SUCCESSFUL", "Message has been accepted by phone carrier"),
        ("TEXT_DELIVERED", "DELIVERED", "Message has been accepted by phone"),
    ]


def test_a_delay_holds_the_final_record_on_the_clock(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``delay_seconds``: the records before the final one arrive at once; the final one arrives
    when ``sms.clock`` passes the delay (not a moment before), timestamped at the delay."""
    sms.add_delivery("TEXT_DELIVERED", delay_seconds=120, times=1)
    message_id = _send(client, "SMS", number)
    sent = sms.sent_messages.last
    assert sent.final_at is not None
    assert (sent.final_at - sent.sent_at).total_seconds() == 120
    assert [e.event_type for e in sms.events] == ["TEXT_SUCCESSFUL"]
    sms.clock.advance(seconds=119)
    assert [e.event_type for e in sms.events] == ["TEXT_SUCCESSFUL"]
    sms.clock.advance(seconds=1)
    final = sms.events.last
    assert (final.event_type, final.is_final, final.message_id) == (
        "TEXT_DELIVERED",
        True,
        message_id,
    )
    assert final.record["eventTimestamp"] - final.record["messageRequestTimestamp"] == 120_000


@pytest.mark.parametrize(
    ("ttl", "delay", "status", "final_after"),
    [(300, 300, "DELIVERED", 300), (300, 301, "TTL_EXPIRED", 300), (5, 3600, "TTL_EXPIRED", 5)],
    ids=["delay-equals-ttl", "one-second-over", "shortest-ttl"],
)
def test_a_delay_past_the_time_to_live_expires(
    client: Any,
    sms: SmsVoiceMock,
    number: dict[str, Any],
    config_set: str,
    ttl: int,
    delay: int,
    status: str,
    final_after: int,
) -> None:
    """TimeToLive: "If the messages isn't handed off before the TTL expires we stop attempting to
    hand off the message and return TTL_EXPIRED event" (user guide). A message whose delay passes
    its TimeToLive ends in TEXT_TTL_EXPIRED when the TTL runs out, uncharged; one whose delay equals
    it is handed off in time."""
    sms.add_delivery("TEXT_DELIVERED", delay_seconds=delay, times=1)
    _send(client, "SMS", number, TimeToLive=ttl)
    sent = sms.sent_messages.last
    assert sent.status == status
    assert sent.final_at is not None
    assert (sent.final_at - sent.sent_at).total_seconds() == final_after
    sms.clock.advance(seconds=final_after - 1)
    assert not [e for e in sms.events if e.is_final]
    sms.clock.advance(seconds=1)
    assert sms.events.last.event_type == f"TEXT_{status}"
    assert (Decimal(sent.price) == 0) is (status == "TTL_EXPIRED")


@pytest.mark.parametrize(
    ("channel", "delivered", "delay", "status"),
    [
        ("VOICE", "VOICE_COMPLETED", 300, "COMPLETED"),
        ("VOICE", "VOICE_COMPLETED", 301, "TTL_EXPIRED"),
        ("MMS", "MEDIA_DELIVERED", 300, "DELIVERED"),
        ("MMS", "MEDIA_DELIVERED", 301, "TTL_EXPIRED"),
    ],
    ids=["voice-delay-equals-ttl", "voice-one-second-over", "media-delay-equals-ttl", "media-one-second-over"],
)  # fmt: skip
def test_a_voice_or_media_delay_past_the_time_to_live_expires(
    client: Any,
    sms: SmsVoiceMock,
    number: dict[str, Any],
    config_set: str,
    channel: str,
    delivered: str,
    delay: int,
    status: str,
) -> None:
    """A voice or media message whose delay passes its TimeToLive ends uncharged in VOICE_TTL_EXPIRED / MEDIA_TTL_EXPIRED when ``sms.clock`` reaches the TTL; one whose delay equals it is handed off in time."""
    sms.add_delivery(delivered, delay_seconds=delay, times=1)
    message_id = _send(client, channel, number, TimeToLive=300)
    sent = sms.sent_messages.one(message_id=message_id)
    assert sent.status == status
    assert sent.final_at is not None
    assert (sent.final_at - sent.sent_at).total_seconds() == 300
    sms.clock.advance(seconds=299)
    assert not [e for e in sms.events.find(message_id=message_id) if e.is_final]
    sms.clock.advance(seconds=1)
    prefix = delivered.partition("_")[0]
    final = sms.events.find(message_id=message_id)[-1].record
    assert (final["eventType"], final["isFinal"], final["messageStatus"]) == (
        f"{prefix}_{status}",
        True,
        status,
    )
    assert final["messageStatusDescription"] == DESCRIPTIONS[status]
    assert final["eventTimestamp"] - final["messageRequestTimestamp"] == 300_000
    assert (Decimal(sent.price) == 0) is (status == "TTL_EXPIRED")
    assert (final["totalMessagePrice"] == 0) is (status == "TTL_EXPIRED")


def test_a_held_record_arrives_at_the_next_call_when_real_time_passes(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """The clock moves with real time too: a short delay's record is there once it has passed,
    read through ``sms.events`` or before the next call is answered."""
    sms.add_delivery("TEXT_SPAM", delay_seconds=0.05, times=1)
    _send(client, "SMS", number)
    assert sms.state.events.last.event_type == "TEXT_PENDING"
    time.sleep(0.1)
    client.describe_phone_numbers()
    assert sms.state.events.last.event_type == "TEXT_SPAM"


def test_rules_match_like_faults(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``add_delivery`` takes ``to``, ``channel``, ``times``, ``every`` and ``when`` (the send's
    parameters) as ``add_fault`` does; the first rule that fires decides, a rule of another
    channel doesn't apply, and the rule is returned so a test can read how often it matched."""
    other = "+61455944038"  # not the destination: the rule for it never fires
    to_other = sms.add_delivery("TEXT_BLOCKED", to=other)
    voice = sms.add_delivery("VOICE_BUSY")
    every_second = sms.add_delivery("TEXT_UNREACHABLE", every=2, times=2)
    asked = sms.add_delivery(
        "TEXT_SPAM", when=lambda params: "promo" in params.get("MessageBody", "")
    )
    for body in ("a", "b", "promo", "c", "d"):
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody=body,
            ConfigurationSetName="cs",
        )
    assert [m.status for m in sms.sent_messages] == [
        "DELIVERED", "UNREACHABLE", "SPAM", "UNREACHABLE", "DELIVERED",
    ]  # fmt: skip
    assert (to_other.seen, voice.seen, every_second.times, asked.seen) == (0, 0, 0, 1)
    _send(client, "VOICE", number)
    assert sms.sent_messages.last.status == "BUSY"
    sms.reset()
    assert sms.state.deliveries == []


def test_deliver_next_to_a_number_fires_for_that_number(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``sms.deliver_next(event_type, to=...)`` ends the next message to that number in ``event_type``, leaving a message to another number and the one after it as the network decides."""
    rule = sms.deliver_next("TEXT_SPAM", to=SUCCESS)
    _send(client, "SMS", number, DestinationPhoneNumber=FAILURE)
    spam = _send(client, "SMS", number)
    _send(client, "SMS", number)
    assert [(m.destination_phone_number, m.status) for m in sms.sent_messages] == [
        (FAILURE, "CARRIER_UNREACHABLE"),
        (SUCCESS, "SPAM"),
        (SUCCESS, "DELIVERED"),
    ]
    assert [e.event_type for e in sms.events.find(message_id=spam)] == ["TEXT_PENDING", "TEXT_SPAM"]
    assert rule.times == 0


def test_deliver_next_times_ends_exactly_that_many_messages(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``sms.deliver_next(event_type, times=2)`` ends exactly the next two messages in ``event_type``; the third is delivered normally."""
    sms.deliver_next("TEXT_CARRIER_BLOCKED", times=2)
    ids = [_send(client, "SMS", number) for _ in range(3)]
    assert [m.status for m in sms.sent_messages] == [
        "CARRIER_BLOCKED",
        "CARRIER_BLOCKED",
        "DELIVERED",
    ]
    assert [sms.events.find(message_id=i)[-1].event_type for i in ids] == [
        "TEXT_CARRIER_BLOCKED",
        "TEXT_CARRIER_BLOCKED",
        "TEXT_DELIVERED",
    ]


def test_add_delivery_channel_applies_to_that_channel_only(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``sms.add_delivery(event_type, channel="VOICE")`` leaves a text message delivered and ends a voice message in the voice type."""
    rule = sms.add_delivery("VOICE_NO_ANSWER", channel="VOICE")
    text = _send(client, "SMS", number)
    voice = _send(client, "VOICE", number)
    assert [m.status for m in sms.sent_messages] == ["DELIVERED", "NO_ANSWER"]
    assert [e.event_type for e in sms.events.find(message_id=text)] == [
        "TEXT_SUCCESSFUL",
        "TEXT_DELIVERED",
    ]
    assert [e.event_type for e in sms.events.find(message_id=voice)] == [
        "VOICE_INITIATED",
        "VOICE_RINGING",
        "VOICE_NO_ANSWER",
    ]
    assert (rule.channel, rule.seen, rule.times) == ("VOICE", 1, None)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda sms: sms.deliver_next("TEXT_SENT"), "'TEXT_SENT' is not a final event type; use one of TEXT_DELIVERED"),
        (lambda sms: sms.deliver_next("DELIVERED"), "is not a final event type"),
        (lambda sms: sms.add_delivery("VOICE_BUSY", channel="SMS"), "'VOICE_BUSY' is not a final SMS event type; use one of TEXT_DELIVERED"),
        (lambda sms: sms.add_delivery("TEXT_SPAM", channel="TEXT"), "channel must be one of SMS, VOICE, MMS, RCS"),
        (lambda sms: sms.add_delivery("TEXT_SPAM", to="14254147755"), "to must be a phone number in E.164 format"),
        (lambda sms: sms.add_delivery("TEXT_SPAM", delay_seconds=-1), "delay_seconds must be a number of seconds from 0"),
        (lambda sms: sms.add_delivery("TEXT_SPAM", delay_seconds=float("nan")), "delay_seconds must be"),
        (lambda sms: sms.add_delivery("TEXT_SPAM", times=0), "times must be a whole number of 1 or more"),
        (lambda sms: sms.add_delivery("TEXT_SPAM", when="promo"), "when must be a function"),
    ],
    ids=["intermediate", "bare-status", "other-channel", "channel-name", "not-e164", "negative-delay", "nan-delay", "times", "when"],
)  # fmt: skip
def test_a_wrong_rule_is_a_type_error_sentence(sms: SmsVoiceMock, call: Any, words: str) -> None:
    """A wrong event type, or one of another channel, is a ``TypeError`` listing the valid ones;
    every other wrong option is a sentence naming it."""
    with pytest.raises(TypeError, match=words.replace("(", r"\(")):
        call(sms)
    assert sms.state.deliveries == []


def test_wait_for_a_message_sent_from_another_thread(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``wait_for(timeout=, **fields)`` returns the first matching record, waiting for code that
    sends from another thread; it waits for a held event record to come due too."""
    sender = make_client()

    def send_later() -> None:
        time.sleep(0.1)
        sender.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Your code is 481516",
            ConfigurationSetName="cs",
        )

    sms.add_delivery("TEXT_BLOCKED", delay_seconds=0.3, times=1)
    worker = threading.Thread(target=send_later)
    worker.start()
    started = time.monotonic()
    message = sms.sent_messages.wait_for(timeout=5, message_body=lambda b: "481516" in b)
    assert message.destination_phone_number == SUCCESS
    final = sms.events.wait_for(timeout=5, event_type="TEXT_BLOCKED")
    assert final.message_id == message.message_id
    assert time.monotonic() - started >= 0.3
    worker.join()


def test_wait_for_says_what_was_there_when_nothing_comes(sms: SmsVoiceMock) -> None:
    """A wait that times out is an ``AssertionError`` naming what it waited for."""
    with pytest.raises(
        AssertionError, match=r"No record matched message_body='x' within 0.05 seconds"
    ):
        sms.sent_messages.wait_for(timeout=0.05, message_body="x")
    with pytest.raises(TypeError, match="timeout is a finite number of seconds"):
        sms.sent_messages.wait_for(timeout=-1)


def test_wait_for_async_lets_a_task_send(number: dict[str, Any], sms: SmsVoiceMock) -> None:
    """``await log.wait_for_async(...)`` waits without blocking the event loop, so another task
    of the same loop can send the message it waits for."""
    client = make_client()

    async def main() -> str:
        async def send() -> None:
            await asyncio.sleep(0.05)
            client.send_text_message(
                DestinationPhoneNumber=SUCCESS,
                OriginationIdentity=number["PhoneNumberId"],
                MessageBody="async",
            )

        task = asyncio.create_task(send())
        found = await sms.sent_messages.wait_for_async(timeout=5, message_body="async")
        await task
        return found.message_body or ""

    assert asyncio.run(main()) == "async"


def test_a_held_record_survives_a_snapshot() -> None:
    """A record a delay holds is part of the state: a snapshot replayed elsewhere delivers it when
    that mock's clock reaches it."""
    with mock_smsvoice() as sms:
        client = make_client()
        number = request_number(client)
        client.create_configuration_set(ConfigurationSetName="cs")
        client.create_event_destination(
            ConfigurationSetName="cs",
            EventDestinationName="sns",
            MatchingEventTypes=["ALL"],
            SnsDestination={"TopicArn": TOPIC},
        )
        sms.add_delivery("TEXT_DELIVERED", delay_seconds=3600)
        _send(client, "SMS", number)
        snapshot = json.loads(json.dumps(sms.snapshot()))
    assert len(snapshot["scheduled_events"]) == 1
    with mock_smsvoice(seed=snapshot) as replay:
        assert [e.event_type for e in replay.events] == ["TEXT_SUCCESSFUL"]
        replay.clock.advance(hours=1)
        assert [e.event_type for e in replay.events] == ["TEXT_SUCCESSFUL", "TEXT_DELIVERED"]


# An application's own statuses for the service's final text event types, the way notification
# services map delivery receipts (VA Notify's translate_delivery_status, GC Notify's receipts).
APP_STATUS = {
    "TEXT_DELIVERED": "delivered",
    "TEXT_CARRIER_UNREACHABLE": "temporary-failure",
    "TEXT_UNREACHABLE": "temporary-failure",
    "TEXT_TTL_EXPIRED": "temporary-failure",
    "TEXT_UNKNOWN": "temporary-failure",
    "TEXT_INVALID": "permanent-failure",
    "TEXT_INVALID_MESSAGE": "permanent-failure",
    "TEXT_BLOCKED": "permanent-failure",
    "TEXT_CARRIER_BLOCKED": "permanent-failure",
    "TEXT_SPAM": "permanent-failure",
    "TEXT_PROTECT_BLOCKED": "permanent-failure",
}


def _translate(body: str) -> tuple[str, str]:
    """The receipt handler under test: an SNS-delivered event record -> (message id, app status)."""
    event = json.loads(body)
    return event["messageId"], APP_STATUS.get(event["eventType"], "pending")


@pytest.fixture(scope="module")
def moto_receipts() -> Any:
    """moto's SNS topic with an SQS queue subscribed (raw delivery), started once for the module."""
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        yield moto_topic_with_queue("sms-receipts")


@pytest.mark.parametrize("event_type", TEXT_FINALS)
def test_an_apps_status_mapping_reads_every_outcome_from_sns_in_moto(
    moto_receipts: Any, event_type: str
) -> None:
    """VA-Notify-style: every text outcome reaches an SNS event destination's topic in moto (with
    an SQS subscription), where the application's receipt handler maps it to its own status."""
    topic, sqs, queue = moto_receipts
    with mock_smsvoice() as sms:
        client = make_client()
        number = request_number(client)
        client.create_configuration_set(ConfigurationSetName="cs")
        client.create_event_destination(
            ConfigurationSetName="cs",
            EventDestinationName="receipts",
            MatchingEventTypes=["TEXT_ALL"],
            SnsDestination={"TopicArn": topic},
        )
        sms.deliver_next(event_type)
        message_id = _send(client, "SMS", number)
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    for message in received:
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    statuses = [_translate(m["Body"]) for m in received]
    assert statuses[-1] == (message_id, APP_STATUS[event_type])
    assert [s for _, s in statuses[:-1]] == ["pending"] * (len(statuses) - 1)
