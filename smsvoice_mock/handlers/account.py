"""DescribeAccountAttributes, DescribeAccountLimits, DescribeSpendLimits, and the Set/Delete
spend limit overrides for text, voice, media, notify and RCS messages."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._query import paginate
from smsvoice_mock.backend import Backend


def _used(backend: Backend) -> dict[str, int]:
    return {
        "PHONE_NUMBERS": len(backend.phone_numbers),
        "POOLS": len(backend.pools),
        "CONFIGURATION_SETS": len(backend.configuration_sets),
        "OPT_OUT_LISTS": len(backend.opt_out_lists),
        "SENDER_IDS": len(backend.sender_ids),
        "REGISTRATIONS": len(backend.registrations),
        "REGISTRATION_ATTACHMENTS": len(backend.registration_attachments),
        "VERIFIED_DESTINATION_NUMBERS": len(backend.verified_destination_numbers),
    }


@operation("DescribeAccountAttributes")
def describe_account_attributes(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return paginate(
        ctx.operation, params, ctx.backend.settings.attributes(), "AccountAttributes", dict
    )


@operation("DescribeAccountLimits")
def describe_account_limits(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    used = _used(ctx.backend)
    rows = [
        {"Name": name, "Used": used[name], "Max": top}
        for name, top in ctx.backend.settings.limits.items()
    ]
    return paginate(ctx.operation, params, rows, "AccountLimits", dict)


@operation("DescribeSpendLimits")
def describe_spend_limits(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return paginate(ctx.operation, params, ctx.backend.settings.spend_limits(), "SpendLimits", dict)


def _set_override(ctx: Context, params: dict[str, Any], name: str) -> dict[str, Any]:
    return {"MonthlyLimit": ctx.backend.settings.override_spend_limit(name, params["MonthlyLimit"])}


def _delete_override(ctx: Context, name: str) -> dict[str, Any]:
    return {"MonthlyLimit": ctx.backend.settings.delete_spend_override(name)}


@operation("SetTextMessageSpendLimitOverride")
def set_text_message_spend_limit_override(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return _set_override(ctx, params, "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("DeleteTextMessageSpendLimitOverride")
def delete_text_message_spend_limit_override(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    return _delete_override(ctx, "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("SetVoiceMessageSpendLimitOverride")
def set_voice_message_spend_limit_override(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return _set_override(ctx, params, "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("DeleteVoiceMessageSpendLimitOverride")
def delete_voice_message_spend_limit_override(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    return _delete_override(ctx, "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("SetMediaMessageSpendLimitOverride")
def set_media_message_spend_limit_override(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return _set_override(ctx, params, "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("DeleteMediaMessageSpendLimitOverride")
def delete_media_message_spend_limit_override(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    return _delete_override(ctx, "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("SetNotifyMessageSpendLimitOverride")
def set_notify_message_spend_limit_override(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return _set_override(ctx, params, "NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("DeleteNotifyMessageSpendLimitOverride")
def delete_notify_message_spend_limit_override(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    return _delete_override(ctx, "NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("SetRcsMessageSpendLimitOverride")
def set_rcs_message_spend_limit_override(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return _set_override(ctx, params, "RCS_MESSAGE_MONTHLY_SPEND_LIMIT")


@operation("DeleteRcsMessageSpendLimitOverride")
def delete_rcs_message_spend_limit_override(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return _delete_override(ctx, "RCS_MESSAGE_MONTHLY_SPEND_LIMIT")
