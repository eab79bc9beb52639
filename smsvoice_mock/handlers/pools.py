"""CreatePool, DescribePools, UpdatePool, DeletePool, AssociateOriginationIdentity,
DisassociateOriginationIdentity, ListPoolOriginationIdentities."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import BOOLEAN, FilterSpec, apply_filters, filtered, paginate, select
from smsvoice_mock.models.pool import NAME, Pool, origination_identity_row, resolve_identity


def _pool_filters() -> FilterSpec:
    return {
        "status": frozenset(enum_values("PoolStatus")),
        "message-type": frozenset(enum_values("MessageType")),
        "two-way-enabled": BOOLEAN,
        "self-managed-opt-outs-enabled": BOOLEAN,
        "opt-out-list-name": None,
        "shared-routes-enabled": BOOLEAN,
        "deletion-protection-enabled": BOOLEAN,
        "two-way-channel-arn": None,
    }


@operation("CreatePool")
def create_pool(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    identity = resolve_identity(ctx.backend, params[NAME], params.get("IsoCountryCode"))
    pool = Pool.create(ctx.backend, identity, params)
    response = pool.to_api()
    if ctx.backend.auto_activate:
        pool.status = "ACTIVE"
    return response


@operation("DescribePools")
def describe_pools(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    pools = select(params, "PoolIds", backend.pool, backend.pools.values())
    matching = filtered(pools, params.get("Filters"), _pool_filters(), Pool.filter_values)
    return paginate(ctx.operation, params, matching, "Pools", Pool.to_api)


@operation("UpdatePool")
def update_pool(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    pool = ctx.backend.pool(params["PoolId"])
    pool.update(ctx.backend, params)
    return pool.to_api()


@operation("DeletePool")
def delete_pool(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    pool = ctx.backend.pool(params["PoolId"])
    pool.delete(ctx.backend)
    return pool.to_api()


@operation("AssociateOriginationIdentity")
def associate_origination_identity(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    pool = ctx.backend.pool(params["PoolId"])
    identity = resolve_identity(
        ctx.backend, params[NAME], params.get("IsoCountryCode"), country_required=True
    )
    pool.join(identity)
    return pool.echo(identity)


@operation("DisassociateOriginationIdentity")
def disassociate_origination_identity(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    pool = ctx.backend.pool(params["PoolId"])
    identity = resolve_identity(
        ctx.backend, params[NAME], params.get("IsoCountryCode"), country_required=True
    )
    pool.leave(identity)
    return pool.echo(identity)


@operation("ListPoolOriginationIdentities")
def list_pool_origination_identities(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    pool = ctx.backend.pool(params["PoolId"])
    rows = [origination_identity_row(i) for i in pool.identities(ctx.backend)]
    rows = apply_filters(
        rows,
        params.get("Filters"),
        {"iso-country-code": None, "number-capability": frozenset(enum_values("NumberCapability"))},
        lambda row: {
            "iso-country-code": row["IsoCountryCode"],
            "number-capability": row["NumberCapabilities"],
        },
    )
    return paginate(
        ctx.operation, params, rows, "OriginationIdentities", dict, PoolArn=pool.arn, PoolId=pool.id
    )
