"""CarrierLookup: a deterministic, synthetic answer for any valid input."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock.models.carrier import MCC


@pytest.mark.parametrize(
    "given",
    [
        "+12065550100",
        "+1 (206) 555-0100",
        "+1.206.555.0100",
        "+1 [206] 555 0100",
        "+(1) 206,555,0100",
        "+1{206}5550100",
    ],
    ids=["e164", "parens-hyphen", "periods", "brackets", "commas", "braces"],
)
def test_formats_are_normalised(client: Any, given: str) -> None:
    """ "You can provide the phone number in various formats … The service automatically converts the input to E164"."""
    out = client.carrier_lookup(PhoneNumber=given)
    assert out["E164PhoneNumber"] == "+12065550100"
    assert (out["DialingCountryCode"], out["IsoCountryCode"], out["Country"]) == (
        "1",
        "US",
        "United States",
    )
    assert "OriginalPhoneNumber" not in out


def test_cleansing_returns_the_original(client: Any) -> None:
    """With EnableCleansing the number as given comes back as OriginalPhoneNumber when it was changed."""
    out = client.carrier_lookup(PhoneNumber="+1 (206) 555-0100", EnableCleansing=True)
    assert (out["E164PhoneNumber"], out["OriginalPhoneNumber"]) == (
        "+12065550100",
        "+1 (206) 555-0100",
    )
    assert "OriginalPhoneNumber" not in client.carrier_lookup(
        PhoneNumber="+12065550100", EnableCleansing=True
    )


@pytest.mark.parametrize(
    ("number", "kind", "iso"),
    [
        ("+12065550100", "MOBILE", "US"),
        ("+14165550100", "MOBILE", "CA"),
        ("+18005550100", "OTHER", "US"),
        ("+447700900123", "MOBILE", "GB"),
        ("+442079460000", "LANDLINE", "GB"),
        ("+33612345678", "MOBILE", "FR"),
        ("+33142685300", "LANDLINE", "FR"),
        ("+14254147167", "MOBILE", "US"),
        ("+1206555010", "INVALID", "US"),
        ("+999123456", "INVALID", None),
    ],
    ids=[
        "us",
        "ca",
        "us-toll-free",
        "gb-mobile",
        "gb-landline",
        "fr-mobile",
        "fr-landline",
        "simulator",
        "too-short",
        "unknown-code",
    ],
)
def test_number_types(client: Any, number: str, kind: str, iso: str | None) -> None:
    """PhoneNumberType follows the numbering plan: MOBILE, LANDLINE, OTHER (toll-free) or INVALID."""
    out = client.carrier_lookup(PhoneNumber=number)
    assert (out["PhoneNumberType"], out.get("IsoCountryCode")) == (kind, iso)
    if kind == "MOBILE":
        assert (out["MCC"], out["MNC"], out["Carrier"]) == (MCC[iso or ""], "01", "Mock Wireless")
    else:
        assert "MCC" not in out
        assert "MNC" not in out


def test_lookup_is_deterministic(client: Any) -> None:
    """The same number always gets the same answer."""
    first = client.carrier_lookup(PhoneNumber="+447700900123")
    second = client.carrier_lookup(PhoneNumber="+44 7700 900123")
    drop = "ResponseMetadata"
    assert {k: v for k, v in first.items() if k != drop} == {
        k: v for k, v in second.items() if k != drop
    }


@pytest.mark.parametrize(
    "given",
    ["12065550100", "+0 206 555 0100", "+1" + "2" * 40],
    ids=["no-plus", "leading-zero", "too-long"],
)
def test_invalid_input(client: Any, given: str) -> None:
    """Input outside the model's pattern or length is ValidationException."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.carrier_lookup(PhoneNumber=given)
    assert exc.value.response["Reason"] == "FIELD_VALIDATION_FAILED"
