"""The package's own records as JSON, and back, checked member by member against their declared types.

A snapshot (and so the server's state file) holds what the seed format's API-shaped families don't:
registrations, RCS agents, verified destination numbers, protect and notify configurations, resource
policies, account settings and spend, the message logs. Each is written as its record, member for
member (snake_case, the dataclass's own field names), and read back by ``load``, which builds only the
type the *reader* expects at that place (never one the file names): every member must be one of the
record's fields and hold a value of its declared type (strings, numbers, booleans, ISO 8601 times,
decimals as strings, lists, mappings, nested records), and a record is made by calling its own
class. A file cannot make anything else: there is no type name in it to follow.

Three kinds of value are not data of their own: the clock (every backend shares the state's), a
registration's type (a key of the catalog, ``registration_type``) and an association's resource
(the ARN of a phone number, sender ID or registration of the same backend, resolved by the caller
once all of them exist).
"""

from __future__ import annotations

import base64
import dataclasses
import importlib
import math
import re
import sys
import typing
from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any

__all__ = ["Ref", "dump", "hints", "load"]

_EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(9999, 1, 1, tzinfo=timezone.utc)
_MAX_DEPTH = 64


@dataclasses.dataclass(frozen=True, slots=True)
class Ref:
    """The ARN of a resource a record points at, until the caller swaps in the resource."""

    arn: str


# -- writing ------------------------------------------------------------------------------------


def dump(value: Any, tagged: bool = False) -> Any:
    """``value`` (a record, or a container of them) as JSON-ready data.

    Where a record's member is typed ``Any`` (a request's members, a cached answer) the reader can't
    know a time or a decimal from a string, so there (``tagged``) they are written as
    ``{"$time": ...}`` and ``{"$decimal": ...}``.
    """
    from smsvoice_mock.models.registration_catalog import RegistrationTypeDefinition

    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, datetime):
        return {"$time": value.isoformat()} if tagged else value.isoformat()
    if isinstance(value, Decimal):
        return {"$decimal": format(value, "f")} if tagged else format(value, "f")
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, RegistrationTypeDefinition):
        return value.registration_type
    if isinstance(value, (list, tuple)):
        return [dump(item, tagged) for item in value]
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: dump(item, tagged) for key, item in value.items()}
        return [[dump(key, tagged), dump(item, tagged)] for key, item in value.items()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        types = hints(type(value))
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            member = getattr(value, f.name)
            if f.name == "clock":
                continue
            if _is_reference(types[f.name]):
                out[f.name] = {"arn": member.arn}
            else:
                out[f.name] = dump(member, tagged or _mentions_any(types[f.name]))
        return out
    raise TypeError(f"{type(value).__name__} is not a record the state can hold")


def _mentions_any(tp: Any) -> bool:
    return tp is Any or any(_mentions_any(a) for a in typing.get_args(tp))


def _is_reference(tp: Any) -> bool:
    """A member that points at another resource: a union of records, or any ``Taggable``."""
    from smsvoice_mock.models.resources import Taggable

    if tp is Taggable:
        return True
    args = typing.get_args(tp)
    return typing.get_origin(tp) in (UnionType, typing.Union) and all(
        dataclasses.is_dataclass(a) for a in args
    )


# -- reading ------------------------------------------------------------------------------------


class _Problem(ValueError):
    pass


def _fail(where: str, message: str) -> _Problem:
    return _Problem(f"{where}: {message}")


def _name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def hints(cls: type) -> dict[str, Any]:
    """The resolved field types of ``cls`` (names under ``TYPE_CHECKING`` found in the package)."""
    found = _HINTS.get(cls)
    if found is None:
        namespace: dict[str, Any] = {}
        for module in _RECORD_MODULES:
            namespace.update(
                (k, v)
                for k, v in vars(importlib.import_module(module)).items()
                if isinstance(v, type) and k[:1].isupper()
            )
        namespace.update(vars(sys.modules[cls.__module__]))
        found = _HINTS[cls] = typing.get_type_hints(cls, namespace)
    return found


_HINTS: dict[type, dict[str, Any]] = {}
# The modules whose records a state holds (names annotations use under TYPE_CHECKING).
_RECORD_MODULES = (
    "smsvoice_mock.backend",
    "smsvoice_mock.inbox",
    *(
        f"smsvoice_mock.models.{name}"
        for name in (
            "account",
            "configuration_set",
            "keyword",
            "notify",
            "opt_out",
            "phone_number",
            "pool",
            "protect",
            "rcs",
            "registration",
            "registration_catalog",
            "resources",
            "sender_id",
            "verified",
        )
    ),
)


def load(tp: Any, data: Any, where: str, depth: int = 0) -> Any:
    """``data`` read as a value of type ``tp``; a ``ValueError`` naming ``where`` when it isn't one."""
    if depth > _MAX_DEPTH:
        raise _fail(where, "is nested too deep")
    reader = _READERS.get(tp)
    if reader is not None:
        return reader(data, where)
    if _is_reference(tp):
        if isinstance(data, dict) and set(data) == {"arn"} and isinstance(data["arn"], str):
            return Ref(data["arn"])  # a resource of the same backend, resolved by the caller
        raise _fail(where, f"must be a reference {{'arn': ...}}, not {data!r:.80}")
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is UnionType or origin is typing.Union:
        if data is None and NoneType in args:
            return None
        options = [a for a in args if a is not NoneType]
        if len(options) == 1:
            return load(options[0], data, where, depth)
        raise _fail(where, f"holds a {_name(tp)}, which a state cannot give")  # pragma: no cover
    if origin in (list, tuple):
        if not isinstance(data, list):
            raise _fail(where, f"must be a list, not {type(data).__name__}")
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(data) != len(args):
                raise _fail(where, f"must be a list of {len(args)} items")
            return tuple(
                load(a, d, f"{where}[{i}]", depth + 1)
                for i, (a, d) in enumerate(zip(args, data, strict=True))
            )
        item = args[0] if args else Any
        items = [load(item, d, f"{where}[{i}]", depth + 1) for i, d in enumerate(data)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        key_type, value_type = args or (str, Any)
        if key_type is str:
            if not isinstance(data, dict):
                raise _fail(where, f"must be a mapping, not {type(data).__name__}")
            return {k: load(value_type, v, f"{where}[{k!r}]", depth + 1) for k, v in data.items()}
        if not isinstance(data, list) or not all(isinstance(p, list) and len(p) == 2 for p in data):
            raise _fail(where, "must be a list of [key, value] pairs")
        return {
            load(key_type, k, f"{where}[{i}][0]", depth + 1): load(
                value_type, v, f"{where}[{i}][1]", depth + 1
            )
            for i, (k, v) in enumerate(data)
        }
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record(tp, data, where, depth)
    raise _fail(where, f"holds a {_name(tp)}, which a state cannot give")  # pragma: no cover


def _record(cls: type, data: Any, where: str, depth: int) -> Any:
    if not isinstance(data, dict):
        raise _fail(
            where, f"must be a mapping of {cls.__name__}'s members, not {type(data).__name__}"
        )
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "clock"}
    unknown = sorted(str(k) for k in data if k not in fields)
    if unknown:
        raise _fail(
            where,
            f"unknown member(s) {', '.join(unknown)} of {cls.__name__}; its members are "
            f"{', '.join(fields)}",
        )
    types = hints(cls)
    given = {name: load(types[name], data[name], f"{where}[{name!r}]", depth + 1) for name in data}
    missing = [
        name
        for name, f in fields.items()
        if f.init
        and name not in given
        and f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise _fail(where, f"{cls.__name__} needs the member(s) {', '.join(missing)}")
    try:
        made = cls(**{k: v for k, v in given.items() if fields[k].init})
    except (TypeError, ValueError) as exc:  # a record's own check of its values
        raise _fail(where, str(exc)) from None
    for name, value in given.items():
        if not fields[name].init:
            object.__setattr__(made, name, value)
    return made


def _scalar(kind: type, label: str) -> Callable[[Any, str], Any]:
    def read(data: Any, where: str) -> Any:
        if isinstance(data, bool) is (kind is bool) and isinstance(data, kind):
            return data
        raise _fail(where, f"must be {label}, not {data!r:.80}")

    return read


def _float(data: Any, where: str) -> float:
    if isinstance(data, (int, float)) and not isinstance(data, bool) and math.isfinite(data):
        return float(data)
    raise _fail(where, f"must be a finite number, not {data!r:.80}")


def _datetime(data: Any, where: str) -> datetime:
    if isinstance(data, str):
        try:
            text = data[:-1] + "+00:00" if data.endswith("Z") else data
            parsed = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
            if _EARLIEST <= parsed < _LATEST:
                return parsed
    raise _fail(where, f"must be an ISO 8601 time between 1970 and 9998, not {data!r:.80}")


def _decimal(data: Any, where: str) -> Decimal:
    """A money amount, as ``dump`` writes it: plain digits with a point (no exponent)."""
    if isinstance(data, str) and _AMOUNT.fullmatch(data):
        return Decimal(data)
    raise _fail(where, f"must be a decimal number as a string (e.g. '0.00581'), not {data!r:.80}")


_AMOUNT = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")


def _bytes(data: Any, where: str) -> bytes:
    if isinstance(data, str):
        try:
            return base64.b64decode(data, validate=True)
        except ValueError:
            pass
    raise _fail(where, "must be base64 text")


def _any(data: Any, where: str) -> Any:
    """Plain JSON (a request's or an answer's members): strings, numbers, lists, mappings."""
    if data is None or isinstance(data, (str, bool, int)):
        return data
    if isinstance(data, float) and math.isfinite(data):
        return data
    if isinstance(data, list):
        return [_any(d, f"{where}[{i}]") for i, d in enumerate(data)]
    if isinstance(data, dict):
        if len(data) == 1 and "$time" in data:
            return _datetime(data["$time"], where)
        if len(data) == 1 and "$decimal" in data:
            return _decimal(data["$decimal"], where)
        return {k: _any(v, f"{where}[{k!r}]") for k, v in data.items()}
    raise _fail(where, f"must be plain JSON data, not {type(data).__name__}")  # pragma: no cover


def _registration_type(data: Any, where: str) -> Any:
    from smsvoice_mock.models.registration_catalog import REGISTRATION_TYPES

    found = REGISTRATION_TYPES.get(data) if isinstance(data, str) else None
    if found is None:
        raise _fail(where, f"must be a registration type, one of {', '.join(REGISTRATION_TYPES)}")
    return found


def _readers() -> dict[Any, Callable[[Any, str], Any]]:
    from smsvoice_mock.models.registration_catalog import RegistrationTypeDefinition

    return {
        str: _scalar(str, "a string"),
        int: _scalar(int, "an integer"),
        bool: _scalar(bool, "true or false"),
        float: _float,
        datetime: _datetime,
        Decimal: _decimal,
        bytes: _bytes,
        Any: _any,
        RegistrationTypeDefinition: _registration_type,
    }


class _Readers(dict):  # type: ignore[type-arg]
    """Built on first use, so importing this module imports no model."""

    def get(self, key: Any, default: Any = None) -> Any:
        if not self:
            self.update(_readers())
        try:
            return dict.get(self, key, default)
        except TypeError:  # an unhashable annotation
            return default


_READERS = _Readers()
