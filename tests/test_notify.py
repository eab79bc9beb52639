"""Notify configurations, templates and countries, and templated sends (SendNotifyTextMessage,
SendNotifyVoiceMessage) through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock.models.notify import (
    DAILY_MESSAGE_LIMITS,
    NOTIFY_CONFIGURATIONS_PER_ACCOUNT,
    NotifyConfiguration,
)
from tests.helpers import error_of, make_client, request_number, to_next_utc_day

US_MOBILE = "+12065550100"
GB_MOBILE = "+447700900123"
IN_MOBILE = "+919876543210"
OTP = "nt-otp-en"


def create(client: Any, **params: Any) -> dict[str, Any]:
    params.setdefault("DisplayName", "Acme")
    params.setdefault("UseCase", "CODE_VERIFICATION")
    params.setdefault("EnabledChannels", ["SMS", "VOICE"])
    return dict(client.create_notify_configuration(**params))


@pytest.fixture
def config(client: Any) -> dict[str, Any]:
    return create(client, DefaultTemplateId=OTP)


def model(sms: SmsVoiceMock, config: dict[str, Any]) -> NotifyConfiguration:
    return sms.backend().notify_configurations[config["NotifyConfigurationId"]]


def send_text(client: Any, config: dict[str, Any], **params: Any) -> dict[str, Any]:
    params.setdefault("DestinationPhoneNumber", US_MOBILE)
    params.setdefault("TemplateVariables", {"code": "123456"})
    return dict(
        client.send_notify_text_message(
            NotifyConfigurationId=config["NotifyConfigurationId"], **params
        )
    )


# -- CreateNotifyConfiguration --------------------------------------------------------------------


def test_create_answers_pending_then_active(client: Any) -> None:
    """ "Your configuration is created in Pending status … Most configurations are activated within seconds." """
    out = create(client, Tags=[{"Key": "env", "Value": "test"}], EnabledCountries=["US", "CA"])
    assert re.fullmatch(r"nc-[0-9a-f]{32}", out["NotifyConfigurationId"])
    assert out["NotifyConfigurationArn"].endswith(
        f":notify-configuration/{out['NotifyConfigurationId']}"
    )
    assert (out["Status"], out["Tier"], out["TierUpgradeStatus"]) == ("PENDING", "BASIC", "BASIC")
    assert out["DeletionProtectionEnabled"] is False
    assert out["Tags"] == [{"Key": "env", "Value": "test"}]
    described = client.describe_notify_configurations()["NotifyConfigurations"]
    assert [(c["NotifyConfigurationId"], c["Status"]) for c in described] == [
        (out["NotifyConfigurationId"], "ACTIVE")
    ]
    assert described[0]["EnabledCountries"] == ["US", "CA"]


def test_held_configuration_stays_pending() -> None:
    """With activation held, the configuration stays PENDING and can't send."""
    with mock_smsvoice() as sms:
        sms.backend().auto_activate = False
        held = make_client()
        config = create(held, DefaultTemplateId=OTP)
        assert held.describe_notify_configurations()["NotifyConfigurations"][0]["Status"] == (
            "PENDING"
        )
        with pytest.raises(held.exceptions.ConflictException) as exc:
            send_text(held, config)
        assert error_of(exc) == {
            "Code": "ConflictException",
            "Reason": "NOTIFY_CONFIGURATION_NOT_ACTIVE",
            "ResourceType": "notify-configuration",
            "ResourceId": config["NotifyConfigurationId"],
        }


@pytest.mark.parametrize(
    ("params", "reason", "field"),
    [
        ({"EnabledChannels": ["SMS", "MMS"]}, "INVALID_PARAMETER", "EnabledChannels[1]"),
        ({"EnabledCountries": ["ZZ"]}, "INVALID_PARAMETER", "EnabledCountries[0]"),
        ({"EnabledCountries": ["IN"]}, "INVALID_PARAMETER", "EnabledCountries[0]"),
        ({"DefaultTemplateId": "UNSET_DEFAULT_TEMPLATE"}, "INVALID_PARAMETER", "DefaultTemplateId"),
        ({"DefaultTemplateId": ""}, "FIELD_VALIDATION_FAILED", "DefaultTemplateId"),
        ({"DisplayName": "   "}, "FIELD_VALIDATION_FAILED", "DisplayName"),
        ({"DisplayName": "A" * 16}, "FIELD_VALIDATION_FAILED", "DisplayName"),
    ],
    ids=[
        "mms-channel",
        "unknown-country",
        "advanced-only-country",
        "unset-template-on-create",
        "empty-template",
        "blank-display-name",
        "long-display-name",
    ],
)
def test_create_rejects(client: Any, params: dict[str, Any], reason: str, field: str) -> None:
    """Channels are SMS and VOICE; countries come from ListNotifyCountries for the BASIC tier;
    "The UNSET_DEFAULT_TEMPLATE value is only accepted by UpdateNotifyConfiguration"; DisplayName is
    1 to 15 characters."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        create(client, **params)
    error = error_of(exc)
    assert (error["Reason"], error["Fields"][0]["Name"]) == (reason, field)


@pytest.mark.parametrize(
    ("params", "resource_type"),
    [
        ({"DefaultTemplateId": "nt-missing"}, "notify-template"),
        ({"PoolId": "pool-" + "0" * 32}, "pool"),
    ],
    ids=["template", "pool"],
)
def test_create_needs_existing_template_and_pool(
    client: Any, params: dict[str, Any], resource_type: str
) -> None:
    """The default template and the pool must exist."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        create(client, **params)
    assert error_of(exc)["ResourceType"] == resource_type


def test_notify_configuration_quota(client: Any) -> None:
    """An account holds at most NOTIFY_CONFIGURATIONS_PER_ACCOUNT configurations."""
    for _ in range(NOTIFY_CONFIGURATIONS_PER_ACCOUNT):
        create(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        create(client)
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "NOTIFY_CONFIGURATIONS_PER_ACCOUNT",
    }


def test_configuration_is_taggable(client: Any, config: dict[str, Any]) -> None:
    """A notify configuration ARN is a taggable resource."""
    arn = config["NotifyConfigurationArn"]
    client.untag_resource(ResourceArn=arn, TagKeys=["absent"])
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "k", "Value": "v"}]


# -- DescribeNotifyConfigurations -----------------------------------------------------------------


def test_describe_by_id_filters_and_empty(client: Any) -> None:
    """Ids (or ARNs) and filters select configurations, none is []; an unknown id is
    ResourceNotFoundException."""
    assert client.describe_notify_configurations()["NotifyConfigurations"] == []
    sms_only = create(client, EnabledChannels=["SMS"])
    both = create(client, DeletionProtectionEnabled=True)
    by_arn = client.describe_notify_configurations(
        NotifyConfigurationIds=[sms_only["NotifyConfigurationArn"]]
    )["NotifyConfigurations"]
    assert [c["NotifyConfigurationId"] for c in by_arn] == [sms_only["NotifyConfigurationId"]]
    voice = client.describe_notify_configurations(
        Filters=[{"Name": "enabled-channels", "Values": ["VOICE"]}]
    )["NotifyConfigurations"]
    assert [c["NotifyConfigurationId"] for c in voice] == [both["NotifyConfigurationId"]]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_notify_configurations(NotifyConfigurationIds=["nc-" + "0" * 32])
    assert error_of(exc)["ResourceType"] == "notify-configuration"


# -- UpdateNotifyConfiguration --------------------------------------------------------------------


def test_update_and_unset(client: Any, config: dict[str, Any]) -> None:
    """Update sets the template, pool, channels, countries and protection; the UNSET values clear."""
    number = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    out = client.update_notify_configuration(
        NotifyConfigurationId=config["NotifyConfigurationId"],
        DefaultTemplateId="nt-otp-es",
        PoolId=pool["PoolArn"],
        EnabledChannels=["SMS"],
        EnabledCountries=["US"],
        DeletionProtectionEnabled=True,
    )
    assert (out["DefaultTemplateId"], out["PoolId"], out["EnabledChannels"]) == (
        "nt-otp-es",
        pool["PoolId"],
        ["SMS"],
    )
    assert (out["EnabledCountries"], out["DeletionProtectionEnabled"]) == (["US"], True)
    cleared = client.update_notify_configuration(
        NotifyConfigurationId=config["NotifyConfigurationId"],
        DefaultTemplateId="UNSET_DEFAULT_TEMPLATE",
        PoolId="UNSET_DEFAULT_POOL_FOR_NOTIFY",
    )
    assert "DefaultTemplateId" not in cleared
    assert "PoolId" not in cleared
    assert cleared["EnabledChannels"] == ["SMS"]


def test_update_unknown(client: Any, config: dict[str, Any]) -> None:
    """Update needs an existing configuration, template and pool."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.update_notify_configuration(NotifyConfigurationId="nc-" + "1" * 32)
    assert error_of(exc)["ResourceType"] == "notify-configuration"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.update_notify_configuration(
            NotifyConfigurationId=config["NotifyConfigurationId"], PoolId="pool-" + "1" * 32
        )
    assert error_of(exc)["ResourceType"] == "pool"


# -- DeleteNotifyConfiguration --------------------------------------------------------------------


def test_delete(client: Any, config: dict[str, Any]) -> None:
    """Delete answers the configuration; it is gone afterwards."""
    out = client.delete_notify_configuration(NotifyConfigurationId=config["NotifyConfigurationArn"])
    assert out["NotifyConfigurationId"] == config["NotifyConfigurationId"]
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_notify_configuration(NotifyConfigurationId=config["NotifyConfigurationId"])


def test_delete_with_deletion_protection(client: Any) -> None:
    """ "If deletion protection is enabled, an error is returned." """
    config = create(client, DeletionProtectionEnabled=True)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_notify_configuration(NotifyConfigurationId=config["NotifyConfigurationId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DELETION_PROTECTION_ENABLED",
        "ResourceType": "notify-configuration",
        "ResourceId": config["NotifyConfigurationId"],
    }


def test_pool_of_a_configuration_cannot_be_deleted(client: Any) -> None:
    """A pool used by a notify configuration can't be deleted (POOL_ASSOCIATED_TO_NOTIFY_CONFIGURATION)."""
    number = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    config = create(client, PoolId=pool["PoolId"])
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_pool(PoolId=pool["PoolId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "POOL_ASSOCIATED_TO_NOTIFY_CONFIGURATION",
        "ResourceType": "pool",
        "ResourceId": pool["PoolId"],
    }
    client.update_notify_configuration(
        NotifyConfigurationId=config["NotifyConfigurationId"],
        PoolId="UNSET_DEFAULT_POOL_FOR_NOTIFY",
    )
    assert client.delete_pool(PoolId=pool["PoolId"])["PoolId"] == pool["PoolId"]


# -- DescribeNotifyTemplates and ListNotifyCountries ----------------------------------------------


def test_describe_templates(client: Any) -> None:
    """The system-managed catalog lists the SDK example template with its variables."""
    template = client.describe_notify_templates(TemplateIds=[OTP])["NotifyTemplates"][0]
    assert template["Content"] == (
        "Your verification code is {{code}}. It expires in {{expiry}} minutes."
    )
    assert template["Variables"]["code"]["Required"] is True
    assert template["Variables"]["expiry"]["DefaultValue"] == "10"
    voice = client.describe_notify_templates(Filters=[{"Name": "channels", "Values": ["VOICE"]}])
    assert OTP in [t["TemplateId"] for t in voice["NotifyTemplates"]]
    assert "nt-otp-brand-en" not in [t["TemplateId"] for t in voice["NotifyTemplates"]]
    french = client.describe_notify_templates(Filters=[{"Name": "language-code", "Values": ["fr"]}])
    assert [t["TemplateId"] for t in french["NotifyTemplates"]] == ["nt-otp-fr"]


def test_describe_unknown_template(client: Any) -> None:
    """ "If you specify a template ID that isn't valid, an error is returned." """
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_notify_templates(TemplateIds=["nt-nope"])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "notify-template",
        "ResourceId": "nt-nope",
    }


def test_list_countries(client: Any) -> None:
    """ListNotifyCountries filters by channel, use case and tier."""
    every = client.list_notify_countries()["NotifyCountries"]
    assert {"US", "CA", "GB", "IN"} <= {c["IsoCountryCode"] for c in every}
    voice = client.list_notify_countries(Channels=["VOICE"])["NotifyCountries"]
    assert "AU" not in {c["IsoCountryCode"] for c in voice}
    basic = client.list_notify_countries(Tier="BASIC", UseCases=["CODE_VERIFICATION"])
    assert "IN" not in {c["IsoCountryCode"] for c in basic["NotifyCountries"]}
    india = next(c for c in every if c["IsoCountryCode"] == "IN")
    assert india["CustomerOwnedIdentityRequired"] is True
    assert client.list_notify_countries(Channels=["RCS"])["NotifyCountries"] == []


# -- SendNotifyTextMessage / SendNotifyVoiceMessage -----------------------------------------------


def test_send_text_renders_the_template(
    client: Any, sms: SmsVoiceMock, config: dict[str, Any]
) -> None:
    """The default template is used without TemplateId; DefaultValue fills omitted variables; the
    rendered body is answered and recorded."""
    out = send_text(client, config, Context={"user": "42"})
    body = "Your verification code is 123456. It expires in 10 minutes."
    assert (out["TemplateId"], out["ResolvedMessageBody"]) == (OTP, body)
    sent = sms.sent_messages.one(message_id=out["MessageId"])
    assert (sent.channel, sent.source, sent.message_body) == ("SMS", "NOTIFY", body)
    assert (sent.origination_identity, sent.origination_identity_arn) == (
        "Acme",
        config["NotifyConfigurationArn"],
    )
    assert sent.extra["template_variables"] == {"code": "123456"}
    assert any(k[0] == "NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT" for k in sms.backend().spend)


def test_send_voice(client: Any, sms: SmsVoiceMock, config: dict[str, Any]) -> None:
    """SendNotifyVoiceMessage speaks the rendered template with the template's voice."""
    out = client.send_notify_voice_message(
        NotifyConfigurationId=config["NotifyConfigurationId"],
        DestinationPhoneNumber=US_MOBILE,
        TemplateVariables={"code": "4711", "expiry": "5"},
        VoiceId="JOANNA",
    )
    assert out["ResolvedMessageBody"].endswith("It expires in 5 minutes.")
    sent = sms.sent_messages.last
    assert (sent.channel, sent.voice_id, sent.source) == ("VOICE", "JOANNA", "NOTIFY")


def test_system_variable_is_filled_by_the_service(client: Any, config: dict[str, Any]) -> None:
    """A SYSTEM variable comes from the configuration (the brand is its DisplayName)."""
    out = send_text(client, config, TemplateId="nt-otp-brand-en")
    assert out["ResolvedMessageBody"] == "Acme: 123456 is your code. Don't share it."


@pytest.mark.parametrize(
    ("variables", "reason", "field"),
    [
        ({}, "MISSING_PARAMETER", "TemplateVariables.code"),
        ({"code": "1", "color": "red"}, "FIELD_VALIDATION_FAILED", "TemplateVariables.color"),
        ({"code": "12345678901"}, "FIELD_VALIDATION_FAILED", "TemplateVariables.code"),
        ({"code": "12 34"}, "FIELD_VALIDATION_FAILED", "TemplateVariables.code"),
        ({"code": "1", "expiry": "soon"}, "FIELD_VALIDATION_FAILED", "TemplateVariables.expiry"),
        ({"code": "1", "expiry": "61"}, "FIELD_VALIDATION_FAILED", "TemplateVariables.expiry"),
        ({"code": "1", "expiry": "0"}, "FIELD_VALIDATION_FAILED", "TemplateVariables.expiry"),
    ],
    ids=[
        "missing-required",
        "unknown",
        "too-long",
        "pattern",
        "not-integer",
        "above-max",
        "below-min",
    ],
)
def test_variables_are_checked(
    client: Any, config: dict[str, Any], variables: dict[str, str], reason: str, field: str
) -> None:
    """Variables are checked against the template: required, type, MaxLength, Pattern, MinValue/MaxValue."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send_text(client, config, TemplateVariables=variables)
    error = error_of(exc)
    assert (error["Reason"], error["Fields"][0]["Name"]) == (reason, field)


def test_system_variable_cannot_be_passed(client: Any, config: dict[str, Any]) -> None:
    """A SYSTEM variable is the service's: passing it is a ValidationException."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send_text(
            client,
            config,
            TemplateId="nt-otp-brand-en",
            TemplateVariables={"code": "1", "brand": "X"},
        )
    assert error_of(exc)["Fields"][0]["Name"] == "TemplateVariables.brand"


@pytest.mark.parametrize(
    ("create_params", "send_params", "reason", "field"),
    [
        ({"EnabledChannels": ["VOICE"]}, {}, "CHANNEL_NOT_ENABLED", "NotifyConfigurationId"),
        (
            {"EnabledCountries": ["US"]},
            {"DestinationPhoneNumber": GB_MOBILE},
            "COUNTRY_NOT_ENABLED",
            "DestinationPhoneNumber",
        ),
        (
            {},
            {"DestinationPhoneNumber": IN_MOBILE},
            "COUNTRY_NOT_ENABLED",
            "DestinationPhoneNumber",
        ),
        ({}, {}, "MISSING_PARAMETER", "TemplateId"),
        ({}, {"TemplateId": "UNSET_DEFAULT_TEMPLATE"}, "INVALID_PARAMETER", "TemplateId"),
        ({}, {"TemplateId": "nt-otp-fr"}, "INVALID_PARAMETER", "TemplateId"),
    ],
    ids=[
        "channel",
        "country-not-enabled",
        "country-not-in-tier",
        "no-template",
        "unset-template",
        "template-country",
    ],
)
def test_send_rejects(
    client: Any, create_params: dict[str, Any], send_params: dict[str, Any], reason: str, field: str
) -> None:
    """The channel and destination country must be enabled; a template is needed and must suit the send."""
    config = create(client, **create_params)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        send_text(client, config, **send_params)
    error = error_of(exc)
    assert (error["Reason"], error["Fields"][0]["Name"]) == (reason, field)


def test_voice_rejects_a_foreign_voice(client: Any, config: dict[str, Any]) -> None:
    """VoiceId must be one of the template's SupportedVoiceIds."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.send_notify_voice_message(
            NotifyConfigurationId=config["NotifyConfigurationId"],
            DestinationPhoneNumber=US_MOBILE,
            TemplateVariables={"code": "1"},
            VoiceId="HANS",
        )
    assert error_of(exc)["Fields"][0]["Name"] == "VoiceId"


def test_rejected_configuration_cannot_send(
    client: Any, sms: SmsVoiceMock, config: dict[str, Any]
) -> None:
    """ "you can send messages only when the status is ACTIVE" (a REJECTED one reports its reason)."""
    model(sms, config).set_status("REJECTED", rejection_reason="Display name not allowed")
    described = client.describe_notify_configurations()["NotifyConfigurations"][0]
    assert (described["Status"], described["RejectionReason"]) == (
        "REJECTED",
        "Display name not allowed",
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send_text(client, config)
    assert error_of(exc)["Reason"] == "NOTIFY_CONFIGURATION_NOT_ACTIVE"


def test_unknown_configuration_and_template(client: Any, config: dict[str, Any]) -> None:
    """An unknown configuration or template is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        send_text(client, {"NotifyConfigurationId": "nc-" + "9" * 32})
    assert error_of(exc)["ResourceType"] == "notify-configuration"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        send_text(client, config, TemplateId="nt-nope")
    assert error_of(exc)["ResourceType"] == "notify-template"


def test_opted_out_destination(client: Any, config: dict[str, Any]) -> None:
    """Without a pool, the Default opt-out list applies to notify messages."""
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=US_MOBILE)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send_text(client, config)
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


def test_notify_spend_limit(client: Any, config: dict[str, Any]) -> None:
    """Notify messages count against NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT."""
    client.set_notify_message_spend_limit_override(MonthlyLimit=0)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        send_text(client, config)
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "MONTHLY_SPEND_LIMIT_REACHED_FOR_NOTIFY",
    }


def test_dry_run_is_not_sent(client: Any, sms: SmsVoiceMock, config: dict[str, Any]) -> None:
    """DryRun checks and renders the message but doesn't send it."""
    out = send_text(client, config, DryRun=True)
    assert out["ResolvedMessageBody"].startswith("Your verification code is 123456")
    assert len(sms.sent_messages) == 0
    assert sms.dry_runs.one(message_id=out["MessageId"]).source == "NOTIFY"


def test_send_through_the_pool(client: Any, sms: SmsVoiceMock) -> None:
    """A configuration with a pool sends from the pool's numbers."""
    number = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
    )
    config = create(client, PoolId=pool["PoolId"], DefaultTemplateId=OTP)
    send_text(client, config, DestinationPhoneNumber="+14254147755")
    assert sms.sent_messages.last.origination_identity == number["PhoneNumber"]


def test_sandbox_needs_verified_destinations() -> None:
    """In the sandbox, notify messages reach only verified destination numbers and simulators."""
    with mock_smsvoice(sandbox=True):
        client = make_client()
        config = create(client, DefaultTemplateId=OTP)
        with pytest.raises(client.exceptions.ConflictException) as exc:
            send_text(client, config)
        assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_NOT_VERIFIED"
        assert send_text(client, config, DestinationPhoneNumber="+14254147755")["MessageId"]


def test_daily_tier_message_limit(
    client: Any, sms: SmsVoiceMock, config: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration sends at most its tier's daily number of messages (the model's
    DAILY_NOTIFY_TIER_MESSAGE_LIMIT); the count starts again on the next UTC day of sms.clock."""
    monkeypatch.setitem(DAILY_MESSAGE_LIMITS, "BASIC", 3)
    to_next_utc_day(sms)
    for _ in range(3):
        send_text(client, config)
    sms.clock.advance(hours=24, seconds=-1)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        send_text(client, config)
    assert error_of(exc)["Reason"] == "DAILY_NOTIFY_TIER_MESSAGE_LIMIT"
    sms.clock.advance(seconds=1)
    send_text(client, config)
