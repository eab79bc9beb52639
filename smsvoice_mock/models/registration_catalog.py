"""The built-in catalog of registration types, their sections and their fields.

AWS publishes its registration forms only through DescribeRegistrationTypeDefinitions,
DescribeRegistrationSectionDefinitions and DescribeRegistrationFieldDefinitions, so the mock ships a
small catalog of four types, modelled on the user guide's examples ("US_TOLL_FREE_REGISTRATION" with
a TOLL_FREE association ASSOCIATE_BEFORE_SUBMIT / DISASSOCIATE_ALL_CLOSES_REGISTRATION, the field
``companyInfo.companyName`` with ``^(?=\\s*\\S)[\\s\\S]+$``, the select ``messagingUseCase.
monthlyMessageVolume``, the attachment ``messagingUseCase.optInImage``) and on the user guide's 10DLC
walkthrough (a campaign registration is associated with its brand registration).

``SupportedAssociation.ResourceType`` uses the user guide's vocabulary: a phone number's NumberType
(``TOLL_FREE``, ``TEN_DLC``), ``SENDER_ID``, or the RegistrationType of another registration.
Tests may add types to ``REGISTRATION_TYPES``; every rule reads the catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from smsvoice_mock.errors import invalid

# A non-blank text (the user guide's pattern for companyInfo.companyName).
NOT_BLANK = r"^(?=\s*\S)[\s\S]+$"
URL = r"^https?://\S+$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


@dataclass(frozen=True, slots=True, kw_only=True)
class SupportedAssociation:
    resource_type: str
    iso_country_code: str | None
    association_behavior: str
    disassociation_behavior: str

    def to_api(self) -> dict[str, Any]:
        return {
            "ResourceType": self.resource_type,
            "IsoCountryCode": self.iso_country_code,
            "AssociationBehavior": self.association_behavior,
            "DisassociationBehavior": self.disassociation_behavior,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionDefinition:
    path: str
    title: str
    description: str

    def to_api(self) -> dict[str, Any]:
        return {
            "SectionPath": self.path,
            "DisplayHints": {"Title": self.title, "ShortDescription": self.description},
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldDefinition:
    """One form field: TEXT (``text`` = MinLength, MaxLength, Pattern), SELECT (``select`` =
    MinChoices, MaxChoices, Options) or ATTACHMENT."""

    path: str
    field_type: str
    requirement: str
    title: str
    description: str
    text: tuple[int, int, str] | None = None
    select: tuple[int, int, tuple[str, ...]] | None = None
    example: str | None = None

    @property
    def section(self) -> str:
        return self.path.partition(".")[0]

    def to_api(self) -> dict[str, Any]:
        hints: dict[str, Any] = {
            "Title": self.title,
            "ShortDescription": self.description,
            "ExampleTextValue": self.example,
        }
        out: dict[str, Any] = {
            "SectionPath": self.section,
            "FieldPath": self.path,
            "FieldType": self.field_type,
            "FieldRequirement": self.requirement,
            "DisplayHints": hints,
        }
        if self.text is not None:
            low, high, pattern = self.text
            out["TextValidation"] = {"MinLength": low, "MaxLength": high, "Pattern": pattern}
        if self.select is not None:
            low, high, options = self.select
            out["SelectValidation"] = {
                "MinChoices": low,
                "MaxChoices": high,
                "Options": list(options),
            }
        return out

    def check_text(self, value: str) -> None:
        """A TEXT value must fit the field's TextValidation (FIELD_VALIDATION_FAILED)."""
        assert self.text is not None
        low, high, pattern = self.text
        if not low <= len(value) <= high:
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "TextValue",
                f"{self.path} takes {low} to {high} characters, not {len(value)}.",
            )
        if not re.search(pattern, value):
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "TextValue",
                f"The value of {self.path} doesn't match the pattern {pattern}.",
            )

    def check_choices(self, choices: list[str]) -> None:
        """SELECT choices must be options of the field, as many as its SelectValidation allows."""
        assert self.select is not None
        low, high, options = self.select
        if not low <= len(choices) <= high:
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "SelectChoices",
                f"{self.path} takes {low} to {high} choices, not {len(choices)}.",
            )
        unknown = [c for c in choices if c not in options]
        if unknown:
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "SelectChoices",
                f"{', '.join(unknown)} is not an option of {self.path}; the options are "
                f"{', '.join(options)}.",
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationTypeDefinition:
    registration_type: str
    title: str
    description: str
    supported_associations: tuple[SupportedAssociation, ...] = ()
    sections: tuple[SectionDefinition, ...] = ()
    fields: tuple[FieldDefinition, ...] = ()

    def to_api(self) -> dict[str, Any]:
        return {
            "RegistrationType": self.registration_type,
            "SupportedAssociations": [a.to_api() for a in self.supported_associations],
            "DisplayHints": {"Title": self.title, "ShortDescription": self.description},
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeRegistrationTypeDefinitions filters."""
        return {
            "supported-association-resource-type": [
                a.resource_type for a in self.supported_associations
            ],
            "supported-association-iso-country-code": [
                a.iso_country_code for a in self.supported_associations if a.iso_country_code
            ],
        }

    def section(self, path: str, name: str = "SectionPath") -> SectionDefinition:
        """The section ``path`` of this form, else UNKNOWN_REGISTRATION_SECTION."""
        for section in self.sections:
            if section.path == path:
                return section
        raise invalid(
            "UNKNOWN_REGISTRATION_SECTION",
            name,
            f"{self.registration_type} has no section {path!r}.",
        )

    def field(self, path: str, name: str = "FieldPath") -> FieldDefinition:
        """The field ``path`` of this form, else UNKNOWN_REGISTRATION_FIELD."""
        for candidate in self.fields:
            if candidate.path == path:
                return candidate
        raise invalid(
            "UNKNOWN_REGISTRATION_FIELD",
            name,
            f"{self.registration_type} has no field {path!r}.",
        )

    def association_for(self, resource_type: str, iso: str | None) -> SupportedAssociation | None:
        """The supported association of ``resource_type`` in country ``iso`` (None: a resource
        without a country, such as another registration, matches any country)."""
        for supported in self.supported_associations:
            if supported.resource_type == resource_type and (
                iso is None or supported.iso_country_code in (None, iso)
            ):
                return supported
        return None


def _text(
    path: str,
    requirement: str,
    title: str,
    description: str,
    rule: tuple[int, int, str],
    example: str,
) -> FieldDefinition:
    return FieldDefinition(
        path=path,
        field_type="TEXT",
        requirement=requirement,
        title=title,
        description=description,
        text=rule,
        example=example,
    )


def _select(
    path: str,
    requirement: str,
    title: str,
    description: str,
    rule: tuple[int, int, tuple[str, ...]],
) -> FieldDefinition:
    return FieldDefinition(
        path=path,
        field_type="SELECT",
        requirement=requirement,
        title=title,
        description=description,
        select=rule,
    )


_COMPANY_NAME = _text(
    "companyInfo.companyName",
    "REQUIRED",
    "Company name",
    "Legal name which your company is registered under.",
    (1, 100, NOT_BLANK),
    "Example Corp",
)
_WEBSITE = _text(
    "companyInfo.website",
    "OPTIONAL",
    "Company website",
    "The URL of your company's website.",
    (1, 500, URL),
    "https://www.example.com",
)

US_TOLL_FREE = RegistrationTypeDefinition(
    registration_type="US_TOLL_FREE_REGISTRATION",
    title="US toll-free number registration",
    description="Register a US toll-free number before it can send messages.",
    supported_associations=(
        SupportedAssociation(
            resource_type="TOLL_FREE",
            iso_country_code="US",
            association_behavior="ASSOCIATE_BEFORE_SUBMIT",
            disassociation_behavior="DISASSOCIATE_ALL_CLOSES_REGISTRATION",
        ),
    ),
    sections=(
        SectionDefinition(
            path="companyInfo", title="Company info", description="About the sending company."
        ),
        SectionDefinition(
            path="messagingUseCase",
            title="Messaging use case",
            description="What you send and how recipients opt in.",
        ),
    ),
    fields=(
        _COMPANY_NAME,
        _WEBSITE,
        _select(
            "messagingUseCase.monthlyMessageVolume",
            "REQUIRED",
            "Monthly SMS volume",
            "Estimated number of SMS messages which will be sent from this toll-free number "
            "each month.",
            (
                1,
                1,
                (
                    "10",
                    "100",
                    "1,000",
                    "10,000",
                    "100,000",
                    "250,000",
                    "500,000",
                    "750,000",
                    "1,000,000",
                    "5,000,000",
                    "10,000,000+",
                ),
            ),
        ),
        FieldDefinition(
            path="messagingUseCase.optInImage",
            field_type="ATTACHMENT",
            requirement="REQUIRED",
            title="Opt-in workflow image",
            description="A screenshot or photo of how recipients opt in.",
        ),
    ),
)

US_TEN_DLC_BRAND = RegistrationTypeDefinition(
    registration_type="US_TEN_DLC_BRAND_REGISTRATION",
    title="US 10DLC brand registration",
    description="Register your company as a 10DLC brand; campaigns are associated with a brand.",
    sections=(
        SectionDefinition(
            path="companyInfo", title="Company info", description="About the brand's company."
        ),
        SectionDefinition(
            path="contactInfo", title="Contact info", description="Who answers for the brand."
        ),
    ),
    fields=(
        _COMPANY_NAME,
        _select(
            "companyInfo.taxIdIssuingCountry",
            "REQUIRED",
            "Tax ID issuing country",
            "The country that issued the company's tax ID.",
            (1, 1, ("US", "CA", "GB", "OTHER")),
        ),
        _WEBSITE,
        _text(
            "contactInfo.supportEmail",
            "REQUIRED",
            "Support email",
            "The email address recipients can write to for support.",
            (5, 100, EMAIL),
            "support@example.com",
        ),
    ),
)

US_TEN_DLC_CAMPAIGN = RegistrationTypeDefinition(
    registration_type="US_TEN_DLC_CAMPAIGN_REGISTRATION",
    title="US 10DLC campaign registration",
    description="Register a 10DLC campaign of an approved brand, then associate 10DLC numbers.",
    supported_associations=(
        SupportedAssociation(
            resource_type="US_TEN_DLC_BRAND_REGISTRATION",
            iso_country_code="US",
            association_behavior="ASSOCIATE_BEFORE_SUBMIT",
            disassociation_behavior="DELETE_REGISTRATION_DISASSOCIATES",
        ),
        SupportedAssociation(
            resource_type="TEN_DLC",
            iso_country_code="US",
            association_behavior="ASSOCIATE_AFTER_COMPLETE",
            disassociation_behavior="DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION",
        ),
    ),
    sections=(
        SectionDefinition(
            path="campaignInfo", title="Campaign info", description="What the campaign is."
        ),
        SectionDefinition(
            path="campaignUseCase", title="Use case", description="Why the campaign sends."
        ),
    ),
    fields=(
        _text(
            "campaignInfo.campaignDescription",
            "REQUIRED",
            "Campaign description",
            "What the campaign sends and to whom.",
            (40, 2048, NOT_BLANK),
            "One-time passwords for customers who sign in to the Example Corp website.",
        ),
        _select(
            "campaignUseCase.useCase",
            "REQUIRED",
            "Use case",
            "The campaign's primary use case.",
            (
                1,
                1,
                (
                    "TWO_FACTOR_AUTHENTICATION",
                    "ACCOUNT_NOTIFICATION",
                    "CUSTOMER_CARE",
                    "DELIVERY_NOTIFICATION",
                    "MARKETING",
                ),
            ),
        ),
        _select(
            "campaignUseCase.subUseCases",
            "OPTIONAL",
            "Sub use cases",
            "Up to three further use cases.",
            (0, 3, ("ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "FRAUD_ALERT", "SECURITY_ALERT")),
        ),
    ),
)

SA_SENDER_ID = RegistrationTypeDefinition(
    registration_type="SA_SENDER_ID_REGISTRATION",
    title="Saudi Arabia sender ID registration",
    description="Register an alphanumeric sender ID for Saudi Arabia.",
    supported_associations=(
        SupportedAssociation(
            resource_type="SENDER_ID",
            iso_country_code="SA",
            association_behavior="ASSOCIATE_ON_APPROVAL",
            disassociation_behavior="DELETE_REGISTRATION_DISASSOCIATES",
        ),
    ),
    sections=(
        SectionDefinition(
            path="senderIdInfo", title="Sender ID", description="The sender ID to register."
        ),
        SectionDefinition(path="documents", title="Documents", description="Supporting documents."),
    ),
    fields=(
        _text(
            "senderIdInfo.senderId",
            "REQUIRED",
            "Sender ID",
            "The sender ID, 1-11 letters and digits.",
            (1, 11, r"^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$"),
            "EXAMPLE",
        ),
        FieldDefinition(
            path="documents.letterOfAuthorization",
            field_type="ATTACHMENT",
            requirement="REQUIRED",
            title="Letter of authorization",
            description="A signed letter of authorization (LOA).",
        ),
    ),
)

# RegistrationType -> definition, in the order DescribeRegistrationTypeDefinitions lists them.
REGISTRATION_TYPES: dict[str, RegistrationTypeDefinition] = {
    d.registration_type: d
    for d in (US_TOLL_FREE, US_TEN_DLC_BRAND, US_TEN_DLC_CAMPAIGN, SA_SENDER_ID)
}


def registration_type(name: str, member: str = "RegistrationType") -> RegistrationTypeDefinition:
    """The catalog entry of ``name``, else ValidationException UNKNOWN_REGISTRATION_TYPE."""
    found = REGISTRATION_TYPES.get(name)
    if found is None:
        raise invalid(
            "UNKNOWN_REGISTRATION_TYPE",
            member,
            f"{name!r} is not a registration type; see DescribeRegistrationTypeDefinitions "
            f"({', '.join(REGISTRATION_TYPES)}).",
        )
    return found
