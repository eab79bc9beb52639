"""PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy, through a real boto3 client."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number

PREFIX = "arn:aws:sms-voice:us-east-1:123456789012"


def policy_for(arn: str, principal: str = "210987654321") -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{principal}:root"},
                    "Action": ["sms-voice:SendTextMessage"],
                    "Resource": arn,
                }
            ],
        }
    )


def _phone_number(client: Any) -> str:
    return str(request_number(client)["PhoneNumberArn"])


def _pool(client: Any) -> str:
    number = request_number(client)
    out = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    return str(out["PoolArn"])


def _sender_id(client: Any) -> str:
    return str(client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")["SenderIdArn"])


def _opt_out_list(client: Any) -> str:
    return str(client.create_opt_out_list(OptOutListName="marketing")["OptOutListArn"])


@pytest.fixture(
    params=[_phone_number, _pool, _sender_id, _opt_out_list],
    ids=["phone-number", "pool", "sender-id", "opt-out-list"],
)
def shared_arn(request: pytest.FixtureRequest, client: Any) -> str:
    """ "A shared resource can be a Pool, Opt-out list, Sender Id, or Phone number"."""
    maker: Callable[[Any], str] = request.param
    return maker(client)


def test_put_get_delete(client: Any, shared_arn: str) -> None:
    """A policy attached with PutResourcePolicy is read back and then deleted."""
    policy = policy_for(shared_arn)
    put = client.put_resource_policy(ResourceArn=shared_arn, Policy=policy)
    assert (put["ResourceArn"], put["Policy"]) == (shared_arn, policy)
    got = client.get_resource_policy(ResourceArn=shared_arn)
    assert (got["ResourceArn"], got["Policy"], got["CreatedTimestamp"]) == (
        shared_arn,
        policy,
        put["CreatedTimestamp"],
    )
    deleted = client.delete_resource_policy(ResourceArn=shared_arn)
    assert (deleted["Policy"], deleted["CreatedTimestamp"]) == (policy, put["CreatedTimestamp"])
    assert client.get_resource_policy(ResourceArn=shared_arn)["Policy"] == "{}"


def test_put_replaces_the_policy(client: Any, sms: SmsVoiceMock) -> None:
    """Putting a policy on a resource that has one replaces it."""
    arn = _opt_out_list(client)
    first = client.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn, "111111111111"))
    sms.clock.advance(minutes=5)
    second = client.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn, "222222222222"))
    got = client.get_resource_policy(ResourceArn=arn)
    assert got["Policy"] == policy_for(arn, "222222222222")
    assert got["CreatedTimestamp"] == second["CreatedTimestamp"] > first["CreatedTimestamp"]


@pytest.mark.parametrize("operation", ["get_resource_policy", "delete_resource_policy"])
def test_no_policy_attached_answers_an_empty_policy(client: Any, operation: str) -> None:
    """A resource without a policy answers HTTP 200 with ``Policy`` "{}" (real-clients.md 2.7 [A]:
    Terraform's resource policy tests read "{}" when none is attached); Delete is a choice."""
    arn = _opt_out_list(client)
    got = getattr(client, operation)(ResourceArn=arn)
    assert (got["ResourceArn"], got["Policy"]) == (arn, "{}")
    assert "CreatedTimestamp" not in got


def test_deleted_policy_reads_back_empty(client: Any) -> None:
    """After DeleteResourcePolicy, GetResourcePolicy answers ``Policy`` "{}" (real-clients.md 2.7 [A])."""
    arn = _pool(client)
    client.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn))
    client.delete_resource_policy(ResourceArn=arn)
    assert client.get_resource_policy(ResourceArn=arn)["Policy"] == "{}"


def test_policy_does_not_outlive_its_resource(client: Any) -> None:
    """A resource created again under the same ARN starts without the old resource's policy."""
    arn = _opt_out_list(client)
    client.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn))
    client.delete_opt_out_list(OptOutListName="marketing")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.get_resource_policy(ResourceArn=arn)
    assert error_of(exc)["ResourceType"] == "opt-out-list"
    _opt_out_list(client)
    assert client.get_resource_policy(ResourceArn=arn)["Policy"] == "{}"


@pytest.mark.parametrize(
    ("arn", "resource_type"),
    [
        (f"{PREFIX}:phone-number/phone-00000000000000000000000000000000", "phone-number"),
        (f"{PREFIX}:pool/pool-00000000000000000000000000000000", "pool"),
        (f"{PREFIX}:sender-id/NOBODY/GB", "sender-id"),
        (f"{PREFIX}:opt-out-list/missing", "opt-out-list"),
        ("arn:aws:sms-voice:eu-west-1:123456789012:opt-out-list/Default", "opt-out-list"),
    ],
    ids=["phone-number", "pool", "sender-id", "opt-out-list", "other-region"],
)
@pytest.mark.parametrize("operation", ["put", "get", "delete"])
def test_unknown_resource_is_not_found(
    client: Any, arn: str, resource_type: str, operation: str
) -> None:
    """A policy operation on a resource that doesn't exist is ResourceNotFoundException."""
    calls: dict[str, Callable[[], Any]] = {
        "put": lambda: client.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn)),
        "get": lambda: client.get_resource_policy(ResourceArn=arn),
        "delete": lambda: client.delete_resource_policy(ResourceArn=arn),
    }
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        calls[operation]()
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": resource_type,
        "ResourceId": arn,
    }


def test_resources_that_cannot_be_shared(client: Any) -> None:
    """Only pools, opt-out lists, sender IDs and phone numbers take a resource-based policy."""
    config_arn = client.create_configuration_set(ConfigurationSetName="main")["ConfigurationSetArn"]
    verified_arn = client.create_verified_destination_number(DestinationPhoneNumber="+12065550100")[
        "VerifiedDestinationNumberArn"
    ]
    for arn in (config_arn, verified_arn, f"{PREFIX}:registration/registration-0"):
        with pytest.raises(client.exceptions.ValidationException) as exc:
            client.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn))
        error = error_of(exc)
        assert error["Reason"] == "INVALID_ARN"
        assert [f["Name"] for f in error["Fields"]] == ["ResourceArn"]


def test_malformed_arn_is_invalid(client: Any) -> None:
    """ResourceArn must be an sms-voice resource ARN."""
    arn = "arn:aws:sns:us-east-1:123456789012:topic/sms"
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.get_resource_policy(ResourceArn=arn)
    assert error_of(exc)["Reason"] == "INVALID_ARN"


@pytest.mark.parametrize(
    ("policy", "reason"),
    [
        ("{not json", "CANNOT_PARSE"),
        ("Allow everyone", "CANNOT_PARSE"),
        ('["sms-voice:SendTextMessage"]', "INVALID_PARAMETER"),
        ('"a string"', "INVALID_PARAMETER"),
        ("null", "INVALID_PARAMETER"),
    ],
    ids=["broken-json", "prose", "array", "string", "null"],
)
def test_policy_must_be_a_json_object(client: Any, policy: str, reason: str) -> None:
    """Policy is "the JSON formatted resource-based policy"; anything else is refused."""
    arn = _opt_out_list(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.put_resource_policy(ResourceArn=arn, Policy=policy)
    error = error_of(exc)
    assert error["Reason"] == reason
    assert [f["Name"] for f in error["Fields"]] == ["Policy"]
    assert client.get_resource_policy(ResourceArn=arn)["Policy"] == "{}"


def test_policy_longer_than_the_model_allows(client: Any) -> None:
    """A policy document is at most 10,000 characters."""
    arn = _opt_out_list(client)
    long_policy = json.dumps({"Statement": [], "Padding": "x" * 10_000})
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.put_resource_policy(ResourceArn=arn, Policy=long_policy)
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"
