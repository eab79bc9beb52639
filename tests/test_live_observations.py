"""What clients saw the live service do ([A] items of shared/reference/real-clients.md), replayed
through a real boto3 client: Terraform's acceptance tests, GC Notify and VA Notify.

Items with a test of their own elsewhere: upper-cased keywords (test_keywords.py), ``Policy`` "{}"
(test_policies.py), a sender ID joining a pool without IsoCountryCode (test_pools.py), pools that
can't reach the destination (test_pool_routing.py), Canada and Puerto Rico from a US number
(test_sending.py, test_international_sending) and the PROMOTIONAL simulator number (test_phone_numbers.py).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number

SNS_TOPIC = "arn:aws:sns:us-east-1:123456789012:two-way"
ROLE = "arn:aws:iam::123456789012:role/two-way"
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:sms-events"


def _number(client: Any, number_id: str) -> dict[str, Any]:
    return dict(client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0])


def test_phone_number_defaults_and_full_lifecycle(client: Any) -> None:
    """Terraform's phone number tests (real-clients.md 2.1 [A]): the defaults read back
    (deletion protection, self-managed opt-outs and two-way off, opt-out list "Default", a SIMULATOR
    number leased at "1.00"); the full test's settings read back, deletion protection turned off by
    UpdatePhoneNumber lets the release through, and the released number is then not found."""
    basic = request_number(client, NumberCapabilities=["SMS"])
    assert (
        basic["DeletionProtectionEnabled"],
        basic["SelfManagedOptOutsEnabled"],
        basic["TwoWayEnabled"],
        basic["OptOutListName"],
        basic["MonthlyLeasingPrice"],
    ) == (False, False, False, "Default", "1.00")
    client.create_opt_out_list(OptOutListName="tf-acc-test")
    full = request_number(client, DeletionProtectionEnabled=True, OptOutListName="tf-acc-test")
    client.update_phone_number(
        PhoneNumberId=full["PhoneNumberId"],
        TwoWayEnabled=True,
        TwoWayChannelArn=SNS_TOPIC,
        SelfManagedOptOutsEnabled=False,
    )
    read = _number(client, full["PhoneNumberId"])
    assert (
        read["DeletionProtectionEnabled"],
        read["OptOutListName"],
        read["TwoWayEnabled"],
        read["TwoWayChannelArn"],
        read["NumberCapabilities"],
    ) == (True, "tf-acc-test", True, SNS_TOPIC, ["SMS", "VOICE"])
    with pytest.raises(client.exceptions.ConflictException):
        client.release_phone_number(PhoneNumberId=full["PhoneNumberId"])
    client.update_phone_number(PhoneNumberId=full["PhoneNumberId"], DeletionProtectionEnabled=False)
    assert _number(client, full["PhoneNumberId"])["DeletionProtectionEnabled"] is False
    client.release_phone_number(PhoneNumberId=full["PhoneNumberId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_phone_numbers(PhoneNumberIds=[full["PhoneNumberId"]])


def test_phone_number_tags_follow_tag_and_untag(client: Any) -> None:
    """Terraform's phone number tags test (real-clients.md 2.1 [A]): tags given at creation, then
    updated and removed through TagResource/UntagResource, read back by ListTagsForResource."""
    arn = request_number(client, Tags=[{"Key": "key1", "Value": "value1"}])["PhoneNumberArn"]

    def tags() -> dict[str, str]:
        listed = client.list_tags_for_resource(ResourceArn=arn)["Tags"]
        return {t["Key"]: t["Value"] for t in listed}

    assert tags() == {"key1": "value1"}
    client.tag_resource(
        ResourceArn=arn,
        Tags=[{"Key": "key1", "Value": "value1updated"}, {"Key": "key2", "Value": "value2"}],
    )
    assert tags() == {"key1": "value1updated", "key2": "value2"}
    client.untag_resource(ResourceArn=arn, TagKeys=["key1"])
    assert tags() == {"key2": "value2"}


def test_pool_settings_read_back(client: Any) -> None:
    """Terraform's pool tests (real-clients.md 2.2 [A]): the ARN format, the inherited opt-out list
    "Default", deletion protection off by default and toggled by UpdatePool, shared routes toggled,
    and an Amazon Connect two-way channel that is not an ARN."""
    seed = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=seed["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    assert re.fullmatch(
        r"arn:aws:sms-voice:us-east-1:\d{12}:pool/pool-[0-9a-f]{32}", pool["PoolArn"]
    )
    assert (pool["OptOutListName"], pool["DeletionProtectionEnabled"]) == ("Default", False)
    pid = pool["PoolId"]
    for protection, shared in ((True, True), (False, False)):
        out = client.update_pool(
            PoolId=pid, DeletionProtectionEnabled=protection, SharedRoutesEnabled=shared
        )
        assert (out["DeletionProtectionEnabled"], out["SharedRoutesEnabled"]) == (
            protection,
            shared,
        )
    connect = "connect.us-east-1.amazonaws.com"
    client.update_pool(
        PoolId=pid, TwoWayEnabled=True, TwoWayChannelArn=connect, TwoWayChannelRole=ROLE
    )
    read = client.describe_pools(PoolIds=[pid])["Pools"][0]
    assert (read["TwoWayEnabled"], read["TwoWayChannelArn"], read["TwoWayChannelRole"]) == (
        True,
        connect,
        ROLE,
    )


def test_pool_membership_sequences(client: Any) -> None:
    """Terraform's OriginationIdentities and replaceSeed tests (real-clients.md 2.2 [A]): a pool of 2,
    then 6, then 1 number reads back those sets; the seed is replaced by associating the new number
    before disassociating the old one."""
    numbers = [request_number(client) for _ in range(6)]
    arns = [n["PhoneNumberArn"] for n in numbers]
    pid = client.create_pool(OriginationIdentity=arns[0], MessageType="TRANSACTIONAL")["PoolId"]

    def members() -> set[str]:
        rows = client.list_pool_origination_identities(PoolId=pid)["OriginationIdentities"]
        return {r["OriginationIdentityArn"] for r in rows}

    client.associate_origination_identity(PoolId=pid, OriginationIdentity=arns[1])
    assert members() == set(arns[:2])
    for arn in arns[2:]:
        client.associate_origination_identity(PoolId=pid, OriginationIdentity=arn)
    assert members() == set(arns)
    for arn in arns[1:]:
        client.disassociate_origination_identity(PoolId=pid, OriginationIdentity=arn)
    assert members() == {arns[0]}
    client.associate_origination_identity(PoolId=pid, OriginationIdentity=arns[1])
    client.disassociate_origination_identity(PoolId=pid, OriginationIdentity=arns[0])
    assert members() == {arns[1]}


def test_pool_opt_out_list_rules(client: Any) -> None:
    """Terraform's OptOutListName tests (real-clients.md 2.2 [A]): a pooled number's own opt-out list
    can't be changed (the error names the pool association), and a number whose list differs from
    the pool's can't join (OPT_OUT_LIST_MISMATCH)."""
    seed = request_number(client)
    pid = client.create_pool(
        OriginationIdentity=seed["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )["PoolId"]
    client.create_opt_out_list(OptOutListName="other")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.update_phone_number(PhoneNumberId=seed["PhoneNumberId"], OptOutListName="other")
    assert re.search(r"(?i)pool|associated", exc.value.response["Error"]["Message"])
    outsider = request_number(client, OptOutListName="other")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.associate_origination_identity(
            PoolId=pid, OriginationIdentity=outsider["PhoneNumberId"]
        )
    assert error_of(exc)["Reason"] == "OPT_OUT_LIST_MISMATCH"


@pytest.mark.parametrize("by_arn", [False, True], ids=["pool-id", "pool-arn"])
def test_keyword_sequences(client: Any, by_arn: bool) -> None:
    """Terraform's keyword tests (real-clients.md 2.3 [A]): a new keyword without an action is
    AUTOMATIC_RESPONSE; its message and action (OPT_OUT) change and read back; HELP and STOP take a
    new message and keep their action; on a pool given by id or ARN the answers name the pool's id
    and ARN."""
    seed = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=seed["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    owner = pool["PoolArn"] if by_arn else pool["PoolId"]
    out = client.put_keyword(OriginationIdentity=owner, Keyword="tf-acc", KeywordMessage="one")
    assert (out["KeywordAction"], out["OriginationIdentity"], out["OriginationIdentityArn"]) == (
        "AUTOMATIC_RESPONSE",
        pool["PoolId"],
        pool["PoolArn"],
    )
    client.put_keyword(
        OriginationIdentity=owner, Keyword="tf-acc", KeywordMessage="two", KeywordAction="OPT_OUT"
    )
    for word in ("HELP", "STOP"):
        client.put_keyword(OriginationIdentity=owner, Keyword=word, KeywordMessage=f"{word} text")
    listed = client.describe_keywords(OriginationIdentity=owner)
    assert listed["OriginationIdentityArn"] == pool["PoolArn"]
    read = {k["Keyword"]: (k["KeywordMessage"], k["KeywordAction"]) for k in listed["Keywords"]}
    assert read == {
        "HELP": ("HELP text", "AUTOMATIC_RESPONSE"),
        "STOP": ("STOP text", "OPT_OUT"),
        "TF-ACC": ("two", "OPT_OUT"),
    }


def test_configuration_set_defaults(client: Any) -> None:
    """Terraform's configuration set test (real-clients.md 2.5 [A]): default message type and sender
    ID read back as set ("example", then "updated") and are absent once deleted."""
    client.create_configuration_set(ConfigurationSetName="tf")

    def read() -> dict[str, Any]:
        sets = client.describe_configuration_sets(ConfigurationSetNames=["tf"])
        return dict(sets["ConfigurationSets"][0])

    for message_type, sender in (("TRANSACTIONAL", "example"), ("PROMOTIONAL", "updated")):
        client.set_default_message_type(ConfigurationSetName="tf", MessageType=message_type)
        client.set_default_sender_id(ConfigurationSetName="tf", SenderId=sender)
        assert (read()["DefaultMessageType"], read()["DefaultSenderId"]) == (message_type, sender)
    client.delete_default_message_type(ConfigurationSetName="tf")
    client.delete_default_sender_id(ConfigurationSetName="tf")
    assert not {"DefaultMessageType", "DefaultSenderId"} & set(read())


def test_event_destination_sequences(client: Any) -> None:
    """Terraform's event destination tests (real-clients.md 2.5 [A]): a new destination is enabled,
    Enabled toggles both ways, MatchingEventTypes and the log group update in place, and changing the
    sink type is EVENT_DESTINATION_MISMATCH."""
    client.create_configuration_set(ConfigurationSetName="tf")
    created = client.create_event_destination(
        ConfigurationSetName="tf",
        EventDestinationName="dest",
        MatchingEventTypes=["TEXT_DELIVERED"],
        CloudWatchLogsDestination={"IamRoleArn": ROLE, "LogGroupArn": LOG_GROUP},
    )
    assert created["EventDestination"]["Enabled"] is True
    for enabled in (False, True):
        out = client.update_event_destination(
            ConfigurationSetName="tf", EventDestinationName="dest", Enabled=enabled
        )
        assert out["EventDestination"]["Enabled"] is enabled
    types = ["TEXT_DELIVERED", "TEXT_PENDING", "TEXT_QUEUED", "TEXT_INVALID", "TEXT_BLOCKED"]
    for wanted in (types, ["TEXT_QUEUED", "TEXT_BLOCKED"]):
        out = client.update_event_destination(
            ConfigurationSetName="tf", EventDestinationName="dest", MatchingEventTypes=wanted
        )
        assert sorted(out["EventDestination"]["MatchingEventTypes"]) == sorted(wanted)
    other_group = LOG_GROUP + "-2"
    out = client.update_event_destination(
        ConfigurationSetName="tf",
        EventDestinationName="dest",
        CloudWatchLogsDestination={"IamRoleArn": ROLE, "LogGroupArn": other_group},
    )
    assert out["EventDestination"]["CloudWatchLogsDestination"]["LogGroupArn"] == other_group
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.update_event_destination(
            ConfigurationSetName="tf",
            EventDestinationName="dest",
            SnsDestination={"TopicArn": SNS_TOPIC},
        )
    assert error_of(exc)["Reason"] == "EVENT_DESTINATION_MISMATCH"


def test_sender_id_sequences(client: Any) -> None:
    """Terraform's sender ID tests (real-clients.md 2.6 [A]): "TfBasic" in GB is stored upper-cased,
    without deletion protection by default; protection set at request is turned off by
    UpdateSenderId, after which the release goes through."""
    basic = client.request_sender_id(SenderId="TfBasic", IsoCountryCode="GB")
    assert (basic["SenderId"], basic["DeletionProtectionEnabled"]) == ("TFBASIC", False)
    client.request_sender_id(
        SenderId="TfDelProt", IsoCountryCode="GB", DeletionProtectionEnabled=True
    )
    with pytest.raises(client.exceptions.ConflictException):
        client.release_sender_id(SenderId="TfDelProt", IsoCountryCode="GB")
    out = client.update_sender_id(
        SenderId="TfDelProt", IsoCountryCode="GB", DeletionProtectionEnabled=False
    )
    assert out["DeletionProtectionEnabled"] is False
    client.release_sender_id(SenderId="TfDelProt", IsoCountryCode="GB")
    ids = client.describe_sender_ids()["SenderIds"]
    assert [s["SenderId"] for s in ids] == ["TFBASIC"]


def test_send_after_stop_is_opted_out(client: Any, sms: SmsVoiceMock) -> None:
    """GC Notify PR #2207 and VA Notify issue #2604 (real-clients.md 4.1, 4.2 [A]): after the
    recipient replies STOP, a send to them raises ConflictException with the top-level
    ``Reason`` DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    number = request_number(client, NumberType="LONG_CODE", NumberCapabilities=["SMS"])
    recipient = "+12065550100"
    client.send_text_message(
        DestinationPhoneNumber=recipient,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your code is 123456",
        MessageType="TRANSACTIONAL",
    )
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=recipient, message_body="STOP"
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=recipient,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Your code is 654321",
            MessageType="TRANSACTIONAL",
        )
    assert exc.value.response["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
