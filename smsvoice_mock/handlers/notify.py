"""CreateNotifyConfiguration, DescribeNotifyConfigurations, UpdateNotifyConfiguration,
DeleteNotifyConfiguration, DescribeNotifyTemplates, ListNotifyCountries, SendNotifyTextMessage,
SendNotifyVoiceMessage.

A notify message goes out from the configuration's pool when it has one, else from the service's
own identity (recorded with the configuration's DisplayName and ARN, on the ``Default`` opt-out
list); it is recorded in ``sms.sent_messages`` with ``source="NOTIFY"`` and charged to the
NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT.
"""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import BOOLEAN, FilterSpec, apply_filters, paginate
from smsvoice_mock.backend import Backend
from smsvoice_mock.errors import ConflictException, invalid
from smsvoice_mock.handlers.messaging import DEFAULT_VOICE_ID, _send
from smsvoice_mock.models import sending
from smsvoice_mock.models.countries import normalize_e164
from smsvoice_mock.models.message import (
    message_parts,
    text_price,
    voice_duration_seconds,
    voice_price,
)
from smsvoice_mock.models.notify import RESOURCE, NotifyConfiguration, find_template
from smsvoice_mock.models.notify_catalog import COUNTRIES, TEMPLATES, NotifyTemplate


def _configuration_filters() -> FilterSpec:
    return {
        "display-name": None,
        "enabled-countries": None,
        "enabled-channels": frozenset(enum_values("NumberCapability")),
        "default-template": None,
        "default-pool": None,
        "use-case": frozenset(enum_values("NotifyConfigurationUseCase")),
        "status": frozenset(enum_values("NotifyConfigurationStatus")),
        "deletion-protection-enabled": BOOLEAN,
        "tier-upgrade-status": frozenset(enum_values("TierUpgradeStatus")),
    }


@operation("CreateNotifyConfiguration")
def create_notify_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = NotifyConfiguration.create(ctx.backend, params)
    response = config.to_api()
    if ctx.backend.auto_activate:  # "Most configurations are activated within seconds."
        config.status = "ACTIVE"
    return response


@operation("DescribeNotifyConfigurations")
def describe_notify_configurations(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    if params.get("NotifyConfigurationIds"):
        configs = list(
            {
                c.id: c
                for c in (backend.notify_configuration(v) for v in params["NotifyConfigurationIds"])
            }.values()
        )
    else:
        configs = list(backend.notify_configurations.values())
    configs = apply_filters(
        configs, params.get("Filters"), _configuration_filters(), NotifyConfiguration.filter_values
    )
    # The model allows 1 to 100 items; like every other Describe, none is answered with [].
    return paginate(
        ctx.operation, params, configs, "NotifyConfigurations", NotifyConfiguration.to_api
    )


@operation("UpdateNotifyConfiguration")
def update_notify_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = ctx.backend.notify_configuration(params["NotifyConfigurationId"])
    config.update(ctx.backend, params)
    return config.to_api()


@operation("DeleteNotifyConfiguration")
def delete_notify_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = ctx.backend.notify_configuration(params["NotifyConfigurationId"])
    config.delete(ctx.backend)
    return config.to_api()


@operation("DescribeNotifyTemplates")
def describe_notify_templates(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("TemplateIds"):
        templates = list({t: find_template(t) for t in params["TemplateIds"]}.values())
    else:
        templates = list(TEMPLATES.values())
    spec: FilterSpec = {
        "template-type": frozenset(enum_values("NotifyTemplateType")),
        "channels": frozenset(enum_values("NumberCapability")),
        "tier-access": frozenset(enum_values("NotifyConfigurationTier")),
        "supported-countries": None,
        "language-code": None,
        "supported-voice-ids": frozenset(enum_values("VoiceId")),
    }
    templates = apply_filters(templates, params.get("Filters"), spec, NotifyTemplate.filter_values)
    return paginate(ctx.operation, params, templates, "NotifyTemplates", NotifyTemplate.to_api)


@operation("ListNotifyCountries")
def list_notify_countries(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    channels, use_cases, tier = params.get("Channels"), params.get("UseCases"), params.get("Tier")
    countries = [
        c
        for c in COUNTRIES.values()
        if (not channels or set(channels) & set(c.channels))
        and (not use_cases or set(use_cases) & set(c.use_cases))
        and (tier is None or tier in c.tiers)
    ]
    return paginate(ctx.operation, params, countries, "NotifyCountries", lambda c: c.to_api())


def _origin(
    backend: Backend, config: NotifyConfiguration, channel: str, destination: str, iso: str
) -> sending.Origin:
    """The configuration's pool, else the service's own identity (where the country allows it)."""
    if config.pool_id is not None:
        return sending.resolve_origin(backend, config.pool_id, channel, destination)
    if COUNTRIES[iso].customer_owned_identity_required:
        raise ConflictException(
            f"Sending notify messages to {iso} needs a customer-owned identity: associate a pool "
            f"with notify configuration {config.id}.",
            reason="NO_ORIGINATION_IDENTITIES_FOUND",
            resource_type=RESOURCE,
            resource_id=config.id,
        )
    return sending.Origin(
        arn=config.arn,
        display=config.display_name,
        iso_country_code=iso,
        opt_out_list_name="Default",
    )


def _notify_send(
    ctx: Context, params: dict[str, Any], channel: str
) -> tuple[NotifyConfiguration, NotifyTemplate, str, sending.Origin]:
    backend = ctx.backend
    config = backend.notify_configuration(params["NotifyConfigurationId"])
    destination = normalize_e164(params["DestinationPhoneNumber"])
    iso = config.check_can_send(channel, destination)
    config.check_daily_limit(ctx.state.sent_messages, ctx.now())
    template = config.template_for(params.get("TemplateId"), channel, iso)
    body = config.render(template, params["TemplateVariables"])
    return config, template, body, _origin(backend, config, channel, destination, iso)


def _extra(config: NotifyConfiguration, template: NotifyTemplate, params: dict[str, Any]) -> Any:
    return {
        "notify_configuration_id": config.id,
        "template_id": template.template_id,
        "template_variables": dict(params["TemplateVariables"]),
    }


@operation("SendNotifyTextMessage")
def send_notify_text_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config, template, body, origin = _notify_send(ctx, params, "SMS")
    encoding, parts = message_parts(body)
    out = _send(
        ctx,
        {**params, "MessageBody": body, "MessageType": "TRANSACTIONAL"},
        channel="SMS",
        price=text_price(parts),
        max_price=None,
        max_price_member="MaxPrice",
        origin=origin,
        spend="NOTIFY",
        fields={
            "source": "NOTIFY",
            "extra": _extra(config, template, params),
            "encoding": encoding,
            "parts": parts,
        },
    )
    return {**out, "TemplateId": template.template_id, "ResolvedMessageBody": body}


@operation("SendNotifyVoiceMessage")
def send_notify_voice_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config, template, body, origin = _notify_send(ctx, params, "VOICE")
    voices = template.supported_voice_ids
    voice = params.get("VoiceId") or (voices[0] if voices else DEFAULT_VOICE_ID)
    if voices and voice not in voices:
        raise invalid(
            "INVALID_PARAMETER",
            "VoiceId",
            f"Template {template.template_id} speaks with {', '.join(voices)}, not {voice}.",
        )
    seconds = voice_duration_seconds(body, "TEXT")
    out = _send(
        ctx,
        {**params, "MessageBody": body, "MessageType": "TRANSACTIONAL"},
        channel="VOICE",
        price=voice_price(seconds),
        max_price=None,
        max_price_member="MaxPricePerMinute",
        origin=origin,
        spend="NOTIFY",
        fields={
            "source": "NOTIFY",
            "extra": _extra(config, template, params),
            "voice_id": voice,
            "message_body_text_type": "TEXT",
            "duration_seconds": seconds,
        },
    )
    return {**out, "TemplateId": template.template_id, "ResolvedMessageBody": body}
