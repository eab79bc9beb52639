"""ARNs take the partition of the region, from botocore's own partition data (endpoints.json)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock.backend import partition_of
from tests.helpers import make_client, request_number
from tests.test_seed import NUMBER_ID, SETTINGS_SEED

REGIONS = [
    ("us-gov-west-1", "aws-us-gov"),
    ("us-gov-east-1", "aws-us-gov"),
    ("cn-north-1", "aws-cn"),
    ("cn-northwest-1", "aws-cn"),
    ("us-east-1", "aws"),
]
ACCOUNT = "123456789012"


def _phone_number(client: Any) -> str:
    return str(request_number(client)["PhoneNumberArn"])


def _sender_id(client: Any) -> str:
    return str(client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")["SenderIdArn"])


def _pool(client: Any) -> str:
    number = request_number(client)
    out = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    return str(out["PoolArn"])


def _opt_out_list(client: Any) -> str:
    return str(client.create_opt_out_list(OptOutListName="marketing")["OptOutListArn"])


def _default_opt_out_list(client: Any) -> str:
    return str(client.describe_opt_out_lists()["OptOutLists"][0]["OptOutListArn"])


def _configuration_set(client: Any) -> str:
    return str(client.create_configuration_set(ConfigurationSetName="main")["ConfigurationSetArn"])


def _registration(client: Any) -> str:
    out = client.create_registration(RegistrationType="US_TOLL_FREE_REGISTRATION")
    return str(out["RegistrationArn"])


def _registration_attachment(client: Any) -> str:
    out = client.create_registration_attachment(AttachmentBody=b"\x89PNG\r\n\x1a\n" + bytes(32))
    return str(out["RegistrationAttachmentArn"])


def _verified_destination_number(client: Any) -> str:
    out = client.create_verified_destination_number(DestinationPhoneNumber="+12065550100")
    return str(out["VerifiedDestinationNumberArn"])


def _protect_configuration(client: Any) -> str:
    return str(client.create_protect_configuration()["ProtectConfigurationArn"])


def _rcs_agent(client: Any) -> str:
    return str(client.create_rcs_agent()["RcsAgentArn"])


def _notify_configuration(client: Any) -> str:
    out = client.create_notify_configuration(
        DisplayName="Acme", UseCase="CODE_VERIFICATION", EnabledChannels=["SMS"]
    )
    return str(out["NotifyConfigurationArn"])


MAKERS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "phone-number": ("phone-number", _phone_number),
    "sender-id": ("sender-id", _sender_id),
    "pool": ("pool", _pool),
    "opt-out-list": ("opt-out-list", _opt_out_list),
    "default-opt-out-list": ("opt-out-list", _default_opt_out_list),
    "configuration-set": ("configuration-set", _configuration_set),
    "registration": ("registration", _registration),
    "registration-attachment": ("registration-attachment", _registration_attachment),
    "verified-destination-number": ("verified-destination-number", _verified_destination_number),
    "protect-configuration": ("protect-configuration", _protect_configuration),
    "rcs-agent": ("rcs-agent", _rcs_agent),
    "notify-configuration": ("notify-configuration", _notify_configuration),
}


@pytest.mark.parametrize(("region", "partition"), REGIONS, ids=[r for r, _ in REGIONS])
@pytest.mark.parametrize("kind", list(MAKERS))
def test_every_resource_arn_takes_the_partition_of_its_region(
    sms: SmsVoiceMock, region: str, partition: str, kind: str
) -> None:
    """An ARN starts ``arn:<partition>:sms-voice:<region>:`` with the partition botocore's data gives."""
    resource_type, make = MAKERS[kind]
    arn = make(make_client(region))
    assert arn.startswith(f"arn:{partition}:sms-voice:{region}:{ACCOUNT}:{resource_type}/")


@pytest.mark.parametrize(("region", "partition"), REGIONS[::2], ids=[r for r, _ in REGIONS[::2]])
def test_arns_in_answers_and_records_are_usable_again(
    sms: SmsVoiceMock, region: str, partition: str
) -> None:
    """An ARN the mock answers names its resource in later calls, and sent records carry it too."""
    client = make_client(region)
    number = request_number(client)
    described = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberArn"]])
    assert described["PhoneNumbers"][0]["PhoneNumberArn"] == number["PhoneNumberArn"]
    client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity=number["PhoneNumberArn"],
        MessageBody="hi",
    )
    sent = sms.sent_messages.last
    assert sent.origination_identity_arn == number["PhoneNumberArn"]
    assert str(sent.origination_identity_arn).startswith(f"arn:{partition}:")
    tags = client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])
    assert tags["ResourceArn"] == number["PhoneNumberArn"]


SEEDED_REGIONS = [("us-gov-west-1", "aws-us-gov"), ("cn-north-1", "aws-cn")]


@pytest.mark.parametrize(
    ("region", "partition"), SEEDED_REGIONS, ids=[r for r, _ in SEEDED_REGIONS]
)
@pytest.mark.parametrize("where", ["activation-region", "accounts"])
def test_seeded_resource_arns_take_the_partition_of_their_region(
    region: str, partition: str, where: str
) -> None:
    """A seed in a GovCloud or China region (the activation's, or under ``accounts``) makes ARNs of that partition for every seeded resource, usable in later calls."""
    options: dict[str, Any] = (
        {"region": region, "seed": SETTINGS_SEED}
        if where == "activation-region"
        else {"seed": {"accounts": {ACCOUNT: {region: SETTINGS_SEED}}}}
    )
    with mock_smsvoice(**options):
        client = make_client(region)
        arns = {
            "phone-number": [
                n["PhoneNumberArn"] for n in client.describe_phone_numbers()["PhoneNumbers"]
            ],
            "sender-id": [i["SenderIdArn"] for i in client.describe_sender_ids()["SenderIds"]],
            "pool": [p["PoolArn"] for p in client.describe_pools()["Pools"]],
            "opt-out-list": [
                o["OptOutListArn"] for o in client.describe_opt_out_lists()["OptOutLists"]
            ],
            "configuration-set": [
                c["ConfigurationSetArn"]
                for c in client.describe_configuration_sets()["ConfigurationSets"]
            ],
        }
        assert {kind: len(found) for kind, found in arns.items()} == {
            "phone-number": 1,
            "sender-id": 1,
            "pool": 1,
            "opt-out-list": 2,  # Default and the seed's marketing list
            "configuration-set": 1,
        }
        for resource_type, found in arns.items():
            for arn in found:
                assert arn.startswith(
                    f"arn:{partition}:sms-voice:{region}:{ACCOUNT}:{resource_type}/"
                )
                assert client.list_tags_for_resource(ResourceArn=arn)["ResourceArn"] == arn


@pytest.mark.parametrize(
    ("region", "partition"), SEEDED_REGIONS, ids=[r for r, _ in SEEDED_REGIONS]
)
def test_a_seed_may_give_the_arn_of_its_partition(region: str, partition: str) -> None:
    """A seed entry's ARN is accepted in the region's partition, and an ``arn:aws:`` one there is a ``ValueError`` giving the right ARN."""
    arn = f"arn:{partition}:sms-voice:{region}:{ACCOUNT}:phone-number/{NUMBER_ID}"
    entry = {**SETTINGS_SEED["phone_numbers"][0], "PhoneNumberArn": arn}
    with mock_smsvoice(region=region, seed={"phone_numbers": [entry]}):
        (number,) = make_client(region).describe_phone_numbers()["PhoneNumbers"]
        assert number["PhoneNumberArn"] == arn
    wrong = {**entry, "PhoneNumberArn": arn.replace(f"arn:{partition}:", "arn:aws:")}
    with (
        pytest.raises(ValueError, match=f"doesn't name this entry, whose ARN is '{arn}'"),
        mock_smsvoice(region=region, seed={"phone_numbers": [wrong]}),
    ):
        pass


def test_partition_of_follows_botocore_data() -> None:
    """Each partition of botocore's endpoints.json claims its listed regions; unknown regions are aws."""
    from botocore.loaders import create_loader

    for data in create_loader().load_data("endpoints")["partitions"]:
        for region in data.get("regions", {}):
            assert partition_of(region) == data["partition"]
    assert partition_of("xx-nowhere-1") == "aws"
