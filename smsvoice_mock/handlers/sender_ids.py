"""RequestSenderId, DescribeSenderIds, UpdateSenderId, ReleaseSenderId."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import BOOLEAN, FilterSpec, filtered, paginate, select
from smsvoice_mock.models.sender_id import SenderId, find_sender_id


def _filters() -> FilterSpec:
    return {
        "sender-id": None,
        "iso-country-code": None,
        "message-type": frozenset(enum_values("MessageType")),
        "deletion-protection-enabled": BOOLEAN,
        "registered": BOOLEAN,
    }


@operation("RequestSenderId")
def request_sender_id(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return SenderId.request(ctx.backend, params).to_api()


@operation("DescribeSenderIds")
def describe_sender_ids(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    senders = select(
        params,
        "SenderIds",
        lambda s: find_sender_id(backend, s["SenderId"], s["IsoCountryCode"]),
        backend.sender_ids.values(),
    )
    matching = filtered(senders, params.get("Filters"), _filters(), SenderId.filter_values)
    return paginate(ctx.operation, params, matching, "SenderIds", SenderId.to_api)


@operation("UpdateSenderId")
def update_sender_id(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    sender = find_sender_id(ctx.backend, params["SenderId"], params["IsoCountryCode"])
    if "DeletionProtectionEnabled" in params:
        sender.deletion_protection_enabled = params["DeletionProtectionEnabled"]
    return sender.to_api()


@operation("ReleaseSenderId")
def release_sender_id(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    sender = find_sender_id(ctx.backend, params["SenderId"], params["IsoCountryCode"])
    sender.release(ctx.backend)
    return sender.to_api()
