"""Message parts and prices.

A text message is split into parts as carriers do: GSM 03.38 text is 160 characters in one part or 153
per part when split (an extension character such as ``€`` or ``{`` takes two); any other text is sent
as UCS-2, 70 characters in one part or 67 per part. Each part is charged at the price below.
"""

from __future__ import annotations

from decimal import Decimal

GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

# US dollars, the mock's documented price list (docs/behaviour.md).
PRICE_PER_SMS_PART = Decimal("0.00581")
PRICE_PER_MMS = Decimal("0.02")
PRICE_PER_VOICE_MINUTE = Decimal("0.013")


def encoding_of(body: str) -> str:
    return "GSM" if all(ch in GSM7 or ch in GSM7_EXTENSION for ch in body) else "UCS2"


def message_parts(body: str) -> tuple[str, int]:
    """``(encoding, number of parts)`` of a text message body."""
    encoding = encoding_of(body)
    if encoding == "GSM":
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in body)
        single, multi = 160, 153
    else:
        # UCS-2 counts UTF-16 code units: characters outside the BMP take two.
        units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in body)
        single, multi = 70, 67
    if units <= single:
        return encoding, 1
    return encoding, -(-units // multi)


def text_price(parts: int) -> Decimal:
    return PRICE_PER_SMS_PART * parts
