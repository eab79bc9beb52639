"""RCS agents (CreateRcsAgent, DescribeRcsAgents, UpdateRcsAgent, DeleteRcsAgent,
DescribeRcsAgentCountryLaunchStatus), RCS as an origination identity of SendTextMessage, and
SendRcsMessage, through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
from botocore.config import Config

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock.models.rcs import RCS_AGENTS_PER_ACCOUNT, RcsAgent
from tests.helpers import REGION, SERVICE, error_of, request_number

CHANNEL = "arn:aws:sns:us-east-1:123456789012:inbound-rcs"
ROLE = "arn:aws:iam::123456789012:role/rcs-media"
US_MOBILE = "+12065550100"
CA_MOBILE = "+14165550100"
TEXT = {"Content": {"TextMessage": {"Body": "Hello over RCS"}}}


@pytest.fixture
def agent(client: Any) -> dict[str, Any]:
    return dict(client.create_rcs_agent())


def model(sms: SmsVoiceMock, agent: dict[str, Any]) -> RcsAgent:
    return sms.backend().rcs_agents[agent["RcsAgentId"]]


def active(sms: SmsVoiceMock, agent: dict[str, Any]) -> dict[str, Any]:
    model(sms, agent).set_status("ACTIVE")
    return agent


def describe(client: Any, agent: dict[str, Any]) -> dict[str, Any]:
    return dict(client.describe_rcs_agents(RcsAgentIds=[agent["RcsAgentId"]])["RcsAgents"][0])


def send_rcs(client: Any, agent_or_pool: str, **params: Any) -> str:
    params.setdefault("DestinationPhoneNumber", US_MOBILE)
    params.setdefault("RcsMessageContent", TEXT)
    return str(client.send_rcs_message(OriginationIdentity=agent_or_pool, **params)["MessageId"])


# -- CreateRcsAgent -------------------------------------------------------------------------------


def test_create_answers_a_created_agent(client: Any) -> None:
    """A new agent is CREATED ("no registration has been submitted yet"), with every switch off."""
    out = client.create_rcs_agent(Tags=[{"Key": "team", "Value": "growth"}])
    assert re.fullmatch(r"rcs-[0-9a-f]{32}", out["RcsAgentId"])
    assert (
        out["RcsAgentArn"]
        == f"arn:aws:sms-voice:us-east-1:123456789012:rcs-agent/{out['RcsAgentId']}"
    )
    assert out["Status"] == "CREATED"
    assert out["OptOutListName"] == "Default"
    assert (
        out["DeletionProtectionEnabled"],
        out["TwoWayEnabled"],
        out["SelfManagedOptOutsEnabled"],
    ) == (
        False,
        False,
        False,
    )
    assert out["Tags"] == [{"Key": "team", "Value": "growth"}]
    assert "TestingAgent" not in describe(client, out)


def test_create_with_an_opt_out_list_arn(client: Any) -> None:
    """OptOutListName takes "either OptOutListName or OptOutListArn"; the agent reports the name."""
    arn = client.create_opt_out_list(OptOutListName="rcs-list")["OptOutListArn"]
    out = client.create_rcs_agent(OptOutListName=arn, DeletionProtectionEnabled=True)
    assert out["OptOutListName"] == "rcs-list"
    assert out["DeletionProtectionEnabled"] is True


def test_create_with_an_unknown_opt_out_list(client: Any) -> None:
    """The opt-out list must exist."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.create_rcs_agent(OptOutListName="nope")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "opt-out-list",
        "ResourceId": "nope",
    }


def test_rcs_agent_quota(client: Any) -> None:
    """An account holds at most RCS_AGENTS_PER_ACCOUNT agents (ServiceQuotaExceededException)."""
    for _ in range(RCS_AGENTS_PER_ACCOUNT):
        client.create_rcs_agent()
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.create_rcs_agent()
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "RCS_AGENTS_PER_ACCOUNT",
    }


def test_client_token_replays_the_first_answer(client: Any) -> None:
    """A repeated ClientToken returns the first agent instead of creating another."""
    first = client.create_rcs_agent(ClientToken="token-1")
    again = client.create_rcs_agent(ClientToken="token-1")
    assert again["RcsAgentId"] == first["RcsAgentId"]
    assert len(client.describe_rcs_agents()["RcsAgents"]) == 1


def test_tags_through_the_tag_operations(client: Any, agent: dict[str, Any]) -> None:
    """An RCS agent ARN is a taggable resource."""
    arn = agent["RcsAgentArn"]
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "env", "Value": "test"}
    ]


# -- DescribeRcsAgents ----------------------------------------------------------------------------


def test_describe_by_id_and_arn(client: Any, agent: dict[str, Any]) -> None:
    """RcsAgentIds "can be either the RcsAgentId or RcsAgentArn"; the same agent is listed once."""
    out = client.describe_rcs_agents(RcsAgentIds=[agent["RcsAgentId"], agent["RcsAgentArn"]])
    assert [a["RcsAgentId"] for a in out["RcsAgents"]] == [agent["RcsAgentId"]]


def test_describe_unknown_id(client: Any) -> None:
    """An unknown RCS agent id is ResourceNotFoundException rcs-agent."""
    missing = "rcs-" + "0" * 32
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_rcs_agents(RcsAgentIds=[missing])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "rcs-agent",
        "ResourceId": missing,
    }


def test_describe_filters_and_owner(client: Any, sms: SmsVoiceMock) -> None:
    """Filters select agents; Owner SHARED lists none in a single account; Owner excludes ids."""
    plain = client.create_rcs_agent()
    protected = client.create_rcs_agent(DeletionProtectionEnabled=True)
    active(sms, plain)
    by_filter = client.describe_rcs_agents(
        Filters=[{"Name": "deletion-protection-enabled", "Values": ["true"]}]
    )["RcsAgents"]
    assert [a["RcsAgentId"] for a in by_filter] == [protected["RcsAgentId"]]
    by_status = client.describe_rcs_agents(Filters=[{"Name": "status", "Values": ["ACTIVE"]}])
    assert [a["RcsAgentId"] for a in by_status["RcsAgents"]] == [plain["RcsAgentId"]]
    assert client.describe_rcs_agents(Owner="SHARED")["RcsAgents"] == []
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_rcs_agents(Owner="SELF", RcsAgentIds=[plain["RcsAgentId"]])
    assert error_of(exc)["Reason"] == "PARAMETERS_CANNOT_BE_USED_TOGETHER"


def test_describe_rejects_an_unknown_status_value(client: Any) -> None:
    """A status filter value must be an RcsAgentStatus."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_rcs_agents(Filters=[{"Name": "status", "Values": ["LIVE"]}])
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_describe_paginates(client: Any) -> None:
    """MaxResults and NextToken page through the agents."""
    ids = {client.create_rcs_agent()["RcsAgentId"] for _ in range(3)}
    paginator = client.get_paginator("describe_rcs_agents")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["RcsAgents"]) for p in pages] == [2, 1]
    assert {a["RcsAgentId"] for p in pages for a in p["RcsAgents"]} == ids


def test_testing_hook_reports_a_testing_agent(
    client: Any, sms: SmsVoiceMock, agent: dict[str, Any]
) -> None:
    """A TESTING agent carries its TestingAgent (ACTIVE, with its registration)."""
    model(sms, agent).set_status("TESTING", registration_id="registration-" + "1" * 32)
    described = describe(client, agent)
    assert described["Status"] == "TESTING"
    assert described["TestingAgent"]["Status"] == "ACTIVE"
    assert described["TestingAgent"]["RegistrationId"] == "registration-" + "1" * 32


def test_status_hook_rejects_unknown_statuses(
    sms: SmsVoiceMock, client: Any, agent: dict[str, Any]
) -> None:
    """The test hook names the statuses it accepts."""
    with pytest.raises(ValueError, match="CREATED, PENDING, TESTING, PARTIAL, ACTIVE"):
        model(sms, agent).set_status("DELETED")


# -- UpdateRcsAgent -------------------------------------------------------------------------------


def test_update_is_partial(client: Any, agent: dict[str, Any]) -> None:
    """Update changes the given settings and keeps the others."""
    client.create_opt_out_list(OptOutListName="other")
    out = client.update_rcs_agent(
        RcsAgentId=agent["RcsAgentArn"],
        OptOutListName="other",
        SelfManagedOptOutsEnabled=True,
        TwoWayEnabled=True,
        TwoWayChannelArn=CHANNEL,
    )
    assert out["OptOutListName"] == "other"
    assert (out["SelfManagedOptOutsEnabled"], out["TwoWayEnabled"], out["TwoWayChannelArn"]) == (
        True,
        True,
        CHANNEL,
    )
    again = client.update_rcs_agent(RcsAgentId=agent["RcsAgentId"], DeletionProtectionEnabled=True)
    assert (
        again["DeletionProtectionEnabled"],
        again["OptOutListName"],
        again["TwoWayEnabled"],
    ) == (
        True,
        "other",
        True,
    )


def test_media_configuration_and_its_removal(client: Any, agent: dict[str, Any]) -> None:
    """Inbound media needs two-way messaging; UNSET_RCS_MEDIA_CONFIGURATION for both members removes it."""
    client.update_rcs_agent(
        RcsAgentId=agent["RcsAgentId"], TwoWayEnabled=True, TwoWayChannelArn=CHANNEL
    )
    out = client.update_rcs_agent(
        RcsAgentId=agent["RcsAgentId"],
        TwoWayMediaS3BucketName="inbound-media",
        TwoWayMediaS3Role=ROLE,
        TwoWayMediaS3KeyPrefix="rcs/",
        TwoWayRcsEventsEnabled=["ALL"],
    )
    assert (out["TwoWayMediaS3BucketName"], out["TwoWayMediaS3Role"]) == ("inbound-media", ROLE)
    assert out["TwoWayRcsEventsEnabled"] == ["ALL"]
    cleared = client.update_rcs_agent(
        RcsAgentId=agent["RcsAgentId"],
        TwoWayMediaS3BucketName="UNSET_RCS_MEDIA_CONFIGURATION",
        TwoWayMediaS3Role="UNSET_RCS_MEDIA_CONFIGURATION",
    )
    assert "TwoWayMediaS3BucketName" not in cleared
    assert "TwoWayMediaS3Role" not in cleared


@pytest.mark.parametrize(
    ("params", "reason", "field"),
    [
        ({"TwoWayEnabled": True}, "TWO_WAY_CHANNEL_NOT_PRESENT", "TwoWayChannelArn"),
        (
            {"TwoWayMediaS3BucketName": "inbound-media", "TwoWayMediaS3Role": ROLE},
            "TWO_WAY_NOT_ENABLED",
            "TwoWayMediaS3BucketName",
        ),
        (
            {"TwoWayMediaS3BucketName": "UNSET_RCS_MEDIA_CONFIGURATION"},
            "INVALID_PARAMETER",
            "TwoWayMediaS3Role",
        ),
        (
            {"TwoWayRcsEventsEnabled": ["ALL", "MESSAGE_READ"]},
            "INVALID_PARAMETER",
            "TwoWayRcsEventsEnabled",
        ),
    ],
    ids=["two-way-without-channel", "media-without-two-way", "half-unset", "all-not-alone"],
)
def test_update_rejects(
    client: Any, agent: dict[str, Any], params: dict[str, Any], reason: str, field: str
) -> None:
    """Update refuses inconsistent two-way and media settings (ValidationException)."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_rcs_agent(RcsAgentId=agent["RcsAgentId"], **params)
    error = error_of(exc)
    assert (error["Reason"], error["Fields"][0]["Name"]) == (reason, field)


def test_update_unknown_agent_and_list(client: Any, agent: dict[str, Any]) -> None:
    """Update needs an existing agent and an existing opt-out list."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.update_rcs_agent(RcsAgentId="rcs-" + "f" * 32)
    assert error_of(exc)["ResourceType"] == "rcs-agent"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.update_rcs_agent(RcsAgentId=agent["RcsAgentId"], OptOutListName="missing")
    assert error_of(exc)["ResourceType"] == "opt-out-list"


# -- DeleteRcsAgent -------------------------------------------------------------------------------


def test_delete_answers_deleted_then_the_agent_is_gone(client: Any, agent: dict[str, Any]) -> None:
    """Delete reports the agent DELETED; it is not found afterwards."""
    out = client.delete_rcs_agent(RcsAgentId=agent["RcsAgentArn"])
    assert (out["RcsAgentId"], out["Status"]) == (agent["RcsAgentId"], "DELETED")
    assert client.describe_rcs_agents()["RcsAgents"] == []
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_rcs_agent(RcsAgentId=agent["RcsAgentId"])


def test_delete_with_deletion_protection(client: Any) -> None:
    """ "If deletion protection is enabled, an error is returned." """
    agent = client.create_rcs_agent(DeletionProtectionEnabled=True)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_rcs_agent(RcsAgentId=agent["RcsAgentId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DELETION_PROTECTION_ENABLED",
        "ResourceType": "rcs-agent",
        "ResourceId": agent["RcsAgentId"],
    }


def test_delete_with_a_registration(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """ "you must first delete all associated registrations" before deleting an agent."""
    backend = sms.backend()
    registration_id = "registration-" + "2" * 32
    model(sms, agent).set_status("TESTING", registration_id=registration_id)
    backend.registrations[registration_id] = object()  # type: ignore[assignment]
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_rcs_agent(RcsAgentId=agent["RcsAgentId"])
    assert error_of(exc)["Reason"] == "RESOURCE_DELETION_NOT_ALLOWED"
    del backend.registrations[registration_id]
    assert client.delete_rcs_agent(RcsAgentId=agent["RcsAgentId"])["Status"] == "DELETED"


# -- DescribeRcsAgentCountryLaunchStatus ----------------------------------------------------------


def test_country_launch_status(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """Per-country launch status with carrier details; IsoCountryCodes and the status filter narrow it."""
    assert (
        client.describe_rcs_agent_country_launch_status(RcsAgentId=agent["RcsAgentId"])[
            "CountryLaunchStatus"
        ]
        == []
    )
    model(sms, agent).launch("US", status="ACTIVE", carriers={"T-MOBILE": "ACTIVE"})
    model(sms, agent).launch("CA", status="PENDING")
    assert describe(client, agent)["Status"] == "PARTIAL"
    out = client.describe_rcs_agent_country_launch_status(RcsAgentId=agent["RcsAgentArn"])
    assert (out["RcsAgentId"], out["RcsAgentArn"]) == (agent["RcsAgentId"], agent["RcsAgentArn"])
    assert [(c["IsoCountryCode"], c["Status"]) for c in out["CountryLaunchStatus"]] == [
        ("US", "ACTIVE"),
        ("CA", "PENDING"),
    ]
    assert out["CountryLaunchStatus"][0]["CarrierStatus"] == [
        {"CarrierName": "T-MOBILE", "Status": "ACTIVE"}
    ]
    only_ca = client.describe_rcs_agent_country_launch_status(
        RcsAgentId=agent["RcsAgentId"], IsoCountryCodes=["CA"]
    )["CountryLaunchStatus"]
    assert [c["IsoCountryCode"] for c in only_ca] == ["CA"]
    pending = client.describe_rcs_agent_country_launch_status(
        RcsAgentId=agent["RcsAgentId"],
        Filters=[{"Name": "country-launch-status", "Values": ["PENDING"]}],
    )["CountryLaunchStatus"]
    assert [c["IsoCountryCode"] for c in pending] == ["CA"]


def test_country_launch_status_of_an_unknown_agent(client: Any) -> None:
    """An unknown agent is ResourceNotFoundException rcs-agent."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_rcs_agent_country_launch_status(RcsAgentId="rcs-" + "a" * 32)
    assert error_of(exc)["ResourceType"] == "rcs-agent"


# -- SendTextMessage from an RCS agent -------------------------------------------------------------


@pytest.mark.parametrize("key", ["RcsAgentId", "RcsAgentArn"], ids=["id", "arn"])
def test_text_from_an_active_agent_goes_over_rcs(
    client: Any, sms: SmsVoiceMock, agent: dict[str, Any], key: str
) -> None:
    """SendTextMessage from an RCS agent id or ARN delivers over RCS, charged to the RCS spend limit."""
    active(sms, agent)
    message_id = client.send_text_message(
        DestinationPhoneNumber=US_MOBILE, OriginationIdentity=agent[key], MessageBody="Hi"
    )["MessageId"]
    sent = sms.sent_messages.one(message_id=message_id)
    assert (sent.channel, sent.origination_identity_arn, sent.message_body) == (
        "RCS",
        agent["RcsAgentArn"],
        "Hi",
    )
    assert any(k[0] == "RCS_MESSAGE_MONTHLY_SPEND_LIMIT" for k in sms.backend().spend)


@pytest.mark.parametrize("status", ["CREATED", "PENDING"])
def test_text_from_an_agent_not_yet_active(
    client: Any, sms: SmsVoiceMock, agent: dict[str, Any], status: str
) -> None:
    """An agent without an approved registration sends nothing (no SMS fallback)."""
    model(sms, agent).set_status(status)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=US_MOBILE,
            OriginationIdentity=agent["RcsAgentId"],
            MessageBody="Hi",
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_NOT_ACTIVE",
        "ResourceType": "rcs-agent",
        "ResourceId": agent["RcsAgentId"],
    }
    assert len(sms.sent_messages) == 0


def test_testing_agent_reaches_only_its_test_devices(
    client: Any, sms: SmsVoiceMock, agent: dict[str, Any]
) -> None:
    """A TESTING agent "restricts message delivery to registered test devices only"."""
    model(sms, agent).set_status("TESTING")
    created = client.create_verified_destination_number(
        DestinationPhoneNumber=US_MOBILE, RcsAgentId=agent["RcsAgentArn"]
    )
    assert created["RcsAgentId"] == agent["RcsAgentId"]
    params = {"OriginationIdentity": agent["RcsAgentId"], "MessageBody": "Hi"}
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(DestinationPhoneNumber=US_MOBILE, **params)
    assert error_of(exc)["Reason"] == "RESOURCE_NOT_ACTIVE"  # not verified yet
    client.send_destination_number_verification_code(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
        VerificationChannel="TEXT",
    )
    client.verify_destination_number(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
        VerificationCode=sms.verification_code(US_MOBILE),
    )
    client.send_text_message(DestinationPhoneNumber=US_MOBILE, **params)
    assert sms.sent_messages.last.channel == "RCS"
    with pytest.raises(client.exceptions.ConflictException):
        client.send_text_message(DestinationPhoneNumber=CA_MOBILE, **params)


def test_verified_destination_for_an_unknown_agent(client: Any) -> None:
    """CreateVerifiedDestinationNumber's RcsAgentId must name an existing agent."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.create_verified_destination_number(
            DestinationPhoneNumber=US_MOBILE, RcsAgentId="rcs-" + "b" * 32
        )
    assert error_of(exc)["ResourceType"] == "rcs-agent"


def test_launched_agent_reaches_only_active_countries(
    client: Any, sms: SmsVoiceMock, agent: dict[str, Any]
) -> None:
    """A PARTIAL agent sends to the countries whose launch is ACTIVE, not to the others."""
    model(sms, agent).launch("US")
    model(sms, agent).launch("CA", status="PENDING")
    params = {"OriginationIdentity": agent["RcsAgentId"], "MessageBody": "Hi"}
    client.send_text_message(DestinationPhoneNumber=US_MOBILE, **params)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(DestinationPhoneNumber=CA_MOBILE, **params)
    assert error_of(exc)["Reason"] == "RESOURCE_NOT_ACTIVE"


def test_opted_out_destination(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """The agent's opt-out list blocks its sends like a phone number's."""
    active(sms, agent)
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=US_MOBILE)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=US_MOBILE,
            OriginationIdentity=agent["RcsAgentId"],
            MessageBody="Hi",
        )
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


def test_rcs_spend_limit(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """RCS sends count against RCS_MESSAGE_MONTHLY_SPEND_LIMIT (MONTHLY_SPEND_LIMIT_REACHED_FOR_RCS)."""
    active(sms, agent)
    client.set_rcs_message_spend_limit_override(MonthlyLimit=0)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        send_rcs(client, agent["RcsAgentId"])
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "MONTHLY_SPEND_LIMIT_REACHED_FOR_RCS",
    }


def test_rcs_events(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """An RCS message produces RCS_SENT then RCS_DELIVERED at an RCS_ALL event destination."""
    active(sms, agent)
    client.create_configuration_set(ConfigurationSetName="cs")
    client.create_event_destination(
        ConfigurationSetName="cs",
        EventDestinationName="rcs",
        MatchingEventTypes=["RCS_ALL"],
        SnsDestination={"TopicArn": "arn:aws:sns:us-east-1:123456789012:rcs-events"},
    )
    send_rcs(client, agent["RcsAgentId"], ConfigurationSetName="cs")
    assert [e.event_type for e in sms.events] == ["RCS_SENT", "RCS_DELIVERED"]


@pytest.mark.parametrize(
    ("operation", "params", "code", "reason"),
    [
        (
            "send_voice_message",
            {"MessageBody": "Hi"},
            "ValidationException",
            "VOICE_CAPABILITY_NOT_AVAILABLE",
        ),
        (
            "send_media_message",
            {"MessageBody": "Hi"},
            "ConflictException",
            "NUMBER_CAPABILITIES_MISMATCH",
        ),
    ],
    ids=["voice", "media"],
)
def test_agent_sends_text_only(
    client: Any,
    sms: SmsVoiceMock,
    agent: dict[str, Any],
    operation: str,
    params: dict[str, Any],
    code: str,
    reason: str,
) -> None:
    """An RCS agent is an origination identity of text messages only."""
    active(sms, agent)
    with pytest.raises(client.exceptions.ClientError) as exc:
        getattr(client, operation)(
            DestinationPhoneNumber=US_MOBILE, OriginationIdentity=agent["RcsAgentId"], **params
        )
    error = error_of(exc)
    assert (error["Code"], error["Reason"]) == (code, reason)


# -- SendRcsMessage -------------------------------------------------------------------------------


def test_send_rcs_text(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """SendRcsMessage delivers a text message from an RCS agent and records it on the RCS channel."""
    active(sms, agent)
    message_id = send_rcs(
        client, agent["RcsAgentArn"], Context={"k": "v"}, MessageTrafficType="TRANSACTION"
    )
    sent = sms.sent_messages.one(message_id=message_id)
    assert (sent.channel, sent.message_body, sent.context) == ("RCS", "Hello over RCS", {"k": "v"})
    assert sent.time_to_live == 172800
    assert sent.extra["message_traffic_type"] == "TRANSACTION"


def test_send_rcs_rich_card(client: Any, sms: SmsVoiceMock, agent: dict[str, Any]) -> None:
    """A rich card with media and suggested actions is accepted; its media file is recorded."""
    active(sms, agent)
    content = {
        "Content": {
            "RichCard": {
                "CardOrientation": "HORIZONTAL",
                "ThumbnailImageAlignment": "LEFT",
                "CardContent": {
                    "Title": "Your order",
                    "Media": {"FileUrl": "s3://bucket/card.png", "Height": "TALL"},
                    "Suggestions": [
                        {"Reply": {"Text": "Track", "PostbackData": "track"}},
                        {
                            "OpenUrl": {
                                "Text": "Open",
                                "PostbackData": "open",
                                "Url": "https://example.com",
                                "Application": "WEBVIEW",
                                "WebviewViewMode": "HALF",
                            }
                        },
                    ],
                },
            }
        },
        "Suggestions": [
            {"DialPhone": {"Text": "Call", "PostbackData": "call", "PhoneNumber": "+12065550199"}}
        ],
    }
    message_id = send_rcs(client, agent["RcsAgentId"], RcsMessageContent=content, DryRun=True)
    sent = sms.dry_runs.one(message_id=message_id)
    assert sent.media_urls == ("s3://bucket/card.png",)
    assert len(sms.sent_messages) == 0


_CARD = {"CardContent": {"Title": "t"}}


@pytest.mark.parametrize(
    ("params", "reason", "field"),
    [
        ({"RcsMessageContent": None}, "MISSING_PARAMETER", "RcsMessageContent"),
        ({"RcsMessageContent": {"Content": {}}}, "MISSING_PARAMETER", "RcsMessageContent.Content"),
        (
            {
                "RcsMessageContent": {
                    "Content": {
                        "TextMessage": {"Body": "a"},
                        "FileMessage": {"FileUrl": "s3://b/f.pdf"},
                    }
                }
            },
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            "RcsMessageContent.Content",
        ),
        (
            {
                "RcsMessageContent": {
                    "Content": {"RichCard": {"CardOrientation": "DIAGONAL", **_CARD}}
                }
            },
            "FIELD_VALIDATION_FAILED",
            "RcsMessageContent.Content.RichCard.CardOrientation",
        ),
        (
            {
                "RcsMessageContent": {
                    "Content": {
                        "RichCard": {
                            "CardOrientation": "VERTICAL",
                            "ThumbnailImageAlignment": "LEFT",
                            **_CARD,
                        }
                    }
                }
            },
            "INVALID_PARAMETER",
            "RcsMessageContent.Content.RichCard.ThumbnailImageAlignment",
        ),
        (
            {
                "RcsMessageContent": {
                    "Content": {
                        "Carousel": {
                            "CardWidth": "SMALL",
                            "CardContents": [
                                {"Media": {"FileUrl": "s3://b/1.png", "Height": "TALL"}},
                                {"Title": "two"},
                            ],
                        }
                    }
                }
            },
            "FIELD_VALIDATION_FAILED",
            "RcsMessageContent.Content.Carousel.CardContents[0].Media.Height",
        ),
        (
            {"RcsMessageContent": {**TEXT, "Suggestions": [{}]}},
            "MISSING_PARAMETER",
            "RcsMessageContent.Suggestions[0]",
        ),
        (
            {
                "RcsMessageContent": {
                    **TEXT,
                    "Suggestions": [
                        {
                            "OpenUrl": {
                                "Text": "o",
                                "PostbackData": "o",
                                "Url": "https://e.com",
                                "Application": "BROWSER",
                                "WebviewViewMode": "FULL",
                            }
                        }
                    ],
                }
            },
            "INVALID_PARAMETER",
            "RcsMessageContent.Suggestions[0].OpenUrl.WebviewViewMode",
        ),
        (
            {"MessageTrafficType": "SPAM"},
            "FIELD_VALIDATION_FAILED",
            "SendRcsMessage.MessageTrafficType",
        ),
        (
            {"FallbackConfiguration": {"Channel": "SMS"}},
            "MISSING_PARAMETER",
            "FallbackConfiguration.MessageBody",
        ),
        (
            {
                "FallbackConfiguration": {
                    "Channel": "SMS",
                    "MessageBody": "b",
                    "MediaUrls": ["s3://bucket/x.png"],
                }
            },
            "INVALID_PARAMETER",
            "FallbackConfiguration.MediaUrls",
        ),
        (
            {"FallbackConfiguration": {"Channel": "MMS"}},
            "MISSING_PARAMETER",
            "FallbackConfiguration.MessageBody",
        ),
        (
            {
                "FallbackConfiguration": {
                    "Channel": "SMS",
                    "MessageBody": "b",
                    "OriginationIdentity": "pool-" + "1" * 32,
                }
            },
            "INVALID_PARAMETER",
            "FallbackConfiguration.OriginationIdentity",
        ),
    ],
    ids=[
        "no-content",
        "no-content-type",
        "two-content-types",
        "bad-orientation",
        "alignment-on-vertical",
        "tall-carousel-media",
        "empty-suggestion",
        "view-mode-without-webview",
        "bad-traffic-type",
        "sms-fallback-without-body",
        "sms-fallback-with-media",
        "mms-fallback-empty",
        "fallback-from-a-pool",
    ],
)
def test_send_rcs_rejects(
    client: Any,
    sms: SmsVoiceMock,
    agent: dict[str, Any],
    params: dict[str, Any],
    reason: str,
    field: str,
) -> None:
    """SendRcsMessage checks its content, traffic type and fallback as documented (ValidationException)."""
    active(sms, agent)
    request = {
        "DestinationPhoneNumber": US_MOBILE,
        "OriginationIdentity": agent["RcsAgentId"],
        "RcsMessageContent": TEXT,
    }
    request.update(params)
    request = {k: v for k, v in request.items() if v is not None}
    # botocore checks tagged unions itself; this client lets the request reach the service.
    raw = boto3.client(
        SERVICE,
        region_name=REGION,
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )
    with pytest.raises(raw.exceptions.ValidationException) as exc:
        raw.send_rcs_message(**request)
    error = error_of(exc)
    assert (error["Reason"], error["Fields"][0]["Name"]) == (reason, field)


@pytest.mark.parametrize("kind", ["phone", "sender"], ids=["phone-number", "sender-id"])
def test_send_rcs_needs_an_agent_or_pool(client: Any, kind: str) -> None:
    """SendRcsMessage's OriginationIdentity "can be either the RcsAgentId, RcsAgentArn, PoolId, or PoolArn"."""
    identity = request_number(client)["PhoneNumberId"] if kind == "phone" else "ACME"
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send_rcs(client, identity)
    assert error_of(exc)["Reason"] == "INVALID_PARAMETER"


def test_send_rcs_fallback_identity_must_exist(
    client: Any, sms: SmsVoiceMock, agent: dict[str, Any]
) -> None:
    """The fallback origination identity must exist; the fallback settings are recorded."""
    active(sms, agent)
    fallback = {
        "Channel": "SMS",
        "MessageBody": "Hi by SMS",
        "OriginationIdentity": "phone-" + "c" * 32,
    }
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        send_rcs(client, agent["RcsAgentId"], FallbackConfiguration=fallback)
    fallback["OriginationIdentity"] = request_number(client)["PhoneNumberId"]
    send_rcs(client, agent["RcsAgentId"], FallbackConfiguration=fallback)
    assert sms.sent_messages.last.extra["fallback_configuration"] == fallback


def test_send_rcs_from_a_pool_without_agent(client: Any) -> None:
    """A pool with no RCS agent has no identity for SendRcsMessage."""
    number = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send_rcs(client, pool["PoolId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "NO_ORIGINATION_IDENTITIES_FOUND",
        "ResourceType": "pool",
        "ResourceId": pool["PoolId"],
    }
