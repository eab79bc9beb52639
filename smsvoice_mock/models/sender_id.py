"""Sender IDs (alphanumeric origination identities); rules are added with the sender ID operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smsvoice_mock.models.tags import tags_to_api


@dataclass(slots=True, kw_only=True)
class SenderId:
    sender_id: str
    iso_country_code: str
    arn: str
    message_types: list[str] = field(default_factory=lambda: ["TRANSACTIONAL", "PROMOTIONAL"])
    monthly_leasing_price: str = "0.00"
    deletion_protection_enabled: bool = False
    registered: bool = False
    registration_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        return {
            "SenderIdArn": self.arn,
            "SenderId": self.sender_id,
            "IsoCountryCode": self.iso_country_code,
            "MessageTypes": list(self.message_types),
            "MonthlyLeasingPrice": self.monthly_leasing_price,
            "DeletionProtectionEnabled": self.deletion_protection_enabled,
            "Registered": self.registered,
            "RegistrationId": self.registration_id,
            "Tags": tags_to_api(self.tags),
        }
