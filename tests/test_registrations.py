"""Registrations (create, describe, delete), their versions, field values, associations and
attachments, and the registration type/section/field definitions, through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any

import pytest

import smsvoice_mock.models.registration as registration_model
from smsvoice_mock import SmsVoiceMock
from smsvoice_mock.models.sender_id import SenderId
from tests.helpers import error_of, request_number

PREFIX = "arn:aws:sms-voice:us-east-1:123456789012"
TOLL_FREE = "US_TOLL_FREE_REGISTRATION"
BRAND = "US_TEN_DLC_BRAND_REGISTRATION"
CAMPAIGN = "US_TEN_DLC_CAMPAIGN_REGISTRATION"
SENDER = "SA_SENDER_ID_REGISTRATION"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)
PDF = b"%PDF-1.7\n" + bytes(32)
MISSING_REGISTRATION = "registration-00000000000000000000000000000000"
MISSING_ATTACHMENT = "attachment-00000000000000000000000000000000"


def create(client: Any, registration_type: str = TOLL_FREE, **extra: Any) -> dict[str, Any]:
    return dict(client.create_registration(RegistrationType=registration_type, **extra))


def attachment(client: Any, body: bytes = PNG) -> str:
    out: str = client.create_registration_attachment(AttachmentBody=body)[
        "RegistrationAttachmentId"
    ]
    return out


def put(client: Any, registration_id: str, path: str, **value: Any) -> dict[str, Any]:
    return dict(
        client.put_registration_field_value(RegistrationId=registration_id, FieldPath=path, **value)
    )


def fill(client: Any, registration_id: str, registration_type: str) -> None:
    """Give every REQUIRED field of the type a valid value."""
    if registration_type == TOLL_FREE:
        put(client, registration_id, "companyInfo.companyName", TextValue="Example Corp")
        put(
            client,
            registration_id,
            "messagingUseCase.monthlyMessageVolume",
            SelectChoices=["1,000"],
        )
        put(
            client,
            registration_id,
            "messagingUseCase.optInImage",
            RegistrationAttachmentId=attachment(client),
        )
    elif registration_type == BRAND:
        put(client, registration_id, "companyInfo.companyName", TextValue="Example Corp")
        put(client, registration_id, "companyInfo.taxIdIssuingCountry", SelectChoices=["US"])
        put(client, registration_id, "contactInfo.supportEmail", TextValue="help@example.com")
    elif registration_type == CAMPAIGN:
        put(
            client,
            registration_id,
            "campaignInfo.campaignDescription",
            TextValue="One-time passwords for customers who sign in to the Example Corp website.",
        )
        put(client, registration_id, "campaignUseCase.useCase", SelectChoices=["MARKETING"])


def toll_free_number(client: Any) -> dict[str, Any]:
    return request_number(client, NumberType="TOLL_FREE")


def ready_toll_free(client: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A toll-free registration with every REQUIRED field and its toll-free number: ready to submit."""
    registration = create(client)
    fill(client, registration["RegistrationId"], TOLL_FREE)
    number = toll_free_number(client)
    client.create_registration_association(
        RegistrationId=registration["RegistrationId"], ResourceId=number["PhoneNumberId"]
    )
    return registration, number


def submitted(client: Any) -> str:
    registration, _ = ready_toll_free(client)
    client.submit_registration_version(RegistrationId=registration["RegistrationId"])
    return str(registration["RegistrationId"])


def approve(sms: SmsVoiceMock, registration_id: str) -> None:
    sms.backend().registrations[registration_id].approve(sms.clock.now())


def deny(sms: SmsVoiceMock, registration_id: str, *reasons: str) -> None:
    sms.backend().registrations[registration_id].deny(sms.clock.now(), list(reasons))


def approved_brand(client: Any, sms: SmsVoiceMock) -> str:
    brand_id: str = create(client, BRAND)["RegistrationId"]
    fill(client, brand_id, BRAND)
    client.submit_registration_version(RegistrationId=brand_id)
    approve(sms, brand_id)
    return brand_id


def approved_campaign(client: Any, sms: SmsVoiceMock) -> str:
    brand_id = approved_brand(client, sms)
    campaign_id: str = create(client, CAMPAIGN)["RegistrationId"]
    fill(client, campaign_id, CAMPAIGN)
    client.create_registration_association(RegistrationId=campaign_id, ResourceId=brand_id)
    client.submit_registration_version(RegistrationId=campaign_id)
    approve(sms, campaign_id)
    return campaign_id


def registration_of(client: Any, registration_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.describe_registrations(RegistrationIds=[registration_id])[
        "Registrations"
    ][0]
    return found


def versions(client: Any, registration_id: str) -> dict[int, dict[str, Any]]:
    out = client.describe_registration_versions(RegistrationId=registration_id)
    return {v["VersionNumber"]: v for v in out["RegistrationVersions"]}


def values(client: Any, registration_id: str, **extra: Any) -> dict[str, dict[str, Any]]:
    out = client.describe_registration_field_values(RegistrationId=registration_id, **extra)
    return {v["FieldPath"]: v for v in out["RegistrationFieldValues"]}


def pages(client: Any, operation: str, **params: Any) -> list[dict[str, Any]]:
    return list(client.get_paginator(operation).paginate(**params))


# -- definitions --------------------------------------------------------------------------------


def test_type_definitions_list_the_catalog(client: Any) -> None:
    """DescribeRegistrationTypeDefinitions lists every registration type with its supported
    associations; the toll-free type takes a TOLL_FREE number before submission (user guide)."""
    out = client.describe_registration_type_definitions()["RegistrationTypeDefinitions"]
    by_type = {d["RegistrationType"]: d for d in out}
    assert list(by_type) == [TOLL_FREE, BRAND, CAMPAIGN, SENDER]
    assert by_type[TOLL_FREE]["SupportedAssociations"] == [
        {
            "ResourceType": "TOLL_FREE",
            "IsoCountryCode": "US",
            "AssociationBehavior": "ASSOCIATE_BEFORE_SUBMIT",
            "DisassociationBehavior": "DISASSOCIATE_ALL_CLOSES_REGISTRATION",
        }
    ]
    assert by_type[TOLL_FREE]["DisplayHints"]["Title"] == "US toll-free number registration"


def test_type_definitions_by_name(client: Any) -> None:
    """RegistrationTypes narrows the answer to the named types."""
    out = client.describe_registration_type_definitions(RegistrationTypes=[CAMPAIGN, BRAND])
    assert [d["RegistrationType"] for d in out["RegistrationTypeDefinitions"]] == [CAMPAIGN, BRAND]


def test_unknown_type_definition(client: Any) -> None:
    """An unknown RegistrationTypes entry is ValidationException UNKNOWN_REGISTRATION_TYPE."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_registration_type_definitions(RegistrationTypes=["XX_NOTHING"])
    error = error_of(exc)
    assert error["Reason"] == "UNKNOWN_REGISTRATION_TYPE"
    assert [f["Name"] for f in error["Fields"]] == ["RegistrationTypes"]


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("supported-association-resource-type", "TEN_DLC", [CAMPAIGN]),
        ("supported-association-resource-type", "SENDER_ID", [SENDER]),
        ("supported-association-iso-country-code", "US", [TOLL_FREE, CAMPAIGN]),
    ],
    ids=["resource-type", "sender-id", "iso-country-code"],
)
def test_type_definition_filters(client: Any, name: str, value: str, expected: list[str]) -> None:
    """Filters keep the types with a supported association of that resource type or country."""
    out = client.describe_registration_type_definitions(Filters=[{"Name": name, "Values": [value]}])
    assert [d["RegistrationType"] for d in out["RegistrationTypeDefinitions"]] == expected


def test_type_definitions_paginate(client: Any) -> None:
    """DescribeRegistrationTypeDefinitions pages by MaxResults."""
    result = pages(
        client, "describe_registration_type_definitions", PaginationConfig={"PageSize": 3}
    )
    assert [len(p["RegistrationTypeDefinitions"]) for p in result] == [3, 1]


def test_section_definitions(client: Any) -> None:
    """DescribeRegistrationSectionDefinitions lists a type's sections; SectionPaths narrows them."""
    out = client.describe_registration_section_definitions(RegistrationType=TOLL_FREE)
    assert out["RegistrationType"] == TOLL_FREE
    assert [s["SectionPath"] for s in out["RegistrationSectionDefinitions"]] == [
        "companyInfo",
        "messagingUseCase",
    ]
    assert out["RegistrationSectionDefinitions"][0]["DisplayHints"]["Title"] == "Company info"
    narrowed = client.describe_registration_section_definitions(
        RegistrationType=TOLL_FREE, SectionPaths=["messagingUseCase"]
    )
    assert [s["SectionPath"] for s in narrowed["RegistrationSectionDefinitions"]] == [
        "messagingUseCase"
    ]


def test_section_definitions_repeat_the_type_on_every_page(client: Any) -> None:
    """RegistrationType is a non-aggregate key: every page carries it."""
    result = pages(
        client,
        "describe_registration_section_definitions",
        RegistrationType=BRAND,
        PaginationConfig={"PageSize": 1},
    )
    assert len(result) == 2
    assert all(p["RegistrationType"] == BRAND for p in result)


@pytest.mark.parametrize(
    ("operation", "params", "reason", "field"),
    [
        (
            "describe_registration_section_definitions",
            {"RegistrationType": "XX_NOTHING"},
            "UNKNOWN_REGISTRATION_TYPE",
            "RegistrationType",
        ),
        (
            "describe_registration_section_definitions",
            {"RegistrationType": TOLL_FREE, "SectionPaths": ["nowhere"]},
            "UNKNOWN_REGISTRATION_SECTION",
            "SectionPaths",
        ),
        (
            "describe_registration_field_definitions",
            {"RegistrationType": "XX_NOTHING"},
            "UNKNOWN_REGISTRATION_TYPE",
            "RegistrationType",
        ),
        (
            "describe_registration_field_definitions",
            {"RegistrationType": TOLL_FREE, "SectionPath": "nowhere"},
            "UNKNOWN_REGISTRATION_SECTION",
            "SectionPath",
        ),
        (
            "describe_registration_field_definitions",
            {"RegistrationType": TOLL_FREE, "FieldPaths": ["companyInfo.nothing"]},
            "UNKNOWN_REGISTRATION_FIELD",
            "FieldPaths",
        ),
    ],
    ids=[
        "sections-unknown-type",
        "sections-unknown-section",
        "fields-unknown-type",
        "fields-unknown-section",
        "fields-unknown-field",
    ],
)
def test_unknown_definitions(
    client: Any, operation: str, params: dict[str, Any], reason: str, field: str
) -> None:
    """Unknown types, sections and fields are ValidationException with the matching Reason."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        getattr(client, operation)(**params)
    error = error_of(exc)
    assert error["Reason"] == reason
    assert [f["Name"] for f in error["Fields"]] == [field]


def test_field_definitions(client: Any) -> None:
    """DescribeRegistrationFieldDefinitions gives each field's type, requirement and validation."""
    out = client.describe_registration_field_definitions(RegistrationType=TOLL_FREE)
    fields = {f["FieldPath"]: f for f in out["RegistrationFieldDefinitions"]}
    assert list(fields) == [
        "companyInfo.companyName",
        "companyInfo.website",
        "messagingUseCase.monthlyMessageVolume",
        "messagingUseCase.optInImage",
    ]
    name = fields["companyInfo.companyName"]
    assert (name["SectionPath"], name["FieldType"], name["FieldRequirement"]) == (
        "companyInfo",
        "TEXT",
        "REQUIRED",
    )
    assert name["TextValidation"] == {
        "MinLength": 1,
        "MaxLength": 100,
        "Pattern": r"^(?=\s*\S)[\s\S]+$",
    }
    volume = fields["messagingUseCase.monthlyMessageVolume"]
    assert volume["SelectValidation"]["MinChoices"] == volume["SelectValidation"]["MaxChoices"] == 1
    assert "10,000,000+" in volume["SelectValidation"]["Options"]
    assert fields["messagingUseCase.optInImage"]["FieldType"] == "ATTACHMENT"


def test_field_definitions_narrowed(client: Any) -> None:
    """SectionPath and FieldPaths narrow the field definitions."""
    by_section = client.describe_registration_field_definitions(
        RegistrationType=TOLL_FREE, SectionPath="messagingUseCase"
    )
    assert {f["SectionPath"] for f in by_section["RegistrationFieldDefinitions"]} == {
        "messagingUseCase"
    }
    by_path = client.describe_registration_field_definitions(
        RegistrationType=TOLL_FREE, FieldPaths=["companyInfo.website"]
    )
    assert [f["FieldPath"] for f in by_path["RegistrationFieldDefinitions"]] == [
        "companyInfo.website"
    ]


def test_field_definitions_repeat_the_type_on_every_page(client: Any) -> None:
    """RegistrationType is a non-aggregate key of DescribeRegistrationFieldDefinitions."""
    result = pages(
        client,
        "describe_registration_field_definitions",
        RegistrationType=TOLL_FREE,
        PaginationConfig={"PageSize": 3},
    )
    assert [len(p["RegistrationFieldDefinitions"]) for p in result] == [3, 1]
    assert all(p["RegistrationType"] == TOLL_FREE for p in result)


# -- CreateRegistration, DescribeRegistrations --------------------------------------------------


def test_create_registration(client: Any) -> None:
    """A new registration is CREATED, at version 1, and its version 1 is a DRAFT."""
    out = create(client, Tags=[{"Key": "Name", "Value": "MyTFNRegistration"}])
    assert re.fullmatch(r"registration-[0-9a-f]{32}", out["RegistrationId"])
    assert out["RegistrationArn"] == f"{PREFIX}:registration/{out['RegistrationId']}"
    assert (out["RegistrationType"], out["RegistrationStatus"], out["CurrentVersionNumber"]) == (
        TOLL_FREE,
        "CREATED",
        1,
    )
    assert out["Tags"] == [{"Key": "Name", "Value": "MyTFNRegistration"}]
    version = versions(client, out["RegistrationId"])[1]
    assert version["RegistrationVersionStatus"] == "DRAFT"
    assert set(version["RegistrationVersionStatusHistory"]) == {"DraftTimestamp"}


def test_create_registration_of_unknown_type(client: Any) -> None:
    """The RegistrationType must be one of DescribeRegistrationTypeDefinitions."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        create(client, "XX_NOTHING")
    error = error_of(exc)
    assert error["Reason"] == "UNKNOWN_REGISTRATION_TYPE"
    assert [f["Name"] for f in error["Fields"]] == ["RegistrationType"]


def test_registration_quota(client: Any, sms: SmsVoiceMock) -> None:
    """Registrations beyond the account's quota are ServiceQuotaExceededException."""
    sms.backend().settings.limits["REGISTRATIONS"] = 1
    create(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        create(client)
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "REGISTRATIONS_PER_ACCOUNT",
    }


def test_client_token_replays_the_first_registration(client: Any) -> None:
    """A repeated ClientToken returns the first answer and creates nothing."""
    first = create(client, ClientToken="once")
    again = create(client, ClientToken="once")
    assert again["RegistrationId"] == first["RegistrationId"]
    assert len(client.describe_registrations()["Registrations"]) == 1


def test_describe_registrations_by_id_and_arn(client: Any) -> None:
    """RegistrationIds takes ids or ARNs; the answer has no Tags."""
    one = create(client, Tags=[{"Key": "k", "Value": "v"}])
    two = create(client, BRAND)
    create(client)
    out = client.describe_registrations(
        RegistrationIds=[one["RegistrationId"], two["RegistrationArn"]]
    )["Registrations"]
    assert [r["RegistrationId"] for r in out] == [one["RegistrationId"], two["RegistrationId"]]
    assert "Tags" not in out[0]
    assert out[0]["CreatedTimestamp"] == one["CreatedTimestamp"]


def test_describe_unknown_registration(client: Any) -> None:
    """An unknown id in RegistrationIds is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_registrations(RegistrationIds=[MISSING_REGISTRATION])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "registration",
        "ResourceId": MISSING_REGISTRATION,
    }


def test_describe_registrations_filters(client: Any) -> None:
    """Filters registration-type and registration-status keep the matching registrations."""
    toll_free = create(client)["RegistrationId"]
    brand = create(client, BRAND)["RegistrationId"]
    sent = submitted(client)

    def ids(*filters: tuple[str, list[str]]) -> set[str]:
        out = client.describe_registrations(Filters=[{"Name": n, "Values": v} for n, v in filters])
        return {r["RegistrationId"] for r in out["Registrations"]}

    assert ids(("registration-type", [BRAND])) == {brand}
    assert ids(("registration-status", ["SUBMITTED"])) == {sent}
    assert ids(("registration-type", [TOLL_FREE]), ("registration-status", ["CREATED"])) == {
        toll_free
    }


def test_describe_registrations_invalid_status_filter(client: Any) -> None:
    """A registration-status value outside RegistrationStatus is INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_registrations(
            Filters=[{"Name": "registration-status", "Values": ["WAITING"]}]
        )
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_describe_registrations_paginate(client: Any) -> None:
    """DescribeRegistrations pages by MaxResults."""
    for _ in range(3):
        create(client)
    result = pages(client, "describe_registrations", PaginationConfig={"PageSize": 2})
    assert [len(p["Registrations"]) for p in result] == [2, 1]


def test_registration_and_attachment_tags(client: Any) -> None:
    """Registrations and registration attachments carry tags."""
    registration = create(client)["RegistrationArn"]
    upload = client.create_registration_attachment(AttachmentBody=PNG)["RegistrationAttachmentArn"]
    for arn in (registration, upload):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "sms"}])
        assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "team", "Value": "sms"}
        ]


def test_account_limits_count_registrations(client: Any) -> None:
    """DescribeAccountLimits counts registrations and registration attachments in use."""
    create(client)
    create(client)
    attachment(client)
    used = {row["Name"]: row["Used"] for row in client.describe_account_limits()["AccountLimits"]}
    assert (used["REGISTRATIONS"], used["REGISTRATION_ATTACHMENTS"]) == (2, 1)


# -- field values -------------------------------------------------------------------------------


def test_put_and_describe_field_values(client: Any) -> None:
    """PutRegistrationFieldValue sets text, select and attachment values of the DRAFT version;
    DescribeRegistrationFieldValues returns them in form order."""
    registration = create(client)
    rid = registration["RegistrationId"]
    upload = client.create_registration_attachment(AttachmentBody=PNG)
    out = put(client, rid, "messagingUseCase.monthlyMessageVolume", SelectChoices=["100"])
    assert out == {
        "RegistrationArn": registration["RegistrationArn"],
        "RegistrationId": rid,
        "VersionNumber": 1,
        "FieldPath": "messagingUseCase.monthlyMessageVolume",
        "SelectChoices": ["100"],
        "ResponseMetadata": out["ResponseMetadata"],
    }
    put(client, rid, "companyInfo.companyName", TextValue="Example Corp")
    put(
        client,
        rid,
        "messagingUseCase.optInImage",
        RegistrationAttachmentId=upload["RegistrationAttachmentArn"],
    )
    described = client.describe_registration_field_values(
        RegistrationId=registration["RegistrationArn"]
    )
    assert described["VersionNumber"] == 1
    assert described["RegistrationFieldValues"] == [
        {"FieldPath": "companyInfo.companyName", "TextValue": "Example Corp"},
        {"FieldPath": "messagingUseCase.monthlyMessageVolume", "SelectChoices": ["100"]},
        {
            "FieldPath": "messagingUseCase.optInImage",
            "RegistrationAttachmentId": upload["RegistrationAttachmentId"],
        },
    ]


def test_put_replaces_the_value(client: Any) -> None:
    """PutRegistrationFieldValue "Creates or updates a field value"."""
    rid = create(client)["RegistrationId"]
    put(client, rid, "companyInfo.companyName", TextValue="Example Corp")
    put(client, rid, "companyInfo.companyName", TextValue="AnyCompany")
    assert values(client, rid)["companyInfo.companyName"]["TextValue"] == "AnyCompany"


@pytest.mark.parametrize(
    ("path", "value", "reason", "field"),
    [
        ("companyInfo.companyName", {"TextValue": "   "}, "FIELD_VALIDATION_FAILED", "TextValue"),
        (
            "companyInfo.companyName",
            {"TextValue": "x" * 101},
            "FIELD_VALIDATION_FAILED",
            "TextValue",
        ),
        (
            "companyInfo.website",
            {"TextValue": "example.com"},
            "FIELD_VALIDATION_FAILED",
            "TextValue",
        ),
        (
            "messagingUseCase.monthlyMessageVolume",
            {"SelectChoices": ["7"]},
            "FIELD_VALIDATION_FAILED",
            "SelectChoices",
        ),
        (
            "messagingUseCase.monthlyMessageVolume",
            {"SelectChoices": ["10", "100"]},
            "FIELD_VALIDATION_FAILED",
            "SelectChoices",
        ),
        (
            "messagingUseCase.monthlyMessageVolume",
            {"SelectChoices": []},
            "FIELD_VALIDATION_FAILED",
            "SelectChoices",
        ),
        (
            "messagingUseCase.monthlyMessageVolume",
            {"TextValue": "100"},
            "INVALID_PARAMETER",
            "TextValue",
        ),
        (
            "companyInfo.companyName",
            {"TextValue": "Example Corp", "SelectChoices": ["x"]},
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            "TextValue",
        ),
        ("companyInfo.companyName", {}, "MISSING_PARAMETER", "TextValue"),
        ("companyInfo.nothing", {"TextValue": "x"}, "UNKNOWN_REGISTRATION_FIELD", "FieldPath"),
        (
            "contactInfo.supportEmail",
            {"TextValue": "a@b.co"},
            "UNKNOWN_REGISTRATION_FIELD",
            "FieldPath",
        ),
    ],
    ids=[
        "blank-text",
        "text-too-long",
        "text-not-matching-pattern",
        "unknown-option",
        "too-many-choices",
        "too-few-choices",
        "text-for-select-field",
        "two-values",
        "no-value",
        "unknown-field",
        "field-of-another-type",
    ],
)
def test_invalid_field_values(
    client: Any, path: str, value: dict[str, Any], reason: str, field: str
) -> None:
    """A value must be the one member the field's FieldType takes and satisfy its TextValidation or
    SelectValidation; the FieldPath must be a field of the registration's type."""
    rid = create(client)["RegistrationId"]
    with pytest.raises(client.exceptions.ValidationException) as exc:
        put(client, rid, path, **value)
    error = error_of(exc)
    assert error["Reason"] == reason
    assert [f["Name"] for f in error["Fields"]] == [field]


def test_put_unknown_attachment(client: Any) -> None:
    """An attachment field needs an existing registration attachment."""
    rid = create(client)["RegistrationId"]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        put(client, rid, "messagingUseCase.optInImage", RegistrationAttachmentId=MISSING_ATTACHMENT)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "registration-attachment",
        "ResourceId": MISSING_ATTACHMENT,
    }


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.put_registration_field_value(
            RegistrationId=MISSING_REGISTRATION, FieldPath="companyInfo.companyName", TextValue="x"
        ),
        lambda c: c.describe_registration_field_values(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.delete_registration_field_value(
            RegistrationId=MISSING_REGISTRATION, FieldPath="companyInfo.website"
        ),
        lambda c: c.describe_registration_versions(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.create_registration_version(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.submit_registration_version(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.discard_registration_version(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.list_registration_associations(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.create_registration_association(
            RegistrationId=MISSING_REGISTRATION, ResourceId="phone-00000000000000000000000000000000"
        ),
        lambda c: c.delete_registration(RegistrationId=MISSING_REGISTRATION),
        lambda c: c.delete_registration(
            RegistrationId=f"{PREFIX}:registration/{MISSING_REGISTRATION}"
        ),
    ],
    ids=[
        "put-value",
        "describe-values",
        "delete-value",
        "describe-versions",
        "create-version",
        "submit",
        "discard",
        "list-associations",
        "create-association",
        "delete",
        "delete-by-arn",
    ],
)
def test_unknown_registration_is_not_found(client: Any, call: Any) -> None:
    """Every operation on a registration answers ResourceNotFoundException for an unknown one."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        call(client)
    error = error_of(exc)
    assert error["ResourceType"] == "registration"
    assert error["ResourceId"].endswith(MISSING_REGISTRATION)


def test_describe_field_values_narrowed(client: Any) -> None:
    """SectionPath and FieldPaths narrow DescribeRegistrationFieldValues."""
    rid = create(client)["RegistrationId"]
    fill(client, rid, TOLL_FREE)
    assert set(values(client, rid, SectionPath="companyInfo")) == {"companyInfo.companyName"}
    assert set(values(client, rid, FieldPaths=["messagingUseCase.optInImage"])) == {
        "messagingUseCase.optInImage"
    }


@pytest.mark.parametrize(
    ("params", "reason", "field"),
    [
        ({"SectionPath": "nowhere"}, "UNKNOWN_REGISTRATION_SECTION", "SectionPath"),
        ({"FieldPaths": ["companyInfo.nothing"]}, "UNKNOWN_REGISTRATION_FIELD", "FieldPaths"),
        ({"VersionNumber": 7}, "UNKNOWN_REGISTRATION_VERSION", "VersionNumber"),
    ],
    ids=["unknown-section", "unknown-field", "unknown-version"],
)
def test_describe_field_values_of_unknown_parts(
    client: Any, params: dict[str, Any], reason: str, field: str
) -> None:
    """Unknown sections, fields and versions are ValidationException with the matching Reason."""
    rid = create(client)["RegistrationId"]
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_registration_field_values(RegistrationId=rid, **params)
    error = error_of(exc)
    assert error["Reason"] == reason
    assert [f["Name"] for f in error["Fields"]] == [field]


def test_field_values_repeat_the_registration_on_every_page(client: Any) -> None:
    """RegistrationId, RegistrationArn and VersionNumber are on every page of field values."""
    registration = create(client)
    fill(client, registration["RegistrationId"], TOLL_FREE)
    result = pages(
        client,
        "describe_registration_field_values",
        RegistrationId=registration["RegistrationId"],
        PaginationConfig={"PageSize": 2},
    )
    assert [len(p["RegistrationFieldValues"]) for p in result] == [2, 1]
    for page in result:
        assert (page["RegistrationId"], page["RegistrationArn"], page["VersionNumber"]) == (
            registration["RegistrationId"],
            registration["RegistrationArn"],
            1,
        )


def test_delete_field_value(client: Any) -> None:
    """DeleteRegistrationFieldValue removes a value and answers with it."""
    rid = create(client)["RegistrationId"]
    put(client, rid, "companyInfo.website", TextValue="https://www.example.com")
    out = client.delete_registration_field_value(
        RegistrationId=rid, FieldPath="companyInfo.website"
    )
    assert (out["FieldPath"], out["TextValue"], out["VersionNumber"]) == (
        "companyInfo.website",
        "https://www.example.com",
        1,
    )
    assert values(client, rid) == {}


def test_required_field_value_can_be_deleted_from_a_draft(client: Any) -> None:
    """DeleteRegistrationFieldValue works on any field of a draft, required or not: "required" is
    checked when the version is submitted (issue 7; API_SubmitRegistrationVersion)."""
    rid = create(client)["RegistrationId"]
    put(client, rid, "companyInfo.companyName", TextValue="Example Corp")
    out = client.delete_registration_field_value(
        RegistrationId=rid, FieldPath="companyInfo.companyName"
    )
    assert (out["FieldPath"], out["TextValue"]) == ("companyInfo.companyName", "Example Corp")
    assert "companyInfo.companyName" not in values(client, rid)


def test_delete_field_without_value(client: Any) -> None:
    """Deleting a field that has no value is ResourceNotFoundException."""
    rid = create(client)["RegistrationId"]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.delete_registration_field_value(RegistrationId=rid, FieldPath="companyInfo.website")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "registration",
        "ResourceId": f"{rid}/companyInfo.website",
    }


@pytest.mark.parametrize(
    "call",
    [
        lambda c, rid: c.put_registration_field_value(
            RegistrationId=rid, FieldPath="companyInfo.companyName", TextValue="Other Corp"
        ),
        lambda c, rid: c.delete_registration_field_value(
            RegistrationId=rid, FieldPath="companyInfo.website"
        ),
    ],
    ids=["put", "delete"],
)
def test_field_values_are_read_only_once_submitted(client: Any, call: Any) -> None:
    """Field values change only in a DRAFT version: "Once you submit your registration you can
    not make any changes to the registration"."""
    rid = submitted(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        call(client, rid)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED",
        "ResourceType": "registration",
        "ResourceId": rid,
    }


# -- SubmitRegistrationVersion and the review ---------------------------------------------------


def test_submit_registration_version(client: Any) -> None:
    """Submitting moves the DRAFT version and the registration to SUBMITTED."""
    registration, _ = ready_toll_free(client)
    rid = registration["RegistrationId"]
    out = client.submit_registration_version(RegistrationId=rid)
    assert (out["RegistrationId"], out["VersionNumber"], out["RegistrationVersionStatus"]) == (
        rid,
        1,
        "SUBMITTED",
    )
    assert out["AwsReview"] is False
    assert set(out["RegistrationVersionStatusHistory"]) == {"DraftTimestamp", "SubmittedTimestamp"}
    assert registration_of(client, rid)["RegistrationStatus"] == "SUBMITTED"


def test_submit_for_aws_review(client: Any) -> None:
    """AwsReview=true requests AWS review: the version and registration are AWS_REVIEWING."""
    registration, _ = ready_toll_free(client)
    rid = registration["RegistrationId"]
    out = client.submit_registration_version(RegistrationId=rid, AwsReview=True)
    assert (out["RegistrationVersionStatus"], out["AwsReview"]) == ("AWS_REVIEWING", True)
    assert "AwsReviewingTimestamp" in out["RegistrationVersionStatusHistory"]
    assert registration_of(client, rid)["RegistrationStatus"] == "AWS_REVIEWING"


def test_submit_without_required_fields(client: Any) -> None:
    """Every REQUIRED field needs a value before the registration can be submitted."""
    rid = create(client)["RegistrationId"]
    put(client, rid, "companyInfo.companyName", TextValue="Example Corp")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.submit_registration_version(RegistrationId=rid)
    error = error_of(exc)
    assert error["Reason"] == "FIELD_VALIDATION_FAILED"
    assert [f["Name"] for f in error["Fields"]] == [
        "messagingUseCase.monthlyMessageVolume",
        "messagingUseCase.optInImage",
    ]


def test_submit_without_the_association_required_before_submission(client: Any) -> None:
    """ASSOCIATE_BEFORE_SUBMIT: "the toll-free number must be purchased and associated with the
    registration before the registration can be submitted"."""
    rid = create(client)["RegistrationId"]
    fill(client, rid, TOLL_FREE)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.submit_registration_version(RegistrationId=rid)
    assert error_of(exc)["Reason"] == "INVALID_REGISTRATION_ASSOCIATION"


def test_submit_twice(client: Any, sms: SmsVoiceMock) -> None:
    """A version under review is already submitted; an approved one is no longer a draft."""
    rid = submitted(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.submit_registration_version(RegistrationId=rid)
    assert error_of(exc)["Reason"] == "REGISTRATION_ALREADY_SUBMITTED"
    approve(sms, rid)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.submit_registration_version(RegistrationId=rid)
    assert error_of(exc)["Reason"] == "SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED"


def test_review_and_approval(client: Any, sms: SmsVoiceMock) -> None:
    """The review hooks move the version SUBMITTED → REVIEWING → APPROVED and the registration
    REVIEWING → COMPLETE ("approved and your origination identity has been created")."""
    rid = submitted(client)
    registration = sms.backend().registrations[rid]
    registration.start_review(sms.clock.now())
    assert registration_of(client, rid)["RegistrationStatus"] == "REVIEWING"
    assert versions(client, rid)[1]["RegistrationVersionStatus"] == "REVIEWING"
    registration.approve(sms.clock.now())
    described = registration_of(client, rid)
    assert (described["RegistrationStatus"], described["ApprovedVersionNumber"]) == ("COMPLETE", 1)
    version = versions(client, rid)[1]
    assert version["RegistrationVersionStatus"] == "APPROVED"
    assert {"ReviewingTimestamp", "ApprovedTimestamp"} <= set(
        version["RegistrationVersionStatusHistory"]
    )


def test_approval_passes_through_provisioning(client: Any, sms: SmsVoiceMock) -> None:
    """PROVISIONING: "approved and your origination identity is being created"; complete() ends it."""
    rid = submitted(client)
    registration = sms.backend().registrations[rid]
    registration.approve(sms.clock.now(), complete=False)
    assert registration_of(client, rid)["RegistrationStatus"] == "PROVISIONING"
    registration.complete()
    assert registration_of(client, rid)["RegistrationStatus"] == "COMPLETE"


def test_requires_authentication(client: Any, sms: SmsVoiceMock) -> None:
    """REQUIRES_AUTHENTICATION: "You need to complete email authentication"."""
    rid = submitted(client)
    sms.backend().registrations[rid].require_authentication(sms.clock.now())
    assert registration_of(client, rid)["RegistrationStatus"] == "REQUIRES_AUTHENTICATION"
    assert versions(client, rid)[1]["RegistrationVersionStatus"] == "REQUIRES_AUTHENTICATION"


def test_denial_requires_updates(client: Any, sms: SmsVoiceMock) -> None:
    """A denied version carries its DeniedReasons; the registration REQUIRES_UPDATES."""
    rid = submitted(client)
    sms.backend().registrations[rid].deny(
        sms.clock.now(),
        [{"Reason": "OPT_IN", "ShortDescription": "The opt-in image is unreadable."}],
    )
    described = registration_of(client, rid)
    assert (described["RegistrationStatus"], described["LatestDeniedVersionNumber"]) == (
        "REQUIRES_UPDATES",
        1,
    )
    version = versions(client, rid)[1]
    assert version["RegistrationVersionStatus"] == "DENIED"
    assert version["DeniedReasons"] == [
        {"Reason": "OPT_IN", "ShortDescription": "The opt-in image is unreadable."}
    ]


def test_review_hooks_need_a_submitted_version(client: Any, sms: SmsVoiceMock) -> None:
    """The review hooks refuse, with a sentence saying what to do, a registration not under review."""
    rid = create(client)["RegistrationId"]
    registration = sms.backend().registrations[rid]
    with pytest.raises(RuntimeError, match="SubmitRegistrationVersion"):
        registration.approve(sms.clock.now())
    with pytest.raises(RuntimeError, match="approve it first"):
        registration.complete()


# -- versions -----------------------------------------------------------------------------------


def test_new_version_after_denial(client: Any, sms: SmsVoiceMock) -> None:
    """CreateRegistrationVersion "increase[s] the VersionNumber"; the new DRAFT starts with the
    previous version's values and the previous version "becomes read-only"."""
    rid = submitted(client)
    deny(sms, rid, "COMPANY_NAME")
    out = client.create_registration_version(RegistrationId=rid)
    assert (out["VersionNumber"], out["RegistrationVersionStatus"]) == (2, "DRAFT")
    assert registration_of(client, rid)["CurrentVersionNumber"] == 2
    assert values(client, rid) == values(client, rid, VersionNumber=1)
    put(client, rid, "companyInfo.companyName", TextValue="AnyCompany")
    assert values(client, rid, VersionNumber=1)["companyInfo.companyName"]["TextValue"] == (
        "Example Corp"
    )
    client.submit_registration_version(RegistrationId=rid)
    approve(sms, rid)
    described = registration_of(client, rid)
    assert (
        described["RegistrationStatus"],
        described["ApprovedVersionNumber"],
        described["LatestDeniedVersionNumber"],
    ) == ("COMPLETE", 2, 1)


def test_approving_a_newer_version_archives_the_old_one(client: Any, sms: SmsVoiceMock) -> None:
    """ARCHIVED: "Your previously approved registration version moves into this status when a more
    recently submitted version is approved"."""
    rid = submitted(client)
    approve(sms, rid)
    client.create_registration_version(RegistrationId=rid)
    client.submit_registration_version(RegistrationId=rid)
    approve(sms, rid)
    statuses = {n: v["RegistrationVersionStatus"] for n, v in versions(client, rid).items()}
    assert statuses == {1: "ARCHIVED", 2: "APPROVED"}


def test_denying_an_update_keeps_the_approved_registration(client: Any, sms: SmsVoiceMock) -> None:
    """A denied update leaves a registration with an approved version COMPLETE."""
    rid = submitted(client)
    approve(sms, rid)
    client.create_registration_version(RegistrationId=rid)
    client.submit_registration_version(RegistrationId=rid)
    deny(sms, rid, "SAMPLE")
    described = registration_of(client, rid)
    assert (described["RegistrationStatus"], described["ApprovedVersionNumber"]) == ("COMPLETE", 1)


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_new_version_not_allowed(client: Any, state: str) -> None:
    """There is one DRAFT at a time, and no new version while one is under review."""
    rid = create(client)["RegistrationId"] if state == "draft" else submitted(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_registration_version(RegistrationId=rid)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "CREATE_REGISTRATION_VERSION_NOT_ALLOWED",
        "ResourceType": "registration",
        "ResourceId": rid,
    }


def test_discard_registration_version(client: Any, sms: SmsVoiceMock) -> None:
    """DiscardRegistrationVersion discards a submitted update ("You can only discard the
    registration if its status is Submitted", user guide); the approved version is current again and
    the next version gets a new number."""
    rid = submitted(client)
    approve(sms, rid)
    client.create_registration_version(RegistrationId=rid)
    client.submit_registration_version(RegistrationId=rid)
    out = client.discard_registration_version(RegistrationId=rid)
    assert (out["VersionNumber"], out["RegistrationVersionStatus"]) == (2, "DISCARDED")
    assert "DiscardedTimestamp" in out["RegistrationVersionStatusHistory"]
    described = registration_of(client, rid)
    assert (described["CurrentVersionNumber"], described["RegistrationStatus"]) == (1, "COMPLETE")
    assert client.create_registration_version(RegistrationId=rid)["VersionNumber"] == 3


def test_discard_the_first_submitted_version(client: Any) -> None:
    """A first version that was submitted can be discarded (user guide: only when Submitted); the
    registration is CREATED again and a new DRAFT starts over."""
    rid = submitted(client)
    out = client.discard_registration_version(RegistrationId=rid)
    assert (out["VersionNumber"], out["RegistrationVersionStatus"]) == (1, "DISCARDED")
    assert registration_of(client, rid)["RegistrationStatus"] == "CREATED"
    assert client.create_registration_version(RegistrationId=rid)["VersionNumber"] == 2


@pytest.mark.parametrize("state", ["never-submitted", "later-draft", "reviewing"])
def test_discard_not_allowed(client: Any, sms: SmsVoiceMock, state: str) -> None:
    """ "You can only discard the registration if its status is Submitted" (user guide): a draft that
    was never submitted, or a version already taken up for review, can't be discarded."""
    if state == "never-submitted":
        rid = create(client)["RegistrationId"]
    else:
        rid = submitted(client)
        if state == "later-draft":
            approve(sms, rid)
            client.create_registration_version(RegistrationId=rid)
        else:
            sms.backend().registrations[rid].start_review(sms.clock.now())
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.discard_registration_version(RegistrationId=rid)
    assert error_of(exc)["Reason"] == "DISCARD_REGISTRATION_VERSION_NOT_ALLOWED"


def test_describe_registration_versions(client: Any, sms: SmsVoiceMock) -> None:
    """VersionNumbers and the registration-version-status filter narrow the versions; every page
    repeats RegistrationId and RegistrationArn."""
    rid = submitted(client)
    deny(sms, rid)
    client.create_registration_version(RegistrationId=rid)
    picked = client.describe_registration_versions(RegistrationId=rid, VersionNumbers=[2])
    assert [v["VersionNumber"] for v in picked["RegistrationVersions"]] == [2]
    denied = client.describe_registration_versions(
        RegistrationId=rid,
        Filters=[{"Name": "registration-version-status", "Values": ["DENIED"]}],
    )
    assert [v["VersionNumber"] for v in denied["RegistrationVersions"]] == [1]
    result = pages(
        client,
        "describe_registration_versions",
        RegistrationId=rid,
        PaginationConfig={"PageSize": 1},
    )
    assert [p["RegistrationVersions"][0]["VersionNumber"] for p in result] == [1, 2]
    assert all(p["RegistrationId"] == rid for p in result)
    assert all(p["RegistrationArn"] == f"{PREFIX}:registration/{rid}" for p in result)


def test_describe_unknown_registration_version(client: Any) -> None:
    """An unknown VersionNumbers entry is ValidationException UNKNOWN_REGISTRATION_VERSION."""
    rid = create(client)["RegistrationId"]
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_registration_versions(RegistrationId=rid, VersionNumbers=[2])
    error = error_of(exc)
    assert error["Reason"] == "UNKNOWN_REGISTRATION_VERSION"
    assert [f["Name"] for f in error["Fields"]] == ["VersionNumbers"]


# -- associations -------------------------------------------------------------------------------


def test_associate_a_toll_free_number(client: Any) -> None:
    """CreateRegistrationAssociation associates the registration with a phone number; the number
    then names the registration."""
    registration = create(client)
    number = toll_free_number(client)
    out = client.create_registration_association(
        RegistrationId=registration["RegistrationId"], ResourceId=number["PhoneNumberArn"]
    )
    assert {k: v for k, v in out.items() if k != "ResponseMetadata"} == {
        "RegistrationArn": registration["RegistrationArn"],
        "RegistrationId": registration["RegistrationId"],
        "RegistrationType": TOLL_FREE,
        "ResourceArn": number["PhoneNumberArn"],
        "ResourceId": number["PhoneNumberId"],
        "ResourceType": "TOLL_FREE",
        "IsoCountryCode": "US",
        "PhoneNumber": number["PhoneNumber"],
    }
    described = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])
    assert described["PhoneNumbers"][0]["RegistrationId"] == registration["RegistrationId"]


@pytest.mark.parametrize(
    "resource",
    [
        "simulator-number",
        "pool",
        "sender-id",
    ],
)
def test_association_the_type_does_not_support(client: Any, resource: str) -> None:
    """Only the resource types of the registration type's SupportedAssociations can be associated."""
    rid = create(client)["RegistrationId"]
    number = request_number(client)
    if resource == "simulator-number":
        resource_id = number["PhoneNumberId"]
    elif resource == "pool":
        resource_id = client.create_pool(
            OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL"
        )["PoolArn"]
    else:
        resource_id = client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")["SenderIdArn"]
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_registration_association(RegistrationId=rid, ResourceId=resource_id)
    error = error_of(exc)
    assert error["Reason"] == "INVALID_REGISTRATION_ASSOCIATION"
    assert [f["Name"] for f in error["Fields"]] == ["ResourceId"]


def test_sender_ids_are_associated_on_approval(client: Any, sms: SmsVoiceMock) -> None:
    """ASSOCIATE_ON_APPROVAL: "The sender ID will be automatically provisioned once the
    registration is approved", so it is never associated by hand."""
    backend = sms.backend()
    sender = SenderId(
        sender_id="ACME", iso_country_code="SA", arn=backend.arn("sender-id", "ACME/SA")
    )
    backend.sender_ids[sender.key] = sender  # as if provisioned by an earlier registration
    rid = create(client, SENDER)["RegistrationId"]
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_registration_association(RegistrationId=rid, ResourceId="ACME")
    assert error_of(exc)["Reason"] == "INVALID_REGISTRATION_ASSOCIATION"


def test_associate_unknown_resource(client: Any) -> None:
    """The associated resource must exist."""
    rid = create(client)["RegistrationId"]
    missing = "phone-00000000000000000000000000000000"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.create_registration_association(RegistrationId=rid, ResourceId=missing)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "phone-number",
        "ResourceId": missing,
    }


def test_associate_twice(client: Any) -> None:
    """A resource is associated with a registration once; a phone number with one registration."""
    registration, number = ready_toll_free(client)
    rid = registration["RegistrationId"]
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_registration_association(
            RegistrationId=rid, ResourceId=number["PhoneNumberId"]
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_ALREADY_ASSOCIATED",
        "ResourceType": "registration",
        "ResourceId": rid,
    }
    other = create(client)["RegistrationId"]
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_registration_association(
            RegistrationId=other, ResourceId=number["PhoneNumberId"]
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION",
        "ResourceType": "phone-number",
        "ResourceId": number["PhoneNumberId"],
    }


def test_associate_before_submit_only_while_draft(client: Any) -> None:
    """ "Once you submit your registration you can not make any changes to the registration"."""
    rid = submitted(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_registration_association(
            RegistrationId=rid, ResourceId=toll_free_number(client)["PhoneNumberId"]
        )
    assert error_of(exc)["Reason"] == "REGISTRATION_ALREADY_SUBMITTED"


def test_campaign_needs_a_complete_brand(client: Any, sms: SmsVoiceMock) -> None:
    """A 10DLC campaign registration is associated with its brand registration once the brand is
    approved; ResourceType is the brand's RegistrationType."""
    brand_id = create(client, BRAND)["RegistrationId"]
    campaign_id = create(client, CAMPAIGN)["RegistrationId"]
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_registration_association(RegistrationId=campaign_id, ResourceId=brand_id)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "REGISTRATION_NOT_COMPLETE",
        "ResourceType": "registration",
        "ResourceId": brand_id,
    }
    fill(client, brand_id, BRAND)
    client.submit_registration_version(RegistrationId=brand_id)
    approve(sms, brand_id)
    out = client.create_registration_association(
        RegistrationId=campaign_id, ResourceId=f"{PREFIX}:registration/{brand_id}"
    )
    assert (out["ResourceType"], out["ResourceId"], out["IsoCountryCode"]) == (
        BRAND,
        brand_id,
        "US",
    )
    assert "PhoneNumber" not in out


def test_ten_dlc_numbers_join_a_complete_campaign(client: Any, sms: SmsVoiceMock) -> None:
    """ASSOCIATE_AFTER_COMPLETE: "complete a registration first, then associate one or more phone
    numbers later. For example 10DLC campaigns"."""
    brand_id = approved_brand(client, sms)
    campaign_id = create(client, CAMPAIGN)["RegistrationId"]
    number = request_number(client, NumberType="TEN_DLC")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_registration_association(
            RegistrationId=campaign_id, ResourceId=number["PhoneNumberId"]
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "REGISTRATION_NOT_COMPLETE",
        "ResourceType": "registration",
        "ResourceId": campaign_id,
    }
    fill(client, campaign_id, CAMPAIGN)
    client.create_registration_association(RegistrationId=campaign_id, ResourceId=brand_id)
    client.submit_registration_version(RegistrationId=campaign_id)
    approve(sms, campaign_id)
    out = client.create_registration_association(
        RegistrationId=campaign_id, ResourceId=number["PhoneNumberId"]
    )
    assert out["ResourceType"] == "TEN_DLC"


def test_list_registration_associations(client: Any, sms: SmsVoiceMock) -> None:
    """ListRegistrationAssociations lists the associations, filtered by resource-type and
    iso-country-code; every page repeats RegistrationId, RegistrationArn and RegistrationType."""
    campaign_id = approved_campaign(client, sms)
    for _ in range(2):
        client.create_registration_association(
            RegistrationId=campaign_id,
            ResourceId=request_number(client, NumberType="TEN_DLC")["PhoneNumberId"],
        )
    listed = client.list_registration_associations(RegistrationId=campaign_id)
    assert [a["ResourceType"] for a in listed["RegistrationAssociations"]] == [
        BRAND,
        "TEN_DLC",
        "TEN_DLC",
    ]
    numbers = client.list_registration_associations(
        RegistrationId=campaign_id, Filters=[{"Name": "resource-type", "Values": ["TEN_DLC"]}]
    )
    assert len(numbers["RegistrationAssociations"]) == 2
    in_gb = client.list_registration_associations(
        RegistrationId=campaign_id, Filters=[{"Name": "iso-country-code", "Values": ["GB"]}]
    )
    assert in_gb["RegistrationAssociations"] == []
    result = pages(
        client,
        "list_registration_associations",
        RegistrationId=campaign_id,
        PaginationConfig={"PageSize": 2},
    )
    assert [len(p["RegistrationAssociations"]) for p in result] == [2, 1]
    for page in result:
        assert (page["RegistrationId"], page["RegistrationType"]) == (campaign_id, CAMPAIGN)
        assert page["RegistrationArn"] == f"{PREFIX}:registration/{campaign_id}"


def test_association_quota(client: Any, sms: SmsVoiceMock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A registration holds at most ASSOCIATIONS_PER_REGISTRATION associations."""
    campaign_id = approved_campaign(client, sms)
    monkeypatch.setattr(registration_model, "ASSOCIATIONS_PER_REGISTRATION", 2)
    number = request_number(client, NumberType="TEN_DLC")
    client.create_registration_association(
        RegistrationId=campaign_id, ResourceId=number["PhoneNumberId"]
    )
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.create_registration_association(
            RegistrationId=campaign_id,
            ResourceId=request_number(client, NumberType="TEN_DLC")["PhoneNumberId"],
        )
    assert error_of(exc)["Reason"] == "ASSOCIATIONS_PER_REGISTRATION"


def test_releasing_the_number_closes_the_registration(client: Any, sms: SmsVoiceMock) -> None:
    """CLOSED: "The phone number or sender ID has been deleted and you must also delete the
    registration for the number" (DISASSOCIATE_ALL_CLOSES_REGISTRATION)."""
    registration, number = ready_toll_free(client)
    rid = registration["RegistrationId"]
    client.submit_registration_version(RegistrationId=rid)
    approve(sms, rid)
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert registration_of(client, rid)["RegistrationStatus"] == "CLOSED"
    assert (
        client.list_registration_associations(RegistrationId=rid)["RegistrationAssociations"] == []
    )


# -- DeleteRegistration -------------------------------------------------------------------------


def test_delete_registration(client: Any) -> None:
    """DeleteRegistration answers DELETED and the registration is gone."""
    registration = create(client)
    out = client.delete_registration(RegistrationId=registration["RegistrationArn"])
    assert (out["RegistrationId"], out["RegistrationStatus"]) == (
        registration["RegistrationId"],
        "DELETED",
    )
    assert client.describe_registrations()["Registrations"] == []


@pytest.mark.parametrize("hook", ["submitted", "reviewing"])
def test_delete_registration_under_review(client: Any, sms: SmsVoiceMock, hook: str) -> None:
    """REVIEWING: "You can't make any changes to your registration ... while it is in this state"."""
    rid = submitted(client)
    if hook == "reviewing":
        sms.backend().registrations[rid].start_review(sms.clock.now())
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_registration(RegistrationId=rid)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_DELETION_NOT_ALLOWED",
        "ResourceType": "registration",
        "ResourceId": rid,
    }


def test_delete_registration_with_identities(client: Any) -> None:
    """DISASSOCIATE_ALL_CLOSES_REGISTRATION: "All origination identities must be disassociated from
    the registration before the registration can be closed"; releasing the number allows it."""
    registration, number = ready_toll_free(client)
    rid = registration["RegistrationId"]
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_registration(RegistrationId=rid)
    assert error_of(exc)["Reason"] == "RESOURCE_NOT_EMPTY"
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert client.delete_registration(RegistrationId=rid)["RegistrationStatus"] == "DELETED"


def test_delete_campaign_drops_its_brand_association(client: Any, sms: SmsVoiceMock) -> None:
    """DELETE_REGISTRATION_DISASSOCIATES: "The registration can be deleted and all origination
    identities will be disasscoiated"; DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION numbers block it."""
    campaign_id = approved_campaign(client, sms)
    number = request_number(client, NumberType="TEN_DLC")
    client.create_registration_association(
        RegistrationId=campaign_id, ResourceId=number["PhoneNumberId"]
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_registration(RegistrationId=campaign_id)
    assert error_of(exc)["Reason"] == "RESOURCE_NOT_EMPTY"
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    client.delete_registration(RegistrationId=campaign_id)
    remaining = client.describe_registrations()["Registrations"]
    assert [r["RegistrationType"] for r in remaining] == [BRAND]


# -- attachments --------------------------------------------------------------------------------


def test_create_attachment_from_body(client: Any) -> None:
    """CreateRegistrationAttachment uploads a PDF, JPEG or PNG file; the upload completes at once."""
    out = client.create_registration_attachment(
        AttachmentBody=PDF, Tags=[{"Key": "doc", "Value": "loa"}]
    )
    assert re.fullmatch(r"attachment-[0-9a-f]{32}", out["RegistrationAttachmentId"])
    assert out["RegistrationAttachmentArn"] == (
        f"{PREFIX}:registration-attachment/{out['RegistrationAttachmentId']}"
    )
    assert out["AttachmentStatus"] == "UPLOAD_COMPLETE"
    assert out["Tags"] == [{"Key": "doc", "Value": "loa"}]
    described = client.describe_registration_attachments(
        RegistrationAttachmentIds=[out["RegistrationAttachmentId"]]
    )
    row = described["RegistrationAttachments"][0]
    assert (row["RegistrationAttachmentId"], row["CreatedTimestamp"]) == (
        out["RegistrationAttachmentId"],
        out["CreatedTimestamp"],
    )
    assert "AttachmentUrl" not in row


def test_create_attachment_from_s3(client: Any) -> None:
    """AttachmentUrl names the file in S3: "s3://BucketName/FileName"."""
    url = "s3://registrations/opt-in.jpeg"
    out = client.create_registration_attachment(AttachmentUrl=url)
    described = client.describe_registration_attachments(
        RegistrationAttachmentIds=[out["RegistrationAttachmentArn"]]
    )
    assert described["RegistrationAttachments"][0]["AttachmentUrl"] == url


@pytest.mark.parametrize(
    ("params", "reason", "field"),
    [
        (
            {"AttachmentBody": PNG, "AttachmentUrl": "s3://bucket/file.png"},
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            "AttachmentUrl",
        ),
        ({}, "MISSING_PARAMETER", "AttachmentBody"),
        (
            {"AttachmentBody": b"GIF89a" + bytes(8)},
            "ATTACHMENT_TYPE_NOT_SUPPORTED",
            "AttachmentBody",
        ),
        (
            {"AttachmentUrl": "s3://bucket/file.gif"},
            "ATTACHMENT_TYPE_NOT_SUPPORTED",
            "AttachmentUrl",
        ),
        ({"AttachmentUrl": "https://example.com/a.png"}, "INVALID_PARAMETER", "AttachmentUrl"),
        (
            {"AttachmentBody": b"%PDF" + bytes(5 * 1024 * 1024)},
            "MAXIMUM_SIZE_EXCEEDED",
            "AttachmentBody",
        ),
    ],
    ids=["body-and-url", "neither", "gif-body", "gif-url", "not-s3", "over-5mb"],
)
def test_invalid_attachments(client: Any, params: dict[str, Any], reason: str, field: str) -> None:
    """ "Use either AttachmentUrl or AttachmentBody ... If both are specified then an exception is
    returned"; "The maximum file size is 5MB and valid file extensions are PDF, JPEG and PNG"."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_registration_attachment(**params)
    error = error_of(exc)
    assert error["Reason"] == reason
    assert [f["Name"] for f in error["Fields"]] == [field]


def test_attachment_quota(client: Any, sms: SmsVoiceMock) -> None:
    """Attachments beyond the account's quota are ServiceQuotaExceededException."""
    sms.backend().settings.limits["REGISTRATION_ATTACHMENTS"] = 1
    attachment(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        attachment(client)
    assert error_of(exc)["Reason"] == "REGISTRATION_ATTACHMENTS_PER_ACCOUNT"


def test_describe_attachments(client: Any) -> None:
    """DescribeRegistrationAttachments lists every attachment, filters by attachment-status, pages
    by MaxResults and answers ResourceNotFoundException for an unknown id."""
    ids = [attachment(client) for _ in range(3)]
    result = pages(client, "describe_registration_attachments", PaginationConfig={"PageSize": 2})
    assert [
        a["RegistrationAttachmentId"] for p in result for a in p["RegistrationAttachments"]
    ] == ids
    failed = client.describe_registration_attachments(
        Filters=[{"Name": "attachment-status", "Values": ["UPLOAD_FAILED"]}]
    )
    assert failed["RegistrationAttachments"] == []
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_registration_attachments(RegistrationAttachmentIds=[MISSING_ATTACHMENT])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "registration-attachment",
        "ResourceId": MISSING_ATTACHMENT,
    }


def test_delete_attachment(client: Any) -> None:
    """DeleteRegistrationAttachment "Permanently delete[s]" the attachment."""
    upload = attachment(client)
    out = client.delete_registration_attachment(RegistrationAttachmentId=upload)
    assert (out["RegistrationAttachmentId"], out["AttachmentStatus"]) == (upload, "DELETED")
    assert client.describe_registration_attachments()["RegistrationAttachments"] == []
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_registration_attachment(RegistrationAttachmentId=upload)


def test_attachment_in_use_cannot_be_deleted(client: Any) -> None:
    """An attachment that is a registration's field value can't be deleted."""
    rid = create(client)["RegistrationId"]
    upload = attachment(client)
    put(client, rid, "messagingUseCase.optInImage", RegistrationAttachmentId=upload)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_registration_attachment(RegistrationAttachmentId=upload)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_DELETION_NOT_ALLOWED",
        "ResourceType": "registration-attachment",
        "ResourceId": upload,
    }


def test_attachment_body_is_stored(client: Any, sms: SmsVoiceMock) -> None:
    """The uploaded bytes are kept, so a test can inspect what was sent."""
    upload = attachment(client, PDF)
    assert sms.backend().registration_attachments[upload].body == PDF


def test_phone_number_requested_for_a_registration(client: Any) -> None:
    """RequestPhoneNumber with the RegistrationId of an existing registration names it."""
    rid = create(client)["RegistrationId"]
    number = request_number(client, NumberType="TOLL_FREE", RegistrationId=rid)
    assert number["RegistrationId"] == rid
