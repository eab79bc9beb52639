"""Per-(account, region) state: resource stores, the id and ARN factory, the clock and the account tier.

Every resource family keeps its store here as a dictionary keyed by id or name; the rules live on the
models (``smsvoice_mock.models``) and the handlers stay thin.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from smsvoice_mock.errors import ValidationException, not_found

if TYPE_CHECKING:
    from smsvoice_mock.models.account import AccountSettings
    from smsvoice_mock.models.configuration_set import ConfigurationSet
    from smsvoice_mock.models.notify import NotifyConfiguration
    from smsvoice_mock.models.opt_out import OptOutList
    from smsvoice_mock.models.phone_number import PhoneNumber
    from smsvoice_mock.models.pool import Pool
    from smsvoice_mock.models.protect import ProtectConfiguration
    from smsvoice_mock.models.rcs import RcsAgent
    from smsvoice_mock.models.registration import Registration, RegistrationAttachment
    from smsvoice_mock.models.resources import ResourcePolicy
    from smsvoice_mock.models.sender_id import SenderId
    from smsvoice_mock.models.verified import VerifiedDestinationNumber

T = TypeVar("T")

PARTITION = "aws"
SERVICE = "sms-voice"


@functools.lru_cache(maxsize=1)
def _partitions() -> list[dict[str, Any]]:
    from smsvoice_mock._model import data_loader

    # The loader of the client's session, whose cache holds the endpoints.json it loaded.
    return list(data_loader().load_data("endpoints")["partitions"])


@functools.cache
def partition_of(region: str) -> str:
    """The partition of ``region`` in botocore's own partition data (``endpoints.json``, which every
    botocore version ships): the partition listing the region, else the one whose ``regionRegex``
    matches, else ``aws``. Loaded on the first backend of a region and cached per region."""
    partitions = _partitions()
    for partition in partitions:
        if region in partition.get("regions", {}):
            return str(partition["partition"])
    for partition in partitions:
        if re.match(partition.get("regionRegex", "$^"), region):
            return str(partition["partition"])
    return PARTITION


@functools.cache
def is_region_name(region: str) -> bool:
    """``region`` is one botocore's partition data lists, or matches a partition's ``regionRegex``
    (a region newer than the installed botocore still looks like one: ``xx-name-1``)."""
    partitions = _partitions()
    return any(region in p.get("regions", {}) for p in partitions) or any(
        re.fullmatch(p.get("regionRegex", "$^"), region) for p in partitions
    )


_UNITS = ("weeks", "days", "hours", "minutes", "seconds", "milliseconds", "microseconds")
_EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(9998, 12, 31, tzinfo=timezone.utc)


class Tape:
    """The chance values of one request (ids, the time, random draws), recorded so that replaying the
    request from the server's journal makes exactly the same state (``server.journal``).

    ``TAPE.values`` is ``None`` except while the server records or replays a request, under the
    state's lock; each source of chance asks ``TAPE.take(live)`` for its value.
    """

    __slots__ = ("playing", "values")

    def __init__(self) -> None:
        self.values: list[Any] | None = None
        self.playing = False

    def take(self, live: Callable[[], T]) -> T:
        if self.values is None:
            return live()
        if self.playing:
            if self.values:
                return self.values.pop(0)  # type: ignore[no-any-return]
            return live()  # the replay went another way; what it was told is used up
        value = live()
        self.values.append(value)
        return value


TAPE = Tape()


class TapedRandom(random.Random):
    """A ``random.Random`` whose draws go on the ``TAPE``."""

    def random(self) -> float:
        return TAPE.take(super().random)

    def getrandbits(self, k: int) -> int:
        return TAPE.take(lambda: super(TapedRandom, self).getrandbits(k))


_UTC = timezone.utc
_now = datetime.now


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    """The mock's notion of now: the real UTC time plus an offset a test can move forward."""

    def __init__(self) -> None:
        self.offset = timedelta(0)
        # Called after every move (the state delivers the event records a delay held until then).
        self.on_advance: Callable[[], None] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """A copy keeps the time, not the state's hook (which is the state's own)."""
        return {"offset": self.offset}

    def __setstate__(self, saved: dict[str, Any]) -> None:
        self.offset = saved["offset"]
        self.on_advance = None

    def now(self) -> datetime:
        if TAPE.values is None:
            offset = self.offset
            return _now(_UTC) + offset if offset else _now(_UTC)
        return TAPE.take(_utc_now) + self.offset

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. ``sms.clock.advance(days=31)``.

        The units are ``timedelta``'s (``weeks``, ``days``, ``hours``, ``minutes``, ``seconds``,
        ``milliseconds``, ``microseconds``), each a finite number; the clock never goes past the
        year 9998 (so that a year's wait after it still has a date) nor before 1970.
        """
        for name, value in delta.items():
            if name not in _UNITS:
                raise TypeError(
                    f"The clock advances by {', '.join(_UNITS)}; {name!r} is not one of them."
                )
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or (isinstance(value, float) and not math.isfinite(value))  # an int is finite
            ):
                raise TypeError(
                    f"The clock advance {name!r} must be a finite number; got {value!r}."
                )
        try:
            offset = self.offset + timedelta(**delta)
            moved = datetime.now(timezone.utc) + offset
        except OverflowError:
            moved = None
        if moved is None or not (_EARLIEST <= moved <= _LATEST):
            raise ValueError(
                "The clock cannot move outside the years 1970 to 9998; advance it by less."
            )
        self.offset = offset
        if self.on_advance is not None:
            self.on_advance()

    def __repr__(self) -> str:
        return f"Clock(now={self.now().isoformat()}, offset={self.offset})"


def _random_hex() -> str:
    return os.urandom(16).hex()


def new_id(prefix: str) -> str:
    """An id in the service's format: ``phone-`` + 32 lowercase hex digits, and so on."""
    if TAPE.values is None:
        return f"{prefix}-{os.urandom(16).hex()}"
    return f"{prefix}-{TAPE.take(_random_hex)}"


def _uuid(h: str) -> str:
    """The version 4 UUID string made of the 32 random hex digits ``h``."""
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


# UUIDs made ahead, a batch from one os.urandom read: making each alone (a read, then six slices
# and a format) cost more than all the rest of a request id. A forked child empties its copy, so
# that it never answers its parent's ids.
_UUIDS: list[str] = []
_UUID_BATCH = 256
os.register_at_fork(after_in_child=_UUIDS.clear)
# Where the 32 hex digits go in the 36 characters of a UUID string (the others are dashes).
_DIGIT_AT = tuple(i for i in range(36) if i not in (8, 13, 18, 23))
_VARIANT = bytes.maketrans(b"0123456789abcdef", b"89ab89ab89ab89ab")  # '89ab'[int(h, 16) & 3]


def _uuids(digits: bytes) -> list[str]:
    """``[_uuid(h) for h in each 32 hex digits of digits]``, formatted a column at a time (each id
    followed by a comma, which ``split`` then cuts at)."""
    count = len(digits) // 32
    text = bytearray(b"-" * (37 * count))
    for column, at in enumerate(_DIGIT_AT):
        text[at::37] = digits[column::32]
    text[14::37] = b"4" * count
    text[19::37] = digits[16::32].translate(_VARIANT)
    text[36::37] = b"," * count
    made = text.decode("ascii").split(",")
    made.pop()  # the empty string after the last comma
    return made


def _more_uuids() -> str:
    made = _uuids(os.urandom(16 * _UUID_BATCH).hex().encode("ascii"))
    first = made.pop()
    _UUIDS.extend(made)
    return first


def new_uuid() -> str:
    """A random (version 4) UUID string, as message and request ids are; cheaper than ``uuid.uuid4()``.
    While the server records or replays a request (``TAPE``), each id's digits go on its tape."""
    if TAPE.values is None:
        try:
            return _UUIDS.pop()
        except IndexError:  # used up (pop, not a test of the list first: threads share it)
            return _more_uuids()
    return _uuid(TAPE.take(_random_hex))


@dataclass(frozen=True, slots=True)
class ParsedArn:
    region: str
    account_id: str
    resource_type: str
    resource_id: str


def parse_arn(value: str, name: str) -> ParsedArn:
    """Split an ``arn:aws:sms-voice:…`` ARN; any other shape is ``ValidationException`` INVALID_ARN."""
    parts = value.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != SERVICE or "/" not in parts[5]:
        message = f"The ARN {value!r} given for {name} is not a valid {SERVICE} resource ARN."
        raise ValidationException(
            message, reason="INVALID_ARN", fields=[{"Name": name, "Message": message}]
        )
    resource_type, _, resource_id = parts[5].partition("/")
    return ParsedArn(parts[3], parts[4], resource_type, resource_id)


class NumberIndex:
    """E.164 number -> id of the first phone number of the store that has it (the store's order),
    brought up to date on each use: the numbers added since the last use are indexed at the cost of
    those alone; any other change the index can see (a number released, the store replaced) makes
    it again from the store. A hit is checked against the number it names; a miss is answered by a
    scan (a miss is rare where it matters: sends name numbers the account has), so the answers are
    the scan's even when a test edits the store or a number in place."""

    __slots__ = ("ids", "last", "last_id", "size", "store")

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.store: dict[str, PhoneNumber] | None = None
        self.size = 0
        self.last_id: str | None = None
        self.last: PhoneNumber | None = None

    def get(self, store: dict[str, PhoneNumber], number: str) -> PhoneNumber | None:
        self._catch_up(store)
        key = self.ids.get(number)
        found = store.get(key) if key is not None else None
        if found is not None and found.phone_number == number:
            return found
        # Not indexed, or an entry that no longer holds (a test edited the store or a number in
        # place): the scan answers, as it always did, and the index is made again if it was wrong.
        found = next((p for p in store.values() if p.phone_number == number), None)
        if found is not None or key is not None:
            self._rebuild(store)
        return found

    def _catch_up(self, store: dict[str, PhoneNumber]) -> None:
        grown = len(store) - self.size
        if store is not self.store or grown < 0:
            self._rebuild(store)
            return
        if self.size == 0:
            added = list(store)
        else:
            tail = list(itertools.islice(reversed(store), grown + 1))
            if tail[-1] != self.last_id or store[tail[-1]] is not self.last:
                self._rebuild(store)
                return
            added = tail[-2::-1]
        for key in added:
            self.ids.setdefault(store[key].phone_number, key)
        self._mark(store)

    def _rebuild(self, store: dict[str, PhoneNumber]) -> None:
        self.ids = {}
        for key, number in store.items():
            self.ids.setdefault(number.phone_number, key)
        self.store = store
        self._mark(store)

    def _mark(self, store: dict[str, PhoneNumber]) -> None:
        self.size = len(store)
        self.last_id = next(reversed(store), None)
        self.last = store[self.last_id] if self.last_id is not None else None


@dataclass(kw_only=True, repr=False)
class Backend:
    """The state of one account in one region."""

    account_id: str
    region: str
    clock: Clock
    account_tier: str = "PRODUCTION"
    auto_activate: bool = True
    phone_numbers: dict[str, PhoneNumber] = field(default_factory=dict)
    opt_out_lists: dict[str, OptOutList] = field(default_factory=dict)
    pools: dict[str, Pool] = field(default_factory=dict)
    sender_ids: dict[tuple[str, str], SenderId] = field(default_factory=dict)
    configuration_sets: dict[str, ConfigurationSet] = field(default_factory=dict)
    verified_destination_numbers: dict[str, VerifiedDestinationNumber] = field(default_factory=dict)
    registrations: dict[str, Registration] = field(default_factory=dict)
    registration_attachments: dict[str, RegistrationAttachment] = field(default_factory=dict)
    rcs_agents: dict[str, RcsAgent] = field(default_factory=dict)
    notify_configurations: dict[str, NotifyConfiguration] = field(default_factory=dict)
    protect_configurations: dict[str, ProtectConfiguration] = field(default_factory=dict)
    resource_policies: dict[str, ResourcePolicy] = field(default_factory=dict)
    settings: AccountSettings = field(init=False)
    partition: str = field(init=False)  # the region's, from botocore's partition data
    # Money spent per (spend limit name, "YYYY-MM" of the clock), in US dollars.
    spend: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = field(
        default_factory=dict
    )
    # Made from ``phone_numbers`` as it is used; not part of the saved state (``__getstate__``).
    _numbers: NumberIndex = field(default_factory=NumberIndex, init=False, compare=False)

    def __post_init__(self) -> None:
        self.partition = partition_of(self.region)
        from smsvoice_mock.models.account import AccountSettings
        from smsvoice_mock.models.opt_out import OptOutList

        self.settings = AccountSettings.for_tier(self.account_tier)
        self.opt_out_lists["Default"] = OptOutList(
            name="Default", arn=self.arn("opt-out-list", "Default"), created_timestamp=self.now()
        )

    def now(self) -> datetime:
        return self.clock.now()

    def __getstate__(self) -> dict[str, Any]:
        """The state file, the journal and a seed's rollback copy keep the resources, not the index
        (a file written before the index existed loads the same)."""
        state = dict(self.__dict__)
        del state["_numbers"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._numbers = NumberIndex()

    def __repr__(self) -> str:
        from smsvoice_mock._table import RESOURCE_COLUMNS, resource_rows, text_table

        title = f"Resources of account {self.account_id} in {self.region} ({self.settings.tier})"
        return text_table(title, RESOURCE_COLUMNS, resource_rows(self), width=60)

    def _repr_html_(self) -> str:
        from smsvoice_mock._table import RESOURCE_COLUMNS, html_table, resource_rows

        title = f"Resources of account {self.account_id} in {self.region} ({self.settings.tier})"
        return html_table(title, RESOURCE_COLUMNS, resource_rows(self))

    def arn(self, resource_type: str, resource_id: str) -> str:
        """``arn:{partition}:sms-voice:{region}:{account}:{resource_type}/{resource_id}``, the
        partition being the region's (``aws-us-gov`` in us-gov-west-1, ``aws-cn`` in cn-north-1)."""
        return (
            f"arn:{self.partition}:{SERVICE}:{self.region}:{self.account_id}:"
            f"{resource_type}/{resource_id}"
        )

    def local_id(self, value: str, resource_type: str, name: str) -> str:
        """Reduce an id-or-ARN input to the id, checking the ARN names this account, region and type.

        An ARN of another account or region is a resource this backend cannot see
        (``ResourceNotFoundException``); an ARN of another resource type is ``INVALID_ARN``.
        """
        if not value.startswith("arn:"):
            return value
        arn = parse_arn(value, name)
        if arn.resource_type != resource_type:
            message = f"{name} must be a {resource_type} ARN, got a {arn.resource_type} ARN."
            raise ValidationException(
                message, reason="INVALID_ARN", fields=[{"Name": name, "Message": message}]
            )
        if arn.region != self.region or arn.account_id != self.account_id:
            raise not_found(resource_type, value)
        return arn.resource_id

    # -- lookups shared by several families ------------------------------------------------

    def find(self, store: dict[str, T], resource_type: str, value: str, name: str) -> T:
        """The resource of ``store`` that ``value`` (an id, name or ARN) names, else not found."""
        found = store.get(self.local_id(value, resource_type, name))
        if found is None:
            raise not_found(resource_type, value)
        return found

    def phone_number(self, value: str, name: str = "PhoneNumberId") -> PhoneNumber:
        """Find a phone number by id, ARN or E.164 number."""
        key = self.local_id(value, "phone-number", name)
        found = self.phone_numbers.get(key)
        if found is None and key.startswith("+"):
            found = self.phone_number_by_e164(key)
        if found is None:
            raise not_found("phone-number", value)
        return found

    def phone_number_by_e164(self, number: str) -> PhoneNumber | None:
        """The first phone number of ``phone_numbers`` (in its order) whose E.164 number is
        ``number``, else ``None``; a lookup, not a scan, whatever the count of numbers."""
        return self._numbers.get(self.phone_numbers, number)

    def opt_out_list(self, value: str, name: str = "OptOutListName") -> OptOutList:
        return self.find(self.opt_out_lists, "opt-out-list", value, name)

    def pool(self, value: str, name: str = "PoolId") -> Pool:
        if not value:
            raise ValidationException(
                f"{name} must not be empty.",
                reason="FIELD_VALIDATION_FAILED",
                fields=[
                    {"Name": name, "Message": "Member must have length greater than or equal to 1"}
                ],
            )
        return self.find(self.pools, "pool", value, name)

    def configuration_set(self, value: str, name: str = "ConfigurationSetName") -> ConfigurationSet:
        return self.find(self.configuration_sets, "configuration-set", value, name)

    def protect_configuration(
        self, value: str, name: str = "ProtectConfigurationId"
    ) -> ProtectConfiguration:
        return self.find(self.protect_configurations, "protect-configuration", value, name)

    def registration(self, value: str, name: str = "RegistrationId") -> str:
        """The id of the existing registration ``value`` (an id or ARN) names."""
        return self.find(self.registrations, "registration", value, name).id

    def rcs_agent(self, value: str, name: str = "RcsAgentId") -> RcsAgent:
        return self.find(self.rcs_agents, "rcs-agent", value, name)

    def complete_registration(self, phone_number_id: str) -> str:
        """Make a US toll-free or 10DLC number ready to send in one line: a COMPLETE registration
        of its type, associated with it. Answers the registration id."""
        from smsvoice_mock.models.registration import complete_registration

        number = self.phone_numbers.get(phone_number_id)
        if number is None:
            raise RuntimeError(
                f"{phone_number_id!r} is not a phone number of account {self.account_id} in "
                f"{self.region}; pass the PhoneNumberId that RequestPhoneNumber answered."
            )
        return complete_registration(self, number).id

    def notify_configuration(
        self, value: str, name: str = "NotifyConfigurationId"
    ) -> NotifyConfiguration:
        return self.find(self.notify_configurations, "notify-configuration", value, name)
