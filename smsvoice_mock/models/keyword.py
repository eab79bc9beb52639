"""Keywords of a phone number or pool, and the HELP/STOP rules.

- Every phone number starts with HELP (AUTOMATIC_RESPONSE) and STOP (OPT_OUT): "The keywords HELP and
  STOP are mandatory keywords that each phone number must have."
- "Keywords HELP and STOP can't be deleted or modified": their message may be changed (user guide:
  put-keyword overwrites), their action may not, and they cannot be deleted (ConflictException).
- "A keyword can be between 1 and 30 characters in length and can't start or end with a space.
  Keywords are case insensitive." The service stores and answers them upper-cased (observed live:
  Terraform's keyword tests put "tf-acc-test-AbCd" and read back "TF-ACC-TEST-ABCD").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smsvoice_mock.errors import (
    ConflictException,
    ServiceQuotaExceededException,
    invalid,
    not_found,
)
from smsvoice_mock.models.account import KEYWORDS_PER_ORIGINATION_IDENTITY

AUTOMATIC_RESPONSE = "AUTOMATIC_RESPONSE"
OPT_OUT = "OPT_OUT"
OPT_IN = "OPT_IN"

MANDATORY_ACTIONS = {"HELP": AUTOMATIC_RESPONSE, "STOP": OPT_OUT}
# The service's default wording was not found in any source; these follow the user guide's examples.
DEFAULT_MESSAGES = {
    "HELP": "For assistance with your account, reply HELP or contact support. Msg&data rates may apply.",
    "STOP": "You are now opted out and will receive no further messages.",
}
# Words that opt an end user out on every number (user guide, "Required opt-out keywords").
OPT_OUT_WORDS = frozenset(
    {"ARRET", "CANCEL", "END", "OPT-OUT", "OPTOUT", "QUIT", "REMOVE", "STOP", "TD", "UNSUBSCRIBE"}
)


@dataclass(slots=True, kw_only=True)
class Keyword:
    keyword: str
    message: str
    action: str

    def to_api(self) -> dict[str, Any]:
        return {
            "Keyword": self.keyword,
            "KeywordMessage": self.message,
            "KeywordAction": self.action,
        }


def _mandatory() -> dict[str, Keyword]:
    return {
        word: Keyword(keyword=word, message=DEFAULT_MESSAGES[word], action=action)
        for word, action in MANDATORY_ACTIONS.items()
    }


@dataclass(slots=True, kw_only=True)
class KeywordSet:
    """The keywords of one origination identity, keyed by the upper-cased keyword."""

    owner_type: str
    owner_id: str
    quota_reason: str = "KEYWORDS_PER_PHONE_NUMBER"
    items: dict[str, Keyword] = field(default_factory=_mandatory)

    def put(self, keyword: str, message: str, action: str | None) -> Keyword:
        if keyword != keyword.strip():
            raise invalid(
                "FIELD_VALIDATION_FAILED",
                "Keyword",
                f"Keyword {keyword!r} can't start or end with a space.",
            )
        key = keyword.upper()
        existing = self.items.get(key)
        if existing is None:
            if len(self.items) >= KEYWORDS_PER_ORIGINATION_IDENTITY:
                raise ServiceQuotaExceededException(
                    f"The {self.owner_type} {self.owner_id} already has "
                    f"{KEYWORDS_PER_ORIGINATION_IDENTITY} keywords.",
                    reason=self.quota_reason,
                )
            created = Keyword(keyword=key, message=message, action=action or AUTOMATIC_RESPONSE)
            self.items[key] = created
            return created
        mandatory = MANDATORY_ACTIONS.get(key)
        if mandatory is not None and action is not None and action != mandatory:
            raise ConflictException(
                f'The action of keyword "{key}" is {mandatory} and can\'t be changed.',
                reason="RESOURCE_MODIFICATION_NOT_ALLOWED",
                resource_type="keyword",
                resource_id=key,
            )
        existing.message = message
        if action is not None:
            existing.action = action
        return existing

    def get(self, keyword: str) -> Keyword:
        found = self.items.get(keyword.upper())
        if found is None:
            raise not_found("keyword", keyword)
        return found

    def delete(self, keyword: str) -> Keyword:
        key = keyword.upper()
        if key in MANDATORY_ACTIONS:
            raise ConflictException(
                f'Keyword "{key}" cannot be deleted.',
                reason="RESOURCE_DELETION_NOT_ALLOWED",
                resource_type="keyword",
                resource_id=key,
            )
        found = self.get(keyword)
        del self.items[key]
        return found

    def match(self, body: str) -> Keyword | None:
        """The keyword an inbound message begins with (the longest one, case-insensitively), followed by
        the end of the message, a space or punctuation: "hours?" begins with HOURS, "hourly" doesn't."""
        text = " ".join(body.split()).upper()
        best: Keyword | None = None
        for key, kw in self.items.items():
            begins = text.startswith(key) and (
                len(text) == len(key) or not text[len(key)].isalnum()
            )
            if begins and (best is None or len(key) > len(best.keyword)):
                best = kw
        return best

    def copy(self, owner_type: str, owner_id: str, quota_reason: str) -> KeywordSet:
        return KeywordSet(
            owner_type=owner_type,
            owner_id=owner_id,
            quota_reason=quota_reason,
            items={
                k: Keyword(keyword=v.keyword, message=v.message, action=v.action)
                for k, v in self.items.items()
            },
        )

    def same_as(self, other: KeywordSet) -> bool:
        return {k: (v.message, v.action) for k, v in self.items.items()} == {
            k: (v.message, v.action) for k, v in other.items.items()
        }
