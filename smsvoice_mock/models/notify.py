"""Notify configurations and templated sends.

Documented rules enforced here:
- CreateNotifyConfiguration: "Your configuration is created in Pending status while the system
  validates your account. Most configurations are activated within seconds." (PENDING in the
  response, ACTIVE afterwards unless the backend holds resources in their transitional state.) Tier
  BASIC; deletion protection off by default; the default template ("used when sending messages
  without an explicit template identifier") and the pool must exist; "The UNSET_DEFAULT_TEMPLATE
  value is only accepted by UpdateNotifyConfiguration".
- EnabledChannels: "Supported values include SMS and VOICE." EnabledCountries must be countries of
  ListNotifyCountries that support the configuration's tier; none given means every such country.
- UpdateNotifyConfiguration: "You can update the default template, pool association, enabled
  channels, enabled countries, and deletion protection settings"; UNSET_DEFAULT_TEMPLATE and
  UNSET_DEFAULT_POOL_FOR_NOTIFY clear the default template and pool.
- DeleteNotifyConfiguration: "If deletion protection is enabled, an error is returned."
- Sending: "you can send messages only when the status is ACTIVE"; the channel must be enabled, the
  destination country enabled; "All variable values are passed as strings regardless of the declared
  variable type. For example, pass INTEGER values as "42" and BOOLEAN values as "true" or "false"."
  Variables are checked against the template (required, type, MaxLength, MinValue/MaxValue, Pattern;
  DefaultValue fills an omitted one; SYSTEM variables are the service's) and substituted for
  ``{{name}}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from smsvoice_mock.backend import new_id
from smsvoice_mock.errors import (
    ConflictException,
    ServiceQuotaExceededException,
    ValidationException,
    check_quota,
    invalid,
    not_found,
)
from smsvoice_mock.models.countries import country_of
from smsvoice_mock.models.notify_catalog import COUNTRIES, TEMPLATES, NotifyTemplate
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.inbox import SentMessage

RESOURCE = "notify-configuration"
# The mock's choice; the docs name the quota (NOTIFY_CONFIGURATIONS_PER_ACCOUNT), not its value.
NOTIFY_CONFIGURATIONS_PER_ACCOUNT = 10
# Messages a configuration may send per UTC day of the mock clock, by tier (the docs name the quota,
# DAILY_NOTIFY_TIER_MESSAGE_LIMIT, not its values: the mock's choice). Tests may change them.
DAILY_MESSAGE_LIMITS = {"BASIC": 100, "ADVANCED": 10_000}
SUPPORTED_CHANNELS = ("SMS", "VOICE")
UNSET_TEMPLATE = "UNSET_DEFAULT_TEMPLATE"
UNSET_POOL = "UNSET_DEFAULT_POOL_FOR_NOTIFY"
_VARIABLE = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


def find_template(value: str) -> NotifyTemplate:
    """A template of the catalog, else ResourceNotFoundException notify-template."""
    found = TEMPLATES.get(value)
    if found is None:
        raise not_found("notify-template", value)
    return found


def _channels(given: list[str]) -> list[str]:
    for index, channel in enumerate(given):
        if channel not in SUPPORTED_CHANNELS:
            raise invalid(
                "INVALID_PARAMETER",
                f"EnabledChannels[{index}]",
                f"Notify sends over {' and '.join(SUPPORTED_CHANNELS)}, not {channel}.",
            )
    return list(dict.fromkeys(given))


def _countries(given: list[str], tier: str) -> list[str]:
    for index, iso in enumerate(given):
        country = COUNTRIES.get(iso)
        if country is None or tier not in country.tiers:
            raise invalid(
                "INVALID_PARAMETER",
                f"EnabledCountries[{index}]",
                f"{iso} doesn't support notify messaging for the {tier} tier; see ListNotifyCountries.",
            )
    return list(dict.fromkeys(given))


def _default_template(value: str) -> str:
    if value == UNSET_TEMPLATE:
        raise invalid(
            "INVALID_PARAMETER",
            "DefaultTemplateId",
            f"{UNSET_TEMPLATE} is only accepted by UpdateNotifyConfiguration.",
        )
    if not value:
        raise invalid(
            "FIELD_VALIDATION_FAILED",
            "DefaultTemplateId",
            "DefaultTemplateId must not be empty.",
        )
    return find_template(value).template_id


@dataclass(slots=True, kw_only=True)
class NotifyConfiguration:
    id: str
    arn: str
    display_name: str
    use_case: str
    enabled_channels: list[str]
    created_timestamp: datetime
    enabled_countries: list[str] = field(default_factory=list)
    default_template_id: str | None = None
    pool_id: str | None = None
    tier: str = "BASIC"
    tier_upgrade_status: str = "BASIC"
    status: str = "PENDING"
    rejection_reason: str | None = None
    deletion_protection_enabled: bool = False
    tags: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, backend: Backend, params: dict[str, Any]) -> NotifyConfiguration:
        check_quota(
            len(backend.notify_configurations),
            NOTIFY_CONFIGURATIONS_PER_ACCOUNT,
            "NOTIFY_CONFIGURATIONS_PER_ACCOUNT",
            f"The account already has {NOTIFY_CONFIGURATIONS_PER_ACCOUNT} notify configurations.",
        )
        if not params["DisplayName"].strip():
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "DisplayName",
                "DisplayName must contain a letter, digit, '_' or '-'.",
            )
        channels = _channels(params["EnabledChannels"])
        countries = _countries(params.get("EnabledCountries") or [], "BASIC")
        template = (
            _default_template(params["DefaultTemplateId"])
            if "DefaultTemplateId" in params
            else None
        )
        pool = backend.pool(params["PoolId"]) if "PoolId" in params else None
        config_id = new_id("nc")
        config = cls(
            id=config_id,
            arn=backend.arn(RESOURCE, config_id),
            display_name=params["DisplayName"],
            use_case=params["UseCase"],
            enabled_channels=channels,
            enabled_countries=countries,
            default_template_id=template,
            pool_id=pool.id if pool is not None else None,
            created_timestamp=backend.now(),
            deletion_protection_enabled=params.get("DeletionProtectionEnabled", False),
            tags=merge_tags({}, params.get("Tags")),
        )
        backend.notify_configurations[config_id] = config
        return config

    def to_api(self) -> dict[str, Any]:
        return {
            "NotifyConfigurationArn": self.arn,
            "NotifyConfigurationId": self.id,
            "DisplayName": self.display_name,
            "UseCase": self.use_case,
            "DefaultTemplateId": self.default_template_id,
            "PoolId": self.pool_id,
            "EnabledCountries": list(self.enabled_countries) or None,
            "EnabledChannels": list(self.enabled_channels),
            "Tier": self.tier,
            "TierUpgradeStatus": self.tier_upgrade_status,
            "Status": self.status,
            "RejectionReason": self.rejection_reason,
            "DeletionProtectionEnabled": self.deletion_protection_enabled,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeNotifyConfigurations filters."""
        return {
            "display-name": self.display_name,
            "enabled-countries": self.enabled_countries,
            "enabled-channels": self.enabled_channels,
            "default-template": self.default_template_id,
            "default-pool": self.pool_id,
            "use-case": self.use_case,
            "status": self.status,
            "deletion-protection-enabled": self.deletion_protection_enabled,
            "tier-upgrade-status": self.tier_upgrade_status,
        }

    # -- lifecycle hook for tests -------------------------------------------------------------

    def set_status(self, status: str, *, rejection_reason: str | None = None) -> None:
        """Move the configuration to PENDING, ACTIVE, REJECTED or REQUIRES_VERIFICATION."""
        allowed = ("PENDING", "ACTIVE", "REJECTED", "REQUIRES_VERIFICATION")
        if status not in allowed:
            raise ValueError(
                f"A notify configuration status is one of {', '.join(allowed)}, not {status!r}."
            )
        self.status = status
        self.rejection_reason = rejection_reason if status == "REJECTED" else None

    # -- rules --------------------------------------------------------------------------------

    def update(self, backend: Backend, params: dict[str, Any]) -> None:
        template = params.get("DefaultTemplateId")
        new_template = self.default_template_id
        if template == UNSET_TEMPLATE:
            new_template = None
        elif template is not None:
            new_template = _default_template(template)
        pool_value = params.get("PoolId")
        new_pool = self.pool_id
        if pool_value == UNSET_POOL:
            new_pool = None
        elif pool_value is not None:
            new_pool = backend.pool(pool_value).id
        channels = (
            _channels(params["EnabledChannels"])
            if "EnabledChannels" in params
            else self.enabled_channels
        )
        countries = (
            _countries(params["EnabledCountries"], self.tier)
            if "EnabledCountries" in params
            else self.enabled_countries
        )
        self.default_template_id = new_template
        self.pool_id = new_pool
        self.enabled_channels = channels
        self.enabled_countries = countries
        if "DeletionProtectionEnabled" in params:
            self.deletion_protection_enabled = params["DeletionProtectionEnabled"]

    def delete(self, backend: Backend) -> None:
        if self.deletion_protection_enabled:
            raise ConflictException(
                f"Notify configuration {self.id} has deletion protection enabled; disable it with "
                "UpdateNotifyConfiguration before deleting it.",
                reason="DELETION_PROTECTION_ENABLED",
                resource_type=RESOURCE,
                resource_id=self.id,
            )
        del backend.notify_configurations[self.id]

    def check_daily_limit(self, sent: Iterable[SentMessage], now: datetime) -> None:
        """The tier's daily message limit, counted per UTC day of the mock clock:
        ServiceQuotaExceededException DAILY_NOTIFY_TIER_MESSAGE_LIMIT."""
        limit = DAILY_MESSAGE_LIMITS[self.tier]
        today = sum(
            m.source == "NOTIFY"
            and m.extra.get("notify_configuration_id") == self.id
            and m.sent_at.date() == now.date()
            for m in sent
        )
        if today >= limit:
            raise ServiceQuotaExceededException(
                f"Notify configuration {self.id} ({self.tier} tier) already sent {limit} messages "
                "today.",
                reason="DAILY_NOTIFY_TIER_MESSAGE_LIMIT",
            )

    def check_can_send(self, channel: str, destination: str) -> str:
        """ACTIVE, the channel enabled, the destination's country enabled; returns that country."""
        if self.status != "ACTIVE":
            raise ConflictException(
                f"Notify configuration {self.id} is {self.status}; messages can be sent only when "
                "it is ACTIVE.",
                reason="NOTIFY_CONFIGURATION_NOT_ACTIVE",
                resource_type=RESOURCE,
                resource_id=self.id,
            )
        if channel not in self.enabled_channels:
            raise invalid(
                "CHANNEL_NOT_ENABLED",
                "NotifyConfigurationId",
                f"Notify configuration {self.id} doesn't have the {channel} channel enabled.",
            )
        iso = country_of(destination)
        country = COUNTRIES.get(iso or "")
        enabled = (
            iso in self.enabled_countries
            if self.enabled_countries
            else country is not None and self.tier in country.tiers
        )
        if country is None or not enabled or channel not in country.channels:
            raise invalid(
                "COUNTRY_NOT_ENABLED",
                "DestinationPhoneNumber",
                f"Notify configuration {self.id} can't send {channel} messages to "
                f"{iso or 'the destination country'}.",
            )
        return country.iso_country_code

    def template_for(self, value: str | None, channel: str, iso: str) -> NotifyTemplate:
        """The request's template (else the default) that suits the channel, country and tier."""
        if value == UNSET_TEMPLATE:
            raise invalid(
                "INVALID_PARAMETER",
                "TemplateId",
                f"{UNSET_TEMPLATE} is only accepted by UpdateNotifyConfiguration.",
            )
        chosen = value or self.default_template_id
        if chosen is None:
            raise invalid(
                "MISSING_PARAMETER",
                "TemplateId",
                f"Notify configuration {self.id} has no default template; pass a TemplateId.",
            )
        template = find_template(chosen)
        problem = None
        if channel not in template.channels:
            problem = f"doesn't support the {channel} channel"
        elif iso not in template.supported_countries:
            problem = f"doesn't support {iso}"
        elif self.tier not in template.tier_access:
            problem = f"isn't available to the {self.tier} tier"
        elif template.status != "ACTIVE":
            problem = "is INACTIVE"
        if problem is not None:
            raise invalid("INVALID_PARAMETER", "TemplateId", f"Template {chosen} {problem}.")
        return template

    def render(self, template: NotifyTemplate, given: dict[str, str]) -> str:
        """The message body: every ``{{name}}`` replaced by its checked value."""
        values = check_variables(template, given, {"brand": self.display_name})
        return _VARIABLE.sub(lambda m: values.get(m.group(1), ""), template.content)


def _bad(name: str, message: str, reason: str = "FIELD_VALIDATION_FAILED") -> ValidationException:
    return invalid(reason, f"TemplateVariables.{name}", message)


def check_variables(
    template: NotifyTemplate, given: dict[str, str], system: dict[str, str]
) -> dict[str, str]:
    """The value of every variable of ``template``, checked against its metadata."""
    for name in given:
        meta = template.variables.get(name)
        if meta is None:
            raise _bad(
                name,
                f"Template {template.template_id} has no variable {name!r}; its variables are "
                f"{', '.join(sorted(template.variables))}.",
            )
        if meta.get("Source") == "SYSTEM":
            raise _bad(name, f"Variable {name!r} is set by the service, not by the request.")
    values: dict[str, str] = {}
    for name, meta in template.variables.items():
        if meta.get("Source") == "SYSTEM":
            values[name] = system.get(name, "")
            continue
        value = given.get(name, meta.get("DefaultValue"))
        if value is None:
            if meta["Required"]:
                raise _bad(
                    name, f"Template variable {name!r} is required.", reason="MISSING_PARAMETER"
                )
            continue
        _check_value(name, value, meta)
        values[name] = value
    return values


def _check_value(name: str, value: str, meta: dict[str, Any]) -> None:
    kind = meta["Type"]
    if kind == "INTEGER":
        if not re.fullmatch(r"-?[0-9]+", value):
            raise _bad(name, f"Variable {name!r} is an INTEGER, not {value!r}.")
        number = int(value)
        low, high = meta.get("MinValue"), meta.get("MaxValue")
        if (low is not None and number < low) or (high is not None and number > high):
            raise _bad(name, f"Variable {name!r} must be between {low} and {high}, not {number}.")
    elif kind == "BOOLEAN" and value not in ("true", "false"):
        raise _bad(name, f'Variable {name!r} is a BOOLEAN: pass "true" or "false", not {value!r}.')
    max_length = meta.get("MaxLength")
    if max_length is not None and len(value) > max_length:
        raise _bad(name, f"Variable {name!r} is at most {max_length} characters long.")
    pattern = meta.get("Pattern")
    if pattern is not None and not re.fullmatch(pattern, value):
        raise _bad(name, f"Variable {name!r} must match {pattern}.")
