"""SendVoiceMessage and SendMediaMessage through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock.models.message import PRICE_PER_MMS, PRICE_PER_VOICE_MINUTE
from tests.helpers import error_of, request_number

SUCCESS = "+14254147755"
FAILURE = "+14254147167"


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client, NumberCapabilities=["SMS", "VOICE", "MMS"])


def test_voice_message_defaults(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """VoiceId: "By default this is set to MATTHEW"; MessageBodyTextType defaults to TEXT."""
    out = client.send_voice_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your code is 1 2 3",
    )
    sent = sms.sent_messages.one(message_id=out["MessageId"])
    assert (sent.channel, sent.voice_id, sent.message_body_text_type) == (
        "VOICE",
        "MATTHEW",
        "TEXT",
    )
    assert sent.duration_seconds == 2  # 18 characters at 15 a second
    assert sent.price == str(PRICE_PER_VOICE_MINUTE)
    assert sent.status == "COMPLETED"


def test_voice_message_parameters(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """VoiceId, SSML text, Context and TimeToLive are kept with the voice message."""
    client.send_voice_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberArn"],
        MessageBody="<speak>Hello <break time='1s'/> there</speak>",
        MessageBodyTextType="SSML",
        VoiceId="JOANNA",
        Context={"k": "v"},
        TimeToLive=60,
    )
    sent = sms.sent_messages.last
    assert (sent.voice_id, sent.message_body_text_type, sent.context, sent.time_to_live) == (
        "JOANNA",
        "SSML",
        {"k": "v"},
        60,
    )


@pytest.mark.parametrize(
    ("text_type", "length", "ok"),
    [("TEXT", 3000, True), ("TEXT", 3001, False), ("SSML", 6000, True)],
    ids=["text-3000", "text-3001", "ssml-6000"],
)
def test_voice_body_limits(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], text_type: str, length: int, ok: bool
) -> None:
    """ "TEXT … the maximum character limit is 3000. SSML … the maximum character limit is 6000"."""
    params = {
        "DestinationPhoneNumber": SUCCESS,
        "OriginationIdentity": number["PhoneNumberId"],
        "MessageBody": "a" * length,
        "MessageBodyTextType": text_type,
    }
    if ok:
        client.send_voice_message(**params)
        assert sms.sent_messages.last.duration_seconds == -(-length // 15)
        return
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_voice_message(**params)
    assert error_of(exc)["Reason"] == "MAXIMUM_SIZE_EXCEEDED"
    assert error_of(exc)["Fields"][0]["Name"] == "MessageBody"


def test_voice_needs_voice_capability(client: Any) -> None:
    """A number without the VOICE capability can't call: VOICE_CAPABILITY_NOT_AVAILABLE."""
    sms_only = request_number(client, NumberCapabilities=["SMS"])
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_voice_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=sms_only["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "VOICE_CAPABILITY_NOT_AVAILABLE"


def test_voice_sender_id_is_refused(client: Any) -> None:
    """Voice OriginationIdentity "can be the PhoneNumber, PhoneNumberId, PhoneNumberArn, PoolId, or PoolArn" — no sender IDs."""
    sender = client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_voice_message(
            DestinationPhoneNumber="+447700900123",
            OriginationIdentity=sender["SenderIdArn"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "VOICE_CAPABILITY_NOT_AVAILABLE"


def test_voice_max_price_per_minute(client: Any, number: dict[str, Any]) -> None:
    """MaxPricePerMinute below the per-minute price is ValidationException PRICE_OVER_THRESHOLD."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_voice_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hi",
            MaxPricePerMinute="0.001",
        )
    assert error_of(exc)["Reason"] == "PRICE_OVER_THRESHOLD"
    assert error_of(exc)["Fields"][0]["Name"] == "MaxPricePerMinute"


def test_voice_failure_simulator(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """The failure destination simulator number makes the call fail."""
    client.send_voice_message(
        DestinationPhoneNumber=FAILURE,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="hi",
    )
    assert sms.sent_messages.last.status == "FAILED"


def test_voice_spend_limit(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """Calls are charged per started minute against the VOICE spend limit (MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE)."""
    client.set_voice_message_spend_limit_override(MonthlyLimit=0)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.send_voice_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE",
    }
    assert len(sms.sent_messages) == 0


@pytest.mark.parametrize(
    "params",
    [
        {"MessageBody": "Look!", "MediaUrls": ["s3://my-bucket/cat.jpg"]},
        {"MediaUrls": ["s3://my-bucket/folder/clip.mp4"]},
        {"MessageBody": "Text only"},
    ],
    ids=["body-and-media", "media-only", "body-only"],
)
def test_media_message(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], params: dict[str, Any]
) -> None:
    """SendMediaMessage "Creates a new multimedia message (MMS)" with a body, media files from S3, or both."""
    out = client.send_media_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"], **params
    )
    sent = sms.sent_messages.one(message_id=out["MessageId"])
    assert (sent.channel, sent.message_body, sent.media_urls) == (
        "MMS",
        params.get("MessageBody"),
        tuple(params.get("MediaUrls", ())),
    )
    assert sent.price == str(PRICE_PER_MMS)


def test_media_needs_body_or_media(client: Any, number: dict[str, Any]) -> None:
    """Neither MessageBody nor MediaUrls is ValidationException MISSING_PARAMETER."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_media_message(
            DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"]
        )
    assert error_of(exc)["Reason"] == "MISSING_PARAMETER"


@pytest.mark.parametrize(
    ("urls", "reason"),
    [
        (["https://example.com/cat.jpg"], "FIELD_VALIDATION_FAILED"),
        (["s3://b/cat.jpg"], "FIELD_VALIDATION_FAILED"),
        (["s3://my-bucket/a.jpg", "s3://my-bucket/b.jpg"], "FIELD_VALIDATION_FAILED"),
        (["s3://my-bucket/program.exe"], "MEDIA_TYPE_NOT_SUPPORTED"),
    ],
    ids=["not-s3", "bucket-too-short", "two-urls", "exe"],
)
def test_media_url_rules(client: Any, number: dict[str, Any], urls: list[str], reason: str) -> None:
    """MediaUrls: one ``s3://bucket/key`` URL of a supported file type."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_media_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MediaUrls=urls,
        )
    assert error_of(exc)["Reason"] == reason
    assert error_of(exc)["Fields"][0]["Name"].startswith("MediaUrls")


def test_media_needs_mms_capability(client: Any) -> None:
    """A number without the MMS capability can't send media: NUMBER_CAPABILITIES_MISMATCH."""
    plain = request_number(client, NumberCapabilities=["SMS"])
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_media_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=plain["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "NUMBER_CAPABILITIES_MISMATCH"
    assert error_of(exc)["ResourceId"] == plain["PhoneNumberId"]


def test_media_spend_limit(client: Any, number: dict[str, Any]) -> None:
    """MMS are charged against the MEDIA spend limit: MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA."""
    client.set_media_message_spend_limit_override(MonthlyLimit=0)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.send_media_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA"


def test_media_dry_run(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """A DryRun media message is validated, not sent and not charged."""
    client.send_media_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="hi",
        DryRun=True,
    )
    assert (len(sms.sent_messages), len(sms.dry_runs)) == (0, 1)
    assert sms.backend().spend == {}
