"""The sandbox tier and verified destination numbers through a real boto3 client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from tests.helpers import error_of, make_client, request_number, to_next_utc_day

SUCCESS = "+14254147755"
FAILURE = "+14254147167"
USER = "+12065550100"


@pytest.fixture
def sandbox() -> Iterator[SmsVoiceMock]:
    with mock_smsvoice(sandbox=True) as handle:
        yield handle


@pytest.fixture
def sclient(sandbox: SmsVoiceMock) -> Any:
    return make_client()


@pytest.fixture
def long_code(sclient: Any) -> dict[str, Any]:
    return request_number(sclient, NumberType="LONG_CODE", NumberCapabilities=["SMS", "VOICE"])


def verify(client: Any, sms: SmsVoiceMock, number: str) -> dict[str, Any]:
    created = client.create_verified_destination_number(DestinationPhoneNumber=number)
    client.send_destination_number_verification_code(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
        VerificationChannel="TEXT",
    )
    return dict(
        client.verify_destination_number(
            VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
            VerificationCode=sms.verification_code(number),
        )
    )


def test_account_tier(sclient: Any) -> None:
    """``mock_smsvoice(sandbox=True)`` puts the account in the SANDBOX tier."""
    attributes = {
        a["Name"]: a["Value"] for a in sclient.describe_account_attributes()["AccountAttributes"]
    }
    assert attributes["ACCOUNT_TIER"] == "SANDBOX"


def test_unverified_destination_is_refused(
    sclient: Any, sandbox: SmsVoiceMock, long_code: dict[str, Any]
) -> None:
    """ "You can only send messages to verified destination numbers when your account is in the sandbox"."""
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.send_text_message(
            DestinationPhoneNumber=USER,
            OriginationIdentity=long_code["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DESTINATION_PHONE_NUMBER_NOT_VERIFIED",
        "ResourceType": "verified-destination-number",
        "ResourceId": USER,
    }


def test_pending_destination_is_refused(sclient: Any, long_code: dict[str, Any]) -> None:
    """A verified destination number that is still PENDING can't receive messages."""
    sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.send_voice_message(
            DestinationPhoneNumber=USER,
            OriginationIdentity=long_code["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_NOT_VERIFIED"


def test_verified_and_simulator_destinations_are_reachable(
    sclient: Any, sandbox: SmsVoiceMock, long_code: dict[str, Any]
) -> None:
    """In the sandbox, VERIFIED destination numbers and destination simulator numbers receive messages."""
    verify(sclient, sandbox, USER)
    sclient.send_text_message(
        DestinationPhoneNumber=USER,
        OriginationIdentity=long_code["PhoneNumberId"],
        MessageBody="hi",
    )
    simulator = request_number(sclient)
    sclient.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageBody="hi",
    )
    assert [m.destination_phone_number for m in sandbox.sent_messages.find(source="API")] == [
        USER,
        SUCCESS,
    ]


def test_sandbox_spend_cap(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """The sandbox has "a monthly SMS spending limit of $1.00 (USD)"."""
    limits = {s["Name"]: s for s in sclient.describe_spend_limits()["SpendLimits"]}
    assert (
        limits["TEXT_MESSAGE_MONTHLY_SPEND_LIMIT"]["MaxLimit"],
        limits["TEXT_MESSAGE_MONTHLY_SPEND_LIMIT"]["EnforcedLimit"],
    ) == (1, 1)
    simulator = request_number(sclient)
    body = "a" * 1530  # ten parts, the most a message may have: 0.0581 USD
    for _ in range(17):
        sclient.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            MessageBody=body,
        )
    with pytest.raises(sclient.exceptions.ServiceQuotaExceededException) as exc:
        sclient.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=simulator["PhoneNumberId"],
            MessageBody=body,
        )
    assert error_of(exc)["Reason"] == "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT"
    sandbox.clock.advance(days=32)
    sclient.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=simulator["PhoneNumberId"],
        MessageBody=body,
    )


def test_production_needs_no_verification(client: Any) -> None:
    """Outside the sandbox (the default tier, PRODUCTION) any reachable destination receives messages."""
    number = request_number(client, NumberType="LONG_CODE", NumberCapabilities=["SMS"])
    client.send_text_message(
        DestinationPhoneNumber=USER, OriginationIdentity=number["PhoneNumberId"], MessageBody="hi"
    )


# -- verified destination numbers ------------------------------------------------------------


def test_create_verified_destination_number(sclient: Any) -> None:
    """A new verified destination number is PENDING, with an id, ARN and its tags."""
    out = sclient.create_verified_destination_number(
        DestinationPhoneNumber=USER[1:], Tags=[{"Key": "team", "Value": "qa"}]
    )
    assert out["Status"] == "PENDING"
    assert out["DestinationPhoneNumber"] == USER
    assert out["VerifiedDestinationNumberId"].startswith("verifieddestinationnumber-")
    assert out["VerifiedDestinationNumberArn"].endswith(
        ":verified-destination-number/" + out["VerifiedDestinationNumberId"]
    )
    assert out["Tags"] == [{"Key": "team", "Value": "qa"}]


def test_duplicate_verified_destination_number(sclient: Any) -> None:
    """The same destination number can't be added twice: RESOURCE_ALREADY_EXISTS."""
    first = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_ALREADY_EXISTS",
        "ResourceType": "verified-destination-number",
        "ResourceId": first["VerifiedDestinationNumberId"],
    }


def test_verified_destination_quota(sclient: Any) -> None:
    """ "You can add up to 10 verified destination numbers." """
    for i in range(10):
        sclient.create_verified_destination_number(DestinationPhoneNumber=f"+1206555010{i}")
    with pytest.raises(sclient.exceptions.ServiceQuotaExceededException) as exc:
        sclient.create_verified_destination_number(DestinationPhoneNumber="+12065550199")
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT",
    }


def test_describe_filters_and_pages(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """DescribeVerifiedDestinationNumbers filters on ids, numbers and status, and pages with NextToken."""
    ids = [
        sclient.create_verified_destination_number(DestinationPhoneNumber=f"+1206555010{i}")[
            "VerifiedDestinationNumberId"
        ]
        for i in range(3)
    ]
    verify(sclient, sandbox, "+12065550109")
    everything = sclient.describe_verified_destination_numbers()["VerifiedDestinationNumbers"]
    assert len(everything) == 4
    assert all("Tags" not in v for v in everything)
    by_id = sclient.describe_verified_destination_numbers(VerifiedDestinationNumberIds=ids[:2])[
        "VerifiedDestinationNumbers"
    ]
    assert [v["VerifiedDestinationNumberId"] for v in by_id] == ids[:2]
    by_number = sclient.describe_verified_destination_numbers(
        DestinationPhoneNumbers=["+12065550101"]
    )["VerifiedDestinationNumbers"]
    assert [v["VerifiedDestinationNumberId"] for v in by_number] == [ids[1]]
    verified = sclient.describe_verified_destination_numbers(
        Filters=[{"Name": "status", "Values": ["VERIFIED"]}]
    )["VerifiedDestinationNumbers"]
    assert [v["DestinationPhoneNumber"] for v in verified] == ["+12065550109"]
    paginator = sclient.get_paginator("describe_verified_destination_numbers")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["VerifiedDestinationNumbers"]) for p in pages] == [3, 1]


@pytest.mark.parametrize(
    ("params", "code", "reason"),
    [
        (
            {"VerifiedDestinationNumberIds": ["verifieddestinationnumber-0"]},
            "ResourceNotFoundException",
            None,
        ),
        (
            {"Filters": [{"Name": "status", "Values": ["DONE"]}]},
            "ValidationException",
            "INVALID_FILTER_VALUES",
        ),
        (
            {"Filters": [{"Name": "colour", "Values": ["x"]}]},
            "ValidationException",
            "FIELD_VALIDATION_FAILED",
        ),
        ({"NextToken": "garbage"}, "ValidationException", "INVALID_NEXT_TOKEN"),
        ({"MaxResults": 101}, "ValidationException", "FIELD_VALIDATION_FAILED"),
    ],
    ids=["unknown-id", "bad-status", "bad-filter-name", "bad-token", "max-results"],
)
def test_describe_invalid(
    sclient: Any, params: dict[str, Any], code: str, reason: str | None
) -> None:
    """Unknown ids are ResourceNotFoundException; bad filters, tokens and sizes are ValidationException."""
    with pytest.raises(sclient.exceptions.ClientError) as exc:
        sclient.describe_verified_destination_numbers(**params)
    error = error_of(exc)
    assert error["Code"] == code
    assert error.get("Reason") == reason


def test_delete_verified_destination_number(
    sclient: Any, sandbox: SmsVoiceMock, long_code: dict[str, Any]
) -> None:
    """DeleteVerifiedDestinationNumber removes the number (by id or ARN); it can't receive sandbox messages any more."""
    created = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    sandbox.clock.advance(hours=24)
    out = sclient.delete_verified_destination_number(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberArn"]
    )
    assert (out["VerifiedDestinationNumberId"], out["DestinationPhoneNumber"]) == (
        created["VerifiedDestinationNumberId"],
        USER,
    )
    assert sclient.describe_verified_destination_numbers()["VerifiedDestinationNumbers"] == []
    with pytest.raises(sclient.exceptions.ResourceNotFoundException) as exc:
        sclient.delete_verified_destination_number(
            VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"]
        )
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "verified-destination-number",
        "ResourceId": created["VerifiedDestinationNumberId"],
    }


def test_verified_number_can_be_deleted_24_hours_after_it_was_added(
    sclient: Any, sandbox: SmsVoiceMock
) -> None:
    """ "you must wait 24 hours after adding a phone number before you can delete it" (user guide,
    SMS sandbox): a second short of 24 hours on sms.clock the delete is refused, at 24 hours it works."""
    vid = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)[
        "VerifiedDestinationNumberId"
    ]
    sandbox.clock.advance(hours=24, seconds=-1)
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.delete_verified_destination_number(VerifiedDestinationNumberId=vid)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_DELETION_NOT_ALLOWED",
        "ResourceType": "verified-destination-number",
        "ResourceId": vid,
    }
    sandbox.clock.advance(seconds=1)
    assert (
        sclient.delete_verified_destination_number(VerifiedDestinationNumberId=vid)[
            "VerifiedDestinationNumberId"
        ]
        == vid
    )


# -- verification codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "recorded"), [("TEXT", "SMS"), ("VOICE", "VOICE")], ids=["text", "voice"]
)
def test_verification_code_is_sent(
    sclient: Any, sandbox: SmsVoiceMock, channel: str, recorded: str
) -> None:
    """SendDestinationNumberVerificationCode "Creates a new text message with a verification code"; the handle reads it."""
    created = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    out = sclient.send_destination_number_verification_code(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
        VerificationChannel=channel,
        LanguageCode="FR_FR",
    )
    message = sandbox.sent_messages.one(message_id=out["MessageId"])
    code = sandbox.verification_code(USER)
    assert (message.source, message.channel, message.destination_phone_number) == (
        "VERIFICATION_CODE",
        recorded,
        USER,
    )
    assert message.message_body is not None
    assert code in message.message_body
    assert message.price == "0"
    assert len(code) == 6
    assert code.isdigit()


def test_verify_destination_number(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """The right code makes the number VERIFIED; verifying again is VERIFICATION_ALREADY_COMPLETE."""
    out = verify(sclient, sandbox, USER)
    assert (out["Status"], out["DestinationPhoneNumber"]) == ("VERIFIED", USER)
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.verify_destination_number(
            VerifiedDestinationNumberId=out["VerifiedDestinationNumberId"],
            VerificationCode="123456",
        )
    assert error_of(exc)["Reason"] == "VERIFICATION_ALREADY_COMPLETE"
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.send_destination_number_verification_code(
            VerifiedDestinationNumberId=out["VerifiedDestinationNumberId"],
            VerificationChannel="TEXT",
        )
    assert error_of(exc)["Reason"] == "VERIFICATION_ALREADY_COMPLETE"


@pytest.mark.parametrize("send_first", [True, False], ids=["wrong-code", "no-code-sent"])
def test_verification_code_mismatch(sclient: Any, sandbox: SmsVoiceMock, send_first: bool) -> None:
    """A code that isn't the one sent is ValidationException VERIFICATION_CODE_MISMATCH."""
    created = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    vid = created["VerifiedDestinationNumberId"]
    if send_first:
        sclient.send_destination_number_verification_code(
            VerifiedDestinationNumberId=vid, VerificationChannel="TEXT"
        )
        wrong = "000000" if sandbox.verification_code(USER) != "000000" else "111111"
    else:
        wrong = "123456"
    with pytest.raises(sclient.exceptions.ValidationException) as exc:
        sclient.verify_destination_number(VerifiedDestinationNumberId=vid, VerificationCode=wrong)
    assert error_of(exc)["Reason"] == "VERIFICATION_CODE_MISMATCH"
    assert error_of(exc)["Fields"][0]["Name"] == "VerificationCode"


def test_verification_code_expires(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """A code is valid for 24 hours on the mock's clock; then VERIFICATION_CODE_EXPIRED, and a new code works."""
    vid = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)[
        "VerifiedDestinationNumberId"
    ]
    sclient.send_destination_number_verification_code(
        VerifiedDestinationNumberId=vid, VerificationChannel="TEXT"
    )
    code = sandbox.verification_code(USER)
    sandbox.clock.advance(hours=24, seconds=1)
    with pytest.raises(sclient.exceptions.ConflictException) as exc:
        sclient.verify_destination_number(VerifiedDestinationNumberId=vid, VerificationCode=code)
    assert error_of(exc)["Reason"] == "VERIFICATION_CODE_EXPIRED"
    sclient.send_destination_number_verification_code(
        VerifiedDestinationNumberId=vid, VerificationChannel="TEXT"
    )
    out = sclient.verify_destination_number(
        VerifiedDestinationNumberId=vid, VerificationCode=sandbox.verification_code(USER)
    )
    assert out["Status"] == "VERIFIED"


def test_verification_code_is_valid_for_24_hours(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """A code still verifies a second short of 24 hours after it was sent on sms.clock (the mock's
    validity, OQ-7), and no longer after 24 hours (test_verification_code_expires)."""
    vid = sclient.create_verified_destination_number(DestinationPhoneNumber=USER)[
        "VerifiedDestinationNumberId"
    ]
    sclient.send_destination_number_verification_code(
        VerifiedDestinationNumberId=vid, VerificationChannel="TEXT"
    )
    sandbox.clock.advance(hours=24, seconds=-1)
    out = sclient.verify_destination_number(
        VerifiedDestinationNumberId=vid, VerificationCode=sandbox.verification_code(USER)
    )
    assert out["Status"] == "VERIFIED"


def test_verification_code_accessor_explains(sandbox: SmsVoiceMock, sclient: Any) -> None:
    """``sms.verification_code`` says why there is no code to read."""
    with pytest.raises(LookupError, match="not a verified destination number"):
        sandbox.verification_code(USER)
    sclient.create_verified_destination_number(DestinationPhoneNumber=USER)
    with pytest.raises(LookupError, match="SendDestinationNumberVerificationCode"):
        sandbox.verification_code(USER)


def test_unknown_verified_destination(sclient: Any) -> None:
    """Unknown verified destination ids are ResourceNotFoundException verified-destination-number."""
    with pytest.raises(sclient.exceptions.ResourceNotFoundException) as exc:
        sclient.send_destination_number_verification_code(
            VerifiedDestinationNumberId="verifieddestinationnumber-x", VerificationChannel="TEXT"
        )
    assert error_of(exc)["ResourceType"] == "verified-destination-number"


# -- voice in the sandbox --------------------------------------------------------------------


def _call(client: Any, origin: str, destination: str, body: str = "Hello") -> dict[str, Any]:
    return dict(
        client.send_voice_message(
            DestinationPhoneNumber=destination, OriginationIdentity=origin, MessageBody=body
        )
    )


def test_voice_sandbox_calls_per_recipient_per_day(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """Voice in the sandbox: at most 5 messages a day to one recipient (user guide, SMS and voice
    sandbox) → DAILY_DESTINATION_CALL_LIMIT, until the next UTC day of sms.clock."""
    origin = request_number(sclient)["PhoneNumberId"]
    to_next_utc_day(sandbox)  # the five calls fall in one UTC day whatever the time of the run
    for _ in range(5):
        _call(sclient, origin, SUCCESS)
        sandbox.clock.advance(minutes=1)
    with pytest.raises(sclient.exceptions.ServiceQuotaExceededException) as exc:
        _call(sclient, origin, SUCCESS)
    assert error_of(exc)["Reason"] == "DAILY_DESTINATION_CALL_LIMIT"
    to_next_utc_day(sandbox, seconds_before=1)
    with pytest.raises(sclient.exceptions.ServiceQuotaExceededException):
        _call(sclient, origin, SUCCESS)
    sandbox.clock.advance(seconds=1)
    _call(sclient, origin, SUCCESS)


def test_voice_sandbox_calls_per_minute(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """Voice in the sandbox: at most 5 messages a minute (user guide, SMS and voice sandbox); the
    sixth within a minute is throttled, and a minute later calls go through again."""
    origin = request_number(sclient)["PhoneNumberId"]
    to_next_utc_day(sandbox)
    for destination in [SUCCESS] * 3 + [FAILURE] * 2:
        _call(sclient, origin, destination)
    with pytest.raises(sclient.exceptions.ThrottlingException):
        _call(sclient, origin, FAILURE)
    sandbox.clock.advance(seconds=59)
    with pytest.raises(sclient.exceptions.ThrottlingException):
        _call(sclient, origin, FAILURE)
    sandbox.clock.advance(seconds=1)
    _call(sclient, origin, FAILURE)


def test_voice_sandbox_calls_per_day(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """Voice in the sandbox: at most 20 messages a day (user guide, SMS and voice sandbox); the 21st
    is ServiceQuotaExceededException."""
    origin = request_number(sclient, NumberType="LONG_CODE")["PhoneNumberId"]
    recipients = [f"+1206555010{i}" for i in range(4)]
    for recipient in recipients:
        verify(sclient, sandbox, recipient)
    to_next_utc_day(sandbox)
    for recipient in recipients:
        for _ in range(5):
            _call(sclient, origin, recipient)
        sandbox.clock.advance(minutes=1)
    verify(sclient, sandbox, "+12065550199")
    with pytest.raises(sclient.exceptions.ServiceQuotaExceededException):
        _call(sclient, origin, "+12065550199")


def test_voice_sandbox_call_lasts_30_seconds(sclient: Any, sandbox: SmsVoiceMock) -> None:
    """Voice in the sandbox: each message lasts at most 30 seconds (user guide, SMS and voice
    sandbox), however long the text."""
    origin = request_number(sclient)["PhoneNumberId"]
    _call(sclient, origin, SUCCESS, body="word " * 200)
    assert sandbox.sent_messages.last.duration_seconds == 30


def test_production_account_deletes_a_verified_number_at_once(
    client: Any, sms: SmsVoiceMock
) -> None:
    """The 24-hour deletion wait is on the user guide's sandbox page: a production account deletes at once."""
    tier = client.describe_account_attributes()["AccountAttributes"][0]
    assert tier == {"Name": "ACCOUNT_TIER", "Value": "PRODUCTION"}
    vid = client.create_verified_destination_number(DestinationPhoneNumber=USER)[
        "VerifiedDestinationNumberId"
    ]
    out = client.delete_verified_destination_number(VerifiedDestinationNumberId=vid)
    assert out["VerifiedDestinationNumberId"] == vid
    assert client.describe_verified_destination_numbers()["VerifiedDestinationNumbers"] == []
