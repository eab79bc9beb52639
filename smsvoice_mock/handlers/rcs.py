"""CreateRcsAgent, DescribeRcsAgents, UpdateRcsAgent, DeleteRcsAgent,
DescribeRcsAgentCountryLaunchStatus, SendRcsMessage."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import BOOLEAN, FilterSpec, apply_filters, filtered, paginate, select
from smsvoice_mock.handlers.messaging import _send
from smsvoice_mock.models import sending
from smsvoice_mock.models.countries import normalize_e164
from smsvoice_mock.models.rcs import (
    PRICE_PER_RCS_MESSAGE,
    RcsAgent,
    check_rcs_message,
    check_rcs_origination,
)

# "Valid values are 1 to 172800 (48 hours)"; the default is not documented: the mock uses the most.
DEFAULT_RCS_TTL = 172800


def _agent_filters() -> FilterSpec:
    return {
        "status": frozenset(enum_values("RcsAgentStatus")),
        "two-way-enabled": BOOLEAN,
        "self-managed-opt-outs-enabled": BOOLEAN,
        "opt-out-list-name": None,
        "deletion-protection-enabled": BOOLEAN,
        "two-way-channel-arn": None,
    }


@operation("CreateRcsAgent")
def create_rcs_agent(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return RcsAgent.create(ctx.backend, params).to_api()


@operation("DescribeRcsAgents")
def describe_rcs_agents(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    agents = select(params, "RcsAgentIds", backend.rcs_agent, backend.rcs_agents.values())
    matching = filtered(agents, params.get("Filters"), _agent_filters(), RcsAgent.filter_values)
    return paginate(ctx.operation, params, matching, "RcsAgents", RcsAgent.to_api)


@operation("UpdateRcsAgent")
def update_rcs_agent(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    agent = ctx.backend.rcs_agent(params["RcsAgentId"])
    agent.update(ctx.backend, params)
    return agent.to_api()


@operation("DeleteRcsAgent")
def delete_rcs_agent(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    agent = ctx.backend.rcs_agent(params["RcsAgentId"])
    agent.delete(ctx.backend)
    return agent.to_api()


@operation("DescribeRcsAgentCountryLaunchStatus")
def describe_rcs_agent_country_launch_status(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    agent = ctx.backend.rcs_agent(params["RcsAgentId"])
    launches = list(agent.launches.values())
    if params.get("IsoCountryCodes"):
        wanted = set(params["IsoCountryCodes"])
        launches = [c for c in launches if c.iso_country_code in wanted]
    launches = apply_filters(
        launches,
        params.get("Filters"),
        {"country-launch-status": frozenset(enum_values("CountryLaunchStatus"))},
        lambda c: {"country-launch-status": c.status},
    )
    return paginate(
        ctx.operation,
        params,
        launches,
        "CountryLaunchStatus",
        lambda c: c.to_api(),
        RcsAgentId=agent.id,
        RcsAgentArn=agent.arn,
    )


@operation("SendRcsMessage")
def send_rcs_message(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    check_rcs_origination(params["OriginationIdentity"])
    content = check_rcs_message(params)
    fallback = params.get("FallbackConfiguration") or {}
    if fallback.get("OriginationIdentity") is not None:  # it must exist
        destination = normalize_e164(params["DestinationPhoneNumber"])
        sending.resolve_origin(
            ctx.backend, fallback["OriginationIdentity"], fallback["Channel"], destination
        )
    return _send(
        ctx,
        {
            **params,
            "MessageBody": content.body,
            "TimeToLive": params.get("TimeToLive", DEFAULT_RCS_TTL),
        },
        channel="RCS",
        price=PRICE_PER_RCS_MESSAGE,
        max_price=params.get("MaxPrice"),
        max_price_member="MaxPrice",
        fields={
            "media_urls": content.media_urls,
            "extra": content.extra,
        },
    )
