"""Configuration sets and their event destinations.

Documented rules enforced here:
- "You must provide a value for a single event destination using either
  CloudWatchLogsDestination, KinesisFirehoseDestination or SnsDestination. If an event destination
  isn't provided then an exception is returned." (None given: MISSING_PARAMETER; more than one:
  PARAMETERS_CANNOT_BE_USED_TOGETHER.)
- "Each configuration set can contain between 0 and 5 event destinations."
- "The TEXT_SENT event type is not supported." (FIELD_VALIDATION_FAILED on MatchingEventTypes.)
- "You can't change an event destination's type between CloudWatch Logs, Firehose, and Amazon SNS."
  (ConflictException EVENT_DESTINATION_MISMATCH.)
- Configuration set and event destination names are case-sensitive and unique in their parent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smsvoice_mock.errors import (
    ConflictException,
    ValidationException,
    already_exists,
    check_quota,
    invalid,
    not_found,
)
from smsvoice_mock.models.account import EVENT_DESTINATIONS_PER_CONFIGURATION_SET
from smsvoice_mock.models.tags import tags_to_api

# The request/response member of each destination kind, and the field that holds it.
DESTINATION_MEMBERS = {
    "CloudWatchLogsDestination": "cloud_watch_logs_destination",
    "KinesisFirehoseDestination": "kinesis_firehose_destination",
    "SnsDestination": "sns_destination",
}
UNSUPPORTED_EVENT_TYPES = frozenset({"TEXT_SENT"})


def _destination(params: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    """The one destination member a Create/UpdateEventDestination request gives, if any."""
    given = [member for member in DESTINATION_MEMBERS if params.get(member) is not None]
    if len(given) > 1:
        message = f"Only one event destination can be given; got {', '.join(given)}."
        raise ValidationException(
            message,
            reason="PARAMETERS_CANNOT_BE_USED_TOGETHER",
            fields=[{"Name": member, "Message": message} for member in given],
        )
    return (given[0], dict(params[given[0]])) if given else None


def _event_types(values: list[str]) -> list[str]:
    unsupported = sorted(UNSUPPORTED_EVENT_TYPES.intersection(values))
    if unsupported:
        raise invalid(
            "FIELD_VALIDATION_FAILED",
            "MatchingEventTypes",
            f"The {', '.join(unsupported)} event type is not supported.",
        )
    return list(dict.fromkeys(values))


@dataclass(slots=True, kw_only=True)
class EventDestination:
    name: str
    enabled: bool
    matching_event_types: list[str]
    cloud_watch_logs_destination: dict[str, str] | None = None
    kinesis_firehose_destination: dict[str, str] | None = None
    sns_destination: dict[str, str] | None = None

    @classmethod
    def from_request(cls, params: dict[str, Any]) -> EventDestination:
        """A new, enabled destination from a CreateEventDestination request."""
        types = _event_types(params["MatchingEventTypes"])
        destination = _destination(params)
        if destination is None:
            message = (
                f"An event destination is required: give one of {', '.join(DESTINATION_MEMBERS)}."
            )
            raise ValidationException(
                message,
                reason="MISSING_PARAMETER",
                fields=[{"Name": member, "Message": message} for member in DESTINATION_MEMBERS],
            )
        created = cls(name=params["EventDestinationName"], enabled=True, matching_event_types=types)
        setattr(created, DESTINATION_MEMBERS[destination[0]], destination[1])
        return created

    @property
    def kind(self) -> str:
        """The request member naming this destination's type, e.g. ``SnsDestination``."""
        return next(m for m, attr in DESTINATION_MEMBERS.items() if getattr(self, attr) is not None)

    def update(self, params: dict[str, Any]) -> None:
        """Apply an UpdateEventDestination request: only the members it gives change."""
        types = params.get("MatchingEventTypes")
        checked_types = _event_types(types) if types is not None else None
        destination = _destination(params)
        if destination is not None and destination[0] != self.kind:
            raise ConflictException(
                f"Event destination {self.name!r} is a {self.kind}; its type can't change to "
                f"{destination[0]}.",
                reason="EVENT_DESTINATION_MISMATCH",
                resource_type="event-destination",
                resource_id=self.name,
            )
        if params.get("Enabled") is not None:
            self.enabled = params["Enabled"]
        if checked_types is not None:
            self.matching_event_types = checked_types
        if destination is not None:
            setattr(self, DESTINATION_MEMBERS[destination[0]], destination[1])

    def to_api(self) -> dict[str, Any]:
        return {
            "EventDestinationName": self.name,
            "Enabled": self.enabled,
            "MatchingEventTypes": list(self.matching_event_types),
            "CloudWatchLogsDestination": self.cloud_watch_logs_destination,
            "KinesisFirehoseDestination": self.kinesis_firehose_destination,
            "SnsDestination": self.sns_destination,
        }


@dataclass(slots=True, kw_only=True)
class ConfigurationSet:
    name: str
    arn: str
    created_timestamp: datetime
    event_destinations: dict[str, EventDestination] = field(default_factory=dict)
    default_message_type: str | None = None
    default_sender_id: str | None = None
    default_message_feedback_enabled: bool | None = None
    protect_configuration_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def header(self) -> dict[str, Any]:
        return {"ConfigurationSetArn": self.arn, "ConfigurationSetName": self.name}

    def to_api(self) -> dict[str, Any]:
        return {
            **self.header(),
            "EventDestinations": [d.to_api() for d in self.event_destinations.values()],
            "DefaultMessageType": self.default_message_type,
            "DefaultSenderId": self.default_sender_id,
            "DefaultMessageFeedbackEnabled": self.default_message_feedback_enabled,
            "ProtectConfigurationId": self.protect_configuration_id,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """The values DescribeConfigurationSets filters compare against."""
        destinations = self.event_destinations.values()
        return {
            "event-destination-name": [d.name for d in destinations],
            "matching-event-types": [t for d in destinations for t in d.matching_event_types],
            "default-message-type": self.default_message_type,
            "default-sender-id": self.default_sender_id,
            "default-message-feedback-enabled": bool(self.default_message_feedback_enabled),
            "protect-configuration-id": self.protect_configuration_id,
        }

    def event_destination(self, name: str) -> EventDestination:
        found = self.event_destinations.get(name)
        if found is None:
            raise not_found("event-destination", name)
        return found

    def add_event_destination(self, destination: EventDestination) -> EventDestination:
        if destination.name in self.event_destinations:
            raise already_exists(
                "event-destination",
                destination.name,
                f"Configuration set {self.name!r} already has an event destination named "
                f"{destination.name!r}.",
            )
        check_quota(
            len(self.event_destinations),
            EVENT_DESTINATIONS_PER_CONFIGURATION_SET,
            "EVENT_DESTINATIONS_PER_CONFIGURATION_SET",
            f"Configuration set {self.name!r} already has "
            f"{EVENT_DESTINATIONS_PER_CONFIGURATION_SET} event destinations.",
        )
        self.event_destinations[destination.name] = destination
        return destination

    def remove_event_destination(self, name: str) -> EventDestination:
        return self.event_destinations.pop(self.event_destination(name).name)
