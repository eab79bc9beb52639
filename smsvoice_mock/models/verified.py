"""Verified destination numbers (sandbox).

- "You can only send messages to verified destination numbers when your account is in the sandbox.
  You can add up to 10 verified destination numbers." (ServiceQuotaExceededException
  VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT.)
- A new number is PENDING; SendDestinationNumberVerificationCode "Creates a new text message with a
  verification code and send it to a verified destination phone number"; VerifyDestinationNumber with
  that code makes it VERIFIED.
- The mock's choices where the docs are silent: the code is six random digits, valid for 24 hours
  (``CODE_VALIDITY``) on the mock's clock; a wrong (or never sent) code is ValidationException
  VERIFICATION_CODE_MISMATCH, an expired one ConflictException VERIFICATION_CODE_EXPIRED, and
  verifying or sending a code to a VERIFIED number is ConflictException VERIFICATION_ALREADY_COMPLETE.
  Adding the same number twice is ConflictException RESOURCE_ALREADY_EXISTS. The verification message is
  not charged ("we waive the fee for the first verification code").
- "You can delete a destination phone number. However, you must wait 24 hours after adding a phone
  number before you can delete it" (user guide, sandbox): earlier is ConflictException
  RESOURCE_DELETION_NOT_ALLOWED (the Reason is the mock's choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from smsvoice_mock.backend import TapedRandom
from smsvoice_mock.errors import ConflictException, invalid
from smsvoice_mock.models.account import SANDBOX
from smsvoice_mock.models.countries import normalize_e164
from smsvoice_mock.models.tags import tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend

CODE_VALIDITY = timedelta(hours=24)
DELETE_WAIT = timedelta(hours=24)
_rng = TapedRandom()

# The verification message, per LanguageCode (the mock's wording; EN_US when none is given).
CODE_MESSAGES = {
    "DE_DE": "Ihr Bestätigungscode lautet {code}.",
    "EN_GB": "Your verification code is {code}.",
    "EN_US": "Your verification code is {code}.",
    "ES_419": "Tu código de verificación es {code}.",
    "ES_ES": "Tu código de verificación es {code}.",
    "FR_CA": "Votre code de vérification est {code}.",
    "FR_FR": "Votre code de vérification est {code}.",
    "IT_IT": "Il tuo codice di verifica è {code}.",
    "JA_JP": "確認コードは {code} です。",
    "KO_KR": "인증 코드는 {code}입니다.",
    "PT_BR": "Seu código de verificação é {code}.",
    "ZH_CN": "您的验证码是 {code}。",
    "ZH_TW": "您的驗證碼是 {code}。",
}


@dataclass(slots=True, kw_only=True)
class VerifiedDestinationNumber:
    id: str
    arn: str
    destination_phone_number: str
    created_timestamp: datetime
    status: str = "PENDING"
    rcs_agent_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    verification_code: str | None = None
    code_sent_at: datetime | None = None

    def to_api(self) -> dict[str, Any]:
        return {
            "VerifiedDestinationNumberArn": self.arn,
            "VerifiedDestinationNumberId": self.id,
            "DestinationPhoneNumber": self.destination_phone_number,
            "Status": self.status,
            "RcsAgentId": self.rcs_agent_id,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        return {"status": self.status, "rcs-agent-id": self.rcs_agent_id}

    def check_deletable(self, now: datetime, tier: str) -> None:
        """The 24-hour wait after adding a number before it can be deleted: a rule of the user guide's
        sandbox page, so it holds only while the account is in the sandbox."""
        if tier != SANDBOX:
            return
        ready = self.created_timestamp + DELETE_WAIT
        if now < ready:
            raise ConflictException(
                f"Verified destination number {self.id} was added less than 24 hours ago; it can be "
                f"deleted from {ready.isoformat()} (advance sms.clock to get there in a test).",
                reason="RESOURCE_DELETION_NOT_ALLOWED",
                resource_type="verified-destination-number",
                resource_id=self.id,
            )

    def _refuse_if_verified(self) -> None:
        if self.status == "VERIFIED":
            raise ConflictException(
                f"Verified destination number {self.id} is already verified.",
                reason="VERIFICATION_ALREADY_COMPLETE",
                resource_type="verified-destination-number",
                resource_id=self.id,
            )

    def new_code(self, now: datetime) -> str:
        self._refuse_if_verified()
        self.verification_code = f"{_rng.randrange(1_000_000):06d}"
        self.code_sent_at = now
        return self.verification_code

    def verify(self, code: str, now: datetime) -> None:
        self._refuse_if_verified()
        if self.verification_code is None or code != self.verification_code:
            raise invalid(
                "VERIFICATION_CODE_MISMATCH",
                "VerificationCode",
                f"The verification code doesn't match the last code sent to {self.destination_phone_number}.",
            )
        if self.code_sent_at is not None and now - self.code_sent_at > CODE_VALIDITY:
            raise ConflictException(
                f"The verification code sent to {self.destination_phone_number} has expired; send a new one.",
                reason="VERIFICATION_CODE_EXPIRED",
                resource_type="verified-destination-number",
                resource_id=self.id,
            )
        self.status = "VERIFIED"


def last_code(backend: Backend, destination_phone_number: str) -> str:
    """The code last sent to ``destination_phone_number``; ``LookupError`` saying why there is none."""
    number = normalize_e164(destination_phone_number)
    found = next(
        (
            v
            for v in backend.verified_destination_numbers.values()
            if v.destination_phone_number == number
        ),
        None,
    )
    if found is None:
        known = ", ".join(
            v.destination_phone_number for v in backend.verified_destination_numbers.values()
        )
        raise LookupError(
            f"{number} is not a verified destination number of account {backend.account_id} in "
            f"{backend.region} (its numbers: {known or 'none'})."
        )
    if found.verification_code is None:
        raise LookupError(
            f"No verification code was sent to {number} yet; call SendDestinationNumberVerificationCode."
        )
    return found.verification_code
