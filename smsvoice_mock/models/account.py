"""Account-level settings: the tier, spend limits and their overrides, resource quotas.

- "The requested spend limit must be less than or equal to the MaxLimit, which is set by Amazon Web
  Services." (ValidationException REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT.)
- "Deleting a spend limit override sets the EnforcedLimit equal to the MaxLimit."
"""

from __future__ import annotations

from dataclasses import dataclass, field

from smsvoice_mock.errors import invalid

SANDBOX = "SANDBOX"
PRODUCTION = "PRODUCTION"

SPEND_LIMIT_NAMES = (
    "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT",
    "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT",
    "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT",
    "NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT",
    "RCS_MESSAGE_MONTHLY_SPEND_LIMIT",
)

# The monthly spend quota AWS controls (MaxLimit), in whole US dollars. New (sandbox) accounts get
# $1.00 (user guide); the production figure is the mock's choice, see docs/behaviour.md.
MAX_SPEND = {SANDBOX: 1, PRODUCTION: 1000}

# Resource quotas: DescribeAccountLimits rows (AccountLimitName -> Max) and the per-parent quotas.
# The docs give 10 verified destination numbers, 5 event destinations per configuration set and
# 50 tags per resource; the other figures are the mock's documented choice.
ACCOUNT_LIMITS = {
    "PHONE_NUMBERS": 100,
    "POOLS": 25,
    "CONFIGURATION_SETS": 25,
    "OPT_OUT_LISTS": 25,
    "SENDER_IDS": 100,
    "REGISTRATIONS": 100,
    "REGISTRATION_ATTACHMENTS": 100,
    "VERIFIED_DESTINATION_NUMBERS": 10,
}
KEYWORDS_PER_ORIGINATION_IDENTITY = 30
EVENT_DESTINATIONS_PER_CONFIGURATION_SET = 5
TAGS_PER_RESOURCE = 50


@dataclass(kw_only=True)
class AccountSettings:
    tier: str
    max_spend: int
    # Overridden EnforcedLimit per spend limit name (absent: EnforcedLimit equals MaxLimit).
    spend_overrides: dict[str, int] = field(default_factory=dict)
    limits: dict[str, int] = field(default_factory=lambda: dict(ACCOUNT_LIMITS))
    default_protect_configuration_id: str | None = None

    @classmethod
    def for_tier(cls, tier: str) -> AccountSettings:
        return cls(tier=tier, max_spend=MAX_SPEND[tier])

    def set_tier(self, tier: str) -> None:
        self.tier = tier
        self.max_spend = MAX_SPEND[tier]

    def enforced_limit(self, name: str) -> int:
        return min(self.spend_overrides.get(name, self.max_spend), self.max_spend)

    def override_spend_limit(self, name: str, monthly_limit: int) -> int:
        """Set the EnforcedLimit of spend limit ``name``; it may not exceed the MaxLimit."""
        if monthly_limit > self.max_spend:
            raise invalid(
                "REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT",
                "MonthlyLimit",
                f"The requested {name} of {monthly_limit} USD is higher than the MaxLimit of "
                f"{self.max_spend} USD.",
            )
        self.spend_overrides[name] = monthly_limit
        return monthly_limit

    def delete_spend_override(self, name: str) -> int:
        """Drop the override of ``name``: its EnforcedLimit is the MaxLimit again."""
        self.spend_overrides.pop(name, None)
        return self.enforced_limit(name)

    def spend_limits(self) -> list[dict[str, object]]:
        return [
            {
                "Name": name,
                "EnforcedLimit": self.enforced_limit(name),
                "MaxLimit": self.max_spend,
                "Overridden": name in self.spend_overrides,
            }
            for name in SPEND_LIMIT_NAMES
        ]

    def attributes(self) -> list[dict[str, str]]:
        rows = [{"Name": "ACCOUNT_TIER", "Value": self.tier}]
        if self.default_protect_configuration_id is not None:
            rows.append(
                {
                    "Name": "DEFAULT_PROTECT_CONFIGURATION_ID",
                    "Value": self.default_protect_configuration_id,
                }
            )
        return rows
