"""DescribeAccountAttributes, DescribeAccountLimits, DescribeSpendLimits."""

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
        "REGISTRATIONS": 0,
        "REGISTRATION_ATTACHMENTS": 0,
        "VERIFIED_DESTINATION_NUMBERS": len(backend.verified_destination_numbers),
    }


@operation("DescribeAccountAttributes")
def describe_account_attributes(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return paginate(ctx.operation, params, ctx.backend.settings.attributes(), "AccountAttributes", dict)


@operation("DescribeAccountLimits")
def describe_account_limits(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    used = _used(ctx.backend)
    rows = [{"Name": name, "Used": used[name], "Max": top} for name, top in ctx.backend.settings.limits.items()]
    return paginate(ctx.operation, params, rows, "AccountLimits", dict)


@operation("DescribeSpendLimits")
def describe_spend_limits(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return paginate(ctx.operation, params, ctx.backend.settings.spend_limits(), "SpendLimits", dict)
