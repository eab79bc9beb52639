"""Hostile input found by fuzzing (issue 10) gets the service's answer, never a Python exception, and
no answer breaks its output shape. Bodies no SDK would send go straight to ``_protocol.respond``."""

from __future__ import annotations

import os
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.helpers import missing_tool

if os.environ.get("CI") != "true":  # tests.fuzzing needs it; with CI=true, missing fails
    pytest.importorskip("hypothesis", reason=missing_tool("hypothesis", "test"))

from smsvoice_mock import SmsVoiceMock
from tests.fuzzing import call_and_check, deep
from tests.helpers import error_of, request_number

NUMBER = "+14254147755"


def _error(body: dict[str, Any]) -> dict[str, Any]:
    return {k: body[k] for k in ("__type", "Reason") if k in body}


@pytest.mark.parametrize(
    "body",
    [
        "[" * 5000 + "]" * 5000,
        '{"Filters": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"MaxResults": NaN}',
        '{"MaxResults": -Infinity}',
        "not json",
        "[]",
        b"\xff\xfe",
    ],
    ids=["deep-array", "deep-member", "nan", "infinity", "not-json", "not-an-object", "not-utf8"],
)
def test_unreadable_bodies_cannot_be_parsed(sms: SmsVoiceMock, body: str | bytes) -> None:
    """A body that is no JSON object, nests too deep to read or holds NaN/Infinity is a
    ValidationException with Reason CANNOT_PARSE."""
    status, payload = call_and_check("DescribePools", body)
    assert (status, _error(payload)) == (
        400,
        {"__type": "ValidationException", "Reason": "CANNOT_PARSE"},
    )


@pytest.mark.parametrize(
    "body",
    ['"\\ud800"', '"x\\udc00y"', '"\\uD83D"', '"\\udcac\\ud83d"'],
    ids=["high", "low", "upper-case-escape", "reversed-pair"],
)
def test_unpaired_surrogates_cannot_be_parsed(sms: SmsVoiceMock, client: Any, body: str) -> None:
    """A string holding an unpaired UTF-16 surrogate is no Unicode text: CANNOT_PARSE (a lone
    surrogate in a MessageBody used to raise UnicodeEncodeError while counting message parts)."""
    number = request_number(client)
    text = (
        '{"DestinationPhoneNumber": "+14254147755", "OriginationIdentity": "'
        + number["PhoneNumberId"]
        + '", "MessageBody": '
        + body
        + "}"
    )
    status, payload = call_and_check("SendTextMessage", text)
    assert (status, _error(payload)) == (
        400,
        {"__type": "ValidationException", "Reason": "CANNOT_PARSE"},
    )


def test_paired_surrogates_are_text(sms: SmsVoiceMock, client: Any) -> None:
    """A surrogate pair escaped in JSON (an emoji) is ordinary text and is sent."""
    number = request_number(client)
    text = (
        '{"DestinationPhoneNumber": "+14254147755", "OriginationIdentity": "'
        + number["PhoneNumberId"]
        + '", "MessageBody": "hi \\ud83d\\udcac"}'
    )
    status, _ = call_and_check("SendTextMessage", text)
    assert status == 200
    assert sms.sent_messages.last.message_body == "hi \U0001f4ac"


def test_deep_value_of_a_member_is_of_the_wrong_type(sms: SmsVoiceMock) -> None:
    """A member nested a few hundred levels deep (readable JSON) is of the wrong type: CANNOT_PARSE."""
    status, payload = call_and_check("DescribePools", {"PoolIds": deep(400)})
    assert (status, _error(payload)) == (
        400,
        {"__type": "ValidationException", "Reason": "CANNOT_PARSE"},
    )


@pytest.mark.parametrize(
    ("operation", "body", "reason"),
    [
        ("CreateOptOutList", {"OptOutListName": None}, "MISSING_PARAMETER"),
        ("DeleteOptOutList", {"OptOutListName": None}, "MISSING_PARAMETER"),
        ("DeleteRegistration", {"RegistrationId": None}, "MISSING_PARAMETER"),
        ("DeleteRcsAgent", {"RcsAgentId": None}, "MISSING_PARAMETER"),
        (
            "CreateRegistrationAssociation",
            {"RegistrationId": None, "ResourceId": "x"},
            "MISSING_PARAMETER",
        ),
        ("DescribeOptOutLists", {"OptOutListNames": [None]}, "CANNOT_PARSE"),
        (
            "CreateNotifyConfiguration",
            {"DisplayName": "x", "UseCase": "CODE_VERIFICATION", "EnabledChannels": None},
            "MISSING_PARAMETER",
        ),
        (
            "CreateNotifyConfiguration",
            {"DisplayName": "x", "UseCase": "CODE_VERIFICATION", "EnabledChannels": [None]},
            "CANNOT_PARSE",
        ),
        (
            "TagResource",
            {
                "ResourceArn": "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1",
                "Tags": [{"Key": "k", "Value": None}],
            },
            "MISSING_PARAMETER",
        ),
        (
            "PutProtectConfigurationRuleSetNumberOverride",
            {
                "ProtectConfigurationId": "x",
                "DestinationPhoneNumber": NUMBER,
                "Action": "ALLOW",
                "ExpirationTimestamp": 1e12,
            },
            "CANNOT_PARSE",
        ),
        (
            "PutProtectConfigurationRuleSetNumberOverride",
            {
                "ProtectConfigurationId": "x",
                "DestinationPhoneNumber": NUMBER,
                "Action": "ALLOW",
                "ExpirationTimestamp": 10**40,
            },
            "CANNOT_PARSE",
        ),
    ],
    ids=[
        "null-opt-out-list-name",
        "null-opt-out-list-name-delete",
        "null-registration-id",
        "null-rcs-agent-id",
        "null-registration-id-association",
        "null-in-a-list",
        "null-list",
        "null-list-item",
        "null-tag-value",
        "timestamp-past-year-9999",
        "timestamp-beyond-float",
    ],
)
def test_nulls_and_impossible_dates_are_validation_errors(
    sms: SmsVoiceMock, operation: str, body: dict[str, Any], reason: str
) -> None:
    """A null member counts as absent (a required one is MISSING_PARAMETER); a null inside a list and
    a timestamp outside the range of dates cannot be parsed."""
    status, payload = call_and_check(operation, body)
    assert (status, _error(payload)) == (400, {"__type": "ValidationException", "Reason": reason})


@pytest.mark.parametrize(
    ("operation", "body", "member"),
    [
        (
            "CreateConfigurationSet",
            {"ConfigurationSetName": "c", "DeletionProtectionEnabled": None},
            "DeletionProtectionEnabled",
        ),
        (
            "CreateOptOutList",
            {"OptOutListName": "o", "DeletionProtectionEnabled": None},
            "DeletionProtectionEnabled",
        ),
        (
            "CreateProtectConfiguration",
            {"DeletionProtectionEnabled": None},
            "DeletionProtectionEnabled",
        ),
    ],
    ids=["configuration-set", "opt-out-list", "protect-configuration"],
)
def test_null_boolean_is_the_default(
    sms: SmsVoiceMock, operation: str, body: dict[str, Any], member: str
) -> None:
    """A null boolean is an absent one: the resource gets the default and its answers keep the member."""
    status, payload = call_and_check(operation, body)
    assert status == 200
    assert payload.get(member, False) is False


def test_null_booleans_of_a_phone_number_keep_their_values(sms: SmsVoiceMock, client: Any) -> None:
    """UpdatePhoneNumber with null booleans changes nothing; the answer keeps every required member."""
    number = request_number(client)
    body = {
        "PhoneNumberId": number["PhoneNumberId"],
        "TwoWayEnabled": None,
        "SelfManagedOptOutsEnabled": None,
        "DeletionProtectionEnabled": None,
    }
    status, payload = call_and_check("UpdatePhoneNumber", body)
    assert status == 200
    assert (
        payload["TwoWayEnabled"],
        payload["SelfManagedOptOutsEnabled"],
        payload["DeletionProtectionEnabled"],
    ) == (False, False, False)
    described = client.describe_phone_numbers()["PhoneNumbers"][0]
    assert described["TwoWayEnabled"] is False


@pytest.mark.parametrize(
    "number", ["+9 ", "+1", "+(9)"], ids=["one-digit-space", "one-digit", "bracketed"]
)
def test_carrier_lookup_of_too_few_digits(client: Any, number: str) -> None:
    """CarrierLookup of a number with fewer than two digits cannot answer an E.164 number (pattern
    \\+[1-9][0-9]{1,18}): it is a ValidationException."""
    with pytest.raises(ClientError) as exc:
        client.carrier_lookup(PhoneNumber=number)
    assert error_of(exc)["Code"] == "ValidationException"


@pytest.mark.parametrize(
    ("kind", "digits"),
    [
        ("StartsWith", "000"),
        ("ExactMatch", "05"),
        ("StartsWith", "+44"),
        ("EndsWith", "1234567890123"),
    ],
    ids=["starts-with-zeros", "exact-too-short", "another-country", "ends-with-too-long"],
)
def test_ten_dlc_preferences_no_number_has(client: Any, kind: str, digits: str) -> None:
    """A TEN_DLC NumberPreference that no US number can satisfy lists no number and requests none
    (answers with invalid E.164 numbers broke the output shape)."""
    preference = [{"PreferenceType": [kind], "Filter": [digits]}]
    listed = client.list_available_phone_numbers(
        IsoCountryCode="US",
        NumberType="TEN_DLC",
        NumberCapabilities=["SMS"],
        NumberPreference=preference,
    )
    assert listed["AvailablePhoneNumbers"] == []
    with pytest.raises(ClientError) as exc:
        request_number(client, NumberType="TEN_DLC", NumberPreference=preference)
    assert error_of(exc)["Code"] == "ValidationException"


def test_ten_dlc_preference_a_number_has(client: Any) -> None:
    """A satisfiable TEN_DLC preference still gives a US number that matches it."""
    preference = [{"PreferenceType": ["StartsWith"], "Filter": ["+1425"]}]
    number = request_number(client, NumberType="TEN_DLC", NumberPreference=preference)
    assert number["PhoneNumber"].startswith("+1425")
    assert len(number["PhoneNumber"]) == 12
