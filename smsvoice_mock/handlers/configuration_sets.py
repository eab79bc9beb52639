"""CreateConfigurationSet, DescribeConfigurationSets, DeleteConfigurationSet,
CreateEventDestination, UpdateEventDestination, DeleteEventDestination, SetDefaultMessageType,
DeleteDefaultMessageType, SetDefaultSenderId, DeleteDefaultSenderId,
SetDefaultMessageFeedbackEnabled."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import BOOLEAN, FilterSpec, filtered, paginate
from smsvoice_mock.errors import already_exists, check_quota
from smsvoice_mock.models.configuration_set import ConfigurationSet, EventDestination
from smsvoice_mock.models.tags import merge_tags


def _filters() -> FilterSpec:
    return {
        "event-destination-name": None,
        "matching-event-types": frozenset(enum_values("EventType")),
        "default-message-type": frozenset(enum_values("MessageType")),
        "default-sender-id": None,
        "default-message-feedback-enabled": BOOLEAN,
        "protect-configuration-id": None,
    }


def _config(ctx: Context, value: str) -> ConfigurationSet:
    return ctx.backend.configuration_set(value)


@operation("CreateConfigurationSet")
def create_configuration_set(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    name = params["ConfigurationSetName"]
    if name in backend.configuration_sets:
        raise already_exists(
            "configuration-set", name, f"Configuration set {name!r} already exists."
        )
    limit = backend.settings.limits["CONFIGURATION_SETS"]
    check_quota(
        len(backend.configuration_sets),
        limit,
        "CONFIGURATION_SETS_PER_ACCOUNT",
        f"The account already has {limit} configuration sets.",
    )
    created = ConfigurationSet(
        name=name,
        arn=backend.arn("configuration-set", name),
        created_timestamp=ctx.now(),
        tags=merge_tags({}, params.get("Tags")),
    )
    backend.configuration_sets[name] = created
    return created.to_api()


@operation("DescribeConfigurationSets")
def describe_configuration_sets(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("ConfigurationSetNames"):
        named = (_config(ctx, value) for value in params["ConfigurationSetNames"])
        sets = list({c.name: c for c in named}.values())
    else:
        sets = list(ctx.backend.configuration_sets.values())
    matching = filtered(sets, params.get("Filters"), _filters(), ConfigurationSet.filter_values)
    return paginate(ctx.operation, params, matching, "ConfigurationSets", ConfigurationSet.to_api)


@operation("DeleteConfigurationSet")
def delete_configuration_set(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = _config(ctx, params["ConfigurationSetName"])
    del ctx.backend.configuration_sets[found.name]
    return found.to_api()


@operation("CreateEventDestination")
def create_event_destination(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    created = config.add_event_destination(EventDestination.from_request(params))
    return {**config.header(), "EventDestination": created.to_api()}


@operation("UpdateEventDestination")
def update_event_destination(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    destination = config.event_destination(params["EventDestinationName"])
    destination.update(params)
    return {**config.header(), "EventDestination": destination.to_api()}


@operation("DeleteEventDestination")
def delete_event_destination(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    removed = config.remove_event_destination(params["EventDestinationName"])
    return {**config.header(), "EventDestination": removed.to_api()}


@operation("SetDefaultMessageType")
def set_default_message_type(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    config.default_message_type = params["MessageType"]
    return {**config.header(), "MessageType": config.default_message_type}


@operation("DeleteDefaultMessageType")
def delete_default_message_type(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    cleared, config.default_message_type = config.default_message_type, None
    return {**config.header(), "MessageType": cleared}


@operation("SetDefaultSenderId")
def set_default_sender_id(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    config.default_sender_id = params["SenderId"]
    return {**config.header(), "SenderId": config.default_sender_id}


@operation("DeleteDefaultSenderId")
def delete_default_sender_id(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    cleared, config.default_sender_id = config.default_sender_id, None
    return {**config.header(), "SenderId": cleared}


@operation("SetDefaultMessageFeedbackEnabled")
def set_default_message_feedback_enabled(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    config = _config(ctx, params["ConfigurationSetName"])
    config.default_message_feedback_enabled = params["MessageFeedbackEnabled"]
    return {**config.header(), "MessageFeedbackEnabled": config.default_message_feedback_enabled}
