"""PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock.models.resources import (
    SHAREABLE_TYPES,
    ResourcePolicy,
    attached_policy,
    check_policy_document,
    resolve,
)


@operation("PutResourcePolicy")
def put_resource_policy(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    resource = resolve(ctx.backend, params["ResourceArn"], SHAREABLE_TYPES)
    check_policy_document(params["Policy"])
    policy = ResourcePolicy(resource=resource, policy=params["Policy"], created_timestamp=ctx.now())
    ctx.backend.resource_policies[resource.arn] = policy
    return policy.to_api()


@operation("GetResourcePolicy")
def get_resource_policy(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    resource = resolve(ctx.backend, params["ResourceArn"], SHAREABLE_TYPES)
    return attached_policy(ctx.backend, resource)


@operation("DeleteResourcePolicy")
def delete_resource_policy(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    resource = resolve(ctx.backend, params["ResourceArn"], SHAREABLE_TYPES)
    policy = attached_policy(ctx.backend, resource)
    ctx.backend.resource_policies.pop(resource.arn, None)
    return policy
