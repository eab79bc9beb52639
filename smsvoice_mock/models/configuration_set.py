"""Configuration sets and their event destinations; rules are added with their operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smsvoice_mock.models.tags import tags_to_api


@dataclass(slots=True, kw_only=True)
class EventDestination:
    name: str
    enabled: bool
    matching_event_types: list[str]
    cloud_watch_logs_destination: dict[str, str] | None = None
    kinesis_firehose_destination: dict[str, str] | None = None
    sns_destination: dict[str, str] | None = None

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

    def to_api(self) -> dict[str, Any]:
        return {
            "ConfigurationSetArn": self.arn,
            "ConfigurationSetName": self.name,
            "EventDestinations": [d.to_api() for d in self.event_destinations.values()],
            "DefaultMessageType": self.default_message_type,
            "DefaultSenderId": self.default_sender_id,
            "DefaultMessageFeedbackEnabled": self.default_message_feedback_enabled,
            "ProtectConfigurationId": self.protect_configuration_id,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }
