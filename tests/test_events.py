"""Message events routed to configuration-set event destinations, as ``sms.events`` records them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import request_number

SUCCESS = "+14254147755"
FAILURE = "+14254147167"
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-events"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/sms-events"
ROLE = "arn:aws:iam::123456789012:role/sms-events"
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:sms-events"


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client, NumberCapabilities=["SMS", "VOICE", "MMS"])


def destination(client: Any, name: str, types: list[str], **target: Any) -> None:
    client.create_event_destination(
        ConfigurationSetName="cs", EventDestinationName=name, MatchingEventTypes=types, **target
    )


@pytest.fixture
def config_set(client: Any) -> str:
    client.create_configuration_set(ConfigurationSetName="cs")
    return "cs"


def test_text_events_reach_an_sns_destination(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """A delivered text produces TEXT_SUCCESSFUL then the final TEXT_DELIVERED, in the service's event layout."""
    destination(client, "sns", ["ALL"], SnsDestination={"TopicArn": TOPIC})
    out = client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="hello",
        ConfigurationSetName=config_set,
        Context={"order": "42"},
    )
    received = sms.events.find(destination_arn=TOPIC)
    assert [(e.event_type, e.is_final) for e in received] == [
        ("TEXT_SUCCESSFUL", False),
        ("TEXT_DELIVERED", True),
    ]
    record = received[-1].record
    assert json.loads(json.dumps(record)) == record
    assert record["messageId"] == out["MessageId"]
    assert record["eventVersion"] == "1.0"
    assert (record["originationPhoneNumber"], record["destinationPhoneNumber"]) == (
        number["PhoneNumber"],
        SUCCESS,
    )
    assert (record["messageStatus"], record["isFinal"], record["isoCountryCode"]) == (
        "DELIVERED",
        True,
        "US",
    )
    assert (
        record["messageEncoding"],
        record["totalMessageParts"],
        record["totalMessagePrice"],
    ) == ("GSM", 1, 0.00581)
    assert record["context"] == {"order": "42"}
    assert isinstance(record["eventTimestamp"], int)
    assert record["eventTimestamp"] >= record["messageRequestTimestamp"]
    assert received[-1].destination_type == "SNS"


def test_failure_simulator_events(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """The failure simulator number ends with a final failure event instead of TEXT_DELIVERED."""
    destination(client, "sns", ["TEXT_ALL"], SnsDestination={"TopicArn": TOPIC})
    client.send_text_message(
        DestinationPhoneNumber=FAILURE,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="x",
        ConfigurationSetName=config_set,
    )
    assert [e.event_type for e in sms.events] == ["TEXT_SUCCESSFUL", "TEXT_CARRIER_UNREACHABLE"]
    assert sms.events.last.record["messageStatus"] == "CARRIER_UNREACHABLE"


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (
            ["ALL"],
            [
                "TEXT_SUCCESSFUL",
                "TEXT_DELIVERED",
                "VOICE_INITIATED",
                "VOICE_RINGING",
                "VOICE_ANSWERED",
                "VOICE_COMPLETED",
                "MEDIA_SUCCESSFUL",
                "MEDIA_DELIVERED",
            ],
        ),
        (["TEXT_ALL"], ["TEXT_SUCCESSFUL", "TEXT_DELIVERED"]),
        (["VOICE_ALL"], ["VOICE_INITIATED", "VOICE_RINGING", "VOICE_ANSWERED", "VOICE_COMPLETED"]),
        (["MEDIA_ALL"], ["MEDIA_SUCCESSFUL", "MEDIA_DELIVERED"]),
        (["TEXT_DELIVERED", "VOICE_COMPLETED"], ["TEXT_DELIVERED", "VOICE_COMPLETED"]),
        (["TEXT_BLOCKED"], []),
    ],
    ids=["all", "text-all", "voice-all", "media-all", "specific", "none-match"],
)
def test_matching_event_types(
    client: Any,
    sms: SmsVoiceMock,
    number: dict[str, Any],
    config_set: str,
    types: list[str],
    expected: list[str],
) -> None:
    """A destination receives the events its MatchingEventTypes name, directly or through ALL / TEXT_ALL / VOICE_ALL / MEDIA_ALL."""
    destination(client, "d", types, SnsDestination={"TopicArn": TOPIC})
    common = {
        "DestinationPhoneNumber": SUCCESS,
        "OriginationIdentity": number["PhoneNumberId"],
        "ConfigurationSetName": config_set,
    }
    client.send_text_message(MessageBody="t", **common)
    client.send_voice_message(MessageBody="v", **common)
    client.send_media_message(MediaUrls=["s3://bucket/a.png"], **common)
    assert [e.event_type for e in sms.events] == expected


def test_each_destination_kind(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """Events go to every matching destination: SNS topic, Firehose stream and CloudWatch Logs log group."""
    destination(client, "sns", ["TEXT_DELIVERED"], SnsDestination={"TopicArn": TOPIC})
    destination(
        client,
        "firehose",
        ["TEXT_DELIVERED"],
        KinesisFirehoseDestination={"IamRoleArn": ROLE, "DeliveryStreamArn": STREAM},
    )
    destination(
        client,
        "logs",
        ["TEXT_DELIVERED"],
        CloudWatchLogsDestination={"IamRoleArn": ROLE, "LogGroupArn": LOG_GROUP},
    )
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="x",
        ConfigurationSetName=config_set,
    )
    kinds = {(e.event_destination_name, e.destination_type, e.destination_arn) for e in sms.events}
    assert kinds == {
        ("sns", "SNS", TOPIC),
        ("firehose", "FIREHOSE", STREAM),
        ("logs", "CLOUDWATCH_LOGS", LOG_GROUP),
    }


def test_disabled_destination_receives_nothing(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """Only ENABLED event destinations receive events."""
    destination(client, "sns", ["ALL"], SnsDestination={"TopicArn": TOPIC})
    client.update_event_destination(
        ConfigurationSetName=config_set, EventDestinationName="sns", Enabled=False
    )
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="x",
        ConfigurationSetName=config_set,
    )
    assert len(sms.sent_messages) == 1
    assert len(sms.events) == 0


def test_no_configuration_set_no_events(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """Events are streamed to the event destinations of the configuration set the send names, and only those."""
    destination(client, "sns", ["ALL"], SnsDestination={"TopicArn": TOPIC})
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"], MessageBody="x"
    )
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="x",
        ConfigurationSetName=config_set,
        DryRun=True,
    )
    assert len(sms.events) == 0


def test_voice_and_media_records(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """Voice records carry the voice and call length; media records the media URLs."""
    destination(
        client, "sns", ["VOICE_COMPLETED", "MEDIA_DELIVERED"], SnsDestination={"TopicArn": TOPIC}
    )
    common = {
        "DestinationPhoneNumber": SUCCESS,
        "OriginationIdentity": number["PhoneNumberId"],
        "ConfigurationSetName": config_set,
    }
    client.send_voice_message(MessageBody="a" * 30, VoiceId="AMY", **common)
    client.send_media_message(MediaUrls=["s3://bucket/a.png"], **common)
    voice, media = sms.events
    assert (
        voice.record["voiceId"],
        voice.record["totalDurationSeconds"],
        voice.record["messageStatus"],
    ) == ("AMY", 2, "COMPLETED")
    assert media.record["mediaUrls"] == ["s3://bucket/a.png"]


def test_events_are_reset(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """``sms.reset()`` drops recorded events with everything else."""
    destination(client, "sns", ["ALL"], SnsDestination={"TopicArn": TOPIC})
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="x",
        ConfigurationSetName=config_set,
    )
    assert sms.events.find(message_id=sms.sent_messages.last.message_id)
    sms.reset()
    assert (len(sms.events), len(sms.sent_messages)) == (0, 0)


def test_events_delivered_into_moto(sms: SmsVoiceMock) -> None:
    """With moto's mock_aws active too, events reach the moto SNS topic / log group for real."""
    moto = pytest.importorskip("moto")
    import boto3

    from tests.helpers import make_client, moto_topic_with_queue

    with moto.mock_aws():
        topic, sqs, queue = moto_topic_with_queue("sms-events")
        logs = boto3.client("logs", region_name="us-east-1")
        logs.create_log_group(logGroupName="sms-events")
        client = make_client()
        number = request_number(client)
        client.create_configuration_set(ConfigurationSetName="cs")
        destination(client, "sns", ["TEXT_DELIVERED"], SnsDestination={"TopicArn": topic})
        destination(
            client,
            "logs",
            ["TEXT_DELIVERED"],
            CloudWatchLogsDestination={"IamRoleArn": ROLE, "LogGroupArn": LOG_GROUP},
        )
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="x",
            ConfigurationSetName="cs",
        )
        messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        assert [json.loads(m["Body"])["eventType"] for m in messages] == ["TEXT_DELIVERED"]
        logged = logs.filter_log_events(logGroupName="sms-events")["events"]
        assert [json.loads(e["message"])["messageId"] for e in logged] == [
            sms.sent_messages.last.message_id
        ]


# Keys of the user guide's SMS event example (configuration-sets-event-format) and of the EventBridge
# examples (monitoring-eventbridge), which add isInternationalSend, carrierName and protectConfiguration.
DOCUMENTED_TEXT_KEYS = {
    "eventType",
    "eventVersion",
    "eventTimestamp",
    "isFinal",
    "originationPhoneNumber",
    "destinationPhoneNumber",
    "isoCountryCode",
    "isInternationalSend",
    "mcc",
    "mnc",
    "carrierName",
    "messageId",
    "messageRequestTimestamp",
    "messageEncoding",
    "messageType",
    "messageStatus",
    "messageStatusDescription",
    "context",
    "totalMessageParts",
    "totalMessagePrice",
    "totalCarrierFee",
    "protectConfiguration",
}


def test_text_records_carry_every_documented_key(
    client: Any, sms: SmsVoiceMock, config_set: str
) -> None:
    """An SMS event record carries every key of the user guide's SMS and EventBridge examples, with
    values consistent with the send: ``mcc``/``mnc``/``carrierName`` as CarrierLookup answers for the
    destination, ``isInternationalSend`` from the identity's and destination's countries, and
    ``protectConfiguration`` naming the protect configuration and the status it gave."""
    destination(client, "sns", ["TEXT_ALL"], SnsDestination={"TopicArn": TOPIC})
    protect = client.create_protect_configuration()["ProtectConfigurationId"]
    long_code = request_number(client, NumberType="LONG_CODE", NumberCapabilities=["SMS"])
    client.update_phone_number(
        PhoneNumberId=long_code["PhoneNumberId"], InternationalSendingEnabled=True
    )
    for target, international in (("+12065550100", False), ("+447700900123", True)):
        client.send_text_message(
            DestinationPhoneNumber=target,
            OriginationIdentity=long_code["PhoneNumberId"],
            MessageBody="hello",
            ConfigurationSetName=config_set,
            ProtectConfigurationId=protect,
            Context={"account": "bar"},
        )
        record = sms.events.find(destination_arn=TOPIC)[-1].record
        assert set(record) >= DOCUMENTED_TEXT_KEYS
        looked_up = client.carrier_lookup(PhoneNumber=target)
        assert (record["mcc"], record["mnc"], record["carrierName"]) == (
            looked_up["MCC"],
            looked_up["MNC"],
            looked_up["Carrier"],
        )
        assert record["isInternationalSend"] is international
        assert record["protectConfiguration"] == {
            "protectConfigurationId": protect,
            "protectStatus": "ALLOW",
        }


def test_voice_records_follow_the_documented_example(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], config_set: str
) -> None:
    """A voice event record carries the keys of the user guide's voice example (EventBridge page), and
    VOICE_INITIATED is not final there ("isFinal": false)."""
    destination(client, "sns", ["VOICE_ALL"], SnsDestination={"TopicArn": TOPIC})
    client.send_voice_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="hello",
        ConfigurationSetName=config_set,
    )
    first = sms.events.find(destination_arn=TOPIC)[0].record
    assert first["eventType"] == "VOICE_INITIATED"
    assert first["isFinal"] is False
    assert {
        "eventVersion",
        "eventTimestamp",
        "originationPhoneNumber",
        "isoCountryCode",
        "isInternationalSend",
        "messageId",
        "messageRequestTimestamp",
        "messageStatus",
    } <= set(first)
