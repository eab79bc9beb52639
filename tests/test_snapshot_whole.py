"""The snapshot is the whole state (issue 14): every store of every backend, the message logs and the
clock, in one versioned JSON format that the seed's validation reads back; the server's state file
is that document."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock._seed import FORMAT
from tests.helpers import make_client, request_number

GB_MOBILE = "+447700900123"
US_MOBILE = "+12065550100"
SIMULATOR = "+14254147755"  # the US simulator number that receives
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


def _build(sms: SmsVoiceMock, client: Any) -> None:
    """A state touching every store: each call goes through boto3 as an application would."""
    sms.clock.advance(days=3, seconds=5)
    number = request_number(client)
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"],
        TwoWayEnabled=True,
        TwoWayChannelArn="arn:aws:sns:us-east-1:123456789012:in",
    )
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="JOIN", KeywordMessage="Welcome"
    )
    toll_free = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="TOLL_FREE",
    )
    registration = client.create_registration(RegistrationType="US_TOLL_FREE_REGISTRATION")
    client.put_registration_field_value(
        RegistrationId=registration["RegistrationId"],
        FieldPath="companyInfo.companyName",
        TextValue="Acme",
    )
    client.create_registration_association(
        RegistrationId=registration["RegistrationId"], ResourceId=toll_free["PhoneNumberId"]
    )
    client.create_registration_attachment(AttachmentBody=PNG, Tags=[{"Key": "k", "Value": "v"}])
    sms.backend().complete_registration(
        client.request_phone_number(
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS"],
            NumberType="TOLL_FREE",
        )["PhoneNumberId"]
    )
    client.create_rcs_agent(Tags=[{"Key": "team", "Value": "growth"}])
    protect = client.create_protect_configuration()
    client.put_protect_configuration_rule_set_number_override(
        ProtectConfigurationId=protect["ProtectConfigurationId"],
        DestinationPhoneNumber=GB_MOBILE,
        Action="ALLOW",
        ExpirationTimestamp=datetime(2099, 1, 1),
    )
    client.create_notify_configuration(
        DisplayName="Acme", UseCase="CODE_VERIFICATION", EnabledChannels=["SMS"]
    )
    verified = client.create_verified_destination_number(DestinationPhoneNumber=US_MOBILE)
    client.send_destination_number_verification_code(
        VerifiedDestinationNumberId=verified["VerifiedDestinationNumberId"],
        VerificationChannel="TEXT",
    )
    client.put_resource_policy(
        ResourceArn=number["PhoneNumberArn"],
        Policy=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )
    client.set_text_message_spend_limit_override(MonthlyLimit=50)
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+14255550111")
    client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+14255550111")
    client.create_configuration_set(ConfigurationSetName="events")
    client.create_event_destination(
        ConfigurationSetName="events",
        EventDestinationName="sns",
        MatchingEventTypes=["ALL"],
        SnsDestination={"TopicArn": "arn:aws:sns:us-east-1:123456789012:events"},
    )
    client.send_text_message(
        DestinationPhoneNumber=SIMULATOR,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your code is 123456",
        ConfigurationSetName="events",
    )
    client.send_text_message(
        DestinationPhoneNumber=SIMULATOR,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="dry",
        DryRun=True,
    )
    client.create_pool(
        OriginationIdentity=number["PhoneNumberArn"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        ClientToken="pool-token",
    )
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=US_MOBILE, message_body="HELP"
    )
    make_client("us-gov-west-1").create_configuration_set(ConfigurationSetName="gov")


def _answers(client: Any) -> dict[str, Any]:
    """What the describe and list calls of every family answer."""
    registrations = client.describe_registrations()["Registrations"]
    protect = client.describe_protect_configurations()["ProtectConfigurations"]
    numbers = client.describe_phone_numbers()["PhoneNumbers"]
    return {
        "numbers": numbers,
        "keywords": [
            client.describe_keywords(OriginationIdentity=n["PhoneNumberId"])["Keywords"]
            for n in numbers
        ],
        "pools": client.describe_pools()["Pools"],
        "registrations": registrations,
        "versions": [
            client.describe_registration_versions(RegistrationId=r["RegistrationId"])[
                "RegistrationVersions"
            ]
            for r in registrations
        ],
        "field_values": [
            client.describe_registration_field_values(RegistrationId=r["RegistrationId"])[
                "RegistrationFieldValues"
            ]
            for r in registrations
        ],
        "associations": [
            client.list_registration_associations(RegistrationId=r["RegistrationId"])[
                "RegistrationAssociations"
            ]
            for r in registrations
        ],
        "attachments": client.describe_registration_attachments()["RegistrationAttachments"],
        "rcs": client.describe_rcs_agents()["RcsAgents"],
        "protect": protect,
        "overrides": [
            client.list_protect_configuration_rule_set_number_overrides(
                ProtectConfigurationId=p["ProtectConfigurationId"]
            )["RuleSetNumberOverrides"]
            for p in protect
        ],
        "notify": client.describe_notify_configurations()["NotifyConfigurations"],
        "verified": client.describe_verified_destination_numbers()["VerifiedDestinationNumbers"],
        "policy": client.get_resource_policy(ResourceArn=numbers[0]["PhoneNumberArn"]),
        "spend": client.describe_spend_limits()["SpendLimits"],
        "attributes": client.describe_account_attributes()["AccountAttributes"],
        "configuration_sets": client.describe_configuration_sets()["ConfigurationSets"],
    }


def _strip(answer: Any) -> Any:
    if isinstance(answer, dict):
        return {k: _strip(v) for k, v in answer.items() if k != "ResponseMetadata"}
    if isinstance(answer, list):
        return [_strip(v) for v in answer]
    return answer


def test_a_snapshot_replays_the_whole_state() -> None:
    """Everything the state keeps (every store, the logs, the clock) survives snapshot → JSON →
    seed into a fresh mock: every describe call answers the same, the logs hold equal records, and
    the replay's snapshot is the same document."""
    with mock_smsvoice() as sms:
        client = make_client()
        _build(sms, client)
        before = _strip(_answers(client))
        logs = [
            list(sms.sent_messages),
            list(sms.inbound_messages),
            list(sms.events),
            list(sms.dry_runs),
        ]
        now = sms.clock.now()
        snapshot = sms.snapshot()
    text = json.dumps(snapshot)
    assert snapshot["format"] == FORMAT
    for family in (
        "registrations",
        "registration_attachments",
        "rcs_agents",
        "protect_configurations",
        "notify_configurations",
        "verified_destination_numbers",
        "resource_policies",
        "account",
        "opt_out_history",
        "sent_messages",
        "inbound_messages",
        "events",
        "dry_runs",
        "clock",
    ):
        assert family in snapshot, family
    with mock_smsvoice(seed=json.loads(text)) as replay:
        assert replay.snapshot() == snapshot
        assert _strip(_answers(make_client())) == before
        assert [
            list(replay.sent_messages),
            list(replay.inbound_messages),
            list(replay.events),
            list(replay.dry_runs),
        ] == logs
        assert replay.inbound_messages.last.response is replay.sent_messages.last
        assert abs(replay.clock.now() - now) < timedelta(seconds=5)
        # The 30-day rule survived: the number deleted from the list can't be put back by hand yet.
        assert replay.backend().opt_out_lists["Default"].deleted_at
        # The verification code still verifies.
        code = (
            replay.backend()
            .verified_destination_numbers[before["verified"][0]["VerifiedDestinationNumberId"]]
            .verification_code
        )
        assert code
        make_client().verify_destination_number(
            VerifiedDestinationNumberId=before["verified"][0]["VerifiedDestinationNumberId"],
            VerificationCode=code,
        )


@pytest.mark.parametrize(
    ("patch", "words"),
    [
        ({"format": 1}, "this is format 1"),
        (
            {"registrations": [{"id": "registration-1", "py/object": "os.system"}]},
            "unknown member(s) py/object",
        ),
        ({"registrations": [{"definition": "os.system"}]}, "must be a registration type"),
        (
            {"sent_messages": [{"__reduce__": ["os.system", ["id"]]}]},
            "unknown member(s) __reduce__",
        ),
        ({"clock": {"offset_seconds": 1e300}}, "cannot move outside the years"),
        ({"account": {"spend": [[["TEXT", "2026-12"], "1e999999"]]}}, "must be a decimal number"),
        (
            {
                "resource_policies": [
                    {
                        "resource": {
                            "arn": "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0"
                        },
                        "policy": "{}",
                        "created_timestamp": "2026-01-01T00:00:00+00:00",
                    }
                ]
            },
            "phone-number/phone-0",
        ),
    ],
    ids=["old-format", "type-name", "definition", "reduce", "clock", "decimal", "dangling-ref"],
)
def test_a_hostile_document_is_refused_and_changes_nothing(
    patch: dict[str, Any], words: str
) -> None:
    """A document is data: a member that isn't one of the record's fields, a value of another type,
    a reference to nothing, a clock out of range are each a ``ValueError`` naming where, and the
    state is as it was."""
    with mock_smsvoice() as sms:
        make_client().create_configuration_set(ConfigurationSetName="kept")
        before = sms.snapshot()
        with pytest.raises(ValueError, match=re.escape(words)):
            sms.seed({"format": FORMAT, **patch})
        assert sms.snapshot() == before
