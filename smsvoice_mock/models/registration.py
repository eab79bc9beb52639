"""Registrations: versions and their field values, associations, attachments, and the review hooks.

Documented rules enforced here (the Reasons are the mock's choice where the docs name none; see
docs/behaviour.md):
- CreateRegistration "Creates a new registration based on the RegistrationType field": the type must
  be in the catalog (``registration_catalog``); the registration is CREATED with version 1 in DRAFT.
- CreateRegistrationVersion: "Create a new version of the registration and increase the
  VersionNumber. The previous version of the registration becomes read-only." The new DRAFT starts
  with the previous version's field values. There can't be two drafts, nor a new version while one
  is under review.
- Field values are edited only in the DRAFT version, REQUIRED ones included: "required" is checked
  when the version is submitted.
- SubmitRegistrationVersion: every REQUIRED field has a value and every ASSOCIATE_BEFORE_SUBMIT
  association exists. "Once you submit your registration you can not make any changes to the
  registration or disassociate any resources" until it is reviewed.
- DiscardRegistrationVersion: "Discard the current version of the registration"; "You can only
  discard the registration if its status is Submitted" (user guide). The current version is again the
  one before it, if any.
- SupportedAssociation: ASSOCIATE_BEFORE_SUBMIT (while the draft is open), ASSOCIATE_AFTER_COMPLETE
  (once the registration is COMPLETE), ASSOCIATE_ON_APPROVAL (provisioned by AWS, never by the
  caller); DisassociationBehavior decides whether DeleteRegistration may drop the associations.
  "CLOSED: The phone number or sender ID has been deleted and you must also delete the registration".

Review is asynchronous at AWS. A test drives it through the hooks on the registration, reached with
``sms.backend().registrations[registration_id]``: ``start_review``, ``approve``, ``complete``,
``deny`` and ``require_authentication``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from smsvoice_mock.backend import new_id, parse_arn
from smsvoice_mock.errors import (
    ConflictException,
    ValidationException,
    check_quota,
    invalid,
    not_found,
)
from smsvoice_mock.models.phone_number import PhoneNumber
from smsvoice_mock.models.registration_catalog import (
    FieldDefinition,
    RegistrationTypeDefinition,
    SupportedAssociation,
    registration_type,
)
from smsvoice_mock.models.sender_id import SenderId, find_sender_id
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend

# Version statuses during which "you can not make any changes to the registration".
UNDER_REVIEW = frozenset({"SUBMITTED", "AWS_REVIEWING", "REVIEWING", "REQUIRES_AUTHENTICATION"})
# The mock's choice; the docs name the quota (ASSOCIATIONS_PER_REGISTRATION) but not its value.
ASSOCIATIONS_PER_REGISTRATION = 100
# "The maximum file size is 5MB and valid file extensions are PDF, JPEG and PNG."
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
_SIGNATURES = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG"}
_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")
_STAMPS = {
    "DRAFT": "DraftTimestamp",
    "SUBMITTED": "SubmittedTimestamp",
    "AWS_REVIEWING": "AwsReviewingTimestamp",
    "REVIEWING": "ReviewingTimestamp",
    "REQUIRES_AUTHENTICATION": "RequiresAuthenticationTimestamp",
    "APPROVED": "ApprovedTimestamp",
    "DISCARDED": "DiscardedTimestamp",
    "DENIED": "DeniedTimestamp",
    "REVOKED": "RevokedTimestamp",
    "ARCHIVED": "ArchivedTimestamp",
}
ASSOCIATION_NAME = "ResourceId"


@dataclass(slots=True, kw_only=True)
class FieldValue:
    field_path: str
    select_choices: list[str] | None = None
    text_value: str | None = None
    registration_attachment_id: str | None = None

    def to_api(self) -> dict[str, Any]:
        return {
            "FieldPath": self.field_path,
            "SelectChoices": self.select_choices,
            "TextValue": self.text_value,
            "RegistrationAttachmentId": self.registration_attachment_id,
        }


@dataclass(slots=True, kw_only=True)
class RegistrationVersion:
    number: int
    status: str
    history: dict[str, datetime]
    values: dict[str, FieldValue] = field(default_factory=dict)
    denied_reasons: list[dict[str, str]] = field(default_factory=list)
    aws_review: bool = False

    def move(self, status: str, now: datetime) -> None:
        self.status = status
        self.history[_STAMPS[status]] = now

    def to_api(self) -> dict[str, Any]:
        return {
            "VersionNumber": self.number,
            "RegistrationVersionStatus": self.status,
            "RegistrationVersionStatusHistory": dict(self.history),
            "DeniedReasons": [dict(r) for r in self.denied_reasons] or None,
        }


@dataclass(slots=True, kw_only=True)
class Association:
    """An origination identity or another registration associated with a registration."""

    resource: PhoneNumber | SenderId | Registration
    supported: SupportedAssociation

    def alive(self, backend: Backend) -> bool:
        resource = self.resource
        if isinstance(resource, PhoneNumber):
            return backend.phone_numbers.get(resource.id) is resource
        if isinstance(resource, SenderId):
            return backend.sender_ids.get(resource.key) is resource
        return backend.registrations.get(resource.id) is resource

    @property
    def resource_type(self) -> str:
        return self.supported.resource_type

    @property
    def iso_country_code(self) -> str | None:
        resource = self.resource
        if isinstance(resource, Registration):
            return self.supported.iso_country_code
        return resource.iso_country_code

    def to_api(self) -> dict[str, Any]:
        resource = self.resource
        if isinstance(resource, PhoneNumber):
            resource_id, phone = resource.id, resource.phone_number
        elif isinstance(resource, SenderId):
            resource_id, phone = resource.sender_id, None
        else:
            resource_id, phone = resource.id, None
        return {
            "ResourceArn": resource.arn,
            "ResourceId": resource_id,
            "ResourceType": self.resource_type,
            "IsoCountryCode": self.iso_country_code,
            "PhoneNumber": phone,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the ListRegistrationAssociations filters."""
        return {"resource-type": self.resource_type, "iso-country-code": self.iso_country_code}


def _conflict(registration: Registration, reason: str, message: str) -> ConflictException:
    return ConflictException(
        message, reason=reason, resource_type="registration", resource_id=registration.id
    )


@dataclass(slots=True, kw_only=True)
class Registration:
    id: str
    arn: str
    definition: RegistrationTypeDefinition
    created_timestamp: datetime
    status: str = "CREATED"
    versions: list[RegistrationVersion] = field(default_factory=list)
    associations: list[Association] = field(default_factory=list)
    approved_version_number: int | None = None
    latest_denied_version_number: int | None = None
    additional_attributes: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(
        cls, backend: Backend, params: dict[str, Any], registration_id: str | None = None
    ) -> Registration:
        """CreateRegistration: a CREATED registration whose version 1 is a DRAFT (with a new id,
        unless a seed gives one)."""
        definition = registration_type(params["RegistrationType"])
        limit = backend.settings.limits["REGISTRATIONS"]
        check_quota(
            len(backend.registrations),
            limit,
            "REGISTRATIONS_PER_ACCOUNT",
            f"The account already has {limit} registrations.",
        )
        registration_id = registration_id or new_id("registration")
        now = backend.now()
        registration = cls(
            id=registration_id,
            arn=backend.arn("registration", registration_id),
            definition=definition,
            created_timestamp=now,
            versions=[
                RegistrationVersion(number=1, status="DRAFT", history={"DraftTimestamp": now})
            ],
            tags=merge_tags({}, params.get("Tags")),
        )
        backend.registrations[registration_id] = registration
        return registration

    @property
    def registration_type(self) -> str:
        return self.definition.registration_type

    @property
    def current(self) -> RegistrationVersion:
        """The latest version that was not discarded (the latest of all when every one was)."""
        kept = (v for v in reversed(self.versions) if v.status != "DISCARDED")
        return next(kept, self.versions[-1])

    def to_api(self) -> dict[str, Any]:
        return {
            "RegistrationArn": self.arn,
            "RegistrationId": self.id,
            "RegistrationType": self.registration_type,
            "RegistrationStatus": self.status,
            "CurrentVersionNumber": self.current.number,
            "ApprovedVersionNumber": self.approved_version_number,
            "LatestDeniedVersionNumber": self.latest_denied_version_number,
            "AdditionalAttributes": dict(self.additional_attributes) or None,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeRegistrations filters."""
        return {"registration-type": self.registration_type, "registration-status": self.status}

    def echo(self, **extra: Any) -> dict[str, Any]:
        """RegistrationArn and RegistrationId, which most registration answers start with."""
        return {"RegistrationArn": self.arn, "RegistrationId": self.id, **extra}

    def version_echo(self, version: RegistrationVersion) -> dict[str, Any]:
        """The answer of Create-, Submit- and DiscardRegistrationVersion."""
        out = version.to_api()
        out.pop("DeniedReasons")
        return self.echo(**out)

    def version(self, number: int | None, name: str = "VersionNumber") -> RegistrationVersion:
        """Version ``number`` (default: the current one), else UNKNOWN_REGISTRATION_VERSION."""
        if number is None:
            return self.current
        for version in self.versions:
            if version.number == number:
                return version
        raise invalid(
            "UNKNOWN_REGISTRATION_VERSION",
            name,
            f"Registration {self.id} has no version {number}.",
        )

    # -- field values -------------------------------------------------------------------------

    def _draft(self) -> RegistrationVersion:
        current = self.current
        if current.status != "DRAFT":
            raise _conflict(
                self,
                "EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED",
                f"Version {current.number} of registration {self.id} is {current.status}; field "
                "values can be changed only in a DRAFT version (CreateRegistrationVersion opens one).",
            )
        return current

    def put_value(self, backend: Backend, params: dict[str, Any]) -> tuple[int, FieldValue]:
        """PutRegistrationFieldValue: one value of the member the field's FieldType takes."""
        definition = self.definition.field(params["FieldPath"])
        value = _field_value(backend, definition, params)
        draft = self._draft()
        draft.values[definition.path] = value
        return draft.number, value

    def delete_value(self, path: str) -> tuple[int, FieldValue]:
        """DeleteRegistrationFieldValue on any field of the DRAFT: "required" is checked when the
        version is submitted."""
        definition = self.definition.field(path)
        draft = self._draft()
        value = draft.values.pop(definition.path, None)
        if value is None:
            raise not_found("registration", f"{self.id}/{path}")
        return draft.number, value

    def values(
        self, version: RegistrationVersion, section: str | None, paths: list[str] | None
    ) -> list[FieldValue]:
        """DescribeRegistrationFieldValues: the version's values in form order, narrowed by
        SectionPath and FieldPaths."""
        if section is not None:
            self.definition.section(section)
        wanted = [self.definition.field(p, "FieldPaths").path for p in paths or ()]
        return [
            version.values[d.path]
            for d in self.definition.fields
            if d.path in version.values
            and (section is None or d.section == section)
            and (not wanted or d.path in wanted)
        ]

    # -- versions -----------------------------------------------------------------------------

    def new_version(self, now: datetime) -> RegistrationVersion:
        """CreateRegistrationVersion: a DRAFT that starts with the current version's values."""
        current = self.current
        if current.status == "DRAFT" or current.status in UNDER_REVIEW:
            raise _conflict(
                self,
                "CREATE_REGISTRATION_VERSION_NOT_ALLOWED",
                f"Version {current.number} of registration {self.id} is {current.status}; a new "
                "version can be created only when no version is a DRAFT or under review.",
            )
        version = RegistrationVersion(
            number=self.versions[-1].number + 1,
            status="DRAFT",
            history={"DraftTimestamp": now},
            values={
                path: FieldValue(
                    field_path=v.field_path,
                    select_choices=list(v.select_choices) if v.select_choices is not None else None,
                    text_value=v.text_value,
                    registration_attachment_id=v.registration_attachment_id,
                )
                for path, v in current.values.items()
            },
        )
        self.versions.append(version)
        return version

    def submit(self, backend: Backend, now: datetime, aws_review: bool) -> RegistrationVersion:
        """SubmitRegistrationVersion: the DRAFT, complete and with its ASSOCIATE_BEFORE_SUBMIT
        associations, moves to SUBMITTED (AWS_REVIEWING when AwsReview is true)."""
        current = self.current
        if current.status in UNDER_REVIEW:
            raise _conflict(
                self,
                "REGISTRATION_ALREADY_SUBMITTED",
                f"Version {current.number} of registration {self.id} is already {current.status}.",
            )
        if current.status != "DRAFT":
            raise _conflict(
                self,
                "SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED",
                f"Version {current.number} of registration {self.id} is {current.status}; only a "
                "DRAFT version can be submitted (CreateRegistrationVersion opens one).",
            )
        missing = [
            d.path
            for d in self.definition.fields
            if d.requirement == "REQUIRED" and d.path not in current.values
        ]
        if missing:
            raise ValidationException(
                f"Registration {self.id} lacks values for the REQUIRED fields {', '.join(missing)}.",
                reason="FIELD_VALIDATION_FAILED",
                fields=[{"Name": path, "Message": "A value is required."} for path in missing],
            )
        present = {a.resource_type for a in self.live_associations(backend)}
        for supported in self.definition.supported_associations:
            if (
                supported.association_behavior == "ASSOCIATE_BEFORE_SUBMIT"
                and supported.resource_type not in present
            ):
                raise invalid(
                    "INVALID_REGISTRATION_ASSOCIATION",
                    "RegistrationId",
                    f"Associate a {supported.resource_type} with registration {self.id} "
                    "(CreateRegistrationAssociation) before submitting it.",
                )
        current.aws_review = aws_review
        current.move("SUBMITTED", now)
        self.status = "SUBMITTED"
        if aws_review:
            current.move("AWS_REVIEWING", now)
            self.status = "AWS_REVIEWING"
        return current

    def discard(self, now: datetime) -> RegistrationVersion:
        """DiscardRegistrationVersion: "You can only discard the registration if its status is
        Submitted" (user guide); the registration is again COMPLETE when a version was approved, else
        CREATED, and CreateRegistrationVersion starts over."""
        current = self.current
        if current.status != "SUBMITTED":
            raise _conflict(
                self,
                "DISCARD_REGISTRATION_VERSION_NOT_ALLOWED",
                f"Version {current.number} of registration {self.id} is {current.status}; only a "
                "SUBMITTED version can be discarded.",
            )
        current.move("DISCARDED", now)
        self.status = "COMPLETE" if self.approved_version_number is not None else "CREATED"
        return current

    # -- review hooks (AWS reviews asynchronously; tests call these) --------------------------

    def _in_review(self, action: str) -> RegistrationVersion:
        current = self.current
        if current.status not in UNDER_REVIEW:
            raise RuntimeError(
                f"Registration {self.id} has no version under review to {action} (version "
                f"{current.number} is {current.status}); call SubmitRegistrationVersion first."
            )
        return current

    def start_review(self, now: datetime) -> RegistrationVersion:
        """Move the submitted version to REVIEWING, and the registration with it."""
        version = self._in_review("review")
        version.move("REVIEWING", now)
        self.status = "REVIEWING"
        return version

    def require_authentication(self, now: datetime) -> RegistrationVersion:
        """Move the version under review to REQUIRES_AUTHENTICATION ("You need to complete email
        authentication"), and the registration with it."""
        version = self._in_review("hold for authentication")
        version.move("REQUIRES_AUTHENTICATION", now)
        self.status = "REQUIRES_AUTHENTICATION"
        return version

    def approve(self, now: datetime, *, complete: bool = True) -> RegistrationVersion:
        """Approve the version under review: it becomes APPROVED, a previously APPROVED version
        ARCHIVED, and the registration PROVISIONING, then COMPLETE unless ``complete=False`` (finish
        later with ``complete()``)."""
        version = self._in_review("approve")
        if "ReviewingTimestamp" not in version.history:
            version.move("REVIEWING", now)
        for earlier in self.versions:
            if earlier.status == "APPROVED":
                earlier.move("ARCHIVED", now)
        version.move("APPROVED", now)
        self.approved_version_number = version.number
        self.status = "PROVISIONING"
        if complete:
            self.complete()
        return version

    def complete(self) -> None:
        """PROVISIONING → COMPLETE: "your origination identity has been created"."""
        if self.status != "PROVISIONING":
            raise RuntimeError(
                f"Registration {self.id} is {self.status}, not PROVISIONING; approve it first."
            )
        self.status = "COMPLETE"

    def deny(
        self, now: datetime, reasons: list[dict[str, str]] | list[str] | None = None
    ) -> RegistrationVersion:
        """Deny the version under review with DeniedReasons (``{"Reason", "ShortDescription", ...}``
        dicts, or plain strings used for both). The registration REQUIRES_UPDATES, or stays COMPLETE
        when an earlier version is still approved."""
        version = self._in_review("deny")
        if "ReviewingTimestamp" not in version.history:
            version.move("REVIEWING", now)
        version.move("DENIED", now)
        version.denied_reasons = [
            {"Reason": r, "ShortDescription": r} if isinstance(r, str) else dict(r)
            for r in reasons or ()
        ]
        self.latest_denied_version_number = version.number
        self.status = "COMPLETE" if self.approved_version_number is not None else "REQUIRES_UPDATES"
        return version

    # -- associations -------------------------------------------------------------------------

    def live_associations(self, backend: Backend) -> list[Association]:
        """The associations whose resource still exists. When an identity whose disassociation
        closes the registration is gone and none of its kind is left, the registration is CLOSED."""
        alive = [a for a in self.associations if a.alive(backend)]
        if len(alive) != len(self.associations):
            gone = [a for a in self.associations if a not in alive]
            self.associations = alive
            kinds = {a.resource_type for a in alive}
            if any(
                a.supported.disassociation_behavior == "DISASSOCIATE_ALL_CLOSES_REGISTRATION"
                and a.resource_type not in kinds
                for a in gone
            ):
                self.status = "CLOSED"
        return alive

    def resolve_resource(
        self, backend: Backend, value: str
    ) -> PhoneNumber | SenderId | Registration:
        """The phone number (id or ARN), registration (id or ARN) or sender ID (ARN, or the bare
        sender ID in the country of the type's SENDER_ID association) ``value`` names."""
        kind = (
            parse_arn(value, ASSOCIATION_NAME).resource_type if value.startswith("arn:") else None
        )
        if kind == "phone-number" or (kind is None and value.startswith("phone-")):
            return backend.phone_number(value, ASSOCIATION_NAME)
        if kind == "registration" or (kind is None and value.startswith("registration-")):
            return backend.registrations[backend.registration(value, ASSOCIATION_NAME)]
        if kind not in (None, "sender-id"):
            raise invalid(
                "INVALID_REGISTRATION_ASSOCIATION",
                ASSOCIATION_NAME,
                f"A {kind} can't be associated with a registration.",
            )
        countries = [
            a.iso_country_code
            for a in self.definition.supported_associations
            if a.resource_type == "SENDER_ID" and a.iso_country_code
        ]
        if kind is None and not countries:
            raise invalid(
                "INVALID_REGISTRATION_ASSOCIATION",
                ASSOCIATION_NAME,
                f"{value!r} is not a phone number or registration id, and "
                f"{self.registration_type} takes no sender IDs.",
            )
        return find_sender_id(backend, value, countries[0] if countries else None, ASSOCIATION_NAME)

    def associate(
        self, backend: Backend, resource: PhoneNumber | SenderId | Registration
    ) -> Association:
        """CreateRegistrationAssociation, by the type's SupportedAssociations."""
        if isinstance(resource, PhoneNumber):
            resource_type, iso = resource.number_type, resource.iso_country_code
        elif isinstance(resource, SenderId):
            resource_type, iso = "SENDER_ID", resource.iso_country_code
        else:
            resource_type, iso = resource.registration_type, None
        supported = self.definition.association_for(resource_type, iso)
        if supported is None or supported.association_behavior == "ASSOCIATE_ON_APPROVAL":
            accepted = ", ".join(
                f"{a.resource_type} ({a.iso_country_code})"
                for a in self.definition.supported_associations
                if a.association_behavior != "ASSOCIATE_ON_APPROVAL"
            )
            raise invalid(
                "INVALID_REGISTRATION_ASSOCIATION",
                ASSOCIATION_NAME,
                f"A {resource_type}{f' in {iso}' if iso else ''} can't be associated with a "
                f"{self.registration_type}; it accepts {accepted or 'no associations'}.",
            )
        live = self.live_associations(backend)
        if any(a.resource is resource for a in live):
            raise ConflictException(
                f"{resource.arn} is already associated with registration {self.id}.",
                reason="RESOURCE_ALREADY_ASSOCIATED",
                resource_type="registration",
                resource_id=self.id,
            )
        if isinstance(resource, PhoneNumber) and resource.registration_id not in (None, self.id):
            raise ConflictException(
                f"Phone number {resource.id} is associated with registration "
                f"{resource.registration_id}.",
                reason="PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION",
                resource_type="phone-number",
                resource_id=resource.id,
            )
        if isinstance(resource, Registration) and resource.status != "COMPLETE":
            raise ConflictException(
                f"Registration {resource.id} is {resource.status}; only a COMPLETE "
                f"{resource.registration_type} can be associated.",
                reason="REGISTRATION_NOT_COMPLETE",
                resource_type="registration",
                resource_id=resource.id,
            )
        behavior = supported.association_behavior
        if behavior == "ASSOCIATE_AFTER_COMPLETE" and self.status != "COMPLETE":
            raise _conflict(
                self,
                "REGISTRATION_NOT_COMPLETE",
                f"A {resource_type} can be associated with registration {self.id} once it is "
                f"COMPLETE; it is {self.status}.",
            )
        if behavior == "ASSOCIATE_BEFORE_SUBMIT" and self.current.status != "DRAFT":
            raise _conflict(
                self,
                "REGISTRATION_ALREADY_SUBMITTED",
                f"A {resource_type} must be associated with registration {self.id} before it is "
                f"submitted; version {self.current.number} is {self.current.status}.",
            )
        check_quota(
            len(live),
            ASSOCIATIONS_PER_REGISTRATION,
            "ASSOCIATIONS_PER_REGISTRATION",
            f"Registration {self.id} already has {ASSOCIATIONS_PER_REGISTRATION} associations.",
        )
        association = Association(resource=resource, supported=supported)
        self.associations.append(association)
        if isinstance(resource, (PhoneNumber, SenderId)):
            resource.registration_id = self.id
        return association

    def association_echo(self, association: Association) -> dict[str, Any]:
        """The answer of CreateRegistrationAssociation."""
        return self.echo(RegistrationType=self.registration_type, **association.to_api())

    # -- deletion -----------------------------------------------------------------------------

    def delete(self, backend: Backend) -> None:
        """DeleteRegistration: not while under review; identities whose DisassociationBehavior is
        DISASSOCIATE_ALL_* must be gone first, DELETE_REGISTRATION_DISASSOCIATES ones are dropped."""
        if self.status in UNDER_REVIEW:
            raise _conflict(
                self,
                "RESOURCE_DELETION_NOT_ALLOWED",
                f"Registration {self.id} is {self.status} and can't be deleted until the review "
                "is over.",
            )
        blocking = [
            a
            for a in self.live_associations(backend)
            if a.supported.disassociation_behavior != "DELETE_REGISTRATION_DISASSOCIATES"
        ]
        if blocking:
            raise _conflict(
                self,
                "RESOURCE_NOT_EMPTY",
                f"Registration {self.id} still has associated {blocking[0].resource_type} "
                f"{blocking[0].resource.arn}; release every associated origination identity first.",
            )
        for number in backend.phone_numbers.values():
            if number.registration_id == self.id:
                number.registration_id = None
        for sender in backend.sender_ids.values():
            if sender.registration_id == self.id:
                sender.registration_id = None
        self.associations.clear()
        del backend.registrations[self.id]
        self.status = "DELETED"


def _field_value(
    backend: Backend, definition: FieldDefinition, params: dict[str, Any]
) -> FieldValue:
    """The value PutRegistrationFieldValue sets: exactly the member the FieldType takes, valid."""
    member = {
        "TEXT": "TextValue",
        "SELECT": "SelectChoices",
        "ATTACHMENT": "RegistrationAttachmentId",
    }[definition.field_type]
    given = [m for m in ("SelectChoices", "TextValue", "RegistrationAttachmentId") if m in params]
    if len(given) > 1:
        raise invalid(
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            given[1],
            f"Give only one of {' and '.join(given)}; {definition.path} takes {member}.",
        )
    if not given:
        raise invalid(
            "MISSING_PARAMETER",
            member,
            f"{definition.path} is a {definition.field_type} field; give {member}.",
        )
    if given[0] != member:
        raise invalid(
            "INVALID_PARAMETER",
            given[0],
            f"{definition.path} is a {definition.field_type} field; give {member}, not {given[0]}.",
        )
    value = FieldValue(field_path=definition.path)
    if member == "TextValue":
        definition.check_text(params["TextValue"])
        value.text_value = params["TextValue"]
    elif member == "SelectChoices":
        definition.check_choices(params["SelectChoices"])
        value.select_choices = list(params["SelectChoices"])
    else:
        value.registration_attachment_id = find_attachment(
            backend, params["RegistrationAttachmentId"]
        ).id
    return value


# -- attachments ------------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class RegistrationAttachment:
    id: str
    arn: str
    created_timestamp: datetime
    status: str = "UPLOAD_COMPLETE"
    url: str | None = None
    body: bytes | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, backend: Backend, params: dict[str, Any]) -> RegistrationAttachment:
        """CreateRegistrationAttachment: "Use either AttachmentUrl or AttachmentBody"; a PDF, JPEG
        or PNG file of at most 5 MB. The upload completes at once."""
        body_text, url = params.get("AttachmentBody"), params.get("AttachmentUrl")
        if body_text is not None and url is not None:
            raise invalid(
                "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                "AttachmentUrl",
                "Use either AttachmentUrl or AttachmentBody to upload your attachment, not both.",
            )
        if body_text is None and url is None:
            raise invalid(
                "MISSING_PARAMETER",
                "AttachmentBody",
                "Give the file as AttachmentBody or its S3 location as AttachmentUrl.",
            )
        body = _decode(body_text) if body_text is not None else None
        if body is not None:
            if len(body) > MAX_ATTACHMENT_BYTES:
                raise invalid(
                    "MAXIMUM_SIZE_EXCEEDED",
                    "AttachmentBody",
                    f"The attachment has {len(body)} bytes; the maximum file size is 5MB.",
                )
            if not any(body.startswith(signature) for signature in _SIGNATURES):
                raise invalid(
                    "ATTACHMENT_TYPE_NOT_SUPPORTED",
                    "AttachmentBody",
                    "The attachment is not a PDF, JPEG or PNG file.",
                )
        if url is not None:
            if not url.startswith("s3://") or "/" not in url[5:]:
                raise invalid(
                    "INVALID_PARAMETER",
                    "AttachmentUrl",
                    f"{url!r} is not in the format s3://BucketName/FileName.",
                )
            if not url.lower().endswith(_EXTENSIONS):
                raise invalid(
                    "ATTACHMENT_TYPE_NOT_SUPPORTED",
                    "AttachmentUrl",
                    f"{url!r} is not a .pdf, .jpeg, .jpg or .png file.",
                )
        limit = backend.settings.limits["REGISTRATION_ATTACHMENTS"]
        check_quota(
            len(backend.registration_attachments),
            limit,
            "REGISTRATION_ATTACHMENTS_PER_ACCOUNT",
            f"The account already has {limit} registration attachments.",
        )
        attachment_id = new_id("attachment")
        attachment = cls(
            id=attachment_id,
            arn=backend.arn("registration-attachment", attachment_id),
            created_timestamp=backend.now(),
            url=url,
            body=body,
            tags=merge_tags({}, params.get("Tags")),
        )
        backend.registration_attachments[attachment_id] = attachment
        return attachment

    def to_api(self) -> dict[str, Any]:
        return {
            "RegistrationAttachmentArn": self.arn,
            "RegistrationAttachmentId": self.id,
            "AttachmentStatus": self.status,
            "AttachmentUrl": self.url,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeRegistrationAttachments filters."""
        return {"attachment-status": self.status}

    def delete(self, backend: Backend) -> None:
        """DeleteRegistrationAttachment: not while a field value of a registration refers to it."""
        for registration in backend.registrations.values():
            for version in registration.versions:
                for value in version.values.values():
                    if value.registration_attachment_id == self.id:
                        raise ConflictException(
                            f"Registration attachment {self.id} is the value of "
                            f"{value.field_path} in version {version.number} of registration "
                            f"{registration.id}.",
                            reason="RESOURCE_DELETION_NOT_ALLOWED",
                            resource_type="registration-attachment",
                            resource_id=self.id,
                        )
        del backend.registration_attachments[self.id]
        self.status = "DELETED"


def _decode(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise invalid(
            "CANNOT_PARSE", "AttachmentBody", "AttachmentBody is not base64-encoded."
        ) from None


def find_attachment(
    backend: Backend, value: str, name: str = "RegistrationAttachmentId"
) -> RegistrationAttachment:
    """The registration attachment ``value`` (an id or ARN) names."""
    return backend.find(backend.registration_attachments, "registration-attachment", value, name)


# The registration a US number type needs before it sends text or media (user guide: "Your toll-free
# number registration must be completed and verified before you can use it to send SMS messages";
# "Before requesting a 10DLC phone number you must have an approved 10DLC registered brand and 10DLC
# registered campaign").
US_REGISTRATION_TYPES = {
    "TOLL_FREE": "US_TOLL_FREE_REGISTRATION",
    "TEN_DLC": "US_TEN_DLC_CAMPAIGN_REGISTRATION",
}


def registration_required(backend: Backend, number: PhoneNumber) -> bool:
    """Whether ``number`` is a US toll-free or 10DLC number without an approved registration."""
    if number.iso_country_code != "US" or number.number_type not in US_REGISTRATION_TYPES:
        return False
    found = backend.registrations.get(number.registration_id or "")
    return (
        found is None
        or found.approved_version_number is None
        or found.status in ("PROVISIONING", "CLOSED", "DELETED")
    )


def complete_registration(
    backend: Backend, number: PhoneNumber, registration_id: str | None = None
) -> Registration:
    """A COMPLETE registration of the type ``number`` needs, associated with it: the test shortcut
    behind ``sms.backend().complete_registration(phone_number_id)``, and what a seeded US toll-free
    or 10DLC number gets (with the seed's RegistrationId). Its field values stay empty."""
    registration_type_name = US_REGISTRATION_TYPES.get(number.number_type)
    if number.iso_country_code != "US" or registration_type_name is None:
        raise TypeError(
            f"Phone number {number.id} is a {number.iso_country_code} {number.number_type} number; "
            "only US TOLL_FREE and TEN_DLC numbers need a registration to send."
        )
    if number.registration_id is not None:
        raise RuntimeError(
            f"Phone number {number.id} already belongs to registration {number.registration_id}; "
            "drive that one with its review hooks (approve, complete) instead."
        )
    registration = Registration.create(
        backend, {"RegistrationType": registration_type_name}, registration_id
    )
    supported = registration.definition.association_for(number.number_type, "US")
    if supported is None:  # the catalog lists both types; a KeyError-like bug if not
        raise LookupError(f"{registration_type_name} has no association for {number.number_type}.")
    registration.associations.append(Association(resource=number, supported=supported))
    number.registration_id = registration.id
    now = backend.now()
    version = registration.current
    for status in ("SUBMITTED", "REVIEWING", "APPROVED"):
        version.move(status, now)
    registration.approved_version_number = version.number
    registration.status = "COMPLETE"
    return registration
