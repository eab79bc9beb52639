"""RequestPhoneNumber, DescribePhoneNumbers, UpdatePhoneNumber, ReleasePhoneNumber,
ListAvailablePhoneNumbers."""

from __future__ import annotations

import functools
import random
from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import BOOLEAN, FilterSpec, filtered, paginate, select
from smsvoice_mock.backend import Backend, TapedRandom, new_id
from smsvoice_mock.errors import check_quota, invalid
from smsvoice_mock.models.countries import COUNTRIES
from smsvoice_mock.models.opt_out import OptOutList
from smsvoice_mock.models.phone_number import (
    LEASING_PRICES,
    PhoneNumber,
    check_requestable,
    generate_number,
)
from smsvoice_mock.models.pool import join_pool
from smsvoice_mock.models.tags import merge_tags

_rng = TapedRandom()


@functools.cache
def _filters() -> FilterSpec:
    return {
        "status": frozenset(enum_values("NumberStatus")),
        "iso-country-code": None,
        "message-type": frozenset(enum_values("MessageType")),
        "number-capability": frozenset(enum_values("NumberCapability")),
        "number-type": frozenset(enum_values("NumberType")),
        "two-way-enabled": BOOLEAN,
        "self-managed-opt-outs-enabled": BOOLEAN,
        "opt-out-list-name": None,
        "deletion-protection-enabled": BOOLEAN,
        "two-way-channel-arn": None,
    }


def _opt_out_list_or_default(backend: Backend, value: str | None) -> OptOutList:
    if value is not None:
        return backend.opt_out_list(value)
    default = backend.opt_out_lists.get("Default")
    if default is None:  # deleted by the user: the service provides it again
        default = OptOutList(
            name="Default",
            arn=backend.arn("opt-out-list", "Default"),
            created_timestamp=backend.now(),
        )
        backend.opt_out_lists["Default"] = default
    return default


def _unused_number(backend: Backend, iso: str, number_type: str, preference: Any) -> str:
    taken = {p.phone_number for p in backend.phone_numbers.values()}
    for _ in range(100):
        number = generate_number(iso, number_type, _rng, preference)
        if number is not None and number not in taken:
            return number
    raise invalid(
        "INVALID_PARAMETER", "NumberPreference", "No available phone number matches the request."
    )


@operation("RequestPhoneNumber")
def request_phone_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    iso, number_type = params["IsoCountryCode"], params["NumberType"]
    preference = params.get("NumberPreference")
    check_requestable(iso, number_type, params["MessageType"], preference)
    opt_out_list = _opt_out_list_or_default(backend, params.get("OptOutListName"))
    pool = backend.pool(params["PoolId"]) if "PoolId" in params else None
    registration_id = (
        backend.registration(params["RegistrationId"]) if "RegistrationId" in params else None
    )
    limit = backend.settings.limits["PHONE_NUMBERS"]
    check_quota(
        len(backend.phone_numbers),
        limit,
        "PHONE_NUMBERS_PER_ACCOUNT",
        f"The account already has {limit} phone numbers.",
    )
    number_id = new_id("phone")
    number = PhoneNumber(
        id=number_id,
        arn=backend.arn("phone-number", number_id),
        phone_number=_unused_number(backend, iso, number_type, preference),
        iso_country_code=iso,
        message_type=params["MessageType"],
        number_capabilities=list(dict.fromkeys(params["NumberCapabilities"])),
        number_type=number_type,
        monthly_leasing_price=LEASING_PRICES[number_type],
        opt_out_list_name=opt_out_list.name,
        international_sending_enabled=params.get("InternationalSendingEnabled", False),
        deletion_protection_enabled=params.get("DeletionProtectionEnabled", False),
        registration_id=registration_id,
        created_timestamp=ctx.now(),
        tags=merge_tags({}, params.get("Tags")),
    )
    if pool is not None:
        join_pool(backend, pool, number)
    backend.phone_numbers[number_id] = number
    response = number.to_api()
    if backend.auto_activate:
        number.status = "ACTIVE"
    return response


@operation("DescribePhoneNumbers")
def describe_phone_numbers(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    numbers = select(params, "PhoneNumberIds", backend.phone_number, backend.phone_numbers.values())
    matching = filtered(numbers, params.get("Filters"), _filters(), PhoneNumber.filter_values)
    return paginate(ctx.operation, params, matching, "PhoneNumbers", PhoneNumber.to_api)


@operation("UpdatePhoneNumber")
def update_phone_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    number = backend.phone_number(params["PhoneNumberId"])
    number.refuse_if_pooled("updated")
    opt_out_list = (
        backend.opt_out_list(params["OptOutListName"]) if "OptOutListName" in params else None
    )
    channel = params.get("TwoWayChannelArn", number.two_way_channel_arn)
    if params.get("TwoWayEnabled") and not channel:
        raise invalid(
            "TWO_WAY_CHANNEL_NOT_PRESENT",
            "TwoWayChannelArn",
            "Two-way messaging needs a TwoWayChannelArn to deliver inbound messages to.",
        )
    if opt_out_list is not None:
        number.opt_out_list_name = opt_out_list.name
    for member, attribute in (
        ("TwoWayEnabled", "two_way_enabled"),
        ("TwoWayChannelArn", "two_way_channel_arn"),
        ("TwoWayChannelRole", "two_way_channel_role"),
        ("SelfManagedOptOutsEnabled", "self_managed_opt_outs_enabled"),
        ("InternationalSendingEnabled", "international_sending_enabled"),
        ("DeletionProtectionEnabled", "deletion_protection_enabled"),
    ):
        if member in params:
            setattr(number, attribute, params[member])
    return number.to_api()


@operation("ReleasePhoneNumber")
def release_phone_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    number = backend.phone_number(params["PhoneNumberId"])
    number.check_releasable()
    del backend.phone_numbers[number.id]
    number.status = "DELETED"
    return number.to_api()


@operation("ListAvailablePhoneNumbers")
def list_available_phone_numbers(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """ "This operation currently supports only TEN_DLC number types in the US." Other countries, and
    searches nothing matches, answer an empty list rather than an error."""
    backend = ctx.backend
    if "RegistrationId" in params:
        backend.registration(params["RegistrationId"])
    iso = params["IsoCountryCode"]
    numbers: list[str] = []
    if iso == "US" and iso in COUNTRIES:
        taken = {p.phone_number for p in backend.phone_numbers.values()}
        rng = random.Random(
            repr(sorted(params.get("NumberCapabilities", [])))
            + repr(params.get("NumberPreference"))
        )
        candidates = [
            generate_number(iso, "TEN_DLC", rng, params.get("NumberPreference")) for _ in range(20)
        ]
        numbers = [n for n in dict.fromkeys(candidates) if n is not None and n not in taken]
    return paginate(ctx.operation, params, numbers, "AvailablePhoneNumbers", str)
