"""Message parts, prices, voice call length and media URLs.

A text message is split into parts as carriers do: GSM 03.38 text is 160 characters in one part or 153
per part when split (an extension character such as ``€`` or ``{`` takes two); any other text is sent
as UCS-2, 70 characters in one part or 67 per part. Each part is charged at the price below.

The price list is the mock's (the docs give no prices): 0.00581 USD per SMS part (the figure of the
user guide's event example), 0.02 USD per MMS, 0.013 USD per started minute of a voice call. A voice
call lasts as long as Polly takes to read the text, estimated at 15 characters a second (SSML tags are
not read), at least one second.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from smsvoice_mock.errors import invalid

GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

# US dollars, the mock's documented price list (docs/behaviour.md).
PRICE_PER_SMS_PART = Decimal("0.00581")
PRICE_PER_MMS = Decimal("0.02")
PRICE_PER_VOICE_MINUTE = Decimal("0.013")


_GSM7_ALL = GSM7 | GSM7_EXTENSION


def encoding_of(body: str) -> str:
    return "GSM" if _GSM7_ALL.issuperset(body) else "UCS2"


# The user guide's SMS limits: a message can have at most 1530 GSM or 630 non-GSM characters.
MAX_CHARACTERS = {"GSM": 1530, "UCS2": 630}


def _units(body: str, encoding: str) -> int:
    if encoding == "GSM":
        if GSM7_EXTENSION.isdisjoint(body):
            return len(body)
        return len(body) + sum(body.count(ch) for ch in GSM7_EXTENSION)
    # UCS-2 counts UTF-16 code units: characters outside the BMP take two.
    return len(body.encode("utf-16-le")) // 2


def message_parts(body: str) -> tuple[str, int]:
    """``(encoding, number of parts)`` of a text message body."""
    encoding = encoding_of(body)
    units = _units(body, encoding)
    single, multi = (160, 153) if encoding == "GSM" else (70, 67)
    if units <= single:
        return encoding, 1
    return encoding, -(-units // multi)


def check_text_size(body: str) -> None:
    """A text message over 1530 GSM or 630 non-GSM characters fails: MAXIMUM_SIZE_EXCEEDED."""
    encoding = encoding_of(body)
    units, limit = _units(body, encoding), MAX_CHARACTERS[encoding]
    if units > limit:
        kind = "GSM" if encoding == "GSM" else "non-GSM"
        raise invalid(
            "MAXIMUM_SIZE_EXCEEDED",
            "MessageBody",
            f"The message has {units} {kind} characters; at most {limit} are allowed.",
        )


def text_parts(body: str) -> tuple[str, int]:
    """``check_text_size`` then ``message_parts``, reading the body once when it is a single part of
    GSM characters outside the extension table (most messages are)."""
    if len(body) <= 160 and GSM7.issuperset(body):
        return "GSM", 1
    check_text_size(body)
    return message_parts(body)


# A message has at most 10 parts (1530 GSM characters, 153 a part; 630 UCS-2, 67 a part).
_TEXT_PRICES = tuple(PRICE_PER_SMS_PART * parts for parts in range(11))


def text_price(parts: int) -> Decimal:
    if 0 <= parts < len(_TEXT_PRICES):
        return _TEXT_PRICES[parts]
    return PRICE_PER_SMS_PART * parts


# "TEXT: This is the default value. When used the maximum character limit is 3000."
VOICE_TEXT_MAX = 3000
VOICE_CHARACTERS_PER_SECOND = 15
_SSML_TAG = re.compile(r"<[^>]*>")


def voice_duration_seconds(body: str, text_type: str) -> int:
    """How long reading ``body`` takes, in whole seconds (at least one)."""
    spoken = _SSML_TAG.sub("", body) if text_type == "SSML" else body
    return max(1, math.ceil(len(spoken.strip()) / VOICE_CHARACTERS_PER_SECOND))


def voice_price(seconds: int) -> Decimal:
    """Voice calls are charged per started minute."""
    return PRICE_PER_VOICE_MINUTE * math.ceil(seconds / 60)


# File types an MMS may carry (the mock's list, after the user guide's supported-file-types page:
# images, audio, video, vCard and PDF).
MEDIA_EXTENSIONS = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "bmp",
        "webp",
        "mp3",
        "mp4",
        "m4a",
        "amr",
        "aac",
        "ogg",
        "wav",
        "3gp",
        "3gpp",
        "mpeg",
        "mov",
        "vcf",
        "pdf",
        "txt",
    ]
)


def check_media_url(url: str, member: str) -> None:
    """ "The media files have to be stored in an S3 bucket" with a supported file type."""
    name = url.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in MEDIA_EXTENSIONS:
        raise invalid(
            "MEDIA_TYPE_NOT_SUPPORTED",
            member,
            f"The media file {url} has a type MMS can't carry; supported extensions are "
            f"{', '.join(sorted(MEDIA_EXTENSIONS))}.",
        )
