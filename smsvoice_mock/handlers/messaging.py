"""SendTextMessage, SendVoiceMessage, SendMediaMessage, PutMessageFeedback, CarrierLookup.

Every Send* runs the pipeline of ``smsvoice_mock.models.sending``; an accepted message is recorded in
``sms.sent_messages`` (a DryRun in ``sms.dry_runs``), charged, and its events are routed to the
configuration set's event destinations (``sms.events``).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal
from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock.backend import new_uuid
from smsvoice_mock.errors import invalid, not_found
from smsvoice_mock.inbox import draft_sent_message, sealed
from smsvoice_mock.models import events, sending
from smsvoice_mock.models.carrier import lookup
from smsvoice_mock.models.countries import country_of, normalize_e164
from smsvoice_mock.models.message import (
    PRICE_PER_MMS,
    PRICE_PER_VOICE_MINUTE,
    VOICE_TEXT_MAX,
    check_media_url,
    message_parts,
    text_parts,
    text_price,
    voice_duration_seconds,
    voice_price,
)
from smsvoice_mock.models.rcs import PRICE_PER_RCS_MESSAGE

DEFAULT_TTL = 72 * 3600  # "By default this is 72 hours."
DEFAULT_VOICE_ID = "MATTHEW"  # "By default this is set to "MATTHEW"."
FEEDBACK_WINDOW = timedelta(hours=1)  # PutMessageFeedback: "an hour after … set to FAILED"
_FREE = Decimal(0)


def _require_body(params: dict[str, Any]) -> str:
    body = params.get("MessageBody")
    if body is None:
        raise invalid(
            "MISSING_PARAMETER", "MessageBody", "MessageBody is required to send this message."
        )
    return str(body)


def _send(
    ctx: Context,
    params: dict[str, Any],
    *,
    channel: str,
    price: Decimal,
    max_price: str | None,
    max_price_member: str,
    fields: dict[str, Any],
    origin: sending.Origin | None = None,
    spend: str | None = None,
) -> dict[str, Any]:
    """The shared pipeline (behaviors §3.5) once the channel-specific checks have passed.

    ``fields`` are the channel's own fields of the record (keyword, encoding, parts, voice_id, ...;
    a dict rather than ``**fields``, which made every send's call match its keywords the slow way);
    ``origin`` skips resolving OriginationIdentity (Notify sends from the service's identity);
    ``spend`` names the SPEND_LIMITS entry charged when it is not the channel's own."""
    backend = ctx.backend
    state = ctx.state
    destination = normalize_e164(params["DestinationPhoneNumber"])
    config_name = params.get("ConfigurationSetName")
    config = None if config_name is None else sending.configuration_set(backend, config_name)
    protect_id = params.get("ProtectConfigurationId")
    requested_protect = (
        None if protect_id is None else sending.protect_configuration(backend, protect_id)
    )
    if origin is None:
        origin = sending.resolve_origin(
            backend, params.get("OriginationIdentity"), channel, destination, config
        )
    if origin.rcs_agent is not None:  # an RCS agent "delivers over RCS only with no fallback"
        channel, price = "RCS", PRICE_PER_RCS_MESSAGE
    sending.check_origin(backend, origin, channel, destination)
    sending.check_opt_out(backend, origin, destination)
    protect, protect_status = sending.check_protect(
        backend, requested_protect, config, channel, destination
    )
    sending.check_sandbox(backend, destination)
    if channel == "VOICE":
        sending.check_voice_sandbox(backend, state.sent_messages, destination)
    now = ctx.now()  # the request's moment: the spend month, the record and its events share it
    month = sending.month_key(backend, now)
    sending.check_price(backend, spend or channel, price, max_price, max_price_member, month=month)
    feedback = params.get("MessageFeedbackEnabled")
    if feedback is None and config is not None:
        feedback = config.default_message_feedback_enabled
    dry_run = bool(params.get("DryRun"))
    ttl = params.get("TimeToLive", DEFAULT_TTL)
    status, final_at = (
        ("DRY_RUN", None)
        if dry_run
        else events.outcome(state, channel, destination, params, sent_at=now, ttl=ttl)
    )
    if not events.charged(channel, status):
        price = _FREE
    # The record, field by field (more than 15 keyword arguments would make Python build a dict).
    message = draft_sent_message()
    message.message_id = new_uuid()
    message.destination_phone_number = destination
    message.origination_identity = origin.display
    message.origination_identity_arn = origin.arn
    message.message_body = params.get("MessageBody")
    message.message_type = sending.message_type(params, config, origin)
    message.configuration_set_name = config.name if config is not None else None
    message.context = params.get("Context")
    message.channel = channel
    message.region = backend.region
    message.account_id = backend.account_id
    message.sent_at = now
    message.time_to_live = ttl
    message.max_price = max_price
    message.destination_country_parameters = params.get("DestinationCountryParameters")
    message.message_feedback_enabled = bool(feedback)
    message.protect_configuration_id = protect.id if protect is not None else None
    message.protect_status = protect_status
    message.is_international_send = sending.is_international_send(origin, destination)
    message.price = str(price)
    message.iso_country_code = country_of(destination)
    message.dry_run = dry_run
    message.status = status
    message.final_at = final_at
    for name, value in fields.items():  # the channel's own: keyword, encoding, parts, voice_id, ...
        setattr(message, name, value)
    message = sealed(message)
    if dry_run:
        # "the message is checked and validated, but isn't sent … You are not charged for using DryRun"
        state.dry_runs._append(message)
        return {"MessageId": message.message_id}
    if price:
        sending.charge(backend, spend or channel, price, month=month)
    state.sent_messages._append(message)
    if config is not None:  # a message sent without a configuration set produces no event records
        events.emit(state, message, config)
    return {"MessageId": message.message_id}


@operation("SendTextMessage")
def send_text_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    encoding, parts = text_parts(_require_body(params))
    return _send(
        ctx,
        params,
        channel="SMS",
        price=text_price(parts),
        max_price=params.get("MaxPrice"),
        max_price_member="MaxPrice",
        fields={
            "keyword": params.get("Keyword"),
            "encoding": encoding,
            "parts": parts,
        },
    )


@operation("SendVoiceMessage")
def send_voice_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    body = _require_body(params)
    text_type = params.get("MessageBodyTextType", "TEXT")
    if text_type == "TEXT" and len(body) > VOICE_TEXT_MAX:
        # "TEXT: … the maximum character limit is 3000. SSML: … 6000 including SSML tagging."
        raise invalid(
            "MAXIMUM_SIZE_EXCEEDED",
            "MessageBody",
            f"A TEXT voice message is at most {VOICE_TEXT_MAX} characters; this one has {len(body)}.",
        )
    seconds = voice_duration_seconds(body, text_type)
    if ctx.backend.settings.tier == "SANDBOX":
        seconds = min(seconds, sending.VOICE_SANDBOX_CALL_SECONDS)
    max_per_minute = params.get("MaxPricePerMinute")
    if max_per_minute is not None and Decimal(max_per_minute) < PRICE_PER_VOICE_MINUTE:
        raise invalid(
            "PRICE_OVER_THRESHOLD",
            "MaxPricePerMinute",
            f"The call costs {PRICE_PER_VOICE_MINUTE} USD per minute, more than the MaxPricePerMinute "
            f"of {max_per_minute} USD.",
        )
    return _send(
        ctx,
        params,
        channel="VOICE",
        price=voice_price(seconds),
        max_price=None,
        max_price_member="MaxPricePerMinute",
        fields={
            "voice_id": params.get("VoiceId", DEFAULT_VOICE_ID),
            "message_body_text_type": text_type,
            "duration_seconds": seconds,
        },
    )


@operation("SendMediaMessage")
def send_media_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    urls = list(params.get("MediaUrls") or [])
    if params.get("MessageBody") is None and not urls:
        raise invalid(
            "MISSING_PARAMETER",
            "MessageBody",
            "A media message needs a MessageBody, MediaUrls, or both.",
        )
    for index, url in enumerate(urls):
        check_media_url(url, f"MediaUrls[{index}]")
    body = params.get("MessageBody")
    encoding = message_parts(body)[0] if body is not None else None
    return _send(
        ctx,
        params,
        channel="MMS",
        price=PRICE_PER_MMS,
        max_price=params.get("MaxPrice"),
        max_price_member="MaxPrice",
        fields={
            "media_urls": tuple(urls),
            "encoding": encoding,
        },
    )


@operation("PutMessageFeedback")
def put_message_feedback(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    message_id = params["MessageId"]
    backend = ctx.backend
    found = ctx.state.sent_messages._by_message_id(message_id)
    if found is not None and (found.region, found.account_id) != (
        backend.region,
        backend.account_id,
    ):
        found = None
    if found is None or not found.message_feedback_enabled:
        # A message sent without MessageFeedbackEnabled has no feedback record to update.
        raise not_found("message", message_id)
    status = params["MessageFeedbackStatus"]
    if ctx.now() - found.sent_at > FEEDBACK_WINDOW:
        # "Otherwise, an hour after the message feedback record is set to FAILED": the record is
        # settled; a late call answers what it holds (the mock's choice).
        status = found.message_feedback_status or "FAILED"
    ctx.state.sent_messages._replace(
        found, dataclasses.replace(found, message_feedback_status=status)
    )
    return {"MessageId": message_id, "MessageFeedbackStatus": status}


@operation("CarrierLookup")
def carrier_lookup(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return lookup(params["PhoneNumber"], cleanse=bool(params.get("EnableCleansing")))
