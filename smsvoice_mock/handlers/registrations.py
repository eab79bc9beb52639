"""Registrations, their versions, field values, associations and attachments, and the catalog of
registration type, section and field definitions."""

from __future__ import annotations

from typing import Any

from smsvoice_mock._dispatch import Context, operation
from smsvoice_mock._model import enum_values
from smsvoice_mock._query import apply_filters, paginate
from smsvoice_mock.models.registration import (
    Association,
    FieldValue,
    Registration,
    RegistrationAttachment,
    RegistrationVersion,
    find_attachment,
)
from smsvoice_mock.models.registration_catalog import (
    REGISTRATION_TYPES,
    FieldDefinition,
    RegistrationTypeDefinition,
    SectionDefinition,
    registration_type,
)


def _registration(ctx: Context, value: str) -> Registration:
    registration = ctx.backend.registrations[ctx.backend.registration(value)]
    registration.live_associations(ctx.backend)  # a released identity may close the registration
    return registration


def _value_echo(registration: Registration, number: int, value: FieldValue) -> dict[str, Any]:
    return registration.echo(VersionNumber=number, **value.to_api())


# -- registrations ------------------------------------------------------------------------------


@operation("CreateRegistration")
def create_registration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return Registration.create(ctx.backend, params).to_api()


@operation("DescribeRegistrations")
def describe_registrations(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("RegistrationIds"):
        found = {id(r): r for r in (_registration(ctx, v) for v in params["RegistrationIds"])}
        registrations = list(found.values())
    else:
        registrations = list(ctx.backend.registrations.values())
        for registration in registrations:
            registration.live_associations(ctx.backend)
    registrations = apply_filters(
        registrations,
        params.get("Filters"),
        {
            "registration-type": None,
            "registration-status": frozenset(enum_values("RegistrationStatus")),
        },
        Registration.filter_values,
    )
    return paginate(ctx.operation, params, registrations, "Registrations", Registration.to_api)


@operation("DeleteRegistration")
def delete_registration(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    registration.delete(ctx.backend)
    return registration.to_api()


# -- versions -----------------------------------------------------------------------------------


@operation("CreateRegistrationVersion")
def create_registration_version(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    return registration.version_echo(registration.new_version(ctx.now()))


@operation("DescribeRegistrationVersions")
def describe_registration_versions(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    if params.get("VersionNumbers"):
        versions = [
            registration.version(n, "VersionNumbers")
            for n in dict.fromkeys(params["VersionNumbers"])
        ]
    else:
        versions = list(registration.versions)
    versions = apply_filters(
        versions,
        params.get("Filters"),
        {"registration-version-status": frozenset(enum_values("RegistrationVersionStatus"))},
        lambda v: {"registration-version-status": v.status},
    )
    return paginate(
        ctx.operation,
        params,
        versions,
        "RegistrationVersions",
        RegistrationVersion.to_api,
        **registration.echo(),
    )


@operation("SubmitRegistrationVersion")
def submit_registration_version(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    aws_review = params.get("AwsReview", False)
    version = registration.submit(ctx.backend, ctx.now(), aws_review)
    return {**registration.version_echo(version), "AwsReview": aws_review}


@operation("DiscardRegistrationVersion")
def discard_registration_version(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    return registration.version_echo(registration.discard(ctx.now()))


# -- field values -------------------------------------------------------------------------------


@operation("PutRegistrationFieldValue")
def put_registration_field_value(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    number, value = registration.put_value(ctx.backend, params)
    return _value_echo(registration, number, value)


@operation("DescribeRegistrationFieldValues")
def describe_registration_field_values(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    version = registration.version(params.get("VersionNumber"))
    values = registration.values(version, params.get("SectionPath"), params.get("FieldPaths"))
    return paginate(
        ctx.operation,
        params,
        values,
        "RegistrationFieldValues",
        FieldValue.to_api,
        **registration.echo(VersionNumber=version.number),
    )


@operation("DeleteRegistrationFieldValue")
def delete_registration_field_value(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    number, value = registration.delete_value(params["FieldPath"])
    return _value_echo(registration, number, value)


# -- associations -------------------------------------------------------------------------------


@operation("CreateRegistrationAssociation")
def create_registration_association(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    resource = registration.resolve_resource(ctx.backend, params["ResourceId"])
    return registration.association_echo(registration.associate(ctx.backend, resource))


@operation("ListRegistrationAssociations")
def list_registration_associations(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    registration = _registration(ctx, params["RegistrationId"])
    associations = apply_filters(
        registration.live_associations(ctx.backend),
        params.get("Filters"),
        {"resource-type": None, "iso-country-code": None},
        Association.filter_values,
    )
    return paginate(
        ctx.operation,
        params,
        associations,
        "RegistrationAssociations",
        Association.to_api,
        **registration.echo(RegistrationType=registration.registration_type),
    )


# -- attachments --------------------------------------------------------------------------------


@operation("CreateRegistrationAttachment")
def create_registration_attachment(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    return RegistrationAttachment.create(ctx.backend, params).to_api()


@operation("DescribeRegistrationAttachments")
def describe_registration_attachments(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    backend = ctx.backend
    if params.get("RegistrationAttachmentIds"):
        found = {
            id(a): a
            for a in (
                find_attachment(backend, v, "RegistrationAttachmentIds")
                for v in params["RegistrationAttachmentIds"]
            )
        }
        attachments = list(found.values())
    else:
        attachments = list(backend.registration_attachments.values())
    attachments = apply_filters(
        attachments,
        params.get("Filters"),
        {"attachment-status": frozenset(enum_values("AttachmentStatus"))},
        RegistrationAttachment.filter_values,
    )
    return paginate(
        ctx.operation,
        params,
        attachments,
        "RegistrationAttachments",
        RegistrationAttachment.to_api,
    )


@operation("DeleteRegistrationAttachment")
def delete_registration_attachment(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    attachment = find_attachment(ctx.backend, params["RegistrationAttachmentId"])
    attachment.delete(ctx.backend)
    return attachment.to_api()


# -- the catalog --------------------------------------------------------------------------------


@operation("DescribeRegistrationTypeDefinitions")
def describe_registration_type_definitions(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("RegistrationTypes"):
        names = dict.fromkeys(params["RegistrationTypes"])
        definitions = [registration_type(n, "RegistrationTypes") for n in names]
    else:
        definitions = list(REGISTRATION_TYPES.values())
    definitions = apply_filters(
        definitions,
        params.get("Filters"),
        {
            "supported-association-resource-type": None,
            "supported-association-iso-country-code": None,
        },
        RegistrationTypeDefinition.filter_values,
    )
    return paginate(
        ctx.operation,
        params,
        definitions,
        "RegistrationTypeDefinitions",
        RegistrationTypeDefinition.to_api,
    )


@operation("DescribeRegistrationSectionDefinitions")
def describe_registration_section_definitions(
    ctx: Context, params: dict[str, Any]
) -> dict[str, Any]:
    definition = registration_type(params["RegistrationType"])
    if params.get("SectionPaths"):
        paths = dict.fromkeys(params["SectionPaths"])
        sections = [definition.section(p, "SectionPaths") for p in paths]
    else:
        sections = list(definition.sections)
    return paginate(
        ctx.operation,
        params,
        sections,
        "RegistrationSectionDefinitions",
        SectionDefinition.to_api,
        RegistrationType=definition.registration_type,
    )


@operation("DescribeRegistrationFieldDefinitions")
def describe_registration_field_definitions(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    definition = registration_type(params["RegistrationType"])
    section = params.get("SectionPath")
    if section is not None:
        definition.section(section)
    wanted = [definition.field(p, "FieldPaths").path for p in params.get("FieldPaths") or ()]
    fields = [
        f
        for f in definition.fields
        if (section is None or f.section == section) and (not wanted or f.path in wanted)
    ]
    return paginate(
        ctx.operation,
        params,
        fields,
        "RegistrationFieldDefinitions",
        FieldDefinition.to_api,
        RegistrationType=definition.registration_type,
    )
