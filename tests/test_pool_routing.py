"""How pools route: RCS agents as members ("A phone number or an AWS RCS Agent can belong to only one
pool"; RCS first, then SMS from the same pool) and shared routes."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number

US_MOBILE = "+12065550100"


@pytest.fixture
def agent(client: Any) -> dict[str, Any]:
    return dict(client.create_rcs_agent())


@pytest.fixture
def pool(client: Any, agent: dict[str, Any]) -> dict[str, Any]:
    return dict(
        client.create_pool(OriginationIdentity=agent["RcsAgentArn"], MessageType="TRANSACTIONAL")
    )


def _toll_free(client: Any) -> dict[str, Any]:
    return request_number(client, NumberType="TOLL_FREE", NumberCapabilities=["SMS"])


def test_pool_from_an_agent_lists_it_without_a_country(
    client: Any, agent: dict[str, Any], pool: dict[str, Any]
) -> None:
    """An RCS agent can found a pool; as a member it has the RCS capability and no IsoCountryCode
    ("may not be present for origination identity types that are not country-specific")."""
    assert pool["OptOutListName"] == "Default"
    rows = client.list_pool_origination_identities(PoolId=pool["PoolId"])["OriginationIdentities"]
    assert rows == [
        {
            "OriginationIdentityArn": agent["RcsAgentArn"],
            "OriginationIdentity": agent["RcsAgentId"],
            "NumberCapabilities": ["RCS"],
        }
    ]
    assert (
        client.describe_rcs_agents(RcsAgentIds=[agent["RcsAgentId"]])["RcsAgents"][0]["PoolId"]
        == pool["PoolId"]
    )


def test_an_agent_belongs_to_one_pool(
    client: Any, agent: dict[str, Any], pool: dict[str, Any]
) -> None:
    """An agent already in a pool can't found or join another: RCS_AGENT_ASSOCIATED_TO_POOL."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_pool(OriginationIdentity=agent["RcsAgentId"], MessageType="TRANSACTIONAL")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RCS_AGENT_ASSOCIATED_TO_POOL",
        "ResourceType": "rcs-agent",
        "ResourceId": agent["RcsAgentId"],
    }


def test_an_agent_in_a_pool_cannot_be_deleted(
    client: Any, agent: dict[str, Any], pool: dict[str, Any]
) -> None:
    """An agent that is a pool member can't be deleted; deleting the pool frees it."""
    number = _toll_free(client)
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=number["PhoneNumberId"]
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_rcs_agent(RcsAgentId=agent["RcsAgentId"])
    assert error_of(exc)["Reason"] == "RCS_AGENT_ASSOCIATED_TO_POOL"
    client.disassociate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=agent["RcsAgentArn"]
    )
    assert client.delete_rcs_agent(RcsAgentId=agent["RcsAgentId"])["Status"] == "DELETED"


def test_agent_must_match_the_pool(client: Any, agent: dict[str, Any]) -> None:
    """An agent joining a pool must match its settings, like a phone number (OPT_OUT_LIST_MISMATCH)."""
    number = _toll_free(client)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    client.create_opt_out_list(OptOutListName="Other")
    client.update_rcs_agent(RcsAgentId=agent["RcsAgentId"], OptOutListName="Other")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.associate_origination_identity(
            PoolId=pool["PoolId"], OriginationIdentity=agent["RcsAgentId"]
        )
    assert error_of(exc)["Reason"] == "OPT_OUT_LIST_MISMATCH"


@pytest.mark.parametrize(
    ("status", "channel"),
    [("ACTIVE", "RCS"), ("CREATED", "SMS")],
    ids=["rcs-first", "sms-fallback"],
)
def test_pool_sends_rcs_first_then_sms(
    client: Any,
    sms: SmsVoiceMock,
    agent: dict[str, Any],
    pool: dict[str, Any],
    status: str,
    channel: str,
) -> None:
    """A pool with an agent and an SMS number sends over RCS when the agent can, else over SMS from the pool."""
    number = _toll_free(client)
    sms.backend().complete_registration(number["PhoneNumberId"])
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=number["PhoneNumberId"]
    )
    if status == "ACTIVE":
        sms.backend().rcs_agents[agent["RcsAgentId"]].set_status("ACTIVE")
    message_id = client.send_text_message(
        DestinationPhoneNumber=US_MOBILE, OriginationIdentity=pool["PoolId"], MessageBody="Hi"
    )["MessageId"]
    sent = sms.sent_messages.one(message_id=message_id)
    assert sent.channel == channel
    expected = agent["RcsAgentArn"] if channel == "RCS" else number["PhoneNumberArn"]
    assert sent.origination_identity_arn == expected


def test_keywords_on_an_agent(client: Any, agent: dict[str, Any]) -> None:
    """An RCS agent has HELP and STOP and takes keywords like a phone number (user guide, RCS agents)."""
    out = client.put_keyword(
        OriginationIdentity=agent["RcsAgentArn"], Keyword="INFO", KeywordMessage="Info"
    )
    assert (out["OriginationIdentity"], out["OriginationIdentityArn"]) == (
        agent["RcsAgentId"],
        agent["RcsAgentArn"],
    )
    words = {
        k["Keyword"]
        for k in client.describe_keywords(OriginationIdentity=agent["RcsAgentId"])["Keywords"]
    }
    assert words == {"HELP", "STOP", "INFO"}


def test_keywords_of_a_pooled_agent_are_the_pools(
    client: Any, agent: dict[str, Any], pool: dict[str, Any]
) -> None:
    """A pooled agent's own keywords can't be edited: RCS_AGENT_ASSOCIATED_TO_POOL."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.put_keyword(
            OriginationIdentity=agent["RcsAgentId"], Keyword="INFO", KeywordMessage="Info"
        )
    assert error_of(exc)["Reason"] == "RCS_AGENT_ASSOCIATED_TO_POOL"


def _pool_of(
    client: Any, sms: SmsVoiceMock, iso: str, number_type: str, shared: bool
) -> dict[str, Any]:
    """A pool of one SMS number (registered when US toll-free registration applies)."""
    number = request_number(
        client, IsoCountryCode=iso, NumberType=number_type, NumberCapabilities=["SMS"]
    )
    if number_type == "TOLL_FREE":
        sms.backend().complete_registration(number["PhoneNumberId"])
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    client.update_pool(PoolId=pool["PoolId"], SharedRoutesEnabled=shared)
    return dict(pool)


def test_shared_route_where_no_member_reaches(client: Any, sms: SmsVoiceMock) -> None:
    """A pool with SharedRoutesEnabled sends where none of its members can "using phone numbers or
    sender IDs … that are shared with other users"."""
    pool = _pool_of(client, sms, "US", "TOLL_FREE", shared=True)
    out = client.send_text_message(
        DestinationPhoneNumber="+447700900123", OriginationIdentity=pool["PoolId"], MessageBody="Hi"
    )
    sent = sms.sent_messages.one(message_id=out["MessageId"])
    assert (sent.origination_identity, sent.origination_identity_arn) == (
        "shared route",
        pool["PoolArn"],
    )


@pytest.mark.parametrize(
    ("iso", "number_type", "shared", "send", "destination"),
    [
        ("US", "TOLL_FREE", False, "send_text_message", "+447700900123"),
        ("GB", "LONG_CODE", True, "send_text_message", US_MOBILE),
        ("US", "LONG_CODE", False, "send_text_message", "+16715550123"),
        ("US", "SIMULATOR", False, "send_text_message", US_MOBILE),
        ("US", "LONG_CODE", False, "send_voice_message", US_MOBILE),
    ],
    ids=["not-shared", "united-states", "guam-country", "simulator-rule", "missing-voice"],
)
def test_pool_without_a_member_for_the_destination(
    client: Any,
    sms: SmsVoiceMock,
    iso: str,
    number_type: str,
    shared: bool,
    send: str,
    destination: str,
) -> None:
    """A pool none of whose members can reach the destination answers ConflictException
    NO_ORIGINATION_IDENTITIES_FOUND, whatever the reason (real-clients.md 4.1 [A]: GC Notify PR #2205,
    a pool meeting the Guam number +16715550123; 4.2 [A]: VA Notify PR #2633). A shared route doesn't
    help without SharedRoutesEnabled, nor to the United States ("senders aren't allowed to use shared
    routes")."""
    pool = _pool_of(client, sms, iso, number_type, shared)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        getattr(client, send)(
            DestinationPhoneNumber=destination, OriginationIdentity=pool["PoolId"], MessageBody="Hi"
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "NO_ORIGINATION_IDENTITIES_FOUND",
        "ResourceType": "pool",
        "ResourceId": pool["PoolId"],
    }


def test_named_identity_keeps_its_own_error(client: Any) -> None:
    """A send that names the phone number itself keeps the direct-identity error (the simulator rule:
    user guide, test-phone-numbers.html), unlike a send through its pool."""
    number = request_number(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=US_MOBILE,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Hi",
        )
    assert error_of(exc)["Reason"] == "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY"


def test_pool_picks_the_first_member_in_join_order(client: Any, sms: SmsVoiceMock) -> None:
    """A send through a pool goes out from the first member, in the order they joined, that reaches
    the destination: a sender ID for its country, a phone number of the pool for its own; numbers of
    the account outside the pool are never picked. ListPoolOriginationIdentities keeps that order."""
    sms_only = {"NumberType": "LONG_CODE", "NumberCapabilities": ["SMS"]}
    outside = request_number(client, **sms_only)
    first = request_number(client, IsoCountryCode="GB", **sms_only)
    pool = client.create_pool(
        OriginationIdentity=first["PhoneNumberId"], IsoCountryCode="GB", MessageType="TRANSACTIONAL"
    )
    sender = client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    us = [request_number(client, **sms_only, PoolId=pool["PoolId"]) for _ in range(2)]
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=sender["SenderIdArn"], IsoCountryCode="GB"
    )
    listed = client.list_pool_origination_identities(PoolId=pool["PoolId"])
    assert [i["OriginationIdentityArn"] for i in listed["OriginationIdentities"]] == [
        first["PhoneNumberArn"],
        us[0]["PhoneNumberArn"],
        us[1]["PhoneNumberArn"],
        sender["SenderIdArn"],
    ]
    for destination, expected in (
        (US_MOBILE, us[0]["PhoneNumber"]),
        ("+447700900123", first["PhoneNumber"]),
    ):
        client.send_text_message(
            DestinationPhoneNumber=destination, OriginationIdentity=pool["PoolId"], MessageBody="Hi"
        )
        assert sms.sent_messages.last.origination_identity == expected
    client.disassociate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=first["PhoneNumberId"], IsoCountryCode="GB"
    )
    client.send_text_message(
        DestinationPhoneNumber="+447700900123", OriginationIdentity=pool["PoolId"], MessageBody="Hi"
    )
    assert sms.sent_messages.last.origination_identity == "ACME"
    assert outside["PhoneNumber"] not in {m.origination_identity for m in sms.sent_messages}
