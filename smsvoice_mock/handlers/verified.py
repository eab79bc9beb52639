"""CreateVerifiedDestinationNumber, DescribeVerifiedDestinationNumbers, DeleteVerifiedDestinationNumber,
SendDestinationNumberVerificationCode, VerifyDestinationNumber."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import filtered, paginate
from smsvoice_mock.backend import Backend, new_id, new_uuid
from smsvoice_mock.errors import already_exists, check_quota
from smsvoice_mock.inbox import SentMessage
from smsvoice_mock.models import sending
from smsvoice_mock.models.countries import country_of, normalize_e164
from smsvoice_mock.models.message import message_parts
from smsvoice_mock.models.tags import merge_tags
from smsvoice_mock.models.verified import CODE_MESSAGES, VerifiedDestinationNumber

RESOURCE = "verified-destination-number"


def _get(backend: Backend, value: str) -> VerifiedDestinationNumber:
    return backend.find(
        backend.verified_destination_numbers, RESOURCE, value, "VerifiedDestinationNumberId"
    )


@operation("CreateVerifiedDestinationNumber")
def create_verified_destination_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    number = normalize_e164(params["DestinationPhoneNumber"])
    # A test device of an RCS agent: the agent must exist.
    agent = backend.rcs_agent(params["RcsAgentId"]) if "RcsAgentId" in params else None
    existing = next(
        (
            v
            for v in backend.verified_destination_numbers.values()
            if v.destination_phone_number == number
        ),
        None,
    )
    if existing is not None:
        raise already_exists(
            RESOURCE, existing.id, f"{number} is already verified destination number {existing.id}."
        )
    limit = backend.settings.limits["VERIFIED_DESTINATION_NUMBERS"]
    check_quota(
        len(backend.verified_destination_numbers),
        limit,
        "VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT",
        f"The account already has {limit} verified destination numbers.",
    )
    vid = new_id("verifieddestinationnumber")
    created = VerifiedDestinationNumber(
        id=vid,
        arn=backend.arn(RESOURCE, vid),
        destination_phone_number=number,
        created_timestamp=ctx.now(),
        rcs_agent_id=agent.id if agent is not None else None,
        tags=merge_tags({}, params.get("Tags")),
    )
    backend.verified_destination_numbers[vid] = created
    return created.to_api()


@operation("DescribeVerifiedDestinationNumbers")
def describe_verified_destination_numbers(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    ids = params.get("VerifiedDestinationNumberIds")
    items = (
        [_get(backend, v) for v in ids]
        if ids
        else list(backend.verified_destination_numbers.values())
    )
    numbers = {normalize_e164(n) for n in params.get("DestinationPhoneNumbers") or ()}
    if numbers:
        items = [v for v in items if v.destination_phone_number in numbers]
    spec = {"status": frozenset(enum_values("VerificationStatus")), "rcs-agent-id": None}
    matching = filtered(items, params.get("Filters"), spec, VerifiedDestinationNumber.filter_values)
    return paginate(
        ctx.operation,
        params,
        matching,
        "VerifiedDestinationNumbers",
        lambda v: {k: w for k, w in v.to_api().items() if k != "Tags"},
    )


@operation("DeleteVerifiedDestinationNumber")
def delete_verified_destination_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = _get(ctx.backend, params["VerifiedDestinationNumberId"])
    found.check_deletable(ctx.now(), ctx.backend.settings.tier)
    del ctx.backend.verified_destination_numbers[found.id]
    return found.to_api()


@operation("SendDestinationNumberVerificationCode")
def send_destination_number_verification_code(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    backend = ctx.backend
    target = _get(backend, params["VerifiedDestinationNumberId"])
    destination = target.destination_phone_number
    config = sending.configuration_set(backend, params.get("ConfigurationSetName"))
    channel = "VOICE" if params["VerificationChannel"] == "VOICE" else "SMS"
    origin = None
    if params.get("OriginationIdentity") is not None:
        origin = sending.resolve_origin(
            backend, params["OriginationIdentity"], channel, destination, config
        )
        sending.check_origin(backend, origin, channel, destination)
    code = target.new_code(ctx.now())
    body = CODE_MESSAGES[params.get("LanguageCode", "EN_US")].format(code=code)
    encoding, parts = message_parts(body)
    message = SentMessage(
        message_id=new_uuid(),
        destination_phone_number=destination,
        origination_identity=origin.display if origin is not None else None,
        origination_identity_arn=origin.arn if origin is not None else None,
        message_body=body,
        message_type="TRANSACTIONAL",
        configuration_set_name=config.name if config is not None else None,
        context=params.get("Context"),
        channel=channel,
        region=backend.region,
        account_id=backend.account_id,
        sent_at=ctx.now(),
        destination_country_parameters=params.get("DestinationCountryParameters"),
        encoding=encoding if channel == "SMS" else None,
        parts=parts if channel == "SMS" else 1,
        source="VERIFICATION_CODE",
        iso_country_code=country_of(destination),
        extra={"verification_code": code, "language_code": params.get("LanguageCode", "EN_US")},
        voice_id="MATTHEW" if channel == "VOICE" else None,
    )
    ctx.state.sent_messages._append(message)
    return {"MessageId": message.message_id}


@operation("VerifyDestinationNumber")
def verify_destination_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = _get(ctx.backend, params["VerifiedDestinationNumberId"])
    found.verify(params["VerificationCode"], ctx.now())
    out = found.to_api()
    del out["Tags"], out["RcsAgentId"]
    return out
