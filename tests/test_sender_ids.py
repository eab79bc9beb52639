"""RequestSenderId, DescribeSenderIds, UpdateSenderId, ReleaseSenderId through a boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number

ARN_PREFIX = "arn:aws:sms-voice:us-east-1:123456789012:sender-id"


def request(
    client: Any, sender_id: str = "ACME", iso: str = "GB", **overrides: Any
) -> dict[str, Any]:
    return dict(client.request_sender_id(SenderId=sender_id, IsoCountryCode=iso, **overrides))


def test_request_sender_id_defaults(client: Any) -> None:
    """RequestSenderId upper-cases the sender ID; MessageTypes default to both, protection off."""
    out = request(client, "Acme-1", Tags=[{"Key": "team", "Value": "ops"}])
    assert out["SenderId"] == "ACME-1"
    assert out["IsoCountryCode"] == "GB"
    assert out["SenderIdArn"] == f"{ARN_PREFIX}/ACME-1/GB"
    assert sorted(out["MessageTypes"]) == ["PROMOTIONAL", "TRANSACTIONAL"]
    assert out["DeletionProtectionEnabled"] is False
    assert out["Registered"] is False
    assert out["MonthlyLeasingPrice"] == "0.00"
    assert out["Tags"] == [{"Key": "team", "Value": "ops"}]


def test_request_sender_id_with_message_types_and_protection(client: Any) -> None:
    """MessageTypes and DeletionProtectionEnabled are kept as requested."""
    out = request(client, MessageTypes=["PROMOTIONAL"], DeletionProtectionEnabled=True)
    assert out["MessageTypes"] == ["PROMOTIONAL"]
    assert out["DeletionProtectionEnabled"] is True


def test_same_sender_id_in_two_countries(client: Any) -> None:
    """A sender ID is unique per (SenderId, IsoCountryCode): a name may exist in two countries."""
    request(client, "ACME", "GB")
    request(client, "ACME", "DE")
    listed = client.describe_sender_ids()["SenderIds"]
    assert sorted((s["SenderId"], s["IsoCountryCode"]) for s in listed) == [
        ("ACME", "DE"),
        ("ACME", "GB"),
    ]


def test_request_existing_sender_id_conflicts(client: Any) -> None:
    """Requesting a (SenderId, IsoCountryCode) that already exists, in any case, is a conflict."""
    request(client, "ACME")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        request(client, "acme")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_ALREADY_EXISTS",
        "ResourceType": "sender-id",
        "ResourceId": "ACME",
    }


@pytest.mark.parametrize(
    "iso", ["US", "CA", "PR", "CN"], ids=["us", "canada", "puerto-rico", "china"]
)
def test_sender_ids_unsupported_in_country(client: Any, iso: str) -> None:
    """Sender IDs are unsupported in "Canada, China, and the United States" (and Puerto Rico)."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        request(client, iso=iso)
    err = error_of(exc)
    assert (err["Reason"], err["Fields"][0]["Name"]) == (
        "SENDER_ID_NOT_SUPPORTED",
        "IsoCountryCode",
    )


@pytest.mark.parametrize("iso", ["IN", "SA", "AE"], ids=["india", "saudi-arabia", "uae"])
def test_sender_id_requiring_registration_is_refused(client: Any, iso: str) -> None:
    """RequestSenderId requests "a new sender ID that doesn't require registration"."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        request(client, iso=iso)
    err = error_of(exc)
    assert (err["Reason"], err["Fields"][0]["Name"]) == (
        "SENDER_ID_REQUIRES_REGISTRATION",
        "IsoCountryCode",
    )


@pytest.mark.parametrize(
    "sender_id",
    ["12345", "-ACME", "ACME-", "ABCDEFGHIJKL", "AC ME"],
    ids=["no-letter", "leading-hyphen", "trailing-hyphen", "too-long", "space"],
)
def test_malformed_sender_id_is_invalid(client: Any, sender_id: str) -> None:
    """A sender ID is 1-11 letters, digits or hyphens, "must contain at least one letter and cannot
    start or end with a hyphen"."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        request(client, sender_id)
    err = error_of(exc)
    assert (err["Reason"], err["Fields"][0]["Name"]) == ("FIELD_VALIDATION_FAILED", "SenderId")
    assert client.describe_sender_ids()["SenderIds"] == []


def test_sender_id_quota(client: Any, sms: SmsVoiceMock) -> None:
    """RequestSenderId beyond the account's sender ID quota is ServiceQuotaExceededException."""
    sms.backend().settings.limits["SENDER_IDS"] = 1
    request(client, "ONE")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        request(client, "TWO")
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "SENDER_IDS_PER_ACCOUNT",
    }


def test_request_sender_id_client_token_replays(client: Any) -> None:
    """A repeated ClientToken returns the first answer without requesting a second sender ID."""
    first = request(client, ClientToken="token-1")
    again = request(client, ClientToken="token-1")
    assert again["SenderIdArn"] == first["SenderIdArn"]
    assert len(client.describe_sender_ids()["SenderIds"]) == 1


def test_describe_sender_ids_by_id_and_arn(client: Any) -> None:
    """DescribeSenderIds takes {SenderId, IsoCountryCode}; SenderId may be an ARN or any case."""
    acme = request(client, "ACME")
    request(client, "OTHER")
    out = client.describe_sender_ids(
        SenderIds=[
            {"SenderId": "acme", "IsoCountryCode": "GB"},
            {"SenderId": acme["SenderIdArn"], "IsoCountryCode": "GB"},
        ]
    )
    assert [s["SenderIdArn"] for s in out["SenderIds"]] == [acme["SenderIdArn"]]


def test_describe_unknown_sender_id_is_not_found(client: Any) -> None:
    """If you specify a sender ID that isn't valid, DescribeSenderIds returns an error."""
    request(client, "ACME", "GB")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_sender_ids(SenderIds=[{"SenderId": "ACME", "IsoCountryCode": "DE"}])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "sender-id",
        "ResourceId": "ACME",
    }


def test_sender_id_arn_and_country_must_agree(client: Any) -> None:
    """An IsoCountryCode that contradicts the sender ID ARN's country is COUNTRY_CODE_MISMATCH."""
    acme = request(client, "ACME", "GB")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_sender_ids(
            SenderIds=[{"SenderId": acme["SenderIdArn"], "IsoCountryCode": "DE"}]
        )
    err = error_of(exc)
    assert (err["Reason"], err["Fields"][0]["Name"]) == ("COUNTRY_CODE_MISMATCH", "IsoCountryCode")


def test_sender_id_arn_without_country_is_invalid(client: Any) -> None:
    """A sender ID ARN ends with sender-id/{SenderId}/{IsoCountryCode}; else it is INVALID_ARN."""
    request(client, "ACME", "GB")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_sender_id(SenderId=f"{ARN_PREFIX}/ACME", IsoCountryCode="GB")
    assert error_of(exc)["Reason"] == "INVALID_ARN"


def test_owner_and_sender_ids_are_exclusive(client: Any) -> None:
    """The Owner and SenderIds parameters can't be used at the same time."""
    request(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_sender_ids(
            Owner="SELF", SenderIds=[{"SenderId": "ACME", "IsoCountryCode": "GB"}]
        )
    assert error_of(exc)["Reason"] == "PARAMETERS_CANNOT_BE_USED_TOGETHER"


@pytest.mark.parametrize(("owner", "count"), [("SELF", 1), ("SHARED", 0)], ids=["self", "shared"])
def test_owner_self_and_shared(client: Any, owner: str, count: int) -> None:
    """Owner SELF lists the account's sender IDs; nothing is shared with a single mocked account."""
    request(client)
    assert len(client.describe_sender_ids(Owner=owner)["SenderIds"]) == count


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("sender-id", ["BETA"], {"BETA/DE"}),
        ("iso-country-code", ["GB"], {"ALPHA/GB", "GAMMA/GB"}),
        ("message-type", ["TRANSACTIONAL"], {"ALPHA/GB", "BETA/DE"}),
        ("deletion-protection-enabled", ["true"], {"GAMMA/GB"}),
        ("registered", ["false"], {"ALPHA/GB", "BETA/DE", "GAMMA/GB"}),
    ],
    ids=["sender-id", "iso-country-code", "message-type", "deletion-protection", "registered"],
)
def test_describe_sender_ids_filters(
    client: Any, name: str, values: list[str], expected: set[str]
) -> None:
    """DescribeSenderIds with filters returns only the sender IDs that meet the filter criteria."""
    request(client, "ALPHA", "GB")
    request(client, "BETA", "DE", MessageTypes=["TRANSACTIONAL"])
    request(client, "GAMMA", "GB", MessageTypes=["PROMOTIONAL"], DeletionProtectionEnabled=True)
    out = client.describe_sender_ids(Filters=[{"Name": name, "Values": values}])
    assert {f"{s['SenderId']}/{s['IsoCountryCode']}" for s in out["SenderIds"]} == expected


def test_describe_sender_ids_filter_value_outside_enum(client: Any) -> None:
    """A message-type filter value outside the enum is INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_sender_ids(Filters=[{"Name": "message-type", "Values": ["BULK"]}])
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_describe_sender_ids_paginates(client: Any) -> None:
    """DescribeSenderIds pages with NextToken; the boto3 paginator walks every sender ID once."""
    names = [f"S{i}" for i in range(5)]
    for name in names:
        request(client, name)
    pages = list(
        client.get_paginator("describe_sender_ids").paginate(PaginationConfig={"PageSize": 2})
    )
    assert [len(p["SenderIds"]) for p in pages] == [2, 2, 1]
    assert [s["SenderId"] for p in pages for s in p["SenderIds"]] == names


def test_update_sender_id_toggles_deletion_protection(client: Any) -> None:
    """UpdateSenderId changes DeletionProtectionEnabled; the sender ID may be given in any case."""
    request(client)
    out = client.update_sender_id(
        SenderId="acme", IsoCountryCode="GB", DeletionProtectionEnabled=True
    )
    assert out["DeletionProtectionEnabled"] is True
    listed = client.describe_sender_ids()["SenderIds"][0]
    assert listed["DeletionProtectionEnabled"] is True


@pytest.mark.parametrize(
    "operation", ["update_sender_id", "release_sender_id"], ids=["update", "release"]
)
def test_unknown_sender_id_is_not_found(client: Any, operation: str) -> None:
    """UpdateSenderId and ReleaseSenderId of an unknown sender ID are ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        getattr(client, operation)(SenderId="NOPE", IsoCountryCode="GB")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "sender-id",
        "ResourceId": "NOPE",
    }


def test_release_sender_id(client: Any) -> None:
    """ReleaseSenderId removes the sender ID and answers its record."""
    acme = request(client)
    out = client.release_sender_id(SenderId=acme["SenderIdArn"], IsoCountryCode="GB")
    assert (out["SenderId"], out["IsoCountryCode"]) == ("ACME", "GB")
    assert "DeletionProtectionEnabled" not in out
    assert client.describe_sender_ids()["SenderIds"] == []


def test_release_protected_sender_id_conflicts(client: Any) -> None:
    """A sender ID with deletion protection enabled can't be released."""
    request(client, DeletionProtectionEnabled=True)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.release_sender_id(SenderId="ACME", IsoCountryCode="GB")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DELETION_PROTECTION_ENABLED",
        "ResourceType": "sender-id",
        "ResourceId": "ACME",
    }


def test_release_pooled_sender_id_conflicts(client: Any) -> None:
    """A sender ID associated with a pool can't be released until it leaves the pool."""
    request(client)
    number = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity="ACME", IsoCountryCode="GB"
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.release_sender_id(SenderId="ACME", IsoCountryCode="GB")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "SENDER_ID_ASSOCIATED_TO_POOL",
        "ResourceType": "sender-id",
        "ResourceId": "ACME",
    }
    client.disassociate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity="ACME", IsoCountryCode="GB"
    )
    assert client.release_sender_id(SenderId="ACME", IsoCountryCode="GB")["SenderId"] == "ACME"
