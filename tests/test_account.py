"""Account attributes, account limits, spend limits and their overrides, through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from tests.helpers import error_of, make_client, request_number

SPEND_LIMIT_NAMES = [
    "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT",
    "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT",
    "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT",
    "NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT",
    "RCS_MESSAGE_MONTHLY_SPEND_LIMIT",
]
# Spend limit name -> the client method stem of its Set/Delete override pair.
OVERRIDES = {
    "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT": "text_message",
    "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT": "voice_message",
    "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT": "media_message",
    "NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT": "notify_message",
    "RCS_MESSAGE_MONTHLY_SPEND_LIMIT": "rcs_message",
}
IDS = ["text", "voice", "media", "notify", "rcs"]
PRODUCTION_MAX = 1000


def spend_limits(client: Any) -> dict[str, dict[str, Any]]:
    return {row["Name"]: row for row in client.describe_spend_limits()["SpendLimits"]}


def account_limits(client: Any) -> dict[str, dict[str, Any]]:
    return {row["Name"]: row for row in client.describe_account_limits()["AccountLimits"]}


def set_override(client: Any, name: str, limit: int) -> dict[str, Any]:
    out = getattr(client, f"set_{OVERRIDES[name]}_spend_limit_override")(MonthlyLimit=limit)
    return {k: v for k, v in out.items() if k != "ResponseMetadata"}


def delete_override(client: Any, name: str) -> dict[str, Any]:
    out = getattr(client, f"delete_{OVERRIDES[name]}_spend_limit_override")()
    return {k: v for k, v in out.items() if k != "ResponseMetadata"}


# -- DescribeAccountAttributes ------------------------------------------------------------


def test_account_tier_is_production_by_default(client: Any) -> None:
    """DescribeAccountAttributes reports the account tier; the mock starts in production."""
    out = client.describe_account_attributes()
    assert out["AccountAttributes"] == [{"Name": "ACCOUNT_TIER", "Value": "PRODUCTION"}]


def test_sandbox_tier_and_spend_limits() -> None:
    """ "New accounts are placed into an SMS or voice sandbox" with a $1.00 monthly spend limit."""
    with mock_smsvoice(sandbox=True):
        client = make_client()
        tier = client.describe_account_attributes()["AccountAttributes"]
        limits = spend_limits(client)
    assert tier == [{"Name": "ACCOUNT_TIER", "Value": "SANDBOX"}]
    assert {row["MaxLimit"] for row in limits.values()} == {1}


# -- DescribeSpendLimits and the overrides -----------------------------------------------


def test_spend_limits_without_overrides(client: Any) -> None:
    """Without an override the EnforcedLimit equals the MaxLimit and Overridden is false."""
    limits = spend_limits(client)
    assert list(limits) == SPEND_LIMIT_NAMES
    for row in limits.values():
        assert row == {
            "Name": row["Name"],
            "EnforcedLimit": PRODUCTION_MAX,
            "MaxLimit": PRODUCTION_MAX,
            "Overridden": False,
        }


@pytest.mark.parametrize("name", SPEND_LIMIT_NAMES, ids=IDS)
def test_set_spend_limit_override(client: Any, name: str) -> None:
    """A spend limit override sets the EnforcedLimit of that limit alone and marks it Overridden."""
    assert set_override(client, name, 250) == {"MonthlyLimit": 250}
    limits = spend_limits(client)
    assert limits[name] == {
        "Name": name,
        "EnforcedLimit": 250,
        "MaxLimit": PRODUCTION_MAX,
        "Overridden": True,
    }
    others = [row for other, row in limits.items() if other != name]
    assert all(not row["Overridden"] for row in others)


@pytest.mark.parametrize("name", SPEND_LIMIT_NAMES, ids=IDS)
def test_override_may_equal_the_max_limit_or_zero(client: Any, name: str) -> None:
    """ "The requested spend limit must be less than or equal to the MaxLimit"."""
    assert set_override(client, name, PRODUCTION_MAX)["MonthlyLimit"] == PRODUCTION_MAX
    assert set_override(client, name, 0)["MonthlyLimit"] == 0
    assert spend_limits(client)[name]["EnforcedLimit"] == 0


@pytest.mark.parametrize("name", SPEND_LIMIT_NAMES, ids=IDS)
def test_override_above_the_max_limit(client: Any, name: str) -> None:
    """A requested spend limit above the MaxLimit set by AWS is refused."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        set_override(client, name, PRODUCTION_MAX + 1)
    error = error_of(exc)
    assert error["Reason"] == "REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT"
    assert [f["Name"] for f in error["Fields"]] == ["MonthlyLimit"]
    assert spend_limits(client)[name]["Overridden"] is False


def test_override_above_the_model_maximum(client: Any) -> None:
    """MonthlyLimit is at most 1,000,000,000 (the model's range)."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.set_text_message_spend_limit_override(MonthlyLimit=1_000_000_001)
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"


@pytest.mark.parametrize("name", SPEND_LIMIT_NAMES, ids=IDS)
def test_delete_spend_limit_override(client: Any, name: str) -> None:
    """ "Deleting a spend limit override sets the EnforcedLimit equal to the MaxLimit"."""
    set_override(client, name, 5)
    assert delete_override(client, name) == {"MonthlyLimit": PRODUCTION_MAX}
    assert spend_limits(client)[name] == {
        "Name": name,
        "EnforcedLimit": PRODUCTION_MAX,
        "MaxLimit": PRODUCTION_MAX,
        "Overridden": False,
    }


@pytest.mark.parametrize("name", SPEND_LIMIT_NAMES, ids=IDS)
def test_delete_without_an_override_succeeds(client: Any, name: str) -> None:
    """Deleting an override that isn't there still answers with the MaxLimit."""
    assert delete_override(client, name) == {"MonthlyLimit": PRODUCTION_MAX}


def test_text_override_is_enforced_when_sending(client: Any) -> None:
    """A text message that would exceed the enforced monthly limit is refused."""
    number = request_number(client)
    client.set_text_message_spend_limit_override(MonthlyLimit=0)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.send_text_message(
            DestinationPhoneNumber="+14254147755",
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hello",
        )
    assert error_of(exc)["Reason"] == "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT"


def test_spend_limits_paginate(client: Any) -> None:
    """DescribeSpendLimits pages through every spend limit."""
    pages = list(
        client.get_paginator("describe_spend_limits").paginate(PaginationConfig={"PageSize": 2})
    )
    assert [len(p["SpendLimits"]) for p in pages] == [2, 2, 1]


# -- DescribeAccountLimits ----------------------------------------------------------------


def test_account_limits_list_every_quota(client: Any) -> None:
    """DescribeAccountLimits lists each quota's name, current usage and maximum."""
    limits = account_limits(client)
    assert list(limits) == [
        "PHONE_NUMBERS",
        "POOLS",
        "CONFIGURATION_SETS",
        "OPT_OUT_LISTS",
        "SENDER_IDS",
        "REGISTRATIONS",
        "REGISTRATION_ATTACHMENTS",
        "VERIFIED_DESTINATION_NUMBERS",
    ]
    assert all(row["Max"] > 0 for row in limits.values())
    assert limits["OPT_OUT_LISTS"]["Used"] == 1  # the Default list of every account
    assert limits["PHONE_NUMBERS"]["Used"] == 0


def test_account_limits_count_live_usage(client: Any) -> None:
    """Used follows the resources that exist: it rises on create and falls on delete."""
    number = request_number(client)
    request_number(client)
    client.create_configuration_set(ConfigurationSetName="one")
    client.create_configuration_set(ConfigurationSetName="two")
    client.create_opt_out_list(OptOutListName="marketing")
    used = {name: row["Used"] for name, row in account_limits(client).items()}
    assert (used["PHONE_NUMBERS"], used["CONFIGURATION_SETS"], used["OPT_OUT_LISTS"]) == (2, 2, 2)
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    client.delete_configuration_set(ConfigurationSetName="one")
    client.delete_opt_out_list(OptOutListName="marketing")
    used = {name: row["Used"] for name, row in account_limits(client).items()}
    assert (used["PHONE_NUMBERS"], used["CONFIGURATION_SETS"], used["OPT_OUT_LISTS"]) == (1, 1, 1)


def test_account_limits_show_configured_maximums(client: Any, sms: SmsVoiceMock) -> None:
    """Max is the quota the backend enforces."""
    sms.backend().settings.limits["CONFIGURATION_SETS"] = 3
    assert account_limits(client)["CONFIGURATION_SETS"]["Max"] == 3


def test_account_limits_paginate(client: Any) -> None:
    """DescribeAccountLimits pages through every quota."""
    paginator = client.get_paginator("describe_account_limits")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["AccountLimits"]) for p in pages] == [3, 3, 2]
