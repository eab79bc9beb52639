"""Protect configurations: country rule sets per capability, phone number overrides, the account
default and the rule a send is judged by.

Documented rules enforced here:
- CreateProtectConfiguration: "By default all country rule sets for each capability are set to
  ALLOW." "A protect configurations name is stored as a Tag with the key set to Name".
  DeletionProtectionEnabled: "By default this is set to false."
- UpdateProtectConfigurationCountryRuleSet: "You can update one or multiple countries at a time. The
  updates are only applied to the specified NumberCapability type."
- DeleteProtectConfiguration: "The protect configuration must have deletion protection disabled and
  must not be associated as the account default protect configuration or associated with a
  configuration set."
- SetAccountDefaultProtectConfiguration: "You can only have one account default protect
  configuration at a time. The current account default protect configuration is replaced".
- PutProtectConfigurationRuleSetNumberOverride: "Create or update a phone number rule override";
  "If ExpirationTimestamp is not set then the rule does not expire."
- At send time "The phone number override always takes precedent over the country rule mode"
  (user guide); an expired override no longer applies.

The mock's choices: a country rule set lists the countries of ``countries.COUNTRIES`` plus any other
country a rule was set for; a rule without expiration counts as expiring after any date for the
``expires-*`` filters; expired overrides stay listed until deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from smsvoice_mock._query import apply_filters
from smsvoice_mock.backend import new_id
from smsvoice_mock.errors import (
    ConflictException,
    ResourceNotFoundException,
    check_quota,
    invalid,
)
from smsvoice_mock.models.countries import COUNTRIES, country_of, normalize_e164
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend

RESOURCE_TYPE = "protect-configuration"
# The user guide's quotas page: 25 protect configurations per account.
PROTECT_CONFIGURATIONS_PER_ACCOUNT = 25
ALLOW = "ALLOW"
BLOCK = "BLOCK"
OVERRIDE_ACTIONS = frozenset({ALLOW, BLOCK})


def _timestamp(value: Any) -> datetime:
    """A request timestamp (epoch seconds on the JSON wire) as an aware datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(float(value), timezone.utc)


def parse_date_filter(value: str, path: str) -> datetime:
    """A date filter value: epoch seconds or ISO-8601 (a naive one is UTC)."""
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        pass
    try:
        # Python 3.10's fromisoformat doesn't read a trailing "Z".
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise invalid(
            "INVALID_FILTER_VALUES",
            path,
            f"{value!r} is not a date: give epoch seconds or ISO-8601.",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@dataclass(slots=True, kw_only=True)
class NumberOverride:
    """A phone number rule override of a protect configuration."""

    destination_phone_number: str
    action: str
    created_timestamp: datetime
    iso_country_code: str | None = None
    expiration_timestamp: datetime | None = None

    def in_force(self, now: datetime) -> bool:
        return self.expiration_timestamp is None or now < self.expiration_timestamp

    def to_api(self) -> dict[str, Any]:
        return {
            "DestinationPhoneNumber": self.destination_phone_number,
            "CreatedTimestamp": self.created_timestamp,
            "Action": self.action,
            "IsoCountryCode": self.iso_country_code,
            "ExpirationTimestamp": self.expiration_timestamp,
        }

    def matches(self, name: str, values: list[str], path: str) -> bool:
        """The filters that are not exact matches: prefixes and dates (any value may match)."""
        if name == "destination-phone-number-begins-with":
            return any(self.destination_phone_number.startswith(v) for v in values)
        dates = [parse_date_filter(v, path) for v in values]
        if name in ("created-before", "created-after"):
            moment: datetime | None = self.created_timestamp
        else:
            moment = self.expiration_timestamp
        if moment is None:  # never expires: after any date, before none
            return name == "expires-after"
        if name.endswith("-before"):
            return any(moment < d for d in dates)
        return any(moment > d for d in dates)


# Filter name -> allowed values, for the exact-match filters of the number override list.
_EXACT_FILTERS: dict[str, frozenset[str] | None] = {
    "iso-country-code": None,
    "action": OVERRIDE_ACTIONS,
}


@dataclass(slots=True, kw_only=True)
class ProtectConfiguration:
    id: str
    arn: str
    created_timestamp: datetime
    deletion_protection_enabled: bool = False
    account_default: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    # NumberCapability -> ISO country code -> ProtectStatus, for the countries not at ALLOW (or
    # set explicitly); every other country is ALLOW.
    country_rules: dict[str, dict[str, str]] = field(default_factory=dict)
    # E.164 destination -> its override.
    overrides: dict[str, NumberOverride] = field(default_factory=dict)

    @classmethod
    def create(cls, backend: Backend, params: dict[str, Any]) -> ProtectConfiguration:
        """CreateProtectConfiguration, within the per-account quota."""
        check_quota(
            len(backend.protect_configurations),
            PROTECT_CONFIGURATIONS_PER_ACCOUNT,
            "PROTECT_CONFIGURATIONS_PER_ACCOUNT",
            f"The account already has {PROTECT_CONFIGURATIONS_PER_ACCOUNT} protect configurations.",
        )
        protect_id = new_id("protect")
        created = cls(
            id=protect_id,
            arn=backend.arn(RESOURCE_TYPE, protect_id),
            created_timestamp=backend.now(),
            deletion_protection_enabled=bool(params.get("DeletionProtectionEnabled", False)),
            tags=merge_tags({}, params.get("Tags")),
        )
        backend.protect_configurations[protect_id] = created
        return created

    def to_api(self) -> dict[str, Any]:
        return {
            "ProtectConfigurationArn": self.arn,
            "ProtectConfigurationId": self.id,
            "CreatedTimestamp": self.created_timestamp,
            "AccountDefault": self.account_default,
            "DeletionProtectionEnabled": self.deletion_protection_enabled,
            "Tags": tags_to_api(self.tags),
        }

    def header(self) -> dict[str, Any]:
        return {"ProtectConfigurationArn": self.arn, "ProtectConfigurationId": self.id}

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeProtectConfigurations filters."""
        return {
            "account-default": self.account_default,
            "deletion-protection-enabled": self.deletion_protection_enabled,
        }

    def _conflict(self, reason: str, message: str) -> ConflictException:
        return ConflictException(
            message, reason=reason, resource_type=RESOURCE_TYPE, resource_id=self.id
        )

    def delete(self, backend: Backend) -> None:
        """DeleteProtectConfiguration: unprotected, not the account default, in no configuration
        set. Its number overrides go with it."""
        if self.deletion_protection_enabled:
            raise self._conflict(
                "DELETION_PROTECTION_ENABLED",
                f"Protect configuration {self.id} has deletion protection enabled; disable it "
                "with UpdateProtectConfiguration first.",
            )
        if self.account_default:
            raise self._conflict(
                "PROTECT_CONFIGURATION_IS_ACCOUNT_DEFAULT",
                f"Protect configuration {self.id} is the account default; remove it with "
                "DeleteAccountDefaultProtectConfiguration first.",
            )
        linked = [
            c.name
            for c in backend.configuration_sets.values()
            if c.protect_configuration_id == self.id
        ]
        if linked:
            raise self._conflict(
                "PROTECT_CONFIGURATION_ASSOCIATED_WITH_CONFIGURATION_SET",
                f"Protect configuration {self.id} is associated with configuration set(s) "
                f"{', '.join(linked)}; disassociate it first.",
            )
        del backend.protect_configurations[self.id]

    # -- country rule sets ------------------------------------------------------------------

    def status_of(self, capability: str, iso: str | None) -> str:
        if iso is None:
            return ALLOW
        return self.country_rules.get(capability, {}).get(iso, ALLOW)

    def rule_set(self, capability: str) -> dict[str, Any]:
        """The Get/UpdateProtectConfigurationCountryRuleSet answer for ``capability``."""
        rules = self.country_rules.get(capability, {})
        countries = sorted(set(COUNTRIES) | set(rules))
        return {
            **self.header(),
            "NumberCapability": capability,
            "CountryRuleSet": {iso: {"ProtectStatus": rules.get(iso, ALLOW)} for iso in countries},
        }

    def update_rule_set(self, capability: str, updates: dict[str, dict[str, str]]) -> None:
        rules = self.country_rules.setdefault(capability, {})
        for iso, rule in updates.items():
            rules[iso] = rule["ProtectStatus"]

    # -- number overrides -------------------------------------------------------------------

    def put_override(self, backend: Backend, params: dict[str, Any]) -> NumberOverride:
        """Create or replace the override of a number; its CreatedTimestamp stays the first one."""
        number = normalize_e164(params["DestinationPhoneNumber"])
        now = backend.now()
        expires = params.get("ExpirationTimestamp")
        expiration = _timestamp(expires) if expires is not None else None
        if expiration is not None and expiration <= now:
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "ExpirationTimestamp",
                f"ExpirationTimestamp {expiration.isoformat()} is not in the future.",
            )
        known = self.overrides.get(number)
        override = NumberOverride(
            destination_phone_number=number,
            action=params["Action"],
            created_timestamp=known.created_timestamp if known is not None else now,
            iso_country_code=country_of(number),
            expiration_timestamp=expiration,
        )
        self.overrides[number] = override
        return override

    def override(self, value: str) -> NumberOverride:
        found = self.overrides.get(normalize_e164(value))
        if found is None:
            raise ResourceNotFoundException(
                f"Protect configuration {self.id} has no rule set number override for {value}.",
                resource_type=RESOURCE_TYPE,
                resource_id=self.id,
            )
        return found

    def delete_override(self, value: str) -> NumberOverride:
        return self.overrides.pop(self.override(value).destination_phone_number)

    def list_overrides(self, filters: list[dict[str, Any]] | None) -> list[NumberOverride]:
        """The overrides that satisfy every filter (exact, prefix and date filters)."""
        filters = filters or []
        exact = [f for f in filters if f["Name"] in _EXACT_FILTERS]
        kept = apply_filters(
            self.overrides.values(),
            exact,
            _EXACT_FILTERS,
            lambda o: {"iso-country-code": o.iso_country_code, "action": o.action},
        )
        others = [(i, f) for i, f in enumerate(filters) if f["Name"] not in _EXACT_FILTERS]
        for i, f in others:  # check every date value even when nothing is left to compare
            if f["Name"] != "destination-phone-number-begins-with":
                for v in f["Values"]:
                    parse_date_filter(v, f"Filters[{i}].Values")
        return [
            o
            for o in kept
            if all(o.matches(f["Name"], f["Values"], f"Filters[{i}].Values") for i, f in others)
        ]

    # -- sending ----------------------------------------------------------------------------

    def check(self, channel: str, destination: str, now: datetime) -> str:
        """Refuse a message the rules block: the number's override in force, else the country's
        rule for the channel's capability. MONITOR and FILTER send. Answers the status that let the
        message through (the ``protectStatus`` of its event records)."""
        override = self.overrides.get(destination)
        if override is not None and override.in_force(now):
            if override.action == BLOCK:
                raise self._conflict(
                    "DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE",
                    f"{destination} is blocked by a number override of protect configuration "
                    f"{self.id}.",
                )
            return str(override.action)
        iso = country_of(destination)
        status = self.status_of(channel, iso)
        if status == BLOCK:
            raise self._conflict(
                "DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION",
                f"Protect configuration {self.id} blocks {channel} messages to {iso}.",
            )
        return status


def set_account_default(backend: Backend, chosen: ProtectConfiguration) -> None:
    """SetAccountDefaultProtectConfiguration: ``chosen`` replaces the current default."""
    for protect in backend.protect_configurations.values():
        protect.account_default = protect is chosen
    backend.settings.default_protect_configuration_id = chosen.id


def remove_account_default(backend: Backend) -> ProtectConfiguration:
    """DeleteAccountDefaultProtectConfiguration: the former default, which stays."""
    current = account_default(backend)
    if current is None:
        raise ResourceNotFoundException(
            f"Account {backend.account_id} has no default protect configuration.",
            resource_type=RESOURCE_TYPE,
            resource_id=backend.account_id,
        )
    current.account_default = False
    backend.settings.default_protect_configuration_id = None
    return current


def account_default(backend: Backend) -> ProtectConfiguration | None:
    key = backend.settings.default_protect_configuration_id
    return backend.protect_configurations.get(key) if key is not None else None
