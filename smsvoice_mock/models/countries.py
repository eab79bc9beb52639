"""Country facts the mock needs: calling codes, number lengths, simulator numbers.

The table covers the countries AWS End User Messaging SMS lists most often; a number whose calling code
is not here is treated as being of an unknown country (``None``), which only matters for the
international-sending and simulator rules.
"""

from __future__ import annotations

import functools

# ISO code -> (calling code, digits after the calling code, English name)
COUNTRIES: dict[str, tuple[str, int, str]] = {
    "US": ("1", 10, "United States"),
    "CA": ("1", 10, "Canada"),
    "PR": ("1", 10, "Puerto Rico"),
    "GU": ("1", 10, "Guam"),
    "GB": ("44", 10, "United Kingdom"),
    "IE": ("353", 9, "Ireland"),
    "FR": ("33", 9, "France"),
    "DE": ("49", 11, "Germany"),
    "ES": ("34", 9, "Spain"),
    "IT": ("39", 10, "Italy"),
    "PT": ("351", 9, "Portugal"),
    "NL": ("31", 9, "Netherlands"),
    "BE": ("32", 9, "Belgium"),
    "AT": ("43", 12, "Austria"),
    "CH": ("41", 9, "Switzerland"),
    "SE": ("46", 9, "Sweden"),
    "NO": ("47", 8, "Norway"),
    "DK": ("45", 8, "Denmark"),
    "FI": ("358", 10, "Finland"),
    "EE": ("372", 8, "Estonia"),
    "PL": ("48", 9, "Poland"),
    "CZ": ("420", 9, "Czech Republic"),
    "GR": ("30", 10, "Greece"),
    "RO": ("40", 9, "Romania"),
    "HU": ("36", 9, "Hungary"),
    "AU": ("61", 9, "Australia"),
    "NZ": ("64", 9, "New Zealand"),
    "JP": ("81", 10, "Japan"),
    "KR": ("82", 10, "South Korea"),
    "CN": ("86", 11, "China"),
    "HK": ("852", 8, "Hong Kong"),
    "SG": ("65", 8, "Singapore"),
    "IN": ("91", 10, "India"),
    "PH": ("63", 10, "Philippines"),
    "MY": ("60", 9, "Malaysia"),
    "TH": ("66", 9, "Thailand"),
    "ID": ("62", 10, "Indonesia"),
    "VN": ("84", 9, "Vietnam"),
    "IL": ("972", 9, "Israel"),
    "AE": ("971", 9, "United Arab Emirates"),
    "SA": ("966", 9, "Saudi Arabia"),
    "TR": ("90", 10, "Turkey"),
    "ZA": ("27", 9, "South Africa"),
    "NG": ("234", 10, "Nigeria"),
    "KE": ("254", 9, "Kenya"),
    "EG": ("20", 10, "Egypt"),
    "BR": ("55", 11, "Brazil"),
    "MX": ("52", 10, "Mexico"),
    "AR": ("54", 10, "Argentina"),
    "CL": ("56", 9, "Chile"),
    "CO": ("57", 10, "Colombia"),
    "PE": ("51", 9, "Peru"),
    "IQ": ("964", 10, "Iraq"),
}

# North American area codes outside the United States that the mock recognises.
_CANADA_AREA_CODES = frozenset(
    [
        "204",
        "226",
        "236",
        "249",
        "250",
        "263",
        "289",
        "306",
        "343",
        "354",
        "365",
        "367",
        "368",
        "382",
        "387",
        "403",
        "416",
        "418",
        "428",
        "431",
        "437",
        "438",
        "450",
        "468",
        "474",
        "506",
        "514",
        "519",
        "548",
        "579",
        "581",
        "584",
        "587",
        "604",
        "613",
        "639",
        "647",
        "672",
        "683",
        "705",
        "709",
        "742",
        "753",
        "778",
        "780",
        "782",
        "807",
        "819",
        "825",
        "867",
        "873",
        "879",
        "902",
        "905",
    ]
)
_PUERTO_RICO_AREA_CODES = frozenset({"787", "939"})
# Guam shares the calling code but is a country of its own for sending (GC Notify's pool could not
# reach the Guam number +16715550123: NO_ORIGINATION_IDENTITIES_FOUND).
_GUAM_AREA_CODE = "671"

# AWS End User Messaging SMS destination simulator numbers (user guide, "Simulator phone numbers"):
# ISO code -> (success number, failure number).
DESTINATION_SIMULATORS: dict[str, tuple[str, str]] = {
    "US": ("+14254147755", "+14254147167"),
    "AU": ("+61455944038", "+61455944039"),
    "AT": ("+43676800442031", "+43676800442032"),
    "BE": ("+32460213922", "+32460213923"),
    "CL": ("+56229140630", "+56229140631"),
    "CZ": ("+420790542286", "+420790542287"),
    "DK": ("+4525919410", "+4525919215"),
    "EE": ("+37282720792", "+37282720793"),
    "FI": ("+3584573979110", "+3584573979111"),
    "FR": ("+33755512501", "+33755512502"),
    "HK": ("+85257048426", "+85257048854"),
}
SIMULATOR_SUCCESS = frozenset(pair[0] for pair in DESTINATION_SIMULATORS.values())
SIMULATOR_FAILURE = frozenset(pair[1] for pair in DESTINATION_SIMULATORS.values())
# Countries where origination simulator numbers can be requested (user guide: the United States).
SIMULATOR_ORIGINATION_COUNTRIES = frozenset({"US"})

_BY_CALLING_CODE: dict[str, list[str]] = {}
for _iso, (_code, _length, _name) in COUNTRIES.items():
    _BY_CALLING_CODE.setdefault(_code, []).append(_iso)


def normalize_e164(number: str) -> str:
    """``15555550100`` and ``+15555550100`` are the same destination; outputs carry the ``+``."""
    return number if number.startswith("+") else "+" + number


@functools.lru_cache(maxsize=4096)  # a send asks it of its destination several times
def country_of(number: str) -> str | None:
    """The ISO code of an E.164 number, or ``None`` when its calling code is not in the table."""
    digits = number.lstrip("+")
    for length in (3, 2, 1):
        isos = _BY_CALLING_CODE.get(digits[:length])
        if isos is None:
            continue
        if digits[:length] == "1":
            area = digits[1:4]
            if area in _CANADA_AREA_CODES:
                return "CA"
            if area in _PUERTO_RICO_AREA_CODES:
                return "PR"
            if area == _GUAM_AREA_CODE:
                return "GU"
            return "US"
        return isos[0]
    return None


def is_destination_simulator(number: str) -> bool:
    return number in SIMULATOR_SUCCESS or number in SIMULATOR_FAILURE
