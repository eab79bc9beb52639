"""Protect configurations through a real boto3 client: the 13 protect operations, country rule sets,
number overrides, the account default, configuration-set association, and their effect on sends."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock.models.countries import COUNTRIES
from tests.helpers import error_of, request_number

PREFIX = "arn:aws:sms-voice:us-east-1:123456789012"
SUCCESS = "+14254147755"  # a US destination simulator number
OTHER_US = "+14254147167"  # the US failure simulator: accepted, then UNREACHABLE
UNKNOWN = "protect-00000000000000000000000000000000"


def create(client: Any, **params: Any) -> dict[str, Any]:
    return dict(client.create_protect_configuration(**params))


@pytest.fixture
def protect(client: Any) -> dict[str, Any]:
    return create(client, Tags=[{"Key": "Name", "Value": "main"}])


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client, NumberCapabilities=["SMS", "VOICE", "MMS"])


def rules(client: Any, protect_id: str, capability: str = "SMS") -> dict[str, str]:
    out = client.get_protect_configuration_country_rule_set(
        ProtectConfigurationId=protect_id, NumberCapability=capability
    )
    return {iso: rule["ProtectStatus"] for iso, rule in out["CountryRuleSet"].items()}


def set_rule(
    client: Any, protect_id: str, status: str, iso: str = "US", capability: str = "SMS"
) -> dict[str, Any]:
    return dict(
        client.update_protect_configuration_country_rule_set(
            ProtectConfigurationId=protect_id,
            NumberCapability=capability,
            CountryRuleSetUpdates={iso: {"ProtectStatus": status}},
        )
    )


def put_override(client: Any, protect_id: str, number: str, action: str, **extra: Any) -> Any:
    return client.put_protect_configuration_rule_set_number_override(
        ProtectConfigurationId=protect_id, DestinationPhoneNumber=number, Action=action, **extra
    )


def send(client: Any, origin: dict[str, Any], channel: str = "SMS", **params: Any) -> str:
    params.setdefault("DestinationPhoneNumber", SUCCESS)
    params["OriginationIdentity"] = origin["PhoneNumberId"]
    if channel == "SMS":
        return str(client.send_text_message(MessageBody="hi", **params)["MessageId"])
    if channel == "VOICE":
        return str(client.send_voice_message(MessageBody="hi", **params)["MessageId"])
    return str(client.send_media_message(MessageBody="hi", **params)["MessageId"])


# -- CreateProtectConfiguration ----------------------------------------------------------------


def test_create_defaults(client: Any) -> None:
    """CreateProtectConfiguration: deletion protection "By default this is set to false", not the
    account default; the name is the tag Name, which the response and ListTagsForResource carry."""
    out = create(client, Tags=[{"Key": "Name", "Value": "main"}])
    assert re.fullmatch(r"protect-[0-9a-f]{32}", out["ProtectConfigurationId"])
    assert out["ProtectConfigurationArn"] == (
        f"{PREFIX}:protect-configuration/{out['ProtectConfigurationId']}"
    )
    assert (out["AccountDefault"], out["DeletionProtectionEnabled"]) == (False, False)
    assert out["Tags"] == [{"Key": "Name", "Value": "main"}]
    assert isinstance(out["CreatedTimestamp"], datetime)
    tags = client.list_tags_for_resource(ResourceArn=out["ProtectConfigurationArn"])["Tags"]
    assert tags == [{"Key": "Name", "Value": "main"}]


def test_create_with_deletion_protection(client: Any) -> None:
    """DeletionProtectionEnabled given at creation is kept."""
    out = create(client, DeletionProtectionEnabled=True)
    assert out["DeletionProtectionEnabled"] is True
    assert out["Tags"] == []


def test_create_over_quota(client: Any) -> None:
    """The account holds at most 25 protect configurations (user guide, quotas): over that is
    PROTECT_CONFIGURATIONS_PER_ACCOUNT."""
    for _ in range(25):
        create(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        create(client)
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "PROTECT_CONFIGURATIONS_PER_ACCOUNT",
    }


def test_create_replays_client_token(client: Any) -> None:
    """A repeated ClientToken answers the first response and creates nothing new."""
    first = create(client, ClientToken="token-1")
    again = create(client, ClientToken="token-1")
    assert again["ProtectConfigurationId"] == first["ProtectConfigurationId"]
    listed = client.describe_protect_configurations()["ProtectConfigurations"]
    assert len(listed) == 1


def test_tag_and_untag(client: Any, protect: dict[str, Any]) -> None:
    """A protect configuration is taggable by its ARN."""
    arn = protect["ProtectConfigurationArn"]
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    client.untag_resource(ResourceArn=arn, TagKeys=["Name"])
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "env", "Value": "test"}
    ]


# -- DescribeProtectConfigurations ---------------------------------------------------------------


def test_describe_all_and_by_id(client: Any, protect: dict[str, Any]) -> None:
    """Without ids or filters every protect configuration is returned (without tags); ids may be
    given as ids or ARNs."""
    other = create(client)
    listed = client.describe_protect_configurations()["ProtectConfigurations"]
    assert [p["ProtectConfigurationId"] for p in listed] == [
        protect["ProtectConfigurationId"],
        other["ProtectConfigurationId"],
    ]
    assert "Tags" not in listed[0]
    by_id = client.describe_protect_configurations(
        ProtectConfigurationIds=[other["ProtectConfigurationArn"], other["ProtectConfigurationId"]]
    )["ProtectConfigurations"]
    assert [p["ProtectConfigurationId"] for p in by_id] == [other["ProtectConfigurationId"]]


def test_describe_empty_account(client: Any) -> None:
    """An account without protect configurations describes none as [], like every other Describe."""
    assert client.describe_protect_configurations()["ProtectConfigurations"] == []


def test_describe_unknown_id(client: Any, protect: dict[str, Any]) -> None:
    """An unknown id among ProtectConfigurationIds is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_protect_configurations(
            ProtectConfigurationIds=[protect["ProtectConfigurationId"], UNKNOWN]
        )
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "protect-configuration",
        "ResourceId": UNKNOWN,
    }


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("account-default", "true", {"default"}),
        ("account-default", "false", {"protected", "plain"}),
        ("deletion-protection-enabled", "true", {"protected"}),
        ("deletion-protection-enabled", "false", {"default", "plain"}),
    ],
    ids=["account-default", "not-account-default", "protected", "unprotected"],
)
def test_describe_filters(client: Any, name: str, value: str, expected: set[str]) -> None:
    """Filters account-default and deletion-protection-enabled take "true" or "false"."""
    labels = {
        create(client)["ProtectConfigurationId"]: "default",
        create(client, DeletionProtectionEnabled=True)["ProtectConfigurationId"]: "protected",
        create(client)["ProtectConfigurationId"]: "plain",
    }
    default_id = next(i for i, label in labels.items() if label == "default")
    client.set_account_default_protect_configuration(ProtectConfigurationId=default_id)
    out = client.describe_protect_configurations(Filters=[{"Name": name, "Values": [value]}])
    assert {labels[p["ProtectConfigurationId"]] for p in out["ProtectConfigurations"]} == expected


def test_describe_filter_value_outside_boolean(client: Any, protect: dict[str, Any]) -> None:
    """A boolean filter value other than true or false is INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_protect_configurations(
            Filters=[{"Name": "account-default", "Values": ["yes"]}]
        )
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_describe_pages(client: Any) -> None:
    """MaxResults bounds a page; NextToken leads to the rest."""
    ids = [create(client)["ProtectConfigurationId"] for _ in range(3)]
    first = client.describe_protect_configurations(MaxResults=2)
    rest = client.describe_protect_configurations(MaxResults=2, NextToken=first["NextToken"])
    assert "NextToken" not in rest
    seen = first["ProtectConfigurations"] + rest["ProtectConfigurations"]
    assert [p["ProtectConfigurationId"] for p in seen] == ids


# -- UpdateProtectConfiguration / DeleteProtectConfiguration ---------------------------------


def test_update_toggles_deletion_protection(client: Any, protect: dict[str, Any]) -> None:
    """UpdateProtectConfiguration changes DeletionProtectionEnabled and answers the configuration."""
    out = client.update_protect_configuration(
        ProtectConfigurationId=protect["ProtectConfigurationArn"], DeletionProtectionEnabled=True
    )
    assert out["ProtectConfigurationId"] == protect["ProtectConfigurationId"]
    assert out["DeletionProtectionEnabled"] is True
    listed = client.describe_protect_configurations()["ProtectConfigurations"][0]
    assert listed["DeletionProtectionEnabled"] is True


def test_update_without_changes_keeps_settings(client: Any) -> None:
    """UpdateProtectConfiguration without DeletionProtectionEnabled changes nothing."""
    made = create(client, DeletionProtectionEnabled=True)
    out = client.update_protect_configuration(ProtectConfigurationId=made["ProtectConfigurationId"])
    assert out["DeletionProtectionEnabled"] is True


def test_delete(client: Any, protect: dict[str, Any]) -> None:
    """DeleteProtectConfiguration answers the deleted configuration, which is then gone."""
    out = client.delete_protect_configuration(
        ProtectConfigurationId=protect["ProtectConfigurationId"]
    )
    assert out["ProtectConfigurationArn"] == protect["ProtectConfigurationArn"]
    assert out["AccountDefault"] is False
    assert client.describe_protect_configurations().get("ProtectConfigurations", []) == []
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_tags_for_resource(ResourceArn=protect["ProtectConfigurationArn"])


def _protected(client: Any, protect_id: str) -> None:
    client.update_protect_configuration(
        ProtectConfigurationId=protect_id, DeletionProtectionEnabled=True
    )


def _account_default(client: Any, protect_id: str) -> None:
    client.set_account_default_protect_configuration(ProtectConfigurationId=protect_id)


def _associated(client: Any, protect_id: str) -> None:
    client.create_configuration_set(ConfigurationSetName="cs")
    client.associate_protect_configuration(
        ProtectConfigurationId=protect_id, ConfigurationSetName="cs"
    )


@pytest.mark.parametrize(
    ("arrange", "reason"),
    [
        (_protected, "DELETION_PROTECTION_ENABLED"),
        (_account_default, "PROTECT_CONFIGURATION_IS_ACCOUNT_DEFAULT"),
        (_associated, "PROTECT_CONFIGURATION_ASSOCIATED_WITH_CONFIGURATION_SET"),
    ],
    ids=["deletion-protection", "account-default", "configuration-set"],
)
def test_delete_refused(
    client: Any, protect: dict[str, Any], arrange: Callable[[Any, str], None], reason: str
) -> None:
    """ "The protect configuration must have deletion protection disabled and must not be associated
    as the account default protect configuration or associated with a configuration set." """
    protect_id = protect["ProtectConfigurationId"]
    arrange(client, protect_id)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_protect_configuration(ProtectConfigurationId=protect_id)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": reason,
        "ResourceType": "protect-configuration",
        "ResourceId": protect_id,
    }


def test_configuration_set_deletion_releases_association(
    client: Any, protect: dict[str, Any]
) -> None:
    """Deleting the configuration set ends its association, so the protect configuration can go."""
    _associated(client, protect["ProtectConfigurationId"])
    client.delete_configuration_set(ConfigurationSetName="cs")
    client.delete_protect_configuration(ProtectConfigurationId=protect["ProtectConfigurationId"])


# -- unknown protect configurations ----------------------------------------------------------

UNKNOWN_CALLS: dict[str, Callable[[Any, str], Any]] = {
    "update": lambda c, p: c.update_protect_configuration(ProtectConfigurationId=p),
    "delete": lambda c, p: c.delete_protect_configuration(ProtectConfigurationId=p),
    "get-rules": lambda c, p: c.get_protect_configuration_country_rule_set(
        ProtectConfigurationId=p, NumberCapability="SMS"
    ),
    "update-rules": lambda c, p: c.update_protect_configuration_country_rule_set(
        ProtectConfigurationId=p,
        NumberCapability="SMS",
        CountryRuleSetUpdates={"US": {"ProtectStatus": "BLOCK"}},
    ),
    "associate": lambda c, p: c.associate_protect_configuration(
        ProtectConfigurationId=p, ConfigurationSetName="cs"
    ),
    "disassociate": lambda c, p: c.disassociate_protect_configuration(
        ProtectConfigurationId=p, ConfigurationSetName="cs"
    ),
    "set-default": lambda c, p: c.set_account_default_protect_configuration(
        ProtectConfigurationId=p
    ),
    "put-override": lambda c, p: put_override(c, p, SUCCESS, "BLOCK"),
    "list-overrides": lambda c, p: c.list_protect_configuration_rule_set_number_overrides(
        ProtectConfigurationId=p
    ),
    "delete-override": lambda c, p: c.delete_protect_configuration_rule_set_number_override(
        ProtectConfigurationId=p, DestinationPhoneNumber=SUCCESS
    ),
}


@pytest.mark.parametrize("value", [UNKNOWN, f"{PREFIX}:protect-configuration/{UNKNOWN}"])
@pytest.mark.parametrize("call", list(UNKNOWN_CALLS.values()), ids=list(UNKNOWN_CALLS))
def test_unknown_protect_configuration(
    client: Any, call: Callable[[Any, str], Any], value: str
) -> None:
    """A ProtectConfigurationId (id or ARN) that names nothing is ResourceNotFoundException."""
    client.create_configuration_set(ConfigurationSetName="cs")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        call(client, value)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "protect-configuration",
        "ResourceId": value,
    }


def test_arn_of_another_type_is_invalid(client: Any) -> None:
    """A ProtectConfigurationId ARN of another resource type is INVALID_ARN."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_protect_configuration(ProtectConfigurationId=f"{PREFIX}:pool/pool-1")
    assert error_of(exc)["Reason"] == "INVALID_ARN"


# -- country rule sets -----------------------------------------------------------------------


@pytest.mark.parametrize("capability", ["SMS", "VOICE", "MMS", "RCS"])
def test_country_rule_sets_default_to_allow(
    client: Any, protect: dict[str, Any], capability: str
) -> None:
    """ "By default all country rule sets for each capability are set to ALLOW." """
    out = client.get_protect_configuration_country_rule_set(
        ProtectConfigurationId=protect["ProtectConfigurationArn"], NumberCapability=capability
    )
    assert (out["ProtectConfigurationId"], out["NumberCapability"]) == (
        protect["ProtectConfigurationId"],
        capability,
    )
    statuses = {iso: rule["ProtectStatus"] for iso, rule in out["CountryRuleSet"].items()}
    assert set(statuses) == set(COUNTRIES)
    assert set(statuses.values()) == {"ALLOW"}


def test_update_country_rule_set_merges(client: Any, protect: dict[str, Any]) -> None:
    """UpdateProtectConfigurationCountryRuleSet changes only the countries given, and "The updates
    are only applied to the specified NumberCapability type"; it answers the whole rule set."""
    protect_id = protect["ProtectConfigurationId"]
    out = client.update_protect_configuration_country_rule_set(
        ProtectConfigurationId=protect_id,
        NumberCapability="SMS",
        CountryRuleSetUpdates={
            "US": {"ProtectStatus": "ALLOW"},
            "CA": {"ProtectStatus": "BLOCK"},
            "GB": {"ProtectStatus": "MONITOR"},
        },
    )
    assert out["NumberCapability"] == "SMS"
    assert len(out["CountryRuleSet"]) == len(COUNTRIES)
    set_rule(client, protect_id, "FILTER", iso="FR")
    sms = rules(client, protect_id)
    assert (sms["US"], sms["CA"], sms["GB"], sms["FR"], sms["DE"]) == (
        "ALLOW",
        "BLOCK",
        "MONITOR",
        "FILTER",
        "ALLOW",
    )
    assert set(rules(client, protect_id, "VOICE").values()) == {"ALLOW"}


@pytest.mark.parametrize(
    ("updates", "capability"),
    [
        ({"US": {"ProtectStatus": "DENY"}}, "SMS"),
        ({"us": {"ProtectStatus": "BLOCK"}}, "SMS"),
        ({"US": {"ProtectStatus": "BLOCK"}}, "FAX"),
    ],
    ids=["status", "country-code", "capability"],
)
def test_update_country_rule_set_invalid(
    client: Any, protect: dict[str, Any], updates: dict[str, Any], capability: str
) -> None:
    """ProtectStatus is ALLOW, BLOCK, MONITOR or FILTER; keys are two capital letters; the
    capability is SMS, VOICE, MMS or RCS."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_protect_configuration_country_rule_set(
            ProtectConfigurationId=protect["ProtectConfigurationId"],
            NumberCapability=capability,
            CountryRuleSetUpdates=updates,
        )
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"


# -- AssociateProtectConfiguration / DisassociateProtectConfiguration ------------------------


def test_associate_and_replace(client: Any, protect: dict[str, Any]) -> None:
    """Associating "replaces the configuration sets current protect configuration"; a protect
    configuration "can be associated with multiple configuration sets"."""
    client.create_configuration_set(ConfigurationSetName="cs")
    client.create_configuration_set(ConfigurationSetName="cs2")
    out = client.associate_protect_configuration(
        ProtectConfigurationId=protect["ProtectConfigurationArn"],
        ConfigurationSetName=f"{PREFIX}:configuration-set/cs",
    )
    assert {k: v for k, v in out.items() if k != "ResponseMetadata"} == {
        "ConfigurationSetArn": f"{PREFIX}:configuration-set/cs",
        "ConfigurationSetName": "cs",
        "ProtectConfigurationArn": protect["ProtectConfigurationArn"],
        "ProtectConfigurationId": protect["ProtectConfigurationId"],
    }
    client.associate_protect_configuration(
        ProtectConfigurationId=protect["ProtectConfigurationId"], ConfigurationSetName="cs2"
    )
    other = create(client)
    client.associate_protect_configuration(
        ProtectConfigurationId=other["ProtectConfigurationId"], ConfigurationSetName="cs"
    )
    sets = {
        s["ConfigurationSetName"]: s.get("ProtectConfigurationId")
        for s in client.describe_configuration_sets()["ConfigurationSets"]
    }
    assert sets == {
        "cs": other["ProtectConfigurationId"],
        "cs2": protect["ProtectConfigurationId"],
    }


def test_associate_unknown_configuration_set(client: Any, protect: dict[str, Any]) -> None:
    """An unknown ConfigurationSetName is ResourceNotFoundException configuration-set."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.associate_protect_configuration(
            ProtectConfigurationId=protect["ProtectConfigurationId"], ConfigurationSetName="nope"
        )
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "configuration-set",
        "ResourceId": "nope",
    }


def test_disassociate(client: Any, protect: dict[str, Any]) -> None:
    """DisassociateProtectConfiguration removes the link and answers both resources."""
    _associated(client, protect["ProtectConfigurationId"])
    out = client.disassociate_protect_configuration(
        ProtectConfigurationId=protect["ProtectConfigurationId"], ConfigurationSetName="cs"
    )
    assert (out["ConfigurationSetName"], out["ProtectConfigurationId"]) == (
        "cs",
        protect["ProtectConfigurationId"],
    )
    described = client.describe_configuration_sets(ConfigurationSetNames=["cs"])
    assert "ProtectConfigurationId" not in described["ConfigurationSets"][0]


@pytest.mark.parametrize("linked", [False, True], ids=["none", "another"])
def test_disassociate_not_associated(client: Any, protect: dict[str, Any], linked: bool) -> None:
    """Disassociating a protect configuration the set isn't associated with is
    PROTECT_CONFIGURATION_NOT_ASSOCIATED_WITH_CONFIGURATION_SET."""
    client.create_configuration_set(ConfigurationSetName="cs")
    if linked:
        other = create(client)
        client.associate_protect_configuration(
            ProtectConfigurationId=other["ProtectConfigurationId"], ConfigurationSetName="cs"
        )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.disassociate_protect_configuration(
            ProtectConfigurationId=protect["ProtectConfigurationId"], ConfigurationSetName="cs"
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "PROTECT_CONFIGURATION_NOT_ASSOCIATED_WITH_CONFIGURATION_SET",
        "ResourceType": "protect-configuration",
        "ResourceId": protect["ProtectConfigurationId"],
    }


# -- account default -------------------------------------------------------------------------


def _account_attribute(client: Any) -> str | None:
    rows = client.describe_account_attributes()["AccountAttributes"]
    return next((r["Value"] for r in rows if r["Name"] == "DEFAULT_PROTECT_CONFIGURATION_ID"), None)


def _defaults(client: Any) -> dict[str, bool]:
    listed = client.describe_protect_configurations()["ProtectConfigurations"]
    return {p["ProtectConfigurationId"]: p["AccountDefault"] for p in listed}


def test_set_account_default_replaces(client: Any, protect: dict[str, Any]) -> None:
    """ "You can only have one account default protect configuration at a time. The current account
    default protect configuration is replaced with the provided protect configuration." """
    first = protect["ProtectConfigurationId"]
    out = client.set_account_default_protect_configuration(ProtectConfigurationId=first)
    assert (out["DefaultProtectConfigurationId"], out["DefaultProtectConfigurationArn"]) == (
        first,
        protect["ProtectConfigurationArn"],
    )
    assert _account_attribute(client) == first
    second = create(client)["ProtectConfigurationId"]
    client.set_account_default_protect_configuration(
        ProtectConfigurationId=f"{PREFIX}:protect-configuration/{second}"
    )
    assert _defaults(client) == {first: False, second: True}
    assert _account_attribute(client) == second


def test_delete_account_default(client: Any, protect: dict[str, Any]) -> None:
    """DeleteAccountDefaultProtectConfiguration "Removes the current account default protect
    configuration", answers it, and keeps the configuration itself."""
    protect_id = protect["ProtectConfigurationId"]
    client.set_account_default_protect_configuration(ProtectConfigurationId=protect_id)
    out = client.delete_account_default_protect_configuration()
    assert (out["DefaultProtectConfigurationId"], out["DefaultProtectConfigurationArn"]) == (
        protect_id,
        protect["ProtectConfigurationArn"],
    )
    assert _account_attribute(client) is None
    assert _defaults(client) == {protect_id: False}


def test_delete_account_default_without_one(client: Any, protect: dict[str, Any]) -> None:
    """Without an account default protect configuration there is nothing to remove."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.delete_account_default_protect_configuration()
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "protect-configuration",
        "ResourceId": "123456789012",
    }


# -- number overrides ------------------------------------------------------------------------


def test_put_override(client: Any, protect: dict[str, Any]) -> None:
    """PutProtectConfigurationRuleSetNumberOverride creates a rule; "If ExpirationTimestamp is not
    set then the rule does not expire"; the country comes from the number."""
    out = put_override(client, protect["ProtectConfigurationArn"], SUCCESS[1:], "BLOCK")
    assert (out["ProtectConfigurationId"], out["ProtectConfigurationArn"]) == (
        protect["ProtectConfigurationId"],
        protect["ProtectConfigurationArn"],
    )
    assert (out["DestinationPhoneNumber"], out["Action"], out["IsoCountryCode"]) == (
        SUCCESS,
        "BLOCK",
        "US",
    )
    assert "ExpirationTimestamp" not in out
    assert isinstance(out["CreatedTimestamp"], datetime)


def test_put_override_updates(client: Any, sms: SmsVoiceMock, protect: dict[str, Any]) -> None:
    """Putting the override of a number again ("Create or update") replaces its action and
    expiration and keeps its creation time."""
    protect_id = protect["ProtectConfigurationId"]
    first = put_override(client, protect_id, SUCCESS, "BLOCK")
    sms.clock.advance(minutes=5)
    expires = datetime.now(timezone.utc) + timedelta(days=2)
    again = put_override(client, protect_id, SUCCESS, "ALLOW", ExpirationTimestamp=expires)
    assert again["Action"] == "ALLOW"
    assert again["CreatedTimestamp"] == first["CreatedTimestamp"]
    assert abs((again["ExpirationTimestamp"] - expires).total_seconds()) < 1
    listed = client.list_protect_configuration_rule_set_number_overrides(
        ProtectConfigurationId=protect_id
    )["RuleSetNumberOverrides"]
    assert [(o["DestinationPhoneNumber"], o["Action"]) for o in listed] == [(SUCCESS, "ALLOW")]


def test_put_override_already_expired(client: Any, protect: dict[str, Any]) -> None:
    """An ExpirationTimestamp in the past is refused: the rule would never apply."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        put_override(
            client,
            protect["ProtectConfigurationId"],
            SUCCESS,
            "ALLOW",
            ExpirationTimestamp=datetime(2020, 1, 1, tzinfo=timezone.utc),
        )
    error = error_of(exc)
    assert (error["Code"], error["Reason"]) == ("ValidationException", "FIELD_VALIDATION_FAILED")
    assert [f["Name"] for f in error["Fields"]] == ["ExpirationTimestamp"]


def test_put_override_invalid_action(client: Any, protect: dict[str, Any]) -> None:
    """Action is ALLOW or BLOCK."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        put_override(client, protect["ProtectConfigurationId"], SUCCESS, "MONITOR")
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"
    assert error_of(exc)["Fields"][0]["Name"] == "Action"


@pytest.fixture
def overrides(client: Any, sms: SmsVoiceMock, protect: dict[str, Any]) -> tuple[str, datetime]:
    """Three overrides: a US BLOCK without expiry, a US ALLOW expiring in 1 day, a GB ALLOW
    expiring in 10 days created 1 hour after the others. Answers the id and the start time."""
    protect_id = protect["ProtectConfigurationId"]
    start = sms.clock.now()
    put_override(client, protect_id, "+12065550100", "BLOCK")
    put_override(
        client, protect_id, "+12065550199", "ALLOW", ExpirationTimestamp=start + timedelta(days=1)
    )
    sms.clock.advance(hours=1)
    put_override(
        client, protect_id, "+447700900123", "ALLOW", ExpirationTimestamp=start + timedelta(days=10)
    )
    return protect_id, start


def _date(start: datetime, form: str, delta: timedelta) -> str:
    """``start + delta`` as epoch seconds or as ISO-8601."""
    when = start + delta
    return str(int(when.timestamp())) if form == "epoch" else when.strftime("%Y-%m-%dT%H:%M:%SZ")


DAYS_2 = timedelta(days=2)
MINUTES_30 = timedelta(minutes=30)


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("iso-country-code", ["GB"], {"+447700900123"}),
        ("destination-phone-number-begins-with", ["+1206"], {"+12065550100", "+12065550199"}),
        (
            "destination-phone-number-begins-with",
            ["+4477", "+1206555019"],
            {"+447700900123", "+12065550199"},
        ),
        ("action", ["ALLOW"], {"+12065550199", "+447700900123"}),
        ("expires-before", [("epoch", DAYS_2)], {"+12065550199"}),
        ("expires-before", [("iso", DAYS_2)], {"+12065550199"}),
        ("expires-after", [("iso", DAYS_2)], {"+447700900123", "+12065550100"}),
        ("created-after", [("epoch", MINUTES_30)], {"+447700900123"}),
        ("created-before", [("iso", MINUTES_30)], {"+12065550100", "+12065550199"}),
    ],
    ids=[
        "iso-country-code",
        "begins-with",
        "begins-with-any",
        "action",
        "expires-before-epoch",
        "expires-before-iso",
        "expires-after",
        "created-after",
        "created-before",
    ],
)
def test_list_override_filters(
    client: Any,
    overrides: tuple[str, datetime],
    name: str,
    values: list[Any],
    expected: set[str],
) -> None:
    """ListProtectConfigurationRuleSetNumberOverrides filters; date filters take epoch seconds or
    ISO-8601, and a rule without expiration counts as expiring after any date."""
    protect_id, start = overrides
    given = [v if isinstance(v, str) else _date(start, *v) for v in values]
    out = client.list_protect_configuration_rule_set_number_overrides(
        ProtectConfigurationId=protect_id, Filters=[{"Name": name, "Values": given}]
    )
    assert {o["DestinationPhoneNumber"] for o in out["RuleSetNumberOverrides"]} == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [("action", "MONITOR"), ("expires-before", "tomorrow"), ("created-after", "2024-13-01")],
    ids=["action", "date-word", "bad-date"],
)
def test_list_override_invalid_filter_values(
    client: Any, overrides: tuple[str, datetime], name: str, value: str
) -> None:
    """Action values outside ALLOW/BLOCK and dates that are neither epoch seconds nor ISO-8601 are
    INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.list_protect_configuration_rule_set_number_overrides(
            ProtectConfigurationId=overrides[0], Filters=[{"Name": name, "Values": [value]}]
        )
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_list_overrides_pages(client: Any, overrides: tuple[str, datetime]) -> None:
    """Every page names the protect configuration (ProtectConfigurationId and Arn)."""
    protect_id = overrides[0]
    first = client.list_protect_configuration_rule_set_number_overrides(
        ProtectConfigurationId=protect_id, MaxResults=2
    )
    rest = client.list_protect_configuration_rule_set_number_overrides(
        ProtectConfigurationId=protect_id, MaxResults=2, NextToken=first["NextToken"]
    )
    for page in (first, rest):
        assert page["ProtectConfigurationId"] == protect_id
        assert page["ProtectConfigurationArn"] == f"{PREFIX}:protect-configuration/{protect_id}"
    assert len(first["RuleSetNumberOverrides"]) == 2
    assert "NextToken" not in rest
    assert [o["DestinationPhoneNumber"] for o in rest["RuleSetNumberOverrides"]] == [
        "+447700900123"
    ]


def test_list_overrides_empty(client: Any, protect: dict[str, Any]) -> None:
    """A protect configuration without overrides lists none."""
    out = client.list_protect_configuration_rule_set_number_overrides(
        ProtectConfigurationId=protect["ProtectConfigurationId"]
    )
    assert out.get("RuleSetNumberOverrides", []) == []
    assert out["ProtectConfigurationId"] == protect["ProtectConfigurationId"]


def test_delete_override(client: Any, protect: dict[str, Any]) -> None:
    """DeleteProtectConfigurationRuleSetNumberOverride answers the deleted rule; a number without
    a rule is ResourceNotFoundException."""
    protect_id = protect["ProtectConfigurationId"]
    put_override(client, protect_id, SUCCESS, "BLOCK")
    out = client.delete_protect_configuration_rule_set_number_override(
        ProtectConfigurationId=protect_id, DestinationPhoneNumber=SUCCESS
    )
    assert (out["DestinationPhoneNumber"], out["Action"], out["IsoCountryCode"]) == (
        SUCCESS,
        "BLOCK",
        "US",
    )
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.delete_protect_configuration_rule_set_number_override(
            ProtectConfigurationId=protect_id, DestinationPhoneNumber=SUCCESS
        )
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "protect-configuration",
        "ResourceId": protect_id,
    }


# -- sending ---------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["SMS", "VOICE", "MMS"])
def test_country_block_refuses_send(
    client: Any, protect: dict[str, Any], number: dict[str, Any], channel: str
) -> None:
    """A destination country set to BLOCK in the channel's rule set is refused with
    DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION; other channels still send."""
    protect_id = protect["ProtectConfigurationId"]
    set_rule(client, protect_id, "BLOCK", capability=channel)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, number, channel, ProtectConfigurationId=protect_id)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION",
        "ResourceType": "protect-configuration",
        "ResourceId": protect_id,
    }
    other = "VOICE" if channel == "SMS" else "SMS"
    send(client, number, other, ProtectConfigurationId=protect_id)


def test_number_override_block(
    client: Any, protect: dict[str, Any], number: dict[str, Any]
) -> None:
    """A BLOCK override refuses its number in an allowed country:
    DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE; other numbers still send."""
    protect_id = protect["ProtectConfigurationId"]
    put_override(client, protect_id, SUCCESS, "BLOCK")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, number, ProtectConfigurationId=protect_id)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE",
        "ResourceType": "protect-configuration",
        "ResourceId": protect_id,
    }
    send(client, number, DestinationPhoneNumber=OTHER_US, ProtectConfigurationId=protect_id)


def test_number_override_allow_beats_country_block(
    client: Any, sms: SmsVoiceMock, protect: dict[str, Any], number: dict[str, Any]
) -> None:
    """ "The phone number override always takes precedent over the country rule mode": an ALLOW
    override reaches its number in a blocked country, for every channel."""
    protect_id = protect["ProtectConfigurationId"]
    set_rule(client, protect_id, "BLOCK")
    put_override(client, protect_id, SUCCESS, "ALLOW")
    message_id = send(client, number, ProtectConfigurationId=protect_id)
    assert sms.sent_messages.one(message_id=message_id).protect_configuration_id == protect_id
    with pytest.raises(client.exceptions.ConflictException):
        send(client, number, DestinationPhoneNumber=OTHER_US, ProtectConfigurationId=protect_id)


def test_expired_override_no_longer_applies(
    client: Any, sms: SmsVoiceMock, protect: dict[str, Any], number: dict[str, Any]
) -> None:
    """An override applies until its ExpirationTimestamp; then the country rule decides again."""
    protect_id = protect["ProtectConfigurationId"]
    put_override(
        client,
        protect_id,
        SUCCESS,
        "BLOCK",
        ExpirationTimestamp=datetime.now(timezone.utc) + timedelta(hours=1),
    )
    with pytest.raises(client.exceptions.ConflictException):
        send(client, number, ProtectConfigurationId=protect_id)
    sms.clock.advance(hours=2)
    send(client, number, ProtectConfigurationId=protect_id)


def test_opt_out_wins_over_allow_override(
    client: Any, protect: dict[str, Any], number: dict[str, Any]
) -> None:
    """ "If a phone number is in the opt-out list then the message is not sent regardless if there
    is an override to allow." """
    protect_id = protect["ProtectConfigurationId"]
    put_override(client, protect_id, SUCCESS, "ALLOW")
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=SUCCESS)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, number, ProtectConfigurationId=protect_id)
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


@pytest.mark.parametrize("status", ["MONITOR", "FILTER"])
def test_monitor_and_filter_send(
    client: Any, sms: SmsVoiceMock, protect: dict[str, Any], number: dict[str, Any], status: str
) -> None:
    """MONITOR and FILTER countries are sent to; the message records its protect configuration."""
    protect_id = protect["ProtectConfigurationId"]
    set_rule(client, protect_id, status)
    message_id = send(client, number, ProtectConfigurationId=protect_id)
    assert sms.sent_messages.one(message_id=message_id).protect_configuration_id == protect_id


def test_dry_run_is_checked(client: Any, protect: dict[str, Any], number: dict[str, Any]) -> None:
    """A DryRun runs the protect check too."""
    protect_id = protect["ProtectConfigurationId"]
    set_rule(client, protect_id, "BLOCK")
    with pytest.raises(client.exceptions.ConflictException):
        send(client, number, ProtectConfigurationId=protect_id, DryRun=True)


def _blocking(client: Any) -> str:
    protect_id = create(client)["ProtectConfigurationId"]
    set_rule(client, protect_id, "BLOCK")
    return protect_id


def _allowing(client: Any) -> str:
    return create(client)["ProtectConfigurationId"]


@pytest.mark.parametrize(
    ("account_default", "configuration_set", "request_value", "blocked"),
    [
        (_blocking, None, None, True),
        (_blocking, _allowing, None, False),
        (_allowing, _blocking, None, True),
        (None, _blocking, _allowing, False),
        (_allowing, _allowing, _blocking, True),
        (None, None, None, False),
    ],
    ids=[
        "account-default",
        "configuration-set-over-default",
        "configuration-set-blocks",
        "request-over-configuration-set",
        "request-blocks",
        "none",
    ],
)
def test_which_protect_configuration_applies(
    client: Any,
    sms: SmsVoiceMock,
    number: dict[str, Any],
    account_default: Callable[[Any], str] | None,
    configuration_set: Callable[[Any], str] | None,
    request_value: Callable[[Any], str] | None,
    blocked: bool,
) -> None:
    """The request's ProtectConfigurationId wins over the configuration set's, which wins over the
    account default protect configuration."""
    client.create_configuration_set(ConfigurationSetName="cs")
    applied = None
    if account_default is not None:
        applied = account_default(client)
        client.set_account_default_protect_configuration(ProtectConfigurationId=applied)
    if configuration_set is not None:
        applied = configuration_set(client)
        client.associate_protect_configuration(
            ProtectConfigurationId=applied, ConfigurationSetName="cs"
        )
    params: dict[str, Any] = {"ConfigurationSetName": "cs"}
    if request_value is not None:
        applied = request_value(client)
        params["ProtectConfigurationId"] = applied
    if blocked:
        with pytest.raises(client.exceptions.ConflictException) as exc:
            send(client, number, **params)
        assert (exc.value.response["Reason"], exc.value.response["ResourceId"]) == (
            "DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION",
            applied,
        )
    else:
        message_id = send(client, number, **params)
        assert sms.sent_messages.one(message_id=message_id).protect_configuration_id == applied
