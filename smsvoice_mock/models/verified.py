"""Verified destination numbers (sandbox); rules are added with their operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smsvoice_mock.models.tags import tags_to_api


@dataclass(slots=True, kw_only=True)
class VerifiedDestinationNumber:
    id: str
    arn: str
    destination_phone_number: str
    created_timestamp: datetime
    status: str = "PENDING"
    rcs_agent_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        return {
            "VerifiedDestinationNumberArn": self.arn,
            "VerifiedDestinationNumberId": self.id,
            "DestinationPhoneNumber": self.destination_phone_number,
            "Status": self.status,
            "RcsAgentId": self.rcs_agent_id,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }
