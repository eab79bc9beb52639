"""CreateOptOutList, DescribeOptOutLists, DeleteOptOutList, PutOptedOutNumber,
DescribeOptedOutNumbers, DeleteOptedOutNumber."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._query import BOOLEAN, filtered, paginate, select
from smsvoice_mock.errors import ConflictException, already_exists, check_quota
from smsvoice_mock.models.countries import normalize_e164
from smsvoice_mock.models.opt_out import OptedOutNumber, OptOutList
from smsvoice_mock.models.tags import merge_tags, tags_to_api


@operation("CreateOptOutList")
def create_opt_out_list(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    name = params["OptOutListName"]
    if name in backend.opt_out_lists:
        raise already_exists("opt-out-list", name, f"Opt-out list {name!r} already exists.")
    limit = backend.settings.limits["OPT_OUT_LISTS"]
    check_quota(
        len(backend.opt_out_lists),
        limit,
        "OPT_OUT_LISTS_PER_ACCOUNT",
        f"The account already has {limit} opt-out lists.",
    )
    created = OptOutList(
        name=name,
        arn=backend.arn("opt-out-list", name),
        created_timestamp=ctx.now(),
        tags=merge_tags({}, params.get("Tags")),
    )
    backend.opt_out_lists[name] = created
    return {**created.to_api(), "Tags": tags_to_api(created.tags)}


@operation("DescribeOptOutLists")
def describe_opt_out_lists(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    lists = select(params, "OptOutListNames", backend.opt_out_list, backend.opt_out_lists.values())
    return paginate(ctx.operation, params, lists, "OptOutLists", OptOutList.to_api)


@operation("DeleteOptOutList")
def delete_opt_out_list(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    found = backend.opt_out_list(params["OptOutListName"])
    users = [p.id for p in backend.phone_numbers.values() if p.opt_out_list_name == found.name]
    users += [p.id for p in backend.pools.values() if p.opt_out_list_name == found.name]
    if users:
        raise ConflictException(
            f"Opt-out list {found.name!r} is in use by {', '.join(users)} and can't be deleted.",
            reason="RESOURCE_DELETION_NOT_ALLOWED",
            resource_type="opt-out-list",
            resource_id=found.name,
        )
    del backend.opt_out_lists[found.name]
    return found.to_api()


@operation("PutOptedOutNumber")
def put_opted_out_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.opt_out_list(params["OptOutListName"])
    entry = found.put(normalize_e164(params["OptedOutNumber"]), ctx.now(), end_user=False)
    return {**found.header(), **entry.to_api()}


@operation("DescribeOptedOutNumbers")
def describe_opted_out_numbers(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.opt_out_list(params["OptOutListName"])
    if params.get("OptedOutNumbers"):
        wanted = dict.fromkeys(normalize_e164(n) for n in params["OptedOutNumbers"])
        entries = [found.get(n) for n in wanted]
    else:
        entries = list(found.numbers.values())
    matching = filtered(
        entries,
        params.get("Filters"),
        {"end-user-opted-out": BOOLEAN},
        lambda e: {"end-user-opted-out": e.end_user_opted_out},
    )
    return paginate(
        ctx.operation, params, matching, "OptedOutNumbers", OptedOutNumber.to_api, **found.header()
    )


@operation("DeleteOptedOutNumber")
def delete_opted_out_number(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.opt_out_list(params["OptOutListName"])
    entry = found.delete(normalize_e164(params["OptedOutNumber"]), ctx.now())
    return {**found.header(), **entry.to_api()}
