"""SendTextMessage through a real boto3 client: origination identities, parameters, destination rules,
message parts and spend."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock.models.message import PRICE_PER_SMS_PART, message_parts
from tests.helpers import error_of, request_number

SUCCESS = "+14254147755"
FAILURE = "+14254147167"
US_MOBILE = "+12065550100"
GB_MOBILE = "+447700900123"


@pytest.fixture
def simulator(client: Any) -> dict[str, Any]:
    return request_number(client)


@pytest.fixture
def long_code(client: Any) -> dict[str, Any]:
    return request_number(client, NumberType="LONG_CODE", NumberCapabilities=["SMS"])


def send(client: Any, **params: Any) -> str:
    params.setdefault("MessageBody", "Hello from the test suite")
    return str(client.send_text_message(**params)["MessageId"])


# -- origination identities ------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["PhoneNumberId", "PhoneNumberArn", "PhoneNumber"], ids=["id", "arn", "e164"]
)
def test_phone_number_identity_forms(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any], key: str
) -> None:
    """OriginationIdentity "can be either the PhoneNumber, PhoneNumberId, PhoneNumberArn, …"."""
    message_id = send(client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator[key])
    sent = sms.sent_messages.one(message_id=message_id)
    assert sent.origination_identity == simulator["PhoneNumber"]
    assert sent.origination_identity_arn == simulator["PhoneNumberArn"]
    assert sent.destination_phone_number == SUCCESS
    assert sent.channel == "SMS"


def test_destination_without_plus_is_normalised(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]
) -> None:
    """DestinationPhoneNumber's pattern makes the ``+`` optional; the record carries E.164 with it."""
    send(client, DestinationPhoneNumber=SUCCESS[1:], OriginationIdentity=simulator["PhoneNumberId"])
    assert sms.sent_messages.last.destination_phone_number == SUCCESS


@pytest.mark.parametrize("form", ["name", "arn"], ids=["sender-id", "sender-id-arn"])
def test_sender_id_identity(client: Any, sms: SmsVoiceMock, form: str) -> None:
    """A SenderId or SenderIdArn is an origination identity for destinations of its country."""
    sender = client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    identity = sender["SenderId"] if form == "name" else sender["SenderIdArn"]
    send(client, DestinationPhoneNumber=GB_MOBILE, OriginationIdentity=identity)
    sent = sms.sent_messages.last
    assert (sent.origination_identity, sent.origination_identity_arn) == (
        "ACME",
        sender["SenderIdArn"],
    )


def test_sender_id_of_another_country_is_refused(client: Any) -> None:
    """A sender ID reaches its own country only: INVALID_IDENTITY_FOR_DESTINATION_COUNTRY otherwise."""
    sender = client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send(
            client, DestinationPhoneNumber="+33612345678", OriginationIdentity=sender["SenderIdArn"]
        )
    assert error_of(exc)["Reason"] == "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY"


@pytest.mark.parametrize("key", ["PoolId", "PoolArn"], ids=["pool-id", "pool-arn"])
def test_pool_identity_picks_a_member(client: Any, sms: SmsVoiceMock, key: str) -> None:
    """A pool "maps each message to an appropriate identity for the destination country"."""
    us = request_number(client, NumberType="LONG_CODE", NumberCapabilities=["SMS"])
    gb = request_number(
        client, IsoCountryCode="GB", NumberType="LONG_CODE", NumberCapabilities=["SMS"]
    )
    pool = client.create_pool(
        OriginationIdentity=us["PhoneNumberId"], IsoCountryCode="US", MessageType="TRANSACTIONAL"
    )
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=gb["PhoneNumberId"], IsoCountryCode="GB"
    )
    send(client, DestinationPhoneNumber=GB_MOBILE, OriginationIdentity=pool[key])
    assert sms.sent_messages.last.origination_identity == gb["PhoneNumber"]
    send(client, DestinationPhoneNumber=US_MOBILE, OriginationIdentity=pool[key])
    assert sms.sent_messages.last.origination_identity == us["PhoneNumber"]


def test_no_identity_uses_a_suitable_number(
    client: Any, sms: SmsVoiceMock, long_code: dict[str, Any]
) -> None:
    """Without OriginationIdentity the service picks an identity of the account that reaches the destination."""
    request_number(client, IsoCountryCode="GB", NumberType="LONG_CODE", NumberCapabilities=["SMS"])
    send(client, DestinationPhoneNumber=US_MOBILE)
    assert sms.sent_messages.last.origination_identity == long_code["PhoneNumber"]


def test_no_identity_uses_default_sender_id(
    client: Any, sms: SmsVoiceMock, long_code: dict[str, Any]
) -> None:
    """Without OriginationIdentity, the configuration set's DefaultSenderId is used where it exists."""
    client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    client.create_configuration_set(ConfigurationSetName="cs")
    client.set_default_sender_id(ConfigurationSetName="cs", SenderId="ACME")
    send(client, DestinationPhoneNumber=GB_MOBILE, ConfigurationSetName="cs")
    assert sms.sent_messages.last.origination_identity == "ACME"
    send(client, DestinationPhoneNumber=US_MOBILE, ConfigurationSetName="cs")
    assert sms.sent_messages.last.origination_identity == long_code["PhoneNumber"]


def test_default_sender_id_the_account_does_not_own(client: Any, sms: SmsVoiceMock) -> None:
    """SetDefaultSenderId: "the default sender ID on the configuration set specified will be used if
    no dedicated origination phone numbers or registered sender IDs are available in your account"
    and the destination country supports sender IDs (API reference), owned or not."""
    client.create_configuration_set(ConfigurationSetName="cs")
    client.set_default_sender_id(ConfigurationSetName="cs", SenderId="MyBrand")
    send(client, DestinationPhoneNumber=GB_MOBILE, ConfigurationSetName="cs")
    sent = sms.sent_messages.last
    assert (sent.origination_identity, sent.origination_identity_arn) == ("MyBrand", None)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, DestinationPhoneNumber=US_MOBILE, ConfigurationSetName="cs")
    assert error_of(exc)["Reason"] == "NO_ORIGINATION_IDENTITIES_FOUND"


def test_dedicated_identities_come_before_an_unowned_default_sender_id(
    client: Any, sms: SmsVoiceMock
) -> None:
    """The default sender ID is used only "if no dedicated origination phone numbers or registered
    sender IDs are available in your account" (SetDefaultSenderId, API reference)."""
    client.create_configuration_set(ConfigurationSetName="cs")
    client.set_default_sender_id(ConfigurationSetName="cs", SenderId="MyBrand")
    client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    send(client, DestinationPhoneNumber=GB_MOBILE, ConfigurationSetName="cs")
    assert sms.sent_messages.last.origination_identity == "ACME"
    gb = request_number(
        client, IsoCountryCode="GB", NumberType="LONG_CODE", NumberCapabilities=["SMS"]
    )
    send(client, DestinationPhoneNumber=GB_MOBILE, ConfigurationSetName="cs")
    assert sms.sent_messages.last.origination_identity == gb["PhoneNumber"]


def test_no_identity_and_nothing_suitable(client: Any, long_code: dict[str, Any]) -> None:
    """Without any identity that can reach the destination: ConflictException NO_ORIGINATION_IDENTITIES_FOUND."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, DestinationPhoneNumber=GB_MOBILE)
    assert error_of(exc)["Reason"] == "NO_ORIGINATION_IDENTITIES_FOUND"


@pytest.mark.parametrize(
    ("identity", "resource_type"),
    [
        ("phone-00000000000000000000000000000000", "phone-number"),
        ("+12065550199", "phone-number"),
        ("pool-00000000000000000000000000000000", "pool"),
        ("NOBODY", "sender-id"),
        ("arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-1", "phone-number"),
    ],
    ids=["phone-id", "e164", "pool-id", "sender-id", "phone-arn"],
)
def test_unknown_identity_is_not_found(client: Any, identity: str, resource_type: str) -> None:
    """An explicit identity that doesn't exist is ResourceNotFoundException of its type."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        send(client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=identity)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": resource_type,
        "ResourceId": identity,
    }


# -- parameters ------------------------------------------------------------------------------


def test_every_parameter_is_recorded(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]
) -> None:
    """Keyword, TimeToLive, Context, DestinationCountryParameters, MaxPrice and MessageType are kept with the message."""
    message_id = send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageType="PROMOTIONAL",
        Keyword="PROGRAM",
        MaxPrice="0.50",
        TimeToLive=600,
        Context={"order": "42"},
        DestinationCountryParameters={"IN_ENTITY_ID": "E1", "IN_TEMPLATE_ID": "T1"},
        MessageFeedbackEnabled=True,
    )
    sent = sms.sent_messages.one(message_id=message_id)
    assert (sent.message_type, sent.keyword, sent.max_price, sent.time_to_live) == (
        "PROMOTIONAL",
        "PROGRAM",
        "0.50",
        600,
    )
    assert sent.context == {"order": "42"}
    assert sent.destination_country_parameters == {"IN_ENTITY_ID": "E1", "IN_TEMPLATE_ID": "T1"}
    assert sent.message_feedback_enabled is True
    assert sent.source == "API"


def test_defaults(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """TimeToLive: "By default this is 72 hours"; MessageType defaults to the identity's; feedback is off."""
    send(client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator["PhoneNumberId"])
    sent = sms.sent_messages.last
    assert sent.time_to_live == 72 * 3600
    assert sent.message_type == simulator["MessageType"]
    assert sent.message_feedback_enabled is False
    assert sent.configuration_set_name is None


@pytest.mark.parametrize(
    "form", ["ConfigurationSetName", "ConfigurationSetArn"], ids=["name", "arn"]
)
def test_configuration_set_defaults(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any], form: str
) -> None:
    """A configuration set (name or ARN) supplies its DefaultMessageType and DefaultMessageFeedbackEnabled."""
    created = client.create_configuration_set(ConfigurationSetName="cs")
    client.set_default_message_type(ConfigurationSetName="cs", MessageType="PROMOTIONAL")
    client.set_default_message_feedback_enabled(
        ConfigurationSetName="cs", MessageFeedbackEnabled=True
    )
    send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        ConfigurationSetName=created[form],
    )
    sent = sms.sent_messages.last
    assert (sent.configuration_set_name, sent.message_type, sent.message_feedback_enabled) == (
        "cs",
        "PROMOTIONAL",
        True,
    )
    send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        ConfigurationSetName="cs",
        MessageType="TRANSACTIONAL",
        MessageFeedbackEnabled=False,
    )
    assert (
        sms.sent_messages.last.message_type,
        sms.sent_messages.last.message_feedback_enabled,
    ) == ("TRANSACTIONAL", False)


@pytest.mark.parametrize(
    ("member", "value", "resource_type"),
    [
        ("ConfigurationSetName", "missing", "configuration-set"),
        (
            "ProtectConfigurationId",
            "protect-00000000000000000000000000000000",
            "protect-configuration",
        ),
    ],
    ids=["configuration-set", "protect-configuration"],
)
def test_unknown_referenced_resources(
    client: Any, simulator: dict[str, Any], member: str, value: str, resource_type: str
) -> None:
    """An unknown ConfigurationSetName or ProtectConfigurationId is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        send(
            client,
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            **{member: value},
        )
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": resource_type,
        "ResourceId": value,
    }


def test_max_price_over_threshold(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]
) -> None:
    """ "If the calculated amount … is greater than MaxPrice, the message is not sent and an error is returned."""
    body = "x" * 161  # two GSM-7 parts
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send(
            client,
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            MessageBody=body,
            MaxPrice="0.01",
        )
    assert error_of(exc)["Reason"] == "PRICE_OVER_THRESHOLD"
    assert [f["Name"] for f in error_of(exc)["Fields"]] == ["MaxPrice"]
    assert len(sms.sent_messages) == 0
    send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageBody=body,
        MaxPrice="0.02",
    )
    assert sms.sent_messages.last.price == str(PRICE_PER_SMS_PART * 2)


def test_dry_run(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """DryRun: "the message is checked and validated, but isn't sent … You are not charged"."""
    out = client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageBody="hi",
        DryRun=True,
    )
    assert out["MessageId"]
    assert len(sms.sent_messages) == 0
    assert sms.dry_runs.one(message_id=out["MessageId"]).dry_run is True
    assert sms.backend().spend == {}


def test_dry_run_still_validates(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """A DryRun request runs every check: an opted-out destination is still refused."""
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=SUCCESS)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(
            client,
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            DryRun=True,
        )
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
    assert len(sms.dry_runs) == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"MessageBody": "x" * 1601}, "MessageBody"),
        ({"MessageBody": "   "}, "MessageBody"),
        ({"MaxPrice": "10"}, "MaxPrice"),
        ({"TimeToLive": 259201}, "TimeToLive"),
        ({"Keyword": "k" * 31}, "Keyword"),
        ({"MessageType": "URGENT"}, "MessageType"),
        ({"Context": {f"k{i}": "v" for i in range(6)}}, "Context"),
        ({"DestinationCountryParameters": {"IN_OTHER": "x"}}, "DestinationCountryParameters"),
    ],
    ids=[
        "body-too-long",
        "body-blank",
        "max-price-pattern",
        "ttl-too-long",
        "keyword-too-long",
        "message-type",
        "context-size",
        "dcp-key",
    ],
)
def test_server_side_validation(
    client: Any, simulator: dict[str, Any], params: dict[str, Any], field: str
) -> None:
    """The service enforces the model's maximums, patterns and enums that botocore does not check."""
    params.setdefault("MessageBody", "hi")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator["PhoneNumberId"], **params
        )
    error = error_of(exc)
    assert error["Reason"] == "FIELD_VALIDATION_FAILED"
    assert any(f["Name"].startswith(field) for f in error["Fields"])


def test_missing_body(client: Any, simulator: dict[str, Any]) -> None:
    """A text message needs a MessageBody: ValidationException MISSING_PARAMETER."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator["PhoneNumberId"]
        )
    assert error_of(exc)["Reason"] == "MISSING_PARAMETER"
    assert error_of(exc)["Fields"][0]["Name"] == "MessageBody"


def test_message_feedback(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """PutMessageFeedback sets "the MessageFeedbackStatus as RECEIVED or FAILED for the passed in MessageId"."""
    message_id = send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageFeedbackEnabled=True,
    )
    out = client.put_message_feedback(MessageId=message_id, MessageFeedbackStatus="RECEIVED")
    assert (out["MessageId"], out["MessageFeedbackStatus"]) == (message_id, "RECEIVED")
    assert sms.sent_messages.one(message_id=message_id).message_feedback_status == "RECEIVED"


def test_unconfirmed_message_feedback_fails_after_an_hour(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]
) -> None:
    """ "When you receive a signal that a user has received the message you must use
    PutMessageFeedback to set the message feedback record as RECEIVED; Otherwise, an hour after the
    message feedback record is set to FAILED" (API_PutMessageFeedback), on sms.clock."""
    on_time, late = (
        send(
            client,
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            MessageFeedbackEnabled=True,
        )
        for _ in range(2)
    )
    sms.clock.advance(hours=1, seconds=-1)
    out = client.put_message_feedback(MessageId=on_time, MessageFeedbackStatus="RECEIVED")
    assert out["MessageFeedbackStatus"] == "RECEIVED"
    sms.clock.advance(seconds=2)
    out = client.put_message_feedback(MessageId=late, MessageFeedbackStatus="RECEIVED")
    assert out["MessageFeedbackStatus"] == "FAILED"
    assert sms.sent_messages.one(message_id=late).message_feedback_status == "FAILED"
    assert sms.sent_messages.one(message_id=on_time).message_feedback_status == "RECEIVED"


@pytest.mark.parametrize("feedback", [False, None], ids=["feedback-disabled", "unknown-id"])
def test_message_feedback_unknown(
    client: Any, simulator: dict[str, Any], feedback: bool | None
) -> None:
    """PutMessageFeedback for an unknown message (or one without feedback) is ResourceNotFoundException message."""
    if feedback is None:
        message_id = "00000000-0000-0000-0000-000000000000"
    else:
        message_id = send(
            client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator["PhoneNumberId"]
        )
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.put_message_feedback(MessageId=message_id, MessageFeedbackStatus="FAILED")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "message",
        "ResourceId": message_id,
    }


# -- destination rules -----------------------------------------------------------------------


def test_opted_out_destination(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """A destination on the identity's opt-out list is not sent to: DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=SUCCESS)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator["PhoneNumberId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DESTINATION_PHONE_NUMBER_OPTED_OUT",
        "ResourceType": "opted-out-number",
        "ResourceId": SUCCESS,
    }
    assert len(sms.sent_messages) == 0


def test_other_opt_out_list_does_not_block(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]
) -> None:
    """Only the opt-out list associated with the sending identity blocks a destination."""
    client.create_opt_out_list(OptOutListName="other")
    client.put_opted_out_number(OptOutListName="other", OptedOutNumber=SUCCESS)
    send(client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=simulator["PhoneNumberId"])
    assert len(sms.sent_messages) == 1


def test_capability_mismatch(client: Any) -> None:
    """A phone number without the SMS capability can't send text: NUMBER_CAPABILITIES_MISMATCH."""
    voice_only = request_number(client, NumberCapabilities=["VOICE"])
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(
            client, DestinationPhoneNumber=SUCCESS, OriginationIdentity=voice_only["PhoneNumberId"]
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "NUMBER_CAPABILITIES_MISMATCH",
        "ResourceType": "phone-number",
        "ResourceId": voice_only["PhoneNumberId"],
    }


@pytest.mark.parametrize(
    ("destination", "iso"),
    [(GB_MOBILE, "GB"), ("+17875550100", "PR"), ("+14165550100", "CA")],
    ids=["united-kingdom", "puerto-rico", "ontario"],
)
def test_international_sending(
    client: Any, sms: SmsVoiceMock, long_code: dict[str, Any], destination: str, iso: str
) -> None:
    """A number reaches another country only with InternationalSendingEnabled
    (INVALID_IDENTITY_FOR_DESTINATION_COUNTRY); Canada and Puerto Rico are other countries for a US
    number, as VA Notify saw live (real-clients.md 4.2 [A], issue #2628)."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send(
            client,
            DestinationPhoneNumber=destination,
            OriginationIdentity=long_code["PhoneNumberId"],
        )
    assert error_of(exc)["Reason"] == "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY"
    client.update_phone_number(
        PhoneNumberId=long_code["PhoneNumberId"], InternationalSendingEnabled=True
    )
    send(client, DestinationPhoneNumber=destination, OriginationIdentity=long_code["PhoneNumberId"])
    assert sms.sent_messages.last.iso_country_code == iso


@pytest.mark.parametrize(
    "destination",
    [US_MOBILE, "+61455944038", "+447700900123"],
    ids=["us-real-number", "au-simulator", "gb-number"],
)
def test_simulator_reaches_only_its_countrys_simulators(
    client: Any, simulator: dict[str, Any], destination: str
) -> None:
    """ "you can only send messages to the destination simulator phone number from the same country"."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send(
            client,
            DestinationPhoneNumber=destination,
            OriginationIdentity=simulator["PhoneNumberId"],
        )
    assert error_of(exc)["Reason"] == "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY"


@pytest.mark.parametrize(
    ("destination", "status"),
    [(SUCCESS, "DELIVERED"), (FAILURE, "CARRIER_UNREACHABLE")],
    ids=["success", "failure"],
)
def test_destination_simulator_outcomes(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any], destination: str, status: str
) -> None:
    """Each destination simulator number produces its outcome: the success number delivers, the failure number fails."""
    send(client, DestinationPhoneNumber=destination, OriginationIdentity=simulator["PhoneNumberId"])
    assert sms.sent_messages.last.status == status


# -- parts and spend -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "encoding", "parts"),
    [
        ("a" * 160, "GSM", 1),
        ("a" * 161, "GSM", 2),
        ("a" * 306, "GSM", 2),
        ("a" * 307, "GSM", 3),
        ("€" * 80, "GSM", 1),
        ("€" * 81, "GSM", 2),
        ("é" * 160, "GSM", 1),
        ("ж" * 70, "UCS2", 1),
        ("ж" * 71, "UCS2", 2),
        ("ж" * 134, "UCS2", 2),
        ("ж" * 135, "UCS2", 3),
        ("😀" * 35, "UCS2", 1),
        ("😀" * 36, "UCS2", 2),
    ],
    ids=[
        "gsm-160",
        "gsm-161",
        "gsm-306",
        "gsm-307",
        "gsm-ext-80",
        "gsm-ext-81",
        "gsm-accent",
        "ucs2-70",
        "ucs2-71",
        "ucs2-134",
        "ucs2-135",
        "ucs2-surrogate-35",
        "ucs2-surrogate-36",
    ],
)
def test_message_parts(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any], body: str, encoding: str, parts: int
) -> None:
    """GSM-7 is 160 characters in one part or 153 per part; UCS-2 is 70 or 67; each part is charged."""
    assert message_parts(body) == (encoding, parts)
    send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageBody=body,
    )
    sent = sms.sent_messages.last
    assert (sent.encoding, sent.parts, sent.price) == (
        encoding,
        parts,
        str(PRICE_PER_SMS_PART * parts),
    )


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ("a" * 1530, True),
        ("a" * 1531, False),
        ("€" * 765, True),
        ("€" * 766, False),
        ("ж" * 630, True),
        ("ж" * 631, False),
    ],
    ids=["gsm-1530", "gsm-1531", "gsm-ext-765", "gsm-ext-766", "ucs2-630", "ucs2-631"],
)
def test_message_size_cap(
    client: Any, sms: SmsVoiceMock, simulator: dict[str, Any], body: str, accepted: bool
) -> None:
    """A text message holds at most 1530 GSM or 630 non-GSM characters (user guide, SMS character
    limits); a larger one fails with MAXIMUM_SIZE_EXCEEDED on MessageBody and is not sent."""
    params = {
        "DestinationPhoneNumber": SUCCESS,
        "OriginationIdentity": simulator["PhoneNumberId"],
        "MessageBody": body,
    }
    if accepted:
        send(client, **params)
        assert sms.sent_messages.last.message_body == body
        return
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send(client, **params)
    error = error_of(exc)
    assert (error["Reason"], [f["Name"] for f in error["Fields"]]) == (
        "MAXIMUM_SIZE_EXCEEDED",
        ["MessageBody"],
    )
    assert len(sms.sent_messages) == 0


def test_spend_accrues_per_month(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """Message parts are charged against this month's TEXT spend; a new month starts from zero."""
    send(
        client,
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageBody="a" * 161,
    )
    backend = sms.backend()
    month = backend.now().strftime("%Y-%m")
    assert backend.spend[("TEXT_MESSAGE_MONTHLY_SPEND_LIMIT", month)] == PRICE_PER_SMS_PART * 2


def test_monthly_spend_limit(client: Any, sms: SmsVoiceMock, simulator: dict[str, Any]) -> None:
    """Sending past the EnforcedLimit is ServiceQuotaExceededException MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT."""
    client.set_text_message_spend_limit_override(MonthlyLimit=1)
    body = "a" * 1530  # ten parts: 0.0581 USD
    for _ in range(17):
        send(
            client,
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            MessageBody=body,
        )
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        send(
            client,
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            MessageBody=body,
        )
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT",
    }
    assert len(sms.sent_messages) == 17
    spent = sms.backend().spend[
        ("TEXT_MESSAGE_MONTHLY_SPEND_LIMIT", sms.backend().now().strftime("%Y-%m"))
    ]
    assert spent == PRICE_PER_SMS_PART * 170 <= Decimal(1)
