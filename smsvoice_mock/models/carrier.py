"""CarrierLookup: a deterministic, synthetic answer for any number that passes the model's pattern.

"You can provide the phone number in various formats including special characters such as
parentheses, brackets, spaces, hyphens, periods, and commas. The service automatically converts the
input to E164 format for processing." The mock keeps the digits and prefixes ``+`` (fewer than two
digits is ``ValidationException``, as no E.164 number is that short); then:

- a calling code outside the country table, or a national number of the wrong length for the
  country, is ``INVALID`` (the country fields are still given when the calling code is known);
- a destination simulator number is ``MOBILE``;
- a North American toll-free number (800, 833, 844, 855, 866, 877, 888) is ``OTHER``;
- in a country with a known mobile prefix table, a national number outside it is ``LANDLINE``;
- anything else is ``MOBILE``, with the country's real MCC, MNC ``01`` and the carrier
  ``Mock Wireless`` (landlines: carrier ``Mock Telecom``, no MCC/MNC).

``OriginalPhoneNumber`` is returned when ``EnableCleansing`` is true and the input was not already
in E.164 form.
"""

from __future__ import annotations

from typing import Any

from smsvoice_mock.errors import invalid
from smsvoice_mock.models.countries import COUNTRIES, country_of, is_destination_simulator

MOBILE_CARRIER = "Mock Wireless"
LANDLINE_CARRIER = "Mock Telecom"
MNC = "01"
MCC = {
    "US": "310", "CA": "302", "PR": "330", "GB": "234", "IE": "272", "FR": "208", "DE": "262",
    "ES": "214", "IT": "222", "PT": "268", "NL": "204", "BE": "206", "AT": "232", "CH": "228",
    "SE": "240", "NO": "242", "DK": "238", "FI": "244", "EE": "248", "PL": "260", "CZ": "230",
    "GR": "202", "RO": "226", "HU": "216", "AU": "505", "NZ": "530", "JP": "440", "KR": "450",
    "CN": "460", "HK": "454", "SG": "525", "IN": "404", "PH": "515", "MY": "502", "TH": "520",
    "ID": "510", "VN": "452", "IL": "425", "AE": "424", "SA": "420", "TR": "286", "ZA": "655",
    "NG": "621", "KE": "639", "EG": "602", "BR": "724", "MX": "334", "AR": "722", "CL": "730",
    "CO": "732", "PE": "716", "IQ": "418", "GU": "310",
}  # fmt: skip
# National-number prefixes of mobile numbers, where the numbering plan tells them apart.
MOBILE_PREFIXES = {
    "GB": ("7",),
    "FR": ("6", "7"),
    "DE": ("15", "16", "17"),
    "ES": ("6", "7"),
    "IT": ("3",),
    "NL": ("6",),
    "BE": ("4",),
    "IE": ("8",),
    "AU": ("4",),
    "IN": ("6", "7", "8", "9"),
}
NANP_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def to_e164(number: str) -> str:
    """Keep the digits of ``number`` (at most 19, the E.164 maximum) behind a ``+``."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return "+" + digits[:19]


def lookup(number: str, *, cleanse: bool = False) -> dict[str, Any]:
    e164 = to_e164(number)
    if len(e164) < 3:  # the output's E.164 pattern needs two digits at least
        message = f"PhoneNumber {number!r} has too few digits to be an E.164 number."
        raise invalid("FIELD_VALIDATION_FAILED", "PhoneNumber", message)
    result: dict[str, Any] = {"E164PhoneNumber": e164}
    if cleanse and number != e164:
        result["OriginalPhoneNumber"] = number
    iso = country_of(e164)
    if iso is None:
        return {**result, "PhoneNumberType": "INVALID"}
    code, length, name = COUNTRIES[iso]
    national = e164[1 + len(code) :]
    result.update(DialingCountryCode=code, IsoCountryCode=iso, Country=name)
    if is_destination_simulator(e164):
        kind = "MOBILE"
    elif len(national) != length:
        kind = "INVALID"
    elif code == "1" and national[:3] in NANP_TOLL_FREE:
        kind = "OTHER"
    elif iso in MOBILE_PREFIXES and not national.startswith(MOBILE_PREFIXES[iso]):
        kind = "LANDLINE"
    else:
        kind = "MOBILE"
    if kind == "MOBILE":
        result.update(MCC=MCC[iso], MNC=MNC, Carrier=MOBILE_CARRIER)
    elif kind == "LANDLINE":
        result["Carrier"] = LANDLINE_CARRIER
    return {**result, "PhoneNumberType": kind}
