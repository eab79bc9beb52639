"""PutKeyword, DescribeKeywords, DeleteKeyword on a phone number or pool."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import apply_filters, paginate
from smsvoice_mock.backend import Backend, parse_arn
from smsvoice_mock.errors import ConflictException, invalid
from smsvoice_mock.models.keyword import Keyword, KeywordSet
from smsvoice_mock.models.phone_number import PhoneNumber

NAME = "OriginationIdentity"


def keyword_owner(backend: Backend, value: str, *, editing: bool) -> tuple[str, str, KeywordSet]:
    """(ARN, id, keywords) of the phone number, pool or RCS agent ``value`` names (id or ARN).

    A phone number in a pool uses the pool's keywords: editing its own is refused like any other
    update of a pooled number.
    """
    kind = parse_arn(value, NAME).resource_type if value.startswith("arn:") else None
    if kind == "pool" or (kind is None and value.startswith("pool-")):
        pool = backend.pool(value, NAME)
        return pool.arn, pool.id, pool.keywords
    if kind == "rcs-agent" or (kind is None and value.startswith("rcs-")):
        # The user guide's RCS pages: an AWS RCS Agent has keywords like a phone number.
        agent = backend.rcs_agent(value, NAME)
        if editing and agent.pool_id is not None:
            raise ConflictException(
                f"RCS agent {agent.id} is associated with pool {agent.pool_id}; edit the pool's "
                "keywords instead.",
                reason="RCS_AGENT_ASSOCIATED_TO_POOL",
                resource_type="rcs-agent",
                resource_id=agent.id,
            )
        return agent.arn, agent.id, agent.keywords
    if kind not in (None, "phone-number"):
        raise invalid(
            "INVALID_ARN", NAME, f"Keywords belong to phone numbers and pools, not to a {kind}."
        )
    number: PhoneNumber = backend.phone_number(value, NAME)
    if editing:
        number.refuse_if_pooled("given keywords of its own")
    return number.arn, number.id, number.keywords


def _echo(arn: str, owner_id: str, keyword: Keyword) -> dict[str, Any]:
    return {"OriginationIdentityArn": arn, "OriginationIdentity": owner_id, **keyword.to_api()}


@operation("PutKeyword")
def put_keyword(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    arn, owner_id, keywords = keyword_owner(ctx.backend, params[NAME], editing=True)
    keyword = keywords.put(params["Keyword"], params["KeywordMessage"], params.get("KeywordAction"))
    return _echo(arn, owner_id, keyword)


@operation("DeleteKeyword")
def delete_keyword(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    arn, owner_id, keywords = keyword_owner(ctx.backend, params[NAME], editing=True)
    return _echo(arn, owner_id, keywords.delete(params["Keyword"]))


@operation("DescribeKeywords")
def describe_keywords(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    arn, owner_id, keywords = keyword_owner(ctx.backend, params[NAME], editing=False)
    if params.get("Keywords"):
        found = list({id(k): k for k in map(keywords.get, params["Keywords"])}.values())
    else:
        found = list(keywords.items.values())
    found = apply_filters(
        found,
        params.get("Filters"),
        {"keyword-action": frozenset(enum_values("KeywordAction"))},
        lambda k: {"keyword-action": k.action},
    )
    return paginate(
        ctx.operation,
        params,
        found,
        "Keywords",
        Keyword.to_api,
        OriginationIdentityArn=arn,
        OriginationIdentity=owner_id,
    )
