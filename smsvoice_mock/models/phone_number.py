"""Origination phone numbers: how they are requested, numbered, updated and released.

Documented rules enforced here:
- "When you request a SIMULATOR phone number, you must set MessageType as TRANSACTIONAL" (a PROMOTIONAL
  one is ResourceNotFoundException, as observed live), and origination simulator numbers exist only in
  the United States.
- "Number preferences apply only to TEN_DLC requests in the US"; 10DLC is a US number type.
- "Capabilities for SMS, MMS, and Voice can't be changed after the phone number has been purchased."
- ReleasePhoneNumber: "If the origination phone number has deletion protection enabled or is associated
  with a pool, an error is returned." UpdatePhoneNumber: "If the origination phone number is associated
  with a pool, an error is returned."
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smsvoice_mock.errors import ConflictException, ResourceNotFoundException, invalid
from smsvoice_mock.models.countries import COUNTRIES, SIMULATOR_ORIGINATION_COUNTRIES, country_of
from smsvoice_mock.models.keyword import KeywordSet
from smsvoice_mock.models.tags import tags_to_api

# MonthlyLeasingPrice by number type, in US dollars (UG sample and live probe: "1.00" for long codes
# and simulator numbers; the others are the mock's documented choice).
LEASING_PRICES = {
    "LONG_CODE": "1.00",
    "SIMULATOR": "1.00",
    "TEN_DLC": "2.00",
    "TOLL_FREE": "2.00",
    "SHORT_CODE": "995.00",
}
# Number types by the countries that offer them (LONG_CODE: every country in the table).
NUMBER_TYPE_COUNTRIES = {
    "TEN_DLC": frozenset({"US"}),
    "TOLL_FREE": frozenset({"US", "CA", "PR"}),
    "SIMULATOR": SIMULATOR_ORIGINATION_COUNTRIES,
}
_US_AREA_CODES = (
    "206",
    "212",
    "303",
    "312",
    "415",
    "425",
    "512",
    "617",
    "702",
    "713",
    "808",
    "919",
)
_TOLL_FREE_PREFIXES = ("800", "833", "844", "855", "866", "877", "888")
_CA_AREA_CODES = ("416", "514", "604", "613", "778")


@dataclass(slots=True, kw_only=True)
class PhoneNumber:
    id: str
    arn: str
    phone_number: str
    iso_country_code: str
    message_type: str
    number_capabilities: list[str]
    number_type: str
    created_timestamp: datetime
    status: str = "PENDING"
    monthly_leasing_price: str = "1.00"
    two_way_enabled: bool = False
    two_way_channel_arn: str | None = None
    two_way_channel_role: str | None = None
    self_managed_opt_outs_enabled: bool = False
    opt_out_list_name: str = "Default"
    international_sending_enabled: bool = False
    deletion_protection_enabled: bool = False
    pool_id: str | None = None
    registration_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    keywords: KeywordSet = field(init=False)

    def __post_init__(self) -> None:
        self.keywords = KeywordSet(owner_type="phone-number", owner_id=self.id)

    def to_api(self) -> dict[str, Any]:
        return {
            "PhoneNumberArn": self.arn,
            "PhoneNumberId": self.id,
            "PhoneNumber": self.phone_number,
            "Status": self.status,
            "IsoCountryCode": self.iso_country_code,
            "MessageType": self.message_type,
            "NumberCapabilities": list(self.number_capabilities),
            "NumberType": self.number_type,
            "MonthlyLeasingPrice": self.monthly_leasing_price,
            "TwoWayEnabled": self.two_way_enabled,
            "TwoWayChannelArn": self.two_way_channel_arn,
            "TwoWayChannelRole": self.two_way_channel_role,
            "SelfManagedOptOutsEnabled": self.self_managed_opt_outs_enabled,
            "OptOutListName": self.opt_out_list_name,
            "InternationalSendingEnabled": self.international_sending_enabled,
            "DeletionProtectionEnabled": self.deletion_protection_enabled,
            "PoolId": self.pool_id,
            "RegistrationId": self.registration_id,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribePhoneNumbers filters."""
        return {
            "status": self.status,
            "iso-country-code": self.iso_country_code,
            "message-type": self.message_type,
            "number-capability": self.number_capabilities,
            "number-type": self.number_type,
            "two-way-enabled": self.two_way_enabled,
            "self-managed-opt-outs-enabled": self.self_managed_opt_outs_enabled,
            "opt-out-list-name": self.opt_out_list_name,
            "deletion-protection-enabled": self.deletion_protection_enabled,
            "two-way-channel-arn": self.two_way_channel_arn,
        }

    def refuse_if_pooled(self, action: str) -> None:
        if self.pool_id is not None:
            raise ConflictException(
                f"Phone number {self.id} is associated with pool {self.pool_id} and can't be {action}.",
                reason="PHONE_NUMBER_ASSOCIATED_TO_POOL",
                resource_type="phone-number",
                resource_id=self.id,
            )

    def check_releasable(self) -> None:
        if self.deletion_protection_enabled:
            raise ConflictException(
                f"Phone number {self.id} has deletion protection enabled; disable it with "
                "UpdatePhoneNumber before releasing the number.",
                reason="DELETION_PROTECTION_ENABLED",
                resource_type="phone-number",
                resource_id=self.id,
            )
        self.refuse_if_pooled("released")


def check_requestable(
    iso: str, number_type: str, message_type: str, preference: list[dict[str, Any]] | None
) -> None:
    """The documented conditions of RequestPhoneNumber, as ValidationException."""
    if iso not in COUNTRIES:
        raise invalid(
            "INVALID_PARAMETER",
            "IsoCountryCode",
            f"No phone numbers are available in country {iso}.",
        )
    if number_type == "SIMULATOR" and message_type != "TRANSACTIONAL":
        # Observed live (Terraform's pool MessageType test): ResourceNotFoundException, not a
        # validation error; no PROMOTIONAL simulator number exists to be leased.
        raise ResourceNotFoundException(
            "When you request a SIMULATOR phone number, you must set MessageType as TRANSACTIONAL; "
            f"no {message_type} simulator phone number is available in {iso}.",
            resource_type="phone-number",
            resource_id=f"SIMULATOR/{message_type}",
        )
    allowed = NUMBER_TYPE_COUNTRIES.get(number_type)
    if allowed is not None and iso not in allowed:
        raise invalid(
            "INVALID_PARAMETER",
            "NumberType",
            f"{number_type} phone numbers are not available in {iso}; they are offered in "
            f"{', '.join(sorted(allowed))}.",
        )
    if preference and (number_type != "TEN_DLC" or iso != "US"):
        raise invalid(
            "INVALID_PARAMETER",
            "NumberPreference",
            "Number preferences apply only to TEN_DLC requests in the US.",
        )


def _digits(count: int, rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def fits_country(number: str, iso: str) -> bool:
    """``number`` is an E.164 number of the country ``iso``: its calling code, then a national
    number of the country's length (in North America, one that starts with 2-9)."""
    code, length, _ = COUNTRIES[iso]
    national = number[1 + len(code) :]
    return (
        number.startswith("+" + code)
        and len(national) == length
        and national.isdigit()
        and (code != "1" or national[0] in "23456789")
        and country_of(number) == iso
    )


def generate_number(
    iso: str, number_type: str, rng: random.Random, preference: list[dict[str, Any]] | None = None
) -> str | None:
    """A plausible E.164 number of the country and type (and the first number preference), or
    ``None`` when the preference asks for digits no number of the country has."""
    code, length, _ = COUNTRIES[iso]
    if code == "1":
        if number_type == "TOLL_FREE":
            area = rng.choice(_TOLL_FREE_PREFIXES)
        elif iso == "CA":
            area = rng.choice(_CA_AREA_CODES)
        elif iso == "PR":
            area = "787"
        elif iso == "GU":
            area = "671"
        else:
            area = rng.choice(_US_AREA_CODES)
        national = area + rng.choice("23456789") + _digits(6, rng)
    else:
        national = rng.choice("123456789") + _digits(length - 1, rng)
    number = f"+{code}{national}"
    if preference:
        pref = preference[0]
        kind = pref["PreferenceType"][0]
        wanted = pref["Filter"][0].lstrip("+")
        digits = number[1:]
        if kind == "ExactMatch":
            digits = wanted
        elif kind == "StartsWith":
            digits = wanted + digits[len(wanted) :]
        elif kind == "EndsWith":
            digits = digits[: len(digits) - len(wanted)] + wanted
        else:  # Contains
            digits = digits[: len(digits) - len(wanted)] + wanted
        number = "+" + digits[: max(len(digits), len(wanted))]
        if not fits_country(number, iso):
            return None
    return number
