"""SendTextMessage (and, with it, the record of what the end user receives)."""

from __future__ import annotations

import uuid
from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock.inbox import SentMessage
from smsvoice_mock.models import sending
from smsvoice_mock.models.countries import country_of, normalize_e164
from smsvoice_mock.models.message import message_parts, text_price

DEFAULT_TTL = 72 * 3600  # "By default this is 72 hours."


@operation("SendTextMessage")
def send_text_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    destination = normalize_e164(params["DestinationPhoneNumber"])
    config = sending.configuration_set(backend, params.get("ConfigurationSetName"))
    origin = sending.resolve_origin(backend, params.get("OriginationIdentity"), "SMS", destination)
    sending.check_origin(origin, "SMS", destination)
    sending.check_opt_out(backend, origin, destination)
    sending.check_sandbox(backend, destination)
    body = params.get("MessageBody", "")
    encoding, parts = message_parts(body)
    price = text_price(parts)
    sending.check_price(backend, "SMS", price, params.get("MaxPrice"), "MaxPrice")
    message_id = str(uuid.uuid4())
    if params.get("DryRun"):
        return {"MessageId": message_id}
    sending.charge(backend, "SMS", price)
    feedback = params.get("MessageFeedbackEnabled")
    if feedback is None and config is not None:
        feedback = config.default_message_feedback_enabled
    ctx.state.sent_messages._append(
        SentMessage(
            message_id=message_id,
            destination_phone_number=destination,
            origination_identity=origin.display,
            origination_identity_arn=origin.arn,
            message_body=params.get("MessageBody"),
            message_type=sending.message_type(params, config, origin),
            configuration_set_name=config.name if config is not None else None,
            context=params.get("Context"),
            channel="SMS",
            region=backend.region,
            account_id=backend.account_id,
            sent_at=ctx.now(),
            keyword=params.get("Keyword"),
            time_to_live=params.get("TimeToLive", DEFAULT_TTL),
            max_price=params.get("MaxPrice"),
            destination_country_parameters=params.get("DestinationCountryParameters"),
            message_feedback_enabled=bool(feedback),
            protect_configuration_id=params.get("ProtectConfigurationId"),
            encoding=encoding,
            parts=parts,
            price=str(price),
            iso_country_code=country_of(destination),
        )
    )
    return {"MessageId": message_id}
