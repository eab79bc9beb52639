"""The system-managed Notify catalog: templates (DescribeNotifyTemplates) and countries
(ListNotifyCountries).

The service's own catalog is not published; this one is the mock's, small and documented in
docs/behaviour.md. Its first template is the AWS SDK for JavaScript example: "Your verification code
is {{code}}. It expires in {{expiry}} minutes." with ``code`` (STRING, required, at most 10
characters, from the customer) and ``expiry`` (INTEGER, default 10, 1 to 60). Tests may add entries
to ``TEMPLATES`` and ``COUNTRIES`` (and remove them afterwards).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

CATALOG_DATE = datetime(2026, 3, 31, tzinfo=timezone.utc)

_CODE = {
    "Type": "STRING",
    "Required": True,
    "Description": "The one-time verification code.",
    "MaxLength": 10,
    "Pattern": "[A-Za-z0-9]+",
    "Sample": "123456",
    "Source": "CUSTOMER",
}
_EXPIRY = {
    "Type": "INTEGER",
    "Required": False,
    "Description": "Minutes until the code expires.",
    "MinValue": 1,
    "MaxValue": 60,
    "DefaultValue": "10",
    "Sample": "10",
    "Source": "CUSTOMER",
}
_BRAND = {
    "Type": "STRING",
    "Required": True,
    "Description": "The notify configuration's DisplayName, filled in by the service.",
    "Source": "SYSTEM",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifyTemplate:
    template_id: str
    content: str
    language_code: str
    channels: tuple[str, ...]
    variables: dict[str, dict[str, Any]]
    supported_countries: tuple[str, ...]
    tier_access: tuple[str, ...] = ("BASIC", "ADVANCED")
    supported_voice_ids: tuple[str, ...] = ()
    status: str = "ACTIVE"
    version: int = 1
    template_type: str = "OTP_VERIFICATION"
    created_timestamp: datetime = CATALOG_DATE

    def to_api(self) -> dict[str, Any]:
        return {
            "TemplateId": self.template_id,
            "Version": self.version,
            "TemplateType": self.template_type,
            "Channels": list(self.channels),
            "TierAccess": list(self.tier_access),
            "Status": self.status,
            "SupportedCountries": list(self.supported_countries),
            "LanguageCode": self.language_code,
            "Content": self.content,
            "Variables": {name: dict(meta) for name, meta in self.variables.items()},
            "SupportedVoiceIds": list(self.supported_voice_ids),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeNotifyTemplates filters."""
        return {
            "template-type": self.template_type,
            "channels": self.channels,
            "tier-access": self.tier_access,
            "supported-countries": self.supported_countries,
            "language-code": self.language_code,
            "supported-voice-ids": self.supported_voice_ids,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifyCountry:
    iso_country_code: str
    country_name: str
    channels: tuple[str, ...] = ("SMS", "VOICE")
    tiers: tuple[str, ...] = ("BASIC", "ADVANCED")
    use_cases: tuple[str, ...] = ("CODE_VERIFICATION",)
    customer_owned_identity_required: bool = False

    def to_api(self) -> dict[str, Any]:
        return {
            "IsoCountryCode": self.iso_country_code,
            "CountryName": self.country_name,
            "SupportedChannels": list(self.channels),
            "SupportedUseCases": list(self.use_cases),
            "SupportedTiers": list(self.tiers),
            "CustomerOwnedIdentityRequired": self.customer_owned_identity_required,
        }


_ENGLISH = ("US", "CA", "GB", "AU", "IN")
TEMPLATES: dict[str, NotifyTemplate] = {
    t.template_id: t
    for t in (
        NotifyTemplate(
            template_id="nt-otp-en",
            content="Your verification code is {{code}}. It expires in {{expiry}} minutes.",
            language_code="en-US",
            channels=("SMS", "VOICE"),
            variables={"code": _CODE, "expiry": _EXPIRY},
            supported_countries=_ENGLISH,
            supported_voice_ids=("JOANNA", "MATTHEW", "AMY", "BRIAN"),
        ),
        NotifyTemplate(
            template_id="nt-otp-es",
            content="Tu código de verificación es {{code}}. Caduca en {{expiry}} minutos.",
            language_code="es",
            channels=("SMS", "VOICE"),
            variables={"code": _CODE, "expiry": _EXPIRY},
            supported_countries=("US", "ES", "MX"),
            supported_voice_ids=("LUPE", "MIGUEL", "CONCHITA", "ENRIQUE"),
        ),
        NotifyTemplate(
            template_id="nt-otp-fr",
            content="Votre code de vérification est {{code}}. Il expire dans {{expiry}} minutes.",
            language_code="fr",
            channels=("SMS", "VOICE"),
            variables={"code": _CODE, "expiry": _EXPIRY},
            supported_countries=("CA", "FR"),
            supported_voice_ids=("CHANTAL", "CELINE", "LEA", "MATHIEU"),
        ),
        NotifyTemplate(
            template_id="nt-otp-brand-en",
            content="{{brand}}: {{code}} is your code. Don't share it.",
            language_code="en-US",
            channels=("SMS",),
            variables={"brand": _BRAND, "code": _CODE},
            supported_countries=_ENGLISH,
        ),
    )
}

COUNTRIES: dict[str, NotifyCountry] = {
    c.iso_country_code: c
    for c in (
        NotifyCountry(iso_country_code="US", country_name="United States"),
        NotifyCountry(iso_country_code="CA", country_name="Canada"),
        NotifyCountry(iso_country_code="GB", country_name="United Kingdom"),
        NotifyCountry(iso_country_code="AU", country_name="Australia", channels=("SMS",)),
        NotifyCountry(iso_country_code="FR", country_name="France", channels=("SMS",)),
        NotifyCountry(iso_country_code="ES", country_name="Spain"),
        NotifyCountry(iso_country_code="MX", country_name="Mexico", channels=("SMS",)),
        NotifyCountry(
            iso_country_code="IN",
            country_name="India",
            channels=("SMS",),
            tiers=("ADVANCED",),
            customer_owned_identity_required=True,
        ),
    )
}
