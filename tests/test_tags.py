"""TagResource, UntagResource, ListTagsForResource on every taggable resource, through boto3."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import error_of, request_number

PREFIX = "arn:aws:sms-voice:us-east-1:123456789012"
CREATE_TAGS = [{"Key": "team", "Value": "sms"}]


def _phone_number(client: Any) -> str:
    return str(request_number(client, Tags=CREATE_TAGS)["PhoneNumberArn"])


def _pool(client: Any) -> str:
    number = request_number(client)
    out = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL", Tags=CREATE_TAGS
    )
    return str(out["PoolArn"])


def _sender_id(client: Any) -> str:
    out = client.request_sender_id(SenderId="ACME", IsoCountryCode="GB", Tags=CREATE_TAGS)
    return str(out["SenderIdArn"])


def _opt_out_list(client: Any) -> str:
    return str(
        client.create_opt_out_list(OptOutListName="marketing", Tags=CREATE_TAGS)["OptOutListArn"]
    )


def _configuration_set(client: Any) -> str:
    out = client.create_configuration_set(ConfigurationSetName="main", Tags=CREATE_TAGS)
    return str(out["ConfigurationSetArn"])


def _verified_destination_number(client: Any) -> str:
    out = client.create_verified_destination_number(
        DestinationPhoneNumber="+12065550100", Tags=CREATE_TAGS
    )
    return str(out["VerifiedDestinationNumberArn"])


MAKERS: list[Callable[[Any], str]] = [
    _phone_number,
    _pool,
    _sender_id,
    _opt_out_list,
    _configuration_set,
    _verified_destination_number,
]
MAKER_IDS = [
    "phone-number",
    "pool",
    "sender-id",
    "opt-out-list",
    "configuration-set",
    "verified-destination-number",
]


@pytest.fixture(params=MAKERS, ids=MAKER_IDS)
def resource_arn(request: pytest.FixtureRequest, client: Any) -> str:
    """The ARN of a new resource of each taggable type, created with the tag team=sms."""
    maker: Callable[[Any], str] = request.param
    return maker(client)


def tags_of(client: Any, arn: str) -> dict[str, str]:
    out = client.list_tags_for_resource(ResourceArn=arn)
    assert out["ResourceArn"] == arn
    return {tag["Key"]: tag["Value"] for tag in out["Tags"]}


def test_tags_given_at_creation_are_listed(client: Any, resource_arn: str) -> None:
    """ListTagsForResource includes the tags given when the resource was created."""
    assert tags_of(client, resource_arn) == {"team": "sms"}


def test_tag_resource_adds_and_overwrites(client: Any, resource_arn: str) -> None:
    """ "Adds or overwrites only the specified tags": an existing key gets the new value."""
    out = client.tag_resource(
        ResourceArn=resource_arn,
        Tags=[{"Key": "team", "Value": "messaging"}, {"Key": "env", "Value": ""}],
    )
    assert set(out) == {"ResponseMetadata"}
    assert tags_of(client, resource_arn) == {"team": "messaging", "env": ""}


def test_untag_resource_removes_only_the_given_keys(client: Any, resource_arn: str) -> None:
    """UntagResource removes the given keys; keys the resource doesn't have are ignored."""
    client.tag_resource(ResourceArn=resource_arn, Tags=[{"Key": "env", "Value": "prod"}])
    out = client.untag_resource(ResourceArn=resource_arn, TagKeys=["team", "absent"])
    assert set(out) == {"ResponseMetadata"}
    assert tags_of(client, resource_arn) == {"env": "prod"}


def test_tags_stay_with_their_resource(client: Any) -> None:
    """Tags belong to one resource: tagging one phone number leaves another untouched."""
    first = request_number(client)["PhoneNumberArn"]
    second = request_number(client)["PhoneNumberArn"]
    client.tag_resource(ResourceArn=first, Tags=[{"Key": "k", "Value": "v"}])
    assert tags_of(client, second) == {}


def test_at_most_fifty_tags_per_resource(client: Any) -> None:
    """ "Each resource can have a maximum of 50 tags"."""
    arn = _configuration_set(client)
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(49)])
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k0", "Value": "overwritten"}])
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "one-too-many", "Value": "v"}])
    assert error_of(exc) == {"Code": "ServiceQuotaExceededException", "Reason": "TAGS_PER_RESOURCE"}
    assert len(tags_of(client, arn)) == 50


def test_at_most_fifty_tags_at_creation(client: Any) -> None:
    """The 50-tag quota applies to tags given at creation too."""
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.create_configuration_set(
            ConfigurationSetName="main", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]
        )
    assert error_of(exc)["Reason"] == "TAGS_PER_RESOURCE"


def test_tags_of_a_deleted_resource_are_not_found(client: Any) -> None:
    """A deleted resource has no tags to list."""
    arn = _configuration_set(client)
    client.delete_configuration_set(ConfigurationSetName="main")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.list_tags_for_resource(ResourceArn=arn)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "configuration-set",
        "ResourceId": arn,
    }


@pytest.mark.parametrize(
    ("arn", "resource_type"),
    [
        (f"{PREFIX}:phone-number/phone-00000000000000000000000000000000", "phone-number"),
        (f"{PREFIX}:pool/pool-00000000000000000000000000000000", "pool"),
        (f"{PREFIX}:sender-id/NOBODY/GB", "sender-id"),
        (f"{PREFIX}:opt-out-list/missing", "opt-out-list"),
        (f"{PREFIX}:configuration-set/missing", "configuration-set"),
        (f"{PREFIX}:registration/registration-00000000000000000000000000000000", "registration"),
        (
            f"{PREFIX}:protect-configuration/protect-00000000000000000000000000000000",
            "protect-configuration",
        ),
        (f"{PREFIX}:rcs-agent/rcs-00000000000000000000000000000000", "rcs-agent"),
        (
            f"{PREFIX}:notify-configuration/nc-00000000000000000000000000000000",
            "notify-configuration",
        ),
        ("arn:aws:sms-voice:eu-west-1:123456789012:opt-out-list/Default", "opt-out-list"),
        ("arn:aws:sms-voice:us-east-1:210987654321:opt-out-list/Default", "opt-out-list"),
    ],
    ids=[
        "phone-number",
        "pool",
        "sender-id",
        "opt-out-list",
        "configuration-set",
        "registration",
        "protect-configuration",
        "rcs-agent",
        "notify-configuration",
        "other-region",
        "other-account",
    ],
)
@pytest.mark.parametrize("operation", ["tag", "untag", "list"])
def test_unknown_resource_is_not_found(
    client: Any, arn: str, resource_type: str, operation: str
) -> None:
    """A well-formed ARN that names no resource of this account and region is not found."""
    calls: dict[str, Callable[[], Any]] = {
        "tag": lambda: client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}]),
        "untag": lambda: client.untag_resource(ResourceArn=arn, TagKeys=["k"]),
        "list": lambda: client.list_tags_for_resource(ResourceArn=arn),
    }
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        calls[operation]()
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": resource_type,
        "ResourceId": arn,
    }


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:sns:us-east-1:123456789012:topic/sms",
        f"{PREFIX}:configuration-set",
        f"{PREFIX}:bucket/main",
        f"{PREFIX}:message/0f9a3d3e-1c5b-4a55-9a0e-2f54c2f2a111",
        "arn:aws:sms-voice:us-east-1/opt-out-list/Default",
    ],
    ids=["other-service", "no-resource-id", "unknown-type", "message", "too-few-parts"],
)
def test_malformed_arn_is_invalid(client: Any, arn: str) -> None:
    """ResourceArn must be the ARN of a taggable sms-voice resource."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.list_tags_for_resource(ResourceArn=arn)
    error = error_of(exc)
    assert error["Reason"] == "INVALID_ARN"
    assert [f["Name"] for f in error["Fields"]] == ["ResourceArn"]


def test_arn_outside_the_pattern_is_invalid(client: Any) -> None:
    """ResourceArn follows the model's pattern arn:[A-Za-z0-9_:/-]+."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.list_tags_for_resource(ResourceArn=f"{PREFIX}:opt-out-list/with space")
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"
