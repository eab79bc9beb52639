"""``MessageLog.find`` and ``.one``: a ``message_id`` reads the log's index of ids, with the answers,
the order and the errors of a scan of every record."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import request_number

SUCCESS = "+14254147755"
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-events"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/sms-events"
ROLE = "arn:aws:iam::123456789012:role/sms-events"


def scan(log: Any, **fields: Any) -> list[Any]:
    """What ``find`` answered before the index: every record, oldest first, checked field by field."""
    return [
        item
        for item in log
        if all(
            (wanted(getattr(item, name)) if callable(wanted) else getattr(item, name) == wanted)
            for name, wanted in fields.items()
        )
    ]


@pytest.fixture
def sent(sms: SmsVoiceMock, client: Any) -> list[str]:
    """Six messages from two numbers, each routed to two event destinations; their ids."""
    client.create_configuration_set(ConfigurationSetName="cs")
    client.create_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="sns",
        MatchingEventTypes=["ALL"],
        SnsDestination={"TopicArn": TOPIC},
    )
    client.create_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="firehose",
        MatchingEventTypes=["TEXT_DELIVERED"],
        KinesisFirehoseDestination={"DeliveryStreamArn": STREAM, "IamRoleArn": ROLE},
    )
    numbers = [request_number(client)["PhoneNumberId"] for _ in range(2)]
    return [
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=numbers[i % 2],
            MessageBody=f"message {i}",
            ConfigurationSetName="cs",
            MessageFeedbackEnabled=True,
        )["MessageId"]
        for i in range(6)
    ]


CASES = [
    pytest.param({}, id="id-alone"),
    pytest.param({"channel": "SMS"}, id="id-and-a-matching-value"),
    pytest.param({"channel": "VOICE"}, id="id-and-a-value-that-does-not-match"),
    pytest.param({"message_body": lambda body: body.endswith("3")}, id="id-and-a-predicate"),
]


@pytest.mark.parametrize("others", CASES)
def test_find_by_id_answers_what_a_scan_does(
    sms: SmsVoiceMock, sent: list[str], others: dict[str, Any]
) -> None:
    """``find(message_id=..., **others)`` answers the records a scan of the log finds, in order."""
    for message_id in [*sent, "00000000-0000-4000-8000-000000000000"]:
        for fields in ({"message_id": message_id, **others}, {**others, "message_id": message_id}):
            found = sms.sent_messages.find(**fields)
            assert found == scan(sms.sent_messages, **fields)
            assert [m.message_id for m in found] in ([message_id], [])


def test_events_of_one_message_come_in_log_order(sms: SmsVoiceMock, sent: list[str]) -> None:
    """The several events of one message id are all found, oldest first, as a scan finds them."""
    for message_id in sent:
        found = sms.events.find(message_id=message_id)
        assert found == scan(sms.events, message_id=message_id)
        assert (
            len(found) == 3
        )  # TEXT_SUCCESSFUL and TEXT_DELIVERED to SNS, TEXT_DELIVERED to Firehose
        narrowed = sms.events.find(message_id=message_id, destination_arn=STREAM)
        assert narrowed == scan(sms.events, message_id=message_id, destination_arn=STREAM)
        assert sms.events.one(message_id=message_id, destination_arn=STREAM) is narrowed[0]


def test_one_by_id_raises_as_a_scan_did(sms: SmsVoiceMock, sent: list[str]) -> None:
    """``one()`` by id answers the single record, and says what matched when none or several did."""
    assert sms.sent_messages.one(message_id=sent[2]).message_body == "message 2"
    assert sms.sent_messages.one(message_id=sent[2], channel="SMS").message_body == "message 2"
    with pytest.raises(AssertionError) as none:
        sms.sent_messages.one(message_id=sent[2], channel="VOICE")
    assert str(none.value) == (
        f"No record matched message_id={sent[2]!r}, channel='VOICE'. {sms.sent_messages!r}"
    )
    with pytest.raises(AssertionError) as several:
        sms.events.one(message_id=sent[2])
    assert str(several.value) == f"3 records matched message_id={sent[2]!r}. {sms.events!r}"
    with pytest.raises(AssertionError, match="No record matched message_id='nope'"):
        sms.sent_messages.one(message_id="nope")


def test_a_predicate_before_the_id_still_sees_every_record(
    sms: SmsVoiceMock, sent: list[str]
) -> None:
    """Fields are checked in the order given: a predicate named before ``message_id`` is called for
    every record, as in a scan; named after it, only for the records of that id."""
    seen: list[str] = []

    def body(value: str) -> bool:
        seen.append(value)
        return True

    assert len(sms.sent_messages.find(message_body=body, message_id=sent[1])) == 1
    assert seen == [f"message {i}" for i in range(6)]
    seen.clear()
    assert len(sms.sent_messages.find(message_id=sent[1], message_body=body)) == 1
    assert seen == ["message 1"]


@pytest.mark.parametrize(
    "wanted",
    [
        pytest.param(["a", "list"], id="unhashable"),
        pytest.param(42, id="not-a-string"),
        pytest.param(lambda value: value.startswith("0"), id="predicate"),
    ],
)
def test_an_id_that_is_not_a_string_is_matched_as_before(
    sms: SmsVoiceMock, sent: list[str], wanted: Any
) -> None:
    """A ``message_id`` that is not a string (a predicate, a number, a list) is matched record by
    record, as before: no ``TypeError`` for an unhashable value."""
    assert sms.sent_messages.find(message_id=wanted) == scan(sms.sent_messages, message_id=wanted)


def test_feedback_replaces_the_record_the_id_finds(
    sms: SmsVoiceMock, client: Any, sent: list[str]
) -> None:
    """After PutMessageFeedback, ``find`` by id answers the updated record, like a scan."""
    client.put_message_feedback(MessageId=sent[4], MessageFeedbackStatus="RECEIVED")
    found = sms.sent_messages.one(message_id=sent[4], message_feedback_status="RECEIVED")
    assert found is sms.sent_messages[4]
    assert sms.sent_messages.find(message_id=sent[4]) == scan(sms.sent_messages, message_id=sent[4])


def test_reset_empties_the_index(sms: SmsVoiceMock, sent: list[str]) -> None:
    """``sms.reset()`` forgets the ids too: the id of a message sent before finds nothing."""
    sms.reset()
    assert sms.sent_messages.find(message_id=sent[0]) == []
    assert sms.events.find(message_id=sent[0]) == []


def test_replacing_records_keeps_the_index_true() -> None:
    """A record replaced in the log (PutMessageFeedback's way) is the one ``find`` answers, whether
    it keeps its id, takes another, or is an object the log holds twice."""
    from datetime import datetime, timezone

    from smsvoice_mock import MessageLog, SentMessage

    def record(message_id: str, body: str) -> SentMessage:
        return SentMessage(
            message_id=message_id,
            destination_phone_number=SUCCESS,
            origination_identity=None,
            message_body=body,
            message_type=None,
            configuration_set_name=None,
            context=None,
            channel="SMS",
            region="us-east-1",
            account_id="123456789012",
            sent_at=datetime(2025, 1, 1, tzinfo=timezone.utc),
        )

    log: MessageLog[SentMessage] = MessageLog(SentMessage, "Sent messages")
    a, b, twice = record("a", "1"), record("a", "2"), record("c", "3")
    for item in (a, b, twice, twice):
        log._append(item)
    checks = [("a", None), ("b", None), ("c", None), ("a", "4"), ("b", "4"), ("c", "5")]

    def same_as_scan() -> None:
        for message_id, body in checks:
            fields = {"message_id": message_id, "message_body": body or (lambda _: True)}
            assert log.find(**fields) == scan(log, **fields)

    log._replace(b, record("a", "4"))  # a later record of the id
    same_as_scan()
    log._replace(a, record("b", "4"))  # another id
    same_as_scan()
    log._replace(twice, record("c", "5"))  # the newer of an object held twice
    same_as_scan()
    assert [m.message_body for m in log.find(message_id="c")] == ["3", "5"]
