"""Sender IDs (alphanumeric origination identities): how they are requested, found and released.

Documented rules enforced here:
- RequestSenderId: "Request a new sender ID that doesn't require registration." The sender ID "can
  be 1-11 alphanumeric characters including letters (A-Z, a-z), numbers (0-9), or hyphens (-). The
  sender ID must contain at least one letter and cannot start or end with a hyphen."
- User guide: "Several major markets (including Canada, China, and the United States) don't support
  sender ID", and some countries require a sender ID to be registered first (the user guide's
  registration forms). The two country sets below are the mock's small documented choice.
- DeletionProtectionEnabled: "When set to true the sender ID can't be deleted."
- A sender ID can belong to many pools; one that belongs to a pool can't be released.

A sender ID is unique per (SenderId, IsoCountryCode); RequestSenderId upper-cases it and lookups are
case-insensitive. Its ARN is ``…:sender-id/{SenderId}/{IsoCountryCode}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smsvoice_mock.errors import (
    ConflictException,
    ValidationException,
    already_exists,
    check_quota,
    invalid,
    not_found,
)
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.models.pool import Pool

MESSAGE_TYPES = ("TRANSACTIONAL", "PROMOTIONAL")
# "Several major markets (including Canada, China, and the United States) don't support sender ID";
# Puerto Rico follows the United States.
SENDER_ID_UNSUPPORTED_COUNTRIES = frozenset({"US", "CA", "PR", "CN"})
# Countries whose sender IDs must be registered (user guide registration forms): RequestSenderId
# refuses them; an approved registration would provision the sender ID instead.
SENDER_ID_REGISTRATION_COUNTRIES = frozenset(
    {"IN", "SA", "AE", "VN", "PH", "ID", "EG", "KW", "QA", "JO"}
)
_SHAPE = re.compile(r"(?=.*[A-Za-z])(?!-)[A-Za-z0-9_-]*(?<!-)")


@dataclass(slots=True, kw_only=True)
class SenderId:
    sender_id: str
    iso_country_code: str
    arn: str
    message_types: list[str] = field(default_factory=lambda: list(MESSAGE_TYPES))
    monthly_leasing_price: str = "0.00"
    deletion_protection_enabled: bool = False
    registered: bool = False
    registration_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        """The key of ``Backend.sender_ids``."""
        return (self.sender_id.upper(), self.iso_country_code)

    @classmethod
    def request(cls, backend: Backend, params: dict[str, Any]) -> SenderId:
        """RequestSenderId: check the documented conditions, store and return the new sender ID."""
        name, iso = params["SenderId"], params["IsoCountryCode"]
        if not _SHAPE.fullmatch(name):
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "SenderId",
                f"Sender ID {name!r} must contain at least one letter and cannot start or end "
                "with a hyphen.",
            )
        if iso in SENDER_ID_UNSUPPORTED_COUNTRIES:
            raise invalid(
                "SENDER_ID_NOT_SUPPORTED",
                "IsoCountryCode",
                f"Sender IDs are not supported in {iso}.",
            )
        if iso in SENDER_ID_REGISTRATION_COUNTRIES:
            raise invalid(
                "SENDER_ID_REQUIRES_REGISTRATION",
                "IsoCountryCode",
                f"Sender IDs in {iso} must be registered; create a registration instead.",
            )
        name = name.upper()
        if (name, iso) in backend.sender_ids:
            raise already_exists("sender-id", name, f"Sender ID {name} already exists in {iso}.")
        limit = backend.settings.limits["SENDER_IDS"]
        check_quota(
            len(backend.sender_ids),
            limit,
            "SENDER_IDS_PER_ACCOUNT",
            f"The account already has {limit} sender IDs.",
        )
        sender = cls(
            sender_id=name,
            iso_country_code=iso,
            arn=backend.arn("sender-id", f"{name}/{iso}"),
            message_types=list(dict.fromkeys(params.get("MessageTypes") or MESSAGE_TYPES)),
            deletion_protection_enabled=params.get("DeletionProtectionEnabled", False),
            tags=merge_tags({}, params.get("Tags")),
        )
        backend.sender_ids[sender.key] = sender
        return sender

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

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeSenderIds filters."""
        return {
            "sender-id": self.sender_id,
            "iso-country-code": self.iso_country_code,
            "message-type": self.message_types,
            "deletion-protection-enabled": self.deletion_protection_enabled,
            "registered": self.registered,
        }

    def pools(self, backend: Backend) -> list[Pool]:
        return [pool for pool in backend.pools.values() if self.arn in pool.members]

    def release(self, backend: Backend) -> None:
        """ReleaseSenderId: refused under deletion protection or while a pool holds it."""
        if self.deletion_protection_enabled:
            raise ConflictException(
                f"Sender ID {self.sender_id} ({self.iso_country_code}) has deletion protection "
                "enabled; disable it with UpdateSenderId before releasing it.",
                reason="DELETION_PROTECTION_ENABLED",
                resource_type="sender-id",
                resource_id=self.sender_id,
            )
        pools = self.pools(backend)
        if pools:
            raise ConflictException(
                f"Sender ID {self.sender_id} ({self.iso_country_code}) is associated with pool "
                f"{', '.join(p.id for p in pools)}; disassociate it first.",
                reason="SENDER_ID_ASSOCIATED_TO_POOL",
                resource_type="sender-id",
                resource_id=self.sender_id,
            )
        del backend.sender_ids[self.key]


def find_sender_id(
    backend: Backend, value: str, iso: str | None, name: str = "SenderId"
) -> SenderId:
    """The sender ID named by ``value`` (a sender ID or its ARN) and ``iso`` (IsoCountryCode).

    A bare sender ID needs the country code (MISSING_PARAMETER); a country code that contradicts the
    ARN's is COUNTRY_CODE_MISMATCH.
    """
    if value.startswith("arn:"):
        local = backend.local_id(value, "sender-id", name)
        sender, _, country = local.partition("/")
        if not sender or not re.fullmatch(r"[A-Z]{2}", country):
            raise invalid(
                "INVALID_ARN",
                name,
                "A sender ID ARN ends with sender-id/{SenderId}/{IsoCountryCode}, "
                f"not {local!r}.",
            )
        if iso is not None and iso != country:
            raise country_mismatch(iso, country, value)
    elif iso is None:
        raise ValidationException(
            f"IsoCountryCode is required with the sender ID {value!r} (or pass its ARN).",
            reason="MISSING_PARAMETER",
            fields=[{"Name": "IsoCountryCode", "Message": "Required with a sender ID."}],
        )
    else:
        sender, country = value, iso
    found = backend.sender_ids.get((sender.upper(), country))
    if found is None:
        raise not_found("sender-id", value)
    return found


def country_mismatch(given: str, actual: str, identity: str) -> ValidationException:
    return invalid(
        "COUNTRY_CODE_MISMATCH",
        "IsoCountryCode",
        f"IsoCountryCode {given} doesn't match {identity}, which is in {actual}.",
    )
