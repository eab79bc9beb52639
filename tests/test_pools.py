"""CreatePool, DescribePools, UpdatePool, DeletePool, AssociateOriginationIdentity,
DisassociateOriginationIdentity, ListPoolOriginationIdentities through a real boto3 client."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

import smsvoice_mock.models.pool as pool_model
from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number

CHANNEL = "arn:aws:sns:us-east-1:123456789012:inbound-sms"


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client)


@pytest.fixture
def pool(client: Any, number: dict[str, Any]) -> dict[str, Any]:
    return dict(
        client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL")
    )


def new_pool(client: Any) -> dict[str, Any]:
    number = request_number(client)
    return dict(
        client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL")
    )


def sender_id(client: Any, name: str = "ACME", iso: str = "GB", **overrides: Any) -> dict[str, Any]:
    return dict(client.request_sender_id(SenderId=name, IsoCountryCode=iso, **overrides))


def pool_id_of(client: Any, phone_number_id: str) -> str | None:
    found: dict[str, Any] = client.describe_phone_numbers(PhoneNumberIds=[phone_number_id])[
        "PhoneNumbers"
    ][0]
    return found.get("PoolId")


def members(client: Any, pool_id: str) -> list[str]:
    out = client.list_pool_origination_identities(PoolId=pool_id)
    return [i["OriginationIdentity"] for i in out["OriginationIdentities"]]


def associate(client: Any, pool: dict[str, Any], identity: str, **extra: Any) -> dict[str, Any]:
    return dict(
        client.associate_origination_identity(
            PoolId=pool["PoolId"], OriginationIdentity=identity, **extra
        )
    )


# -- CreatePool ------------------------------------------------------------------------------


def test_create_pool_reports_creating_then_active(client: Any, number: dict[str, Any]) -> None:
    """CreatePool answers CREATING; every later call sees the pool ACTIVE."""
    out = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"],
        MessageType="TRANSACTIONAL",
        Tags=[{"Key": "env", "Value": "test"}],
    )
    assert out["Status"] == "CREATING"
    assert re.fullmatch(r"pool-[0-9a-f]{32}", out["PoolId"])
    assert out["PoolArn"] == f"arn:aws:sms-voice:us-east-1:123456789012:pool/{out['PoolId']}"
    assert out["Tags"] == [{"Key": "env", "Value": "test"}]
    described = client.describe_pools(PoolIds=[out["PoolId"]])["Pools"][0]
    assert described["Status"] == "ACTIVE"
    assert pool_id_of(client, number["PhoneNumberId"]) == out["PoolId"]


def test_pool_inherits_the_phone_numbers_configuration(client: Any) -> None:
    """The new pool inherits the identity's configuration; "Deletion protection isn't inherited
    from the origination identity and defaults to false."""
    client.create_opt_out_list(OptOutListName="Marketing")
    number = request_number(client, OptOutListName="Marketing", DeletionProtectionEnabled=True)
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"],
        TwoWayEnabled=True,
        TwoWayChannelArn=CHANNEL,
        SelfManagedOptOutsEnabled=True,
    )
    out = client.create_pool(
        OriginationIdentity=number["PhoneNumberArn"], MessageType="TRANSACTIONAL"
    )
    inherited = ("MessageType", "OptOutListName", "TwoWayEnabled", "TwoWayChannelArn")
    assert {k: out[k] for k in inherited} == {
        "MessageType": "TRANSACTIONAL",
        "OptOutListName": "Marketing",
        "TwoWayEnabled": True,
        "TwoWayChannelArn": CHANNEL,
    }
    assert out["SelfManagedOptOutsEnabled"] is True
    assert out["DeletionProtectionEnabled"] is False
    assert out["SharedRoutesEnabled"] is False


def test_pool_copies_the_phone_numbers_keywords(client: Any, number: dict[str, Any]) -> None:
    """The pool inherits the identity's keywords as its own copy; PutKeyword on the pool works."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="JOIN", KeywordMessage="Hi!"
    )
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    inherited = client.describe_keywords(OriginationIdentity=pool["PoolId"])
    assert {k["Keyword"] for k in inherited["Keywords"]} == {"HELP", "STOP", "JOIN"}
    assert inherited["OriginationIdentityArn"] == pool["PoolArn"]
    client.put_keyword(OriginationIdentity=pool["PoolArn"], Keyword="INFO", KeywordMessage="Info.")
    pool_words = client.describe_keywords(OriginationIdentity=pool["PoolId"])["Keywords"]
    number_words = client.describe_keywords(OriginationIdentity=number["PhoneNumberId"])["Keywords"]
    assert {k["Keyword"] for k in pool_words} == {"HELP", "STOP", "JOIN", "INFO"}
    assert {k["Keyword"] for k in number_words} == {"HELP", "STOP", "JOIN"}


@pytest.mark.parametrize("by_arn", [False, True], ids=["sender-id", "sender-id-arn"])
def test_create_pool_from_sender_id(client: Any, by_arn: bool) -> None:
    """A pool may start from a sender ID (with IsoCountryCode, or its ARN); it gets defaults."""
    acme = sender_id(client)
    identity = (
        {"OriginationIdentity": acme["SenderIdArn"]}
        if by_arn
        else {"OriginationIdentity": "acme", "IsoCountryCode": "GB"}
    )
    out = client.create_pool(MessageType="PROMOTIONAL", **identity)
    settings = (out["OptOutListName"], out["TwoWayEnabled"], out["SelfManagedOptOutsEnabled"])
    assert settings == ("Default", False, False)
    listed = client.list_pool_origination_identities(PoolId=out["PoolId"])
    assert listed["OriginationIdentities"] == [
        {
            "OriginationIdentityArn": acme["SenderIdArn"],
            "OriginationIdentity": "ACME",
            "IsoCountryCode": "GB",
            "NumberCapabilities": ["SMS"],
        }
    ]


def test_bare_sender_id_needs_country(client: Any) -> None:
    """A sender ID given by name (not ARN) needs IsoCountryCode: MISSING_PARAMETER."""
    sender_id(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_pool(OriginationIdentity="ACME", MessageType="TRANSACTIONAL")
    err = error_of(exc)
    assert (err["Reason"], err["Fields"][0]["Name"]) == ("MISSING_PARAMETER", "IsoCountryCode")


@pytest.mark.parametrize("kind", ["phone-number", "sender-id-arn"], ids=["phone", "sender-arn"])
def test_country_code_must_match_the_identity(
    client: Any, number: dict[str, Any], kind: str
) -> None:
    """An IsoCountryCode that isn't the identity's country is COUNTRY_CODE_MISMATCH."""
    identity = (
        number["PhoneNumberId"] if kind == "phone-number" else sender_id(client)["SenderIdArn"]
    )
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_pool(
            OriginationIdentity=identity, IsoCountryCode="FR", MessageType="TRANSACTIONAL"
        )
    err = error_of(exc)
    assert (err["Reason"], err["Fields"][0]["Name"]) == ("COUNTRY_CODE_MISMATCH", "IsoCountryCode")


@pytest.mark.parametrize("kind", ["phone-number", "sender-id"], ids=["phone-number", "sender-id"])
def test_create_pool_message_type_must_match(client: Any, kind: str) -> None:
    """The pool's MessageType must be the identity's (or one of a sender ID's MessageTypes)."""
    if kind == "phone-number":
        resource_id = request_number(client)["PhoneNumberId"]
        identity = {"OriginationIdentity": resource_id}
    else:
        sender_id(client, MessageTypes=["TRANSACTIONAL"])
        identity = {"OriginationIdentity": "ACME", "IsoCountryCode": "GB"}
        resource_id = "ACME"
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_pool(MessageType="PROMOTIONAL", **identity)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "MESSAGE_TYPE_MISMATCH",
        "ResourceType": kind,
        "ResourceId": resource_id,
    }
    assert client.describe_pools()["Pools"] == []


def test_create_pool_with_pooled_number_conflicts(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """A phone number that is already associated with another pool can't start a pool."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "PHONE_NUMBER_ASSOCIATED_TO_POOL",
        "ResourceType": "phone-number",
        "ResourceId": number["PhoneNumberId"],
    }


@pytest.mark.parametrize(
    ("identity", "extra", "resource_type"),
    [
        ("phone-0123456789abcdef0123456789abcdef", {}, "phone-number"),
        ("arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123", {}, "phone-number"),
        ("NOPE", {"IsoCountryCode": "GB"}, "sender-id"),
        ("arn:aws:sms-voice:us-east-1:123456789012:sender-id/NOPE/GB", {}, "sender-id"),
        (
            "arn:aws:sms-voice:us-east-1:123456789012:rcs-agent/rcs-0123456789abcdef",
            {},
            "rcs-agent",
        ),
    ],
    ids=["phone-id", "phone-arn", "sender-id", "sender-id-arn", "rcs-agent-arn"],
)
def test_create_pool_with_unknown_identity_is_not_found(
    client: Any, identity: str, extra: dict[str, str], resource_type: str
) -> None:
    """An origination identity the account doesn't have is ResourceNotFoundException of its type."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.create_pool(OriginationIdentity=identity, MessageType="TRANSACTIONAL", **extra)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": resource_type,
        "ResourceId": identity,
    }


def test_pool_arn_is_not_an_origination_identity(client: Any, pool: dict[str, Any]) -> None:
    """A pool can't be a member of a pool: its ARN as OriginationIdentity is INVALID_ARN."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_pool(OriginationIdentity=pool["PoolArn"], MessageType="TRANSACTIONAL")
    assert error_of(exc)["Reason"] == "INVALID_ARN"


def test_pool_quota(client: Any, sms: SmsVoiceMock, pool: dict[str, Any]) -> None:
    """CreatePool beyond the account's pool quota is ServiceQuotaExceeded POOLS_PER_ACCOUNT."""
    sms.backend().settings.limits["POOLS"] = 1
    other = request_number(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.create_pool(OriginationIdentity=other["PhoneNumberId"], MessageType="TRANSACTIONAL")
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "POOLS_PER_ACCOUNT",
    }
    assert pool_id_of(client, other["PhoneNumberId"]) is None


def test_create_pool_client_token_replays(client: Any, number: dict[str, Any]) -> None:
    """A repeated ClientToken returns the first answer instead of a conflict or a second pool."""
    params = {
        "OriginationIdentity": number["PhoneNumberId"],
        "MessageType": "TRANSACTIONAL",
        "ClientToken": "t-1",
    }
    first = client.create_pool(**params)
    again = client.create_pool(**params)
    assert again["PoolId"] == first["PoolId"]
    assert len(client.describe_pools()["Pools"]) == 1


# -- DescribePools ---------------------------------------------------------------------------


def test_describe_pools_by_id_and_arn(client: Any, pool: dict[str, Any]) -> None:
    """DescribePools takes pool ids or ARNs; the same pool is listed once."""
    new_pool(client)
    out = client.describe_pools(PoolIds=[pool["PoolId"], pool["PoolArn"]])
    assert [p["PoolId"] for p in out["Pools"]] == [pool["PoolId"]]
    assert "Tags" not in out["Pools"][0]


def test_describe_unknown_pool_is_not_found(client: Any, pool: dict[str, Any]) -> None:
    """If you specify a pool ID that isn't valid, DescribePools returns an error."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_pools(PoolIds=[pool["PoolId"], "pool-missing"])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "pool",
        "ResourceId": "pool-missing",
    }


def test_owner_and_pool_ids_are_exclusive(client: Any, pool: dict[str, Any]) -> None:
    """The Owner and PoolIds parameters can't be used at the same time."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_pools(Owner="SELF", PoolIds=[pool["PoolId"]])
    assert error_of(exc)["Reason"] == "PARAMETERS_CANNOT_BE_USED_TOGETHER"


@pytest.mark.parametrize(("owner", "count"), [("SELF", 1), ("SHARED", 0)], ids=["self", "shared"])
def test_describe_pools_owner(client: Any, pool: dict[str, Any], owner: str, count: int) -> None:
    """Owner SELF lists the account's pools; nothing is shared with a single mocked account."""
    assert len(client.describe_pools(Owner=owner)["Pools"]) == count


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("status", ["ACTIVE"], {"plain", "protected", "promo"}),
        ("message-type", ["PROMOTIONAL"], {"promo"}),
        ("two-way-enabled", ["true"], {"promo"}),
        ("self-managed-opt-outs-enabled", ["false"], {"plain", "protected", "promo"}),
        ("opt-out-list-name", ["Default"], {"plain", "protected", "promo"}),
        ("shared-routes-enabled", ["true"], {"protected"}),
        ("deletion-protection-enabled", ["true"], {"protected"}),
        ("two-way-channel-arn", [CHANNEL], {"promo"}),
    ],
    ids=[
        "status",
        "message-type",
        "two-way-enabled",
        "self-managed",
        "opt-out-list-name",
        "shared-routes",
        "deletion-protection",
        "two-way-channel-arn",
    ],
)
def test_describe_pools_filters(
    client: Any, name: str, values: list[str], expected: set[str]
) -> None:
    """DescribePools with filters returns only the pools that meet the filter criteria."""
    labels: dict[str, str] = {}
    for label in ("plain", "protected", "promo"):
        message_type = "PROMOTIONAL" if label == "promo" else "TRANSACTIONAL"
        number = request_number(client, NumberType="LONG_CODE", MessageType=message_type)
        made = client.create_pool(
            OriginationIdentity=number["PhoneNumberId"], MessageType=message_type
        )
        labels[made["PoolId"]] = label
    by_label = {label: pid for pid, label in labels.items()}
    client.update_pool(
        PoolId=by_label["protected"], DeletionProtectionEnabled=True, SharedRoutesEnabled=True
    )
    client.update_pool(PoolId=by_label["promo"], TwoWayEnabled=True, TwoWayChannelArn=CHANNEL)
    out = client.describe_pools(Filters=[{"Name": name, "Values": values}])
    assert {labels[p["PoolId"]] for p in out["Pools"]} == expected


def test_describe_pools_filter_value_outside_enum(client: Any) -> None:
    """A status filter value outside the PoolStatus enum is INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_pools(Filters=[{"Name": "status", "Values": ["BROKEN"]}])
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_describe_pools_paginates(client: Any) -> None:
    """DescribePools pages with NextToken; the boto3 paginator walks every pool once."""
    ids = [new_pool(client)["PoolId"] for _ in range(3)]
    paginator = client.get_paginator("describe_pools")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["Pools"]) for p in pages] == [2, 1]
    assert [p["PoolId"] for page in pages for p in page["Pools"]] == ids


# -- UpdatePool ------------------------------------------------------------------------------


def test_update_pool_changes_its_settings(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """UpdatePool changes the opt-out list, two-way, self-managed opt-outs, shared routes and
    deletion protection of the pool; its members keep their own settings."""
    client.create_opt_out_list(OptOutListName="Marketing")
    role = "arn:aws:iam::123456789012:role/inbound"
    out = client.update_pool(
        PoolId=pool["PoolArn"],
        OptOutListName="Marketing",
        TwoWayEnabled=True,
        TwoWayChannelArn=CHANNEL,
        TwoWayChannelRole=role,
        SelfManagedOptOutsEnabled=True,
        SharedRoutesEnabled=True,
        DeletionProtectionEnabled=True,
    )
    expected = {
        "OptOutListName": "Marketing",
        "TwoWayEnabled": True,
        "TwoWayChannelArn": CHANNEL,
        "TwoWayChannelRole": role,
        "SelfManagedOptOutsEnabled": True,
        "SharedRoutesEnabled": True,
        "DeletionProtectionEnabled": True,
        "MessageType": "TRANSACTIONAL",
    }
    assert {k: out[k] for k in expected} == expected
    phones = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])
    member = phones["PhoneNumbers"][0]
    assert (member["OptOutListName"], member["TwoWayEnabled"]) == ("Default", False)


def test_update_pool_with_unknown_opt_out_list(client: Any, pool: dict[str, Any]) -> None:
    """UpdatePool's OptOutListName must name an existing opt-out list."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.update_pool(PoolId=pool["PoolId"], OptOutListName="Nope")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "opt-out-list",
        "ResourceId": "Nope",
    }


def test_update_pool_two_way_needs_a_channel(client: Any, pool: dict[str, Any]) -> None:
    """Turning two-way messaging on without a TwoWayChannelArn is TWO_WAY_CHANNEL_NOT_PRESENT."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_pool(PoolId=pool["PoolId"], TwoWayEnabled=True)
    err = error_of(exc)
    reason_and_field = (err["Reason"], err["Fields"][0]["Name"])
    assert reason_and_field == ("TWO_WAY_CHANNEL_NOT_PRESENT", "TwoWayChannelArn")


@pytest.mark.parametrize(
    "operation",
    ["update_pool", "delete_pool", "list_pool_origination_identities"],
    ids=["update", "delete", "list-identities"],
)
def test_unknown_pool_is_not_found(client: Any, operation: str) -> None:
    """Operations on a pool the account doesn't have are ResourceNotFoundException pool."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        getattr(client, operation)(PoolId="pool-missing")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "pool",
        "ResourceId": "pool-missing",
    }


# -- DeletePool ------------------------------------------------------------------------------


def test_delete_pool_disassociates_every_member(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """Deleting a pool disassociates all origination identities from that pool."""
    second = request_number(client)
    associate(client, pool, second["PhoneNumberId"])
    sender_id(client)
    associate(client, pool, "ACME", IsoCountryCode="GB")
    out = client.delete_pool(PoolId=pool["PoolArn"])
    assert (out["PoolId"], out["Status"]) == (pool["PoolId"], "DELETING")
    assert client.describe_pools()["Pools"] == []
    assert [pool_id_of(client, n["PhoneNumberId"]) for n in (number, second)] == [None, None]
    released = client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert released["Status"] == "DELETED"
    assert client.release_sender_id(SenderId="ACME", IsoCountryCode="GB")["SenderId"] == "ACME"


def test_delete_protected_pool_conflicts(client: Any, number: dict[str, Any]) -> None:
    """A pool with deletion protection enabled can't be deleted until UpdatePool turns it off."""
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"],
        MessageType="TRANSACTIONAL",
        DeletionProtectionEnabled=True,
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_pool(PoolId=pool["PoolId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DELETION_PROTECTION_ENABLED",
        "ResourceType": "pool",
        "ResourceId": pool["PoolId"],
    }
    client.update_pool(PoolId=pool["PoolId"], DeletionProtectionEnabled=False)
    assert client.delete_pool(PoolId=pool["PoolId"])["PoolId"] == pool["PoolId"]


def test_delete_pool_that_is_not_active_conflicts(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """A pool whose status isn't ACTIVE (held in CREATING) can't be deleted."""
    sms.backend().auto_activate = False
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    assert client.describe_pools()["Pools"][0]["Status"] == "CREATING"
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_pool(PoolId=pool["PoolId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_NOT_ACTIVE",
        "ResourceType": "pool",
        "ResourceId": pool["PoolId"],
    }


# -- AssociateOriginationIdentity ------------------------------------------------------------


def test_associate_phone_number(client: Any, number: dict[str, Any], pool: dict[str, Any]) -> None:
    """AssociateOriginationIdentity adds a matching phone number and names pool and identity."""
    second = request_number(client)
    out = client.associate_origination_identity(
        PoolId=pool["PoolArn"], OriginationIdentity=second["PhoneNumberArn"]
    )
    assert {k: v for k, v in out.items() if k != "ResponseMetadata"} == {
        "PoolArn": pool["PoolArn"],
        "PoolId": pool["PoolId"],
        "OriginationIdentityArn": second["PhoneNumberArn"],
        "OriginationIdentity": second["PhoneNumberId"],
        "IsoCountryCode": "US",
    }
    assert members(client, pool["PoolId"]) == [number["PhoneNumberId"], second["PhoneNumberId"]]
    assert pool_id_of(client, second["PhoneNumberId"]) == pool["PoolId"]


def test_sender_id_joins_many_pools(client: Any) -> None:
    """A sender ID can be associated with multiple pools."""
    acme = sender_id(client)
    pools = [new_pool(client) for _ in range(2)]
    for pool in pools:
        out = associate(client, pool, acme["SenderIdArn"], IsoCountryCode="GB")
        assert (out["OriginationIdentity"], out["IsoCountryCode"]) == ("ACME", "GB")
    assert all("ACME" in members(client, p["PoolId"]) for p in pools)


@pytest.mark.parametrize("by_arn", [True, False], ids=["sender-id-arn", "sender-id"])
@pytest.mark.parametrize(
    "operation", ["associate_origination_identity", "disassociate_origination_identity"]
)
def test_sender_id_membership_needs_the_calls_country(
    client: Any, pool: dict[str, Any], operation: str, by_arn: bool
) -> None:
    """A sender ID joins or leaves a pool only with the call's IsoCountryCode: without it the
    service answers ValidationException INVALID_ARN with a ``senderId`` field (real-clients.md 2.2
    [A], Terraform's multipleCountries test and issue #50038); with it, it succeeds."""
    acme = sender_id(client)
    identity = acme["SenderIdArn"] if by_arn else "ACME"
    if operation == "disassociate_origination_identity":
        associate(client, pool, identity, IsoCountryCode="GB")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        getattr(client, operation)(PoolId=pool["PoolId"], OriginationIdentity=identity)
    err = error_of(exc)
    assert (err["Reason"], [f["Name"] for f in err["Fields"]]) == ("INVALID_ARN", ["senderId"])
    out = getattr(client, operation)(
        PoolId=pool["PoolId"], OriginationIdentity=identity, IsoCountryCode="GB"
    )
    assert (out["OriginationIdentity"], out["IsoCountryCode"]) == ("ACME", "GB")


def test_sender_id_skips_two_way_opt_out_and_keyword_checks(
    client: Any, pool: dict[str, Any]
) -> None:
    """Sender IDs are one-way: only the message type must match the pool's."""
    client.create_opt_out_list(OptOutListName="Marketing")
    client.update_pool(
        PoolId=pool["PoolId"],
        TwoWayEnabled=True,
        TwoWayChannelArn=CHANNEL,
        SelfManagedOptOutsEnabled=True,
        OptOutListName="Marketing",
    )
    client.put_keyword(OriginationIdentity=pool["PoolId"], Keyword="INFO", KeywordMessage="Info.")
    sender_id(client, MessageTypes=["TRANSACTIONAL"])
    associate(client, pool, "ACME", IsoCountryCode="GB")
    assert "ACME" in members(client, pool["PoolId"])


@pytest.mark.parametrize("kind", ["phone-number", "sender-id"], ids=["phone-number", "sender-id"])
def test_associate_member_again_conflicts(
    client: Any, number: dict[str, Any], pool: dict[str, Any], kind: str
) -> None:
    """Associating an identity that is already in this pool is RESOURCE_ALREADY_ASSOCIATED."""
    extra: dict[str, str] = {}
    if kind == "phone-number":
        resource_id = identity = number["PhoneNumberId"]
    else:
        sender_id(client)
        resource_id = identity = "ACME"
        extra = {"IsoCountryCode": "GB"}
        associate(client, pool, identity, **extra)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        associate(client, pool, identity, **extra)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_ALREADY_ASSOCIATED",
        "ResourceType": kind,
        "ResourceId": resource_id,
    }


def test_phone_number_belongs_to_one_pool(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """A phone number already associated with another pool can't join a second one."""
    other = new_pool(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        associate(client, other, number["PhoneNumberId"])
    assert error_of(exc)["Reason"] == "PHONE_NUMBER_ASSOCIATED_TO_POOL"
    assert pool_id_of(client, number["PhoneNumberId"]) == pool["PoolId"]


def _promotional(client: Any) -> dict[str, Any]:
    return request_number(client, NumberType="LONG_CODE", MessageType="PROMOTIONAL")


def _other_opt_out_list(client: Any) -> dict[str, Any]:
    client.create_opt_out_list(OptOutListName="Marketing")
    return request_number(client, OptOutListName="Marketing")


def _two_way(client: Any) -> dict[str, Any]:
    number = request_number(client)
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], TwoWayEnabled=True, TwoWayChannelArn=CHANNEL
    )
    return number


def _self_managed(client: Any) -> dict[str, Any]:
    number = request_number(client)
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], SelfManagedOptOutsEnabled=True
    )
    return number


def _extra_keyword(client: Any) -> dict[str, Any]:
    number = request_number(client)
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="JOIN", KeywordMessage="Hi!"
    )
    return number


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_promotional, "MESSAGE_TYPE_MISMATCH"),
        (_other_opt_out_list, "OPT_OUT_LIST_MISMATCH"),
        (_two_way, "TWO_WAY_CONFIG_MISMATCH"),
        (_self_managed, "SELF_MANAGED_OPT_OUTS_MISMATCH"),
        (_extra_keyword, "KEYWORD_MISMATCH"),
    ],
    ids=["message-type", "opt-out-list", "two-way", "self-managed-opt-outs", "keywords"],
)
def test_associate_mismatched_phone_number_conflicts(
    client: Any, pool: dict[str, Any], make: Callable[[Any], dict[str, Any]], reason: str
) -> None:
    """A phone number whose configuration doesn't match the pool's can't join: every inherited
    setting (message type, opt-out list, two-way, self-managed opt-outs, keywords) must match. The
    message says so in words Terraform's OptOutListName_mismatch test matches, ``(?i)match|configuration``
    (real-clients.md 2.2)."""
    candidate = make(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        associate(client, pool, candidate["PhoneNumberId"])
    assert re.search(r"(?i)match|configuration", exc.value.response["Error"]["Message"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": reason,
        "ResourceType": "phone-number",
        "ResourceId": candidate["PhoneNumberId"],
    }
    assert pool_id_of(client, candidate["PhoneNumberId"]) is None


def test_associate_sender_id_without_the_pools_message_type(
    client: Any, pool: dict[str, Any]
) -> None:
    """A sender ID matches a pool only if the pool's MessageType is one of its MessageTypes."""
    sender_id(client, MessageTypes=["PROMOTIONAL"])
    with pytest.raises(client.exceptions.ConflictException) as exc:
        associate(client, pool, "ACME", IsoCountryCode="GB")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "MESSAGE_TYPE_MISMATCH",
        "ResourceType": "sender-id",
        "ResourceId": "ACME",
    }


def test_origination_identities_per_pool_quota(
    client: Any, pool: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool holds at most ORIGINATION_IDENTITIES_PER_POOL identities (100 by default)."""
    monkeypatch.setattr(pool_model, "ORIGINATION_IDENTITIES_PER_POOL", 2)
    associate(client, pool, request_number(client)["PhoneNumberId"])
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        associate(client, pool, request_number(client)["PhoneNumberId"])
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "ORIGINATION_IDENTITIES_PER_POOL",
    }


def test_request_phone_number_into_pool(client: Any, pool: dict[str, Any]) -> None:
    """RequestPhoneNumber with a PoolId puts the new number in the pool."""
    out = request_number(client, PoolId=pool["PoolArn"])
    assert out["PoolId"] == pool["PoolId"]
    assert out["PhoneNumberId"] in members(client, pool["PoolId"])


def test_request_phone_number_into_mismatched_pool(client: Any, pool: dict[str, Any]) -> None:
    """RequestPhoneNumber with a PoolId follows the matching rules; a refused number isn't made."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        request_number(
            client, PoolId=pool["PoolId"], NumberType="LONG_CODE", MessageType="PROMOTIONAL"
        )
    assert error_of(exc)["Reason"] == "MESSAGE_TYPE_MISMATCH"
    assert len(client.describe_phone_numbers()["PhoneNumbers"]) == 1


# -- DisassociateOriginationIdentity ---------------------------------------------------------


def test_disassociate_phone_number(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """DisassociateOriginationIdentity removes the identity; it may then be updated and released."""
    second = request_number(client)
    associate(client, pool, second["PhoneNumberId"])
    out = client.disassociate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=second["PhoneNumberArn"]
    )
    assert (out["OriginationIdentity"], out["PoolId"], out["IsoCountryCode"]) == (
        second["PhoneNumberId"],
        pool["PoolId"],
        "US",
    )
    assert members(client, pool["PoolId"]) == [number["PhoneNumberId"]]
    assert pool_id_of(client, second["PhoneNumberId"]) is None
    client.update_phone_number(
        PhoneNumberId=second["PhoneNumberId"], DeletionProtectionEnabled=False
    )
    released = client.release_phone_number(PhoneNumberId=second["PhoneNumberId"])
    assert released["Status"] == "DELETED"


@pytest.mark.parametrize("kind", ["phone-number", "sender-id"], ids=["phone-number", "sender-id"])
def test_disassociate_non_member_conflicts(client: Any, pool: dict[str, Any], kind: str) -> None:
    """Disassociating an identity that isn't associated with the pool is a conflict."""
    extra: dict[str, str] = {}
    if kind == "phone-number":
        outsider = request_number(client)["PhoneNumberId"]
    else:
        sender_id(client)
        outsider = "ACME"
        extra = {"IsoCountryCode": "GB"}
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.disassociate_origination_identity(
            PoolId=pool["PoolId"], OriginationIdentity=outsider, **extra
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL",
        "ResourceType": kind,
        "ResourceId": outsider,
    }


def test_last_identity_cannot_leave(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """The last origination identity of a pool can't be disassociated; delete the pool instead."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.disassociate_origination_identity(
            PoolId=pool["PoolId"], OriginationIdentity=number["PhoneNumberId"]
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "LAST_PHONE_NUMBER",
        "ResourceType": "pool",
        "ResourceId": pool["PoolId"],
    }


@pytest.mark.parametrize(
    ("operation", "kwargs"),
    [("update_phone_number", {"DeletionProtectionEnabled": True}), ("release_phone_number", {})],
    ids=["update", "release"],
)
def test_pooled_number_cannot_be_updated_or_released(
    client: Any,
    number: dict[str, Any],
    pool: dict[str, Any],
    operation: str,
    kwargs: dict[str, Any],
) -> None:
    """A phone number associated with a pool can't be updated or released."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        getattr(client, operation)(PhoneNumberId=number["PhoneNumberId"], **kwargs)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "PHONE_NUMBER_ASSOCIATED_TO_POOL",
        "ResourceType": "phone-number",
        "ResourceId": number["PhoneNumberId"],
    }


# -- ListPoolOriginationIdentities -----------------------------------------------------------


def test_list_pool_origination_identities(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """ListPoolOriginationIdentities lists all associated origination identities in the pool."""
    out = client.list_pool_origination_identities(PoolId=pool["PoolArn"])
    assert (out["PoolArn"], out["PoolId"]) == (pool["PoolArn"], pool["PoolId"])
    assert out["OriginationIdentities"] == [
        {
            "OriginationIdentityArn": number["PhoneNumberArn"],
            "OriginationIdentity": number["PhoneNumberId"],
            "IsoCountryCode": "US",
            "NumberCapabilities": ["SMS", "VOICE"],
            "PhoneNumber": number["PhoneNumber"],
        }
    ]


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("iso-country-code", ["GB"], {"ACME"}),
        ("iso-country-code", ["US", "GB"], {"us-sms-voice", "us-sms", "ACME"}),
        ("number-capability", ["VOICE"], {"us-sms-voice"}),
        ("number-capability", ["SMS"], {"us-sms-voice", "us-sms", "ACME"}),
    ],
    ids=["country", "countries", "voice", "sms"],
)
def test_list_pool_origination_identities_filters(
    client: Any,
    number: dict[str, Any],
    pool: dict[str, Any],
    name: str,
    values: list[str],
    expected: set[str],
) -> None:
    """ListPoolOriginationIdentities filters on iso-country-code and number-capability."""
    sms_only = request_number(client, NumberCapabilities=["SMS"])
    associate(client, pool, sms_only["PhoneNumberId"])
    sender_id(client)
    associate(client, pool, "ACME", IsoCountryCode="GB")
    labels = {
        number["PhoneNumberId"]: "us-sms-voice",
        sms_only["PhoneNumberId"]: "us-sms",
        "ACME": "ACME",
    }
    out = client.list_pool_origination_identities(
        PoolId=pool["PoolId"], Filters=[{"Name": name, "Values": values}]
    )
    assert {labels[i["OriginationIdentity"]] for i in out["OriginationIdentities"]} == expected


def test_list_pool_origination_identities_filter_value_outside_enum(
    client: Any, pool: dict[str, Any]
) -> None:
    """A number-capability filter value outside its enum is INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.list_pool_origination_identities(
            PoolId=pool["PoolId"], Filters=[{"Name": "number-capability", "Values": ["FAX"]}]
        )
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_list_pool_origination_identities_paginates(
    client: Any, number: dict[str, Any], pool: dict[str, Any]
) -> None:
    """Every page names PoolArn and PoolId; the paginator walks each member once."""
    added = [request_number(client)["PhoneNumberId"] for _ in range(2)]
    for pid in added:
        associate(client, pool, pid)
    paginator = client.get_paginator("list_pool_origination_identities")
    pages = list(paginator.paginate(PoolId=pool["PoolId"], PaginationConfig={"PageSize": 2}))
    assert [len(p["OriginationIdentities"]) for p in pages] == [2, 1]
    assert all((p["PoolId"], p["PoolArn"]) == (pool["PoolId"], pool["PoolArn"]) for p in pages)
    listed = [i["OriginationIdentity"] for p in pages for i in p["OriginationIdentities"]]
    assert listed == [number["PhoneNumberId"], *added]
