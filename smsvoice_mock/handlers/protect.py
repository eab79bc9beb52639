"""CreateProtectConfiguration, DescribeProtectConfigurations, UpdateProtectConfiguration,
DeleteProtectConfiguration, GetProtectConfigurationCountryRuleSet,
UpdateProtectConfigurationCountryRuleSet, AssociateProtectConfiguration,
DisassociateProtectConfiguration, SetAccountDefaultProtectConfiguration,
DeleteAccountDefaultProtectConfiguration, PutProtectConfigurationRuleSetNumberOverride,
ListProtectConfigurationRuleSetNumberOverrides, DeleteProtectConfigurationRuleSetNumberOverride.

The model requires at least one item in the ProtectConfigurations and RuleSetNumberOverrides lists.
DescribeProtectConfigurations answers ``[]`` when nothing matches all the same, like every other
Describe, so callers can index the answer; an empty RuleSetNumberOverrides list is left out.
"""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._query import BOOLEAN, apply_filters, paginate
from smsvoice_mock.errors import ConflictException
from smsvoice_mock.models import protect as model
from smsvoice_mock.models.protect import ProtectConfiguration


def _without_empty(result: dict[str, Any], key: str) -> dict[str, Any]:
    if not result[key]:
        del result[key]
    return result


def _default_answer(found: ProtectConfiguration) -> dict[str, Any]:
    return {
        "DefaultProtectConfigurationArn": found.arn,
        "DefaultProtectConfigurationId": found.id,
    }


@operation("CreateProtectConfiguration")
def create_protect_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return ProtectConfiguration.create(ctx.backend, params).to_api()


@operation("DescribeProtectConfigurations")
def describe_protect_configurations(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    if params.get("ProtectConfigurationIds"):
        found = [backend.protect_configuration(v) for v in params["ProtectConfigurationIds"]]
        items = list({p.id: p for p in found}.values())
    else:
        items = list(backend.protect_configurations.values())
    items = apply_filters(
        items,
        params.get("Filters"),
        {"account-default": BOOLEAN, "deletion-protection-enabled": BOOLEAN},
        ProtectConfiguration.filter_values,
    )
    result = paginate(
        ctx.operation, params, items, "ProtectConfigurations", ProtectConfiguration.to_api
    )
    return result


@operation("UpdateProtectConfiguration")
def update_protect_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    if params.get("DeletionProtectionEnabled") is not None:
        found.deletion_protection_enabled = params["DeletionProtectionEnabled"]
    return found.to_api()


@operation("DeleteProtectConfiguration")
def delete_protect_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    found.delete(ctx.backend)
    return found.to_api()


@operation("GetProtectConfigurationCountryRuleSet")
def get_protect_configuration_country_rule_set(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    return found.rule_set(params["NumberCapability"])


@operation("UpdateProtectConfigurationCountryRuleSet")
def update_protect_configuration_country_rule_set(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    found.update_rule_set(params["NumberCapability"], params["CountryRuleSetUpdates"])
    return found.rule_set(params["NumberCapability"])


@operation("AssociateProtectConfiguration")
def associate_protect_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    config = ctx.backend.configuration_set(params["ConfigurationSetName"])
    config.protect_configuration_id = found.id  # replaces the set's current one
    return {**config.header(), **found.header()}


@operation("DisassociateProtectConfiguration")
def disassociate_protect_configuration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    config = ctx.backend.configuration_set(params["ConfigurationSetName"])
    if config.protect_configuration_id != found.id:
        raise ConflictException(
            f"Protect configuration {found.id} is not associated with configuration set "
            f"{config.name!r}.",
            reason="PROTECT_CONFIGURATION_NOT_ASSOCIATED_WITH_CONFIGURATION_SET",
            resource_type=model.RESOURCE_TYPE,
            resource_id=found.id,
        )
    config.protect_configuration_id = None
    return {**config.header(), **found.header()}


@operation("SetAccountDefaultProtectConfiguration")
def set_account_default_protect_configuration(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    model.set_account_default(ctx.backend, found)
    return _default_answer(found)


@operation("DeleteAccountDefaultProtectConfiguration")
def delete_account_default_protect_configuration(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    return _default_answer(model.remove_account_default(ctx.backend))


@operation("PutProtectConfigurationRuleSetNumberOverride")
def put_protect_configuration_rule_set_number_override(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    return {**found.header(), **found.put_override(ctx.backend, params).to_api()}


@operation("ListProtectConfigurationRuleSetNumberOverrides")
def list_protect_configuration_rule_set_number_overrides(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    result = paginate(
        ctx.operation,
        params,
        found.list_overrides(params.get("Filters")),
        "RuleSetNumberOverrides",
        model.NumberOverride.to_api,
        **found.header(),
    )
    return _without_empty(result, "RuleSetNumberOverrides")


@operation("DeleteProtectConfigurationRuleSetNumberOverride")
def delete_protect_configuration_rule_set_number_override(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    found = ctx.backend.protect_configuration(params["ProtectConfigurationId"])
    return {**found.header(), **found.delete_override(params["DestinationPhoneNumber"]).to_api()}
