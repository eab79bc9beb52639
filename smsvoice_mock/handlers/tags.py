"""TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock.models.resources import resolve
from smsvoice_mock.models.tags import merge_tags, tags_to_api


@operation("TagResource")
def tag_resource(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    resource = resolve(ctx.backend, params["ResourceArn"])
    resource.tags = merge_tags(resource.tags, params["Tags"])
    return {}


@operation("UntagResource")
def untag_resource(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    resource = resolve(ctx.backend, params["ResourceArn"])
    for key in params["TagKeys"]:
        resource.tags.pop(key, None)
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    resource = resolve(ctx.backend, params["ResourceArn"])
    return {"ResourceArn": resource.arn, "Tags": tags_to_api(resource.tags)}
