"""Opt-out lists and the opted-out numbers in them.

- "If the opt-out list name already exists, an error is returned."
- "All opted out phone numbers in the opt-out list are deleted" with the list; a list "in-use by an
  origination phone number or pool" can't be deleted.
- "Each destination phone number can only be deleted once every 30 days."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from smsvoice_mock.errors import ValidationException, not_found

REDELETE_WAIT = timedelta(days=30)


@dataclass(slots=True, kw_only=True)
class OptedOutNumber:
    number: str
    timestamp: datetime
    end_user_opted_out: bool

    def to_api(self) -> dict[str, Any]:
        return {
            "OptedOutNumber": self.number,
            "OptedOutTimestamp": self.timestamp,
            "EndUserOptedOut": self.end_user_opted_out,
        }


@dataclass(slots=True, kw_only=True)
class OptOutList:
    name: str
    arn: str
    created_timestamp: datetime
    tags: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, OptedOutNumber] = field(default_factory=dict)
    # When each number was last deleted from this list, for the 30-day rule.
    deleted_at: dict[str, datetime] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        return {
            "OptOutListArn": self.arn,
            "OptOutListName": self.name,
            "CreatedTimestamp": self.created_timestamp,
        }

    def header(self) -> dict[str, Any]:
        return {"OptOutListArn": self.arn, "OptOutListName": self.name}

    def contains(self, number: str) -> bool:
        return number in self.numbers

    def put(self, number: str, now: datetime, *, end_user: bool) -> OptedOutNumber:
        existing = self.numbers.get(number)
        if existing is not None:
            existing.end_user_opted_out = existing.end_user_opted_out or end_user
            return existing
        entry = OptedOutNumber(number=number, timestamp=now, end_user_opted_out=end_user)
        self.numbers[number] = entry
        return entry

    def get(self, number: str) -> OptedOutNumber:
        found = self.numbers.get(number)
        if found is None:
            raise not_found("opted-out-number", number)
        return found

    def delete(self, number: str, now: datetime) -> OptedOutNumber:
        found = self.get(number)
        last = self.deleted_at.get(number)
        if last is not None and now - last < REDELETE_WAIT:
            message = (
                f"{number} was deleted from opt-out list {self.name} on {last:%Y-%m-%d}; "
                "each destination phone number can only be deleted once every 30 days."
            )
            raise ValidationException(
                message,
                reason="PHONE_NUMBER_CANNOT_BE_OPTED_IN",
                fields=[{"Name": "OptedOutNumber", "Message": message}],
            )
        del self.numbers[number]
        self.deleted_at[number] = now
        return found
