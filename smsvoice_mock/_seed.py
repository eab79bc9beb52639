"""Seeding and snapshots: start a mock with exactly the resources a test names, and write the state
back in the same format (docs/seeding.md).

A seed maps resource families to lists of entries. Each entry is shaped like the item the service's
own Describe* call answers with (a phone number is a ``PhoneNumberInformation``, a pool a
``PoolInformation``, ...), PascalCase members and all, so ids and numbers read from production settings
or pasted from a real ``describe_*`` answer seed the mock as they are::

    {"phone_numbers": [{"PhoneNumberId": "phone-…", "PhoneNumber": "+12065550100", ...}],
     "sender_ids": [...], "opt_out_lists": [...], "pools": [...], "configuration_sets": [...],
     "accounts": {"111122223333": {"eu-west-1": {<the same families>}}}}

The top-level families belong to the activation's account and region, ``accounts`` holds the others.
Each entry is checked as the service would: the documented defaults are filled in, then the entry must
fit its output shape (required members, lengths, patterns and enums: the model's own, via
``_validate``) and the models' rules (number types by country, mandatory keywords, one pool per phone
number, event destinations, quotas, ...). The first problem is a ``ValueError`` naming the entry, e.g.
``seed["phone_numbers"][1]: ...``, and leaves the state as it was.

``apply_seed`` and ``take_snapshot`` take the ``MockState`` alone, so the in-process handle and the
server's control API call the same two functions.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import json
import typing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smsvoice_mock._model import service_model
from smsvoice_mock._records import Ref
from smsvoice_mock._records import dump as dump_record
from smsvoice_mock._records import hints as record_hints
from smsvoice_mock._records import load as load_record
from smsvoice_mock._state import is_account_id
from smsvoice_mock._validate import Problem, compile_shape
from smsvoice_mock.backend import is_region_name, new_id
from smsvoice_mock.errors import ServiceError, already_exists, check_quota, invalid
from smsvoice_mock.models.configuration_set import ConfigurationSet, EventDestination
from smsvoice_mock.models.countries import country_of, normalize_e164
from smsvoice_mock.models.keyword import AUTOMATIC_RESPONSE, DEFAULT_MESSAGES, MANDATORY_ACTIONS
from smsvoice_mock.models.opt_out import OptOutList
from smsvoice_mock.models.phone_number import LEASING_PRICES, PhoneNumber, check_requestable
from smsvoice_mock.models.pool import (
    NAME as ORIGINATION_IDENTITY,
)
from smsvoice_mock.models.pool import (
    ORIGINATION_IDENTITIES_PER_POOL,
    Identity,
    Pool,
    resolve_identity,
)
from smsvoice_mock.models.registration import complete_registration, registration_required
from smsvoice_mock.models.sender_id import (
    MESSAGE_TYPES,
    SENDER_ID_UNSUPPORTED_COUNTRIES,
    SenderId,
)
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.models.keyword import KeywordSet

__all__ = ["FAMILIES", "FORMAT", "apply_seed", "read_seed", "take_snapshot"]


@dataclass(frozen=True)
class _Family:
    """How one kind of entry maps onto a model: its output shape and the members a seed may give."""

    shape: str  # the Describe* item shape an entry fits
    fields: tuple[tuple[str, str], ...]  # member -> model attribute, copied as given
    # The ARN member: optional in a seed (where it must match), never in a snapshot.
    arn: str | None = None
    children: tuple[str, ...] = ()  # members holding lists of nested entries
    extra: tuple[str, ...] = ()  # other members a seed accepts, read by the family's own code
    tags: bool = True

    @property
    def members(self) -> tuple[str, ...]:
        named = (m for m, _ in self.fields)
        arn = (self.arn,) if self.arn else ()
        return (*named, *arn, *self.children, *self.extra, *(("Tags",) if self.tags else ()))


PHONE_NUMBER = _Family(
    shape="PhoneNumberInformation",
    arn="PhoneNumberArn",
    fields=(
        ("PhoneNumberId", "id"),
        ("PhoneNumber", "phone_number"),
        ("Status", "status"),
        ("IsoCountryCode", "iso_country_code"),
        ("MessageType", "message_type"),
        ("NumberCapabilities", "number_capabilities"),
        ("NumberType", "number_type"),
        ("MonthlyLeasingPrice", "monthly_leasing_price"),
        ("TwoWayEnabled", "two_way_enabled"),
        ("TwoWayChannelArn", "two_way_channel_arn"),
        ("TwoWayChannelRole", "two_way_channel_role"),
        ("SelfManagedOptOutsEnabled", "self_managed_opt_outs_enabled"),
        ("OptOutListName", "opt_out_list_name"),
        ("InternationalSendingEnabled", "international_sending_enabled"),
        ("DeletionProtectionEnabled", "deletion_protection_enabled"),
        ("RegistrationId", "registration_id"),
        ("CreatedTimestamp", "created_timestamp"),
    ),
    children=("Keywords",),
    extra=("PoolId",),
)
SENDER_ID = _Family(
    shape="SenderIdInformation",
    arn="SenderIdArn",
    fields=(
        ("SenderId", "sender_id"),
        ("IsoCountryCode", "iso_country_code"),
        ("MessageTypes", "message_types"),
        ("MonthlyLeasingPrice", "monthly_leasing_price"),
        ("DeletionProtectionEnabled", "deletion_protection_enabled"),
        ("Registered", "registered"),
        ("RegistrationId", "registration_id"),
    ),
)
POOL = _Family(
    shape="PoolInformation",
    arn="PoolArn",
    fields=(
        ("PoolId", "id"),
        ("Status", "status"),
        ("MessageType", "message_type"),
        ("TwoWayEnabled", "two_way_enabled"),
        ("TwoWayChannelArn", "two_way_channel_arn"),
        ("TwoWayChannelRole", "two_way_channel_role"),
        ("SelfManagedOptOutsEnabled", "self_managed_opt_outs_enabled"),
        ("OptOutListName", "opt_out_list_name"),
        ("SharedRoutesEnabled", "shared_routes_enabled"),
        ("DeletionProtectionEnabled", "deletion_protection_enabled"),
        ("CreatedTimestamp", "created_timestamp"),
    ),
    children=("Keywords",),
    extra=("OriginationIdentities",),
)
OPT_OUT_LIST = _Family(
    shape="OptOutListInformation",
    arn="OptOutListArn",
    fields=(("OptOutListName", "name"), ("CreatedTimestamp", "created_timestamp")),
    children=("OptedOutNumbers",),
)
OPTED_OUT_NUMBER = _Family(
    shape="OptedOutNumberInformation",
    fields=(
        ("OptedOutNumber", "number"),
        ("OptedOutTimestamp", "timestamp"),
        ("EndUserOptedOut", "end_user_opted_out"),
    ),
    tags=False,
)
CONFIGURATION_SET = _Family(
    shape="ConfigurationSetInformation",
    arn="ConfigurationSetArn",
    fields=(
        ("ConfigurationSetName", "name"),
        ("DefaultMessageType", "default_message_type"),
        ("DefaultSenderId", "default_sender_id"),
        ("DefaultMessageFeedbackEnabled", "default_message_feedback_enabled"),
        ("ProtectConfigurationId", "protect_configuration_id"),
        ("CreatedTimestamp", "created_timestamp"),
    ),
    children=("EventDestinations",),
)
EVENT_DESTINATION = _Family(
    shape="EventDestination",
    fields=(
        ("EventDestinationName", "name"),
        ("Enabled", "enabled"),
        ("MatchingEventTypes", "matching_event_types"),
        ("CloudWatchLogsDestination", "cloud_watch_logs_destination"),
        ("KinesisFirehoseDestination", "kinesis_firehose_destination"),
        ("SnsDestination", "sns_destination"),
    ),
    tags=False,
)
KEYWORD = _Family(
    shape="KeywordInformation",
    fields=(("Keyword", "keyword"), ("KeywordMessage", "message"), ("KeywordAction", "action")),
    tags=False,
)

# The families of one account and region, in the order a seed applies them (references point back).
FAMILIES = ("opt_out_lists", "sender_ids", "phone_numbers", "pools", "configuration_sets")
ACCOUNTS = "accounts"
# What a snapshot adds for the state to be whole (docs/seeding.md, "What a snapshot holds"): the
# backend's other stores as the package's own records (with the ARN type of each), the account's
# record, the 30-day history of opt-out lists; at the top, the message logs and the clock.
RECORDS = {
    "registration_attachments": "registration-attachment",
    "registrations": "registration",
    "rcs_agents": "rcs-agent",
    "protect_configurations": "protect-configuration",
    "notify_configurations": "notify-configuration",
    "verified_destination_numbers": "verified-destination-number",
    "resource_policies": "",
}
ACCOUNT = "account"
_ACCOUNT_MEMBERS = ("account_tier", "auto_activate", "settings", "spend", "idempotency")
OPT_OUT_HISTORY = "opt_out_history"
SECTION_KEYS = (*FAMILIES, *RECORDS, ACCOUNT, OPT_OUT_HISTORY)
LOGS = ("sent_messages", "inbound_messages", "events", "dry_runs", "scheduled_events", "calls")
FORMAT_KEY = "format"
FORMAT = 2  # 1 was the server's pickled state file
# "journal_folded" is the server's: the id of the --state journal whose entries the file holds.
TOP_KEYS = (
    *SECTION_KEYS,
    ACCOUNTS,
    FORMAT_KEY,
    "written_by",
    "written_at",
    "journal_folded",
    "clock",
    *LOGS,
)


# -- reading a seed -------------------------------------------------------------------------


def read_seed(source: Mapping[str, Any] | str | PathLike[str]) -> Mapping[str, Any]:
    """A seed given as a mapping, or read from a JSON or YAML file (by its suffix)."""
    if isinstance(source, Mapping):
        return source
    if not isinstance(source, (str, PathLike)):
        raise TypeError(
            "A seed is a dict, or the path of a JSON or YAML file holding one, "
            f"not {type(source).__name__}."
        )
    path = Path(source)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            # PyYAML is optional (and its type stubs too): imported by name, only for a YAML seed.
            yaml = importlib.import_module("yaml")
        except ImportError:
            raise RuntimeError(
                f"Reading the YAML seed {path} needs PyYAML; install it with 'pip install pyyaml' "
                "or give the seed as JSON."
            ) from None
        data = yaml.safe_load(text)
    else:
        data = json.loads(text)
    if not isinstance(data, Mapping):
        raise ValueError(f"The seed file {path} must hold a mapping, not {type(data).__name__}.")
    return data


# -- checking entries -----------------------------------------------------------------------


@contextmanager
def _naming(where: str) -> Iterator[None]:
    """Report a model rule a seed entry breaks as a ``ValueError`` naming the entry."""
    try:
        yield
    except ServiceError as exc:
        raise ValueError(f"{where}: {exc.message}") from None


def _mapping(where: str, value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: {what} is a mapping, not {type(value).__name__} {value!r}.")
    return value


def _known(where: str, value: Any, valid: tuple[str, ...], what: str) -> Mapping[str, Any]:
    found = _mapping(where, value, what)
    unknown = sorted(str(key) for key in found if key not in valid)
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(unknown)}; valid keys are "
            f"{', '.join(sorted(valid))}."
        )
    return found


def _items(where: str, value: Any) -> list[tuple[str, Any]]:
    """``(where, entry)`` for each entry of a list member of a seed."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{where}: a list of entries, not {type(value).__name__} {value!r}.")
    return [(f"{where}[{i}]", item) for i, item in enumerate(value)]


def _timestamp(where: str, member: str, value: Any) -> datetime:
    """A datetime, an ISO 8601 string (as a snapshot writes) or epoch seconds."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, timezone.utc)
    if isinstance(value, str):
        try:
            # Python 3.10's fromisoformat doesn't read a trailing "Z".
            parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
        except ValueError:
            pass
        else:
            return _timestamp(where, member, parsed)
    raise ValueError(
        f"{where}: {member} must be a datetime, an ISO 8601 string or epoch seconds, not {value!r}."
    )


def _entry(where: str, entry: Any, family: _Family, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """``entry`` with ``defaults`` filled in and its timestamps read, checked against its shape."""
    given = _known(where, entry, family.members, "an entry")
    full = {**defaults, **{k: v for k, v in given.items() if v is not None}}
    shape = service_model().shape_for(family.shape)
    for member, member_shape in shape.members.items():
        if member_shape.type_name == "timestamp" and member in full:
            full[member] = _timestamp(where, member, full[member])
    # Children are checked entry by entry by the family's code; the shape sees an empty list.
    wire: dict[str, Any] = {
        k: v.timestamp() if isinstance(v, datetime) else v for k, v in full.items() if k != "Tags"
    }
    wire.update({child: [] for child in family.children})
    if family.arn is not None:
        wire.setdefault(family.arn, "arn")  # derived from the id, checked by _check_arn
    problems: list[Problem] = []
    compile_shape(shape)(wire, "", problems)
    if family.tags and "Tags" in full:
        compile_shape(service_model().shape_for("TagList"))(full["Tags"], "Tags", problems)
    if problems:
        raise ValueError(f"{where}: " + "; ".join(text for _, _, text in problems))
    return full


def _check_arn(where: str, full: Mapping[str, Any], family: _Family, arn: str) -> None:
    given = full.get(family.arn) if family.arn else None
    if given is not None and given != arn:
        raise ValueError(
            f"{where}: {family.arn} {given!r} doesn't name this entry, whose ARN is {arn!r}; "
            f"leave {family.arn} out (it follows from the id, account and region)."
        )


def _check_id(where: str, value: str, member: str, prefix: str, id_shape: str) -> None:
    """An id of the service's form: the resource's prefix, and usable as a request's id member."""
    problems: list[Problem] = []
    compile_shape(service_model().shape_for(id_shape))(value, member, problems)
    if problems or not value.startswith(prefix) or value.startswith("arn:"):
        raise ValueError(
            f"{where}: {member} {value!r} must be an id like '{prefix}0123456789abcdef0123456789abcdef'"
            " (letters, digits, '_' and '-')."
        )


def _fields(full: Mapping[str, Any], family: _Family) -> dict[str, Any]:
    """The model's keyword arguments for the members ``full`` gives (lists copied)."""
    return {
        attribute: list(full[member]) if isinstance(full[member], list) else full[member]
        for member, attribute in family.fields
        if member in full
    }


def _tags(where: str, full: Mapping[str, Any]) -> dict[str, str]:
    with _naming(where):
        return merge_tags({}, full.get("Tags"))


def _quota(backend: Backend, store: Mapping[Any, Any], limit: str) -> None:
    count = backend.settings.limits[limit]
    check_quota(
        len(store),
        count,
        f"{limit}_PER_ACCOUNT",
        f"The account already has {count} {limit.lower().replace('_', ' ')}.",
    )


def _keywords(where: str, full: Mapping[str, Any], keywords: KeywordSet) -> None:
    """Put the entry's keywords over HELP and STOP, as PutKeyword would."""
    for at, item in _items(f'{where}["Keywords"]', full.get("Keywords")):
        word = item.get("Keyword") if isinstance(item, Mapping) else None
        action = MANDATORY_ACTIONS.get(word.upper(), AUTOMATIC_RESPONSE) if word else None
        kw = _entry(at, item, KEYWORD, {"KeywordAction": action} if action else {})
        with _naming(at):
            keywords.put(kw["Keyword"], kw["KeywordMessage"], kw["KeywordAction"])


# -- applying a seed, family by family ------------------------------------------------------


def _opt_out_list(backend: Backend, where: str, entry: Any) -> None:
    full = _entry(where, entry, OPT_OUT_LIST, {"CreatedTimestamp": backend.now()})
    name = full["OptOutListName"]
    made = OptOutList(
        name=name,
        arn=backend.arn("opt-out-list", name),
        created_timestamp=full["CreatedTimestamp"],
        tags=_tags(where, full),
    )
    _check_arn(where, full, OPT_OUT_LIST, made.arn)
    existing = backend.opt_out_lists.get(name)
    with _naming(where):
        # Every account starts with the Default list: a seed may fill it in, once.
        if existing is not None and not (name == "Default" and _untouched(existing)):
            raise already_exists("opt-out-list", name, f"Opt-out list {name!r} already exists.")
        if existing is None:
            _quota(backend, backend.opt_out_lists, "OPT_OUT_LISTS")
    for at, item in _items(f'{where}["OptedOutNumbers"]', full.get("OptedOutNumbers")):
        number = _entry(
            at,
            item,
            OPTED_OUT_NUMBER,
            {"OptedOutTimestamp": backend.now(), "EndUserOptedOut": False},
        )
        made.put(
            normalize_e164(number["OptedOutNumber"]),
            number["OptedOutTimestamp"],
            end_user=number["EndUserOptedOut"],
        )
    backend.opt_out_lists[name] = made


def _untouched(opt_out_list: OptOutList) -> bool:
    return not opt_out_list.numbers and not opt_out_list.tags


def _sender_id(backend: Backend, where: str, entry: Any) -> None:
    defaults = {
        "MessageTypes": list(MESSAGE_TYPES),
        "MonthlyLeasingPrice": "0.00",
        "DeletionProtectionEnabled": False,
        "Registered": False,
    }
    full = _entry(where, entry, SENDER_ID, defaults)
    name, iso = full["SenderId"].upper(), full["IsoCountryCode"]
    made = SenderId(
        **{**_fields(full, SENDER_ID), "sender_id": name},
        arn=backend.arn("sender-id", f"{name}/{iso}"),
        tags=_tags(where, full),
    )
    made.message_types = list(dict.fromkeys(made.message_types or MESSAGE_TYPES))
    _check_arn(where, full, SENDER_ID, made.arn)
    with _naming(where):
        if made.registered:
            # Registered through an approved registration, not RequestSenderId: only the countries
            # without sender IDs refuse it.
            if iso in SENDER_ID_UNSUPPORTED_COUNTRIES:
                raise invalid(
                    "SENDER_ID_NOT_SUPPORTED",
                    "IsoCountryCode",
                    f"Sender IDs are not supported in {iso}.",
                )
            if made.key in backend.sender_ids:
                raise already_exists(
                    "sender-id", name, f"Sender ID {name} already exists in {iso}."
                )
            _quota(backend, backend.sender_ids, "SENDER_IDS")
        else:
            # RequestSenderId's own checks (shape, country, uniqueness, quota) on the given values.
            SenderId.request(
                backend,
                {"SenderId": name, "IsoCountryCode": iso, "MessageTypes": made.message_types},
            )
    backend.sender_ids[made.key] = made


def _phone_number(
    backend: Backend,
    where: str,
    entry: Any,
    pooled: list[tuple[str, PhoneNumber, str]],
    taken: dict[str, PhoneNumber],
    exact: bool = False,
) -> None:
    """One phone number; ``taken`` holds the first number of the account with each E.164 number
    (the seed's own included), so that checking a seed of many numbers costs one pass."""
    given = entry if isinstance(entry, Mapping) else {}
    number = given.get("PhoneNumber")
    defaults = {
        "PhoneNumberId": new_id("phone"),
        "Status": "ACTIVE",
        "IsoCountryCode": country_of(number) if isinstance(number, str) else None,
        "MonthlyLeasingPrice": LEASING_PRICES.get(str(given.get("NumberType"))),
        "TwoWayEnabled": False,
        "SelfManagedOptOutsEnabled": False,
        "OptOutListName": "Default",
        "InternationalSendingEnabled": False,
        "DeletionProtectionEnabled": False,
        "CreatedTimestamp": backend.now(),
    }
    full = _entry(where, entry, PHONE_NUMBER, {k: v for k, v in defaults.items() if v is not None})
    _check_id(where, full["PhoneNumberId"], "PhoneNumberId", "phone-", "PhoneNumberIdOrArn")
    fields = _fields(full, PHONE_NUMBER)
    fields["phone_number"] = normalize_e164(fields["phone_number"])
    fields["number_capabilities"] = list(dict.fromkeys(fields["number_capabilities"]))
    made = PhoneNumber(
        **fields, arn=backend.arn("phone-number", full["PhoneNumberId"]), tags=_tags(where, full)
    )
    _check_arn(where, full, PHONE_NUMBER, made.arn)
    with _naming(where):
        if made.id in backend.phone_numbers:
            raise already_exists("phone-number", made.id, f"Phone number {made.id} already exists.")
        twin = taken.get(made.phone_number)
        if twin is not None:
            raise already_exists(
                "phone-number", made.id, f"{made.phone_number} is already phone number {twin.id}."
            )
        check_requestable(made.iso_country_code, made.number_type, made.message_type, None)
        backend.opt_out_list(made.opt_out_list_name)
        _quota(backend, backend.phone_numbers, "PHONE_NUMBERS")
    _keywords(where, full, made.keywords)
    backend.phone_numbers[made.id] = made
    taken.setdefault(made.phone_number, made)
    if (
        not exact
        and registration_required(backend, made)
        and made.registration_id not in backend.registrations
    ):
        # A number production code reads from its settings sends: a seeded US toll-free or 10DLC
        # number is registered (a COMPLETE registration, with the entry's RegistrationId if any).
        given_registration, made.registration_id = made.registration_id, None
        complete_registration(backend, made, given_registration)
    if "PoolId" in full:
        pooled.append((where, made, full["PoolId"]))


def _member(backend: Backend, where: str, item: Any) -> Identity:
    """The origination identity one item of a pool's OriginationIdentities names.

    An item is a phone number's id, ARN or E.164 number, or ``{"OriginationIdentity": …,
    "IsoCountryCode": …}`` (a sender ID needs its country).
    """
    value: Any = item
    iso: Any = None
    if not isinstance(item, str):
        found = _known(where, item, (ORIGINATION_IDENTITY, "IsoCountryCode"), "an identity")
        value, iso = found.get(ORIGINATION_IDENTITY), found.get("IsoCountryCode")
        if not isinstance(value, str) or not isinstance(iso, (str, type(None))):
            raise ValueError(
                f"{where}: OriginationIdentity (and IsoCountryCode) are strings, not {item!r}."
            )
    with _naming(where):
        if value.startswith("+"):
            return backend.phone_number(value, ORIGINATION_IDENTITY)
        return resolve_identity(backend, value, iso)


def _admit(pool: Pool, identity: Identity) -> None:
    """Membership as the service keeps it: one pool per phone number, the pool's message type, the
    quota. A member's settings may differ from the pool's (UpdatePool changes the pool's alone), so
    the matching AssociateOriginationIdentity asks for is not required here."""
    pool._check_free(identity)
    check_quota(
        len(pool.members),
        ORIGINATION_IDENTITIES_PER_POOL,
        "ORIGINATION_IDENTITIES_PER_POOL",
        f"Pool {pool.id} already has {ORIGINATION_IDENTITIES_PER_POOL} origination identities.",
    )
    pool._check_message_type(identity)
    pool._admit(identity)


def _pool(backend: Backend, where: str, entry: Any) -> None:
    given = _known(where, entry, POOL.members, "an entry")
    listed = _items(f'{where}["OriginationIdentities"]', given.get("OriginationIdentities"))
    if not listed:
        raise ValueError(
            f"{where}: a pool holds at least one origination identity; list its phone numbers or "
            "sender IDs in OriginationIdentities."
        )
    members = [_member(backend, at, item) for at, item in listed]
    first = members[0]
    defaults: dict[str, Any] = {
        "PoolId": new_id("pool"),
        "Status": "ACTIVE",
        "SharedRoutesEnabled": False,
        "DeletionProtectionEnabled": False,
        "CreatedTimestamp": backend.now(),
        "TwoWayEnabled": False,
        "SelfManagedOptOutsEnabled": False,
        "OptOutListName": "Default",
    }
    if not isinstance(first, SenderId):
        # CreatePool: the pool inherits its first identity's configuration.
        defaults.update(
            TwoWayEnabled=first.two_way_enabled,
            TwoWayChannelArn=first.two_way_channel_arn,
            TwoWayChannelRole=first.two_way_channel_role,
            SelfManagedOptOutsEnabled=first.self_managed_opt_outs_enabled,
            OptOutListName=first.opt_out_list_name,
        )
    if isinstance(first, PhoneNumber):
        defaults["MessageType"] = first.message_type
    full = _entry(where, entry, POOL, {k: v for k, v in defaults.items() if v is not None})
    _check_id(where, full["PoolId"], "PoolId", "pool-", "PoolIdOrArn")
    made = Pool(
        **_fields(full, POOL), arn=backend.arn("pool", full["PoolId"]), tags=_tags(where, full)
    )
    _check_arn(where, full, POOL, made.arn)
    with _naming(where):
        if made.id in backend.pools:
            raise already_exists("pool", made.id, f"Pool {made.id} already exists.")
        backend.opt_out_list(made.opt_out_list_name)
        _quota(backend, backend.pools, "POOLS")
    if "Keywords" not in full and not isinstance(first, SenderId):
        made.keywords = first.keywords.copy("pool", made.id, "KEYWORDS_PER_POOL")
    _keywords(where, full, made.keywords)
    for (at, _), identity in zip(listed, members, strict=True):
        with _naming(at):
            _admit(made, identity)
    backend.pools[made.id] = made


def _configuration_set(backend: Backend, where: str, entry: Any) -> None:
    full = _entry(where, entry, CONFIGURATION_SET, {"CreatedTimestamp": backend.now()})
    name = full["ConfigurationSetName"]
    made = ConfigurationSet(
        **_fields(full, CONFIGURATION_SET),
        arn=backend.arn("configuration-set", name),
        tags=_tags(where, full),
    )
    _check_arn(where, full, CONFIGURATION_SET, made.arn)
    with _naming(where):
        if name in backend.configuration_sets:
            raise already_exists(
                "configuration-set", name, f"Configuration set {name!r} already exists."
            )
        _quota(backend, backend.configuration_sets, "CONFIGURATION_SETS")
    for at, item in _items(f'{where}["EventDestinations"]', full.get("EventDestinations")):
        given = _entry(at, item, EVENT_DESTINATION, {"Enabled": True})
        with _naming(at):
            destination = EventDestination.from_request(given)
            destination.enabled = given["Enabled"]
            made.add_event_destination(destination)
    backend.configuration_sets[name] = made


_APPLY: dict[str, Callable[[Backend, str, Any], None]] = {
    "opt_out_lists": _opt_out_list,
    "sender_ids": _sender_id,
    "pools": _pool,
    "configuration_sets": _configuration_set,
}


def _section(backend: Backend, where: str, section: Mapping[str, Any], exact: bool = False) -> None:
    """Apply the families of one account and region, in dependency order: the account and the
    records first (a seeded number's registration may be one of them), then the API-shaped
    families, then what points at them."""
    if ACCOUNT in section:
        _account(backend, f'{where}["{ACCOUNT}"]', section[ACCOUNT])
    loaded = _load_records(backend, where, section)
    pooled: list[tuple[str, PhoneNumber, str]] = []
    for family in FAMILIES:
        items = _items(f'{where}["{family}"]', section.get(family))
        taken: dict[str, PhoneNumber] = {}
        if family == "phone_numbers" and items:
            for number in backend.phone_numbers.values():
                taken.setdefault(number.phone_number, number)
        for at, entry in items:
            if family == "phone_numbers":
                _phone_number(backend, at, entry, pooled, taken, exact)
            else:
                _APPLY[family](backend, at, entry)
    for at, number, pool_id in pooled:
        with _naming(at):
            pool = backend.pool(pool_id)
            if number.arn not in pool.members:
                _admit(pool, number)
    _resolve_references(backend, loaded)
    if OPT_OUT_HISTORY in section:
        _opt_out_history(backend, f'{where}["{OPT_OUT_HISTORY}"]', section[OPT_OUT_HISTORY])


def _sections(state: MockState, data: Any) -> list[tuple[Backend, str, Mapping[str, Any]]]:
    """``(backend, where, families)`` for the activation's account and region and each in ``accounts``."""
    top = _known("seed", data, TOP_KEYS, "a seed")
    found = [(state.backend(), "seed", top)]
    accounts = _mapping('seed["accounts"]', top.get(ACCOUNTS) or {}, "accounts")
    for account, regions in accounts.items():
        at = f'seed["accounts"]["{account}"]'
        if not is_account_id(account):
            raise ValueError(f"{at}: an account id is a 12-digit string such as '111122223333'.")
        for region, section in _mapping(at, regions, "an account's regions").items():
            where = f'{at}["{region}"]'
            if not (isinstance(region, str) and is_region_name(region)):
                raise ValueError(
                    f"{where}: a region is a name of the service's endpoint data such as 'eu-west-1'."
                )
            families = _known(where, section, SECTION_KEYS, "a region's resources")
            found.append((state.backend(account, region), where, families))
    return found


def _format(data: Mapping[str, Any]) -> bool:
    """Whether ``data`` is a snapshot (it names its format) rather than a hand-written seed."""
    if FORMAT_KEY not in data:
        return False
    if data[FORMAT_KEY] != FORMAT:
        raise ValueError(
            f'seed["{FORMAT_KEY}"]: this is format {data[FORMAT_KEY]!r}, written by '
            f"{data.get('written_by', 'another version')}; this smsvoice_mock reads format {FORMAT} "
            "(and seeds without a format)."
        )
    return True


def apply_seed(state: MockState, data: Mapping[str, Any]) -> None:
    """Add the resources (and records, logs and clock) ``data`` describes; on the first problem, a
    ``ValueError`` naming the entry and the state as it was."""
    with state.lock:
        saved = copy.deepcopy(state.backends, {id(state.clock): state.clock})
        logs = {name: list(getattr(state, name)) for name in LOGS}
        offset = state.clock.offset
        try:
            exact = _format(_mapping("seed", data, "a seed"))
            for backend, where, section in _sections(state, data):
                _section(backend, where, section, exact)
            _load_logs(state, data)
            if "clock" in data:
                _clock(state, data["clock"])
        except BaseException:
            state.backends.clear()
            state.backends.update(saved)
            for name, items in logs.items():
                log = getattr(state, name)
                log._clear()
                for item in items:
                    log._append(item)
            state.clock.offset = offset
            raise


# -- the package's own records: what the API-shaped families don't cover ----------------------


def _store_type(name: str) -> Any:
    """The record type of one of the backend's stores (``registrations`` -> ``Registration``)."""
    from smsvoice_mock.backend import Backend

    return typing.get_args(record_hints(Backend)[name])[1]


def _load_records(
    backend: Backend, where: str, section: Mapping[str, Any]
) -> list[tuple[str, Any]]:
    loaded: list[tuple[str, Any]] = []
    for name in RECORDS:
        store = getattr(backend, name)
        kind = _store_type(name)
        for at, item in _items(f'{where}["{name}"]', section.get(name)):
            record = load_record(kind, item, at)
            # A policy is kept under its resource's ARN, every other record under its id.
            key = record.resource.arn if name == "resource_policies" else record.id
            if key in store:
                raise ValueError(f"{at}: {key!r} already exists in account {backend.account_id}.")
            resource_type = RECORDS[name]
            if resource_type and record.arn != backend.arn(resource_type, key):
                raise ValueError(
                    f"{at}: arn {record.arn!r} doesn't name this record of account "
                    f"{backend.account_id} in {backend.region}, whose ARN is "
                    f"{backend.arn(resource_type, key)!r}."
                )
            store[key] = record
            loaded.append((at, record))
    return loaded


def _resolve_references(backend: Backend, loaded: list[tuple[str, Any]]) -> None:
    """Swap each ``Ref`` of the records just loaded for the resource of this backend it names."""
    from smsvoice_mock.models.registration import Registration
    from smsvoice_mock.models.resources import ResourcePolicy, resolve

    for at, record in loaded:
        holders: list[Any] = []
        if isinstance(record, Registration):
            holders = list(record.associations)
        elif isinstance(record, ResourcePolicy):
            holders = [record]
        for holder in holders:
            if isinstance(holder.resource, Ref):
                with _naming(at):
                    holder.resource = resolve(backend, holder.resource.arn)


def _account(backend: Backend, where: str, entry: Any) -> None:
    """The account's tier, settings, spend and idempotency cache, as a snapshot wrote them."""
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.models.account import PRODUCTION, SANDBOX, AccountSettings

    found = _known(where, entry, _ACCOUNT_MEMBERS, "the account's record")
    hints = record_hints(Backend)
    read = {
        member: load_record(hints[member], value, f'{where}["{member}"]')
        for member, value in found.items()
    }
    tier = read.get("account_tier", backend.account_tier)
    if tier not in (SANDBOX, PRODUCTION):
        raise ValueError(f'{where}["account_tier"]: {SANDBOX} or {PRODUCTION}, not {tier!r}.')
    read.setdefault("settings", AccountSettings.for_tier(tier))
    for member, value in read.items():
        setattr(backend, member, value)


def _opt_out_history(backend: Backend, where: str, entry: Any) -> None:
    """When each number was last deleted from each opt-out list (the 30-day rule)."""
    history = load_record(dict[str, dict[str, datetime]], entry, where)
    for name, deleted in history.items():
        found = backend.opt_out_lists.get(name)
        if found is None:
            raise ValueError(f'{where}["{name}"]: there is no opt-out list {name!r}.')
        found.deleted_at.update(deleted)


def _load_logs(state: MockState, data: Mapping[str, Any]) -> None:
    from smsvoice_mock.inbox import InboundMessage

    for name in LOGS:
        log = getattr(state, name)
        for at, item in _items(f'seed["{name}"]', data.get(name)):
            record = load_record(log._kind, item, at)
            if isinstance(record, InboundMessage) and record.response is not None:
                # The service's answer to a keyword is the same record in sent_messages.
                sent = state.sent_messages._by_message_id(record.response.message_id)
                if sent == record.response:
                    record = dataclasses.replace(record, response=sent)
            log._append(record)


def _clock(state: MockState, entry: Any) -> None:
    found = _known('seed["clock"]', entry, ("offset_seconds",), "the clock")
    seconds = found.get("offset_seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ValueError(f'seed["clock"]["offset_seconds"]: a number of seconds, not {seconds!r}.')
    offset = state.clock.offset
    state.clock.offset = type(offset)(0)
    try:
        state.clock.advance(seconds=seconds)
    except (TypeError, ValueError) as exc:
        state.clock.offset = offset
        raise ValueError(f'seed["clock"]["offset_seconds"]: {exc}') from None


# -- taking a snapshot ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO 8601 strings, containers copied."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _snap(api: Mapping[str, Any], family: _Family) -> dict[str, Any]:
    """The seed entry of a model's ``to_api()``: the members a seed gives, without ARN and blanks."""
    keep = {m for m, _ in family.fields} | ({"Tags"} if family.tags else set())
    return {
        k: _plain(v) for k, v in api.items() if k in keep and v is not None and (v or k != "Tags")
    }


def _changed_keywords(keywords: KeywordSet) -> list[dict[str, Any]]:
    """The keywords besides HELP and STOP as every identity starts with them."""
    return [
        kw.to_api()
        for key, kw in keywords.items.items()
        if (kw.message, kw.action) != (DEFAULT_MESSAGES.get(key), MANDATORY_ACTIONS.get(key))
    ]


def _identity_item(identity: Identity) -> Any:
    if isinstance(identity, SenderId):
        return {
            ORIGINATION_IDENTITY: identity.sender_id,
            "IsoCountryCode": identity.iso_country_code,
        }
    return identity.id


def _families(backend: Backend) -> dict[str, Any]:
    lists = []
    for found in backend.opt_out_lists.values():
        if found.name == "Default" and _untouched(found):
            continue
        entry = _snap({**found.to_api(), "Tags": tags_to_api(found.tags)}, OPT_OUT_LIST)
        numbers = [_snap(n.to_api(), OPTED_OUT_NUMBER) for n in found.numbers.values()]
        lists.append({**entry, **({"OptedOutNumbers": numbers} if numbers else {})})
    numbers = []
    for number in backend.phone_numbers.values():
        keywords = _changed_keywords(number.keywords)
        numbers.append(
            {**_snap(number.to_api(), PHONE_NUMBER), **({"Keywords": keywords} if keywords else {})}
        )
    pools = [
        {
            **_snap(pool.to_api(), POOL),
            # Always given, so that a replay doesn't inherit the first member's keywords.
            "Keywords": _changed_keywords(pool.keywords),
            "OriginationIdentities": [_identity_item(i) for i in pool.identities(backend)],
        }
        for pool in backend.pools.values()
    ]
    configuration_sets = [
        {
            **_snap(found.to_api(), CONFIGURATION_SET),
            **(
                {"EventDestinations": [_snap(d.to_api(), EVENT_DESTINATION) for d in destinations]}
                if (destinations := list(found.event_destinations.values()))
                else {}
            ),
        }
        for found in backend.configuration_sets.values()
    ]
    families = {
        "opt_out_lists": lists,
        "sender_ids": [_snap(s.to_api(), SENDER_ID) for s in backend.sender_ids.values()],
        "phone_numbers": numbers,
        "pools": pools,
        "configuration_sets": configuration_sets,
        **{name: [dump_record(r) for r in getattr(backend, name).values()] for name in RECORDS},
    }
    found_section: dict[str, Any] = {
        family: entries for family, entries in families.items() if entries
    }
    account = _account_record(backend)
    if account:
        found_section[ACCOUNT] = account
    history = {
        name: dump_record(found.deleted_at)
        for name, found in backend.opt_out_lists.items()
        if found.deleted_at
    }
    if history:
        found_section[OPT_OUT_HISTORY] = history
    return found_section


def _account_record(backend: Backend) -> dict[str, Any]:
    """The account's members that differ from those of a new account of its tier."""
    from smsvoice_mock.models.account import AccountSettings

    fresh = {
        "auto_activate": True,
        "settings": AccountSettings.for_tier(backend.account_tier),
        "spend": {},
        "idempotency": {},
    }
    record = {
        member: dump_record(getattr(backend, member))
        for member in _ACCOUNT_MEMBERS
        if member == "account_tier" or getattr(backend, member) != fresh[member]
    }
    return record if len(record) > 1 else {}


def take_snapshot(state: MockState) -> dict[str, Any]:
    """The whole state as a seed: ``apply_seed`` on a fresh state rebuilds it. The API-shaped
    families of every account and region, the records they don't cover, the message logs and the
    clock, with the format's number. JSON-ready (timestamps as ISO 8601 strings)."""
    with state.lock:
        home = (state.account_id, state.region)
        backend = state.backends.get(home)
        snapshot: dict[str, Any] = {FORMAT_KEY: FORMAT}
        if backend is not None:
            snapshot.update(_families(backend))
        accounts: dict[str, dict[str, Any]] = {}
        for (account, region), other in sorted(state.backends.items()):
            families = _families(other) if (account, region) != home else {}
            if families:
                accounts.setdefault(account, {})[region] = families
        if accounts:
            snapshot[ACCOUNTS] = accounts
        for name in LOGS:
            log = getattr(state, name)
            if len(log):
                snapshot[name] = [dump_record(item) for item in log]
        seconds = state.clock.offset.total_seconds()
        if seconds:
            snapshot["clock"] = {"offset_seconds": seconds}
        return snapshot
