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
    if isinstance(value, (list, tuple)):
        return [dump(item, tagged) for item in value]
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: dump(item, tagged) for key, item in value.items()}
        return [[dump(key, tagged), dump(item, tagged)] for key, item in value.items()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for name, kind, mentions_any in _plan(type(value)):
            member = getattr(value, name)
            if kind is _REFERENCE:
                out[name] = {"arn": member.arn}
            elif kind is _CATALOG:
                out[name] = member.registration_type  # a registration type, by its catalog key
            else:
                out[name] = dump(member, tagged or mentions_any)
        return out
    raise TypeError(f"{type(value).__name__} is not a record the state can hold")


_VALUE, _REFERENCE, _CATALOG = "value", "reference", "catalog"


def _plan(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """How ``dump`` writes each member of ``cls``: its name, its kind (a value, a reference to a
    resource, a key of the registration catalog) and whether ``Any`` is in its type."""
    found = _PLANS.get(cls)
    if found is None:
        from smsvoice_mock.models.registration_catalog import RegistrationTypeDefinition

        types = hints(cls)
        found = _PLANS[cls] = tuple(
            (
                f.name,
                _REFERENCE
                if _is_reference(types[f.name])
                else _CATALOG
                if types[f.name] is RegistrationTypeDefinition
                else _VALUE,
                _mentions_any(types[f.name]),
            )
            for f in dataclasses.fields(cls)
            if f.name != "clock"
        )
    return found


_PLANS: dict[type, tuple[tuple[str, str, bool], ...]] = {}


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


Reader = Callable[[Any, str, int], Any]


def load(tp: Any, data: Any, where: str, depth: int = 0) -> Any:
    """``data`` read as a value of type ``tp``; a ``ValueError`` naming ``where`` when it isn't one."""
    reader = _COMPILED.get(tp)
    if reader is None:
        reader = _COMPILED[tp] = _compile(tp)
    return reader(data, where, depth)


_COMPILED: dict[Any, Reader] = {}


def _compile(tp: Any) -> Reader:
    """The reader of values of ``tp``, made once per type from its annotation."""
    scalar = _READERS.get(tp)
    if scalar is not None:
        return lambda data, where, depth: scalar(data, where)
    if _is_reference(tp):
        return _reference
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is UnionType or origin is typing.Union:
        options = [a for a in args if a is not NoneType]
        if len(options) != 1:  # pragma: no cover - no record member is typed so
            raise TypeError(f"{_name(tp)} is not a type a state holds")
        inner, optional = options[0], NoneType in args

        def union(data: Any, where: str, depth: int) -> Any:
            if data is None and optional:
                return None
            return load(inner, data, where, depth)

        return union
    if origin in (list, tuple):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return _fixed_tuple(args)
        return _sequence(args[0] if args else Any, origin is tuple)
    if origin is dict:
        key_type, value_type = args or (str, Any)
        return _mapping(value_type) if key_type is str else _pairs(key_type, value_type)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record_reader(tp)
    raise TypeError(f"{_name(tp)} is not a type a state holds")  # pragma: no cover


def _deeper(where: str, depth: int) -> int:
    if depth >= _MAX_DEPTH:
        raise _fail(where, "is nested too deep")
    return depth + 1


def _reference(data: Any, where: str, depth: int) -> Ref:
    if isinstance(data, dict) and len(data) == 1 and isinstance(data.get("arn"), str):
        return Ref(data["arn"])  # a resource of the same backend, resolved by the caller
    raise _fail(where, f"must be a reference {{'arn': ...}}, not {data!r:.80}")


def _fixed_tuple(args: tuple[Any, ...]) -> Reader:
    def read(data: Any, where: str, depth: int) -> Any:
        if not isinstance(data, list) or len(data) != len(args):
            raise _fail(where, f"must be a list of {len(args)} items")
        depth = _deeper(where, depth)
        return tuple(
            load(a, d, f"{where}[{i}]", depth)
            for i, (a, d) in enumerate(zip(args, data, strict=True))
        )

    return read


def _sequence(item: Any, as_tuple: bool) -> Reader:
    def read(data: Any, where: str, depth: int) -> Any:
        if not isinstance(data, list):
            raise _fail(where, f"must be a list, not {type(data).__name__}")
        depth = _deeper(where, depth)
        items = [load(item, d, f"{where}[{i}]", depth) for i, d in enumerate(data)]
        return tuple(items) if as_tuple else items

    return read


def _mapping(value_type: Any) -> Reader:
    def read(data: Any, where: str, depth: int) -> Any:
        if not isinstance(data, dict):
            raise _fail(where, f"must be a mapping, not {type(data).__name__}")
        depth = _deeper(where, depth)
        return {k: load(value_type, v, f"{where}[{k!r}]", depth) for k, v in data.items()}

    return read


def _pairs(key_type: Any, value_type: Any) -> Reader:
    def read(data: Any, where: str, depth: int) -> Any:
        if not isinstance(data, list) or not all(isinstance(p, list) and len(p) == 2 for p in data):
            raise _fail(where, "must be a list of [key, value] pairs")
        depth = _deeper(where, depth)
        return {
            load(key_type, k, f"{where}[{i}][0]", depth): load(
                value_type, v, f"{where}[{i}][1]", depth
            )
            for i, (k, v) in enumerate(data)
        }

    return read


def _record_reader(cls: type) -> Reader:
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "clock"}
    types = hints(cls)
    required = [
        name
        for name, f in fields.items()
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    later = frozenset(name for name, f in fields.items() if not f.init)

    def read(data: Any, where: str, depth: int) -> Any:
        if not isinstance(data, dict):
            raise _fail(
                where, f"must be a mapping of {cls.__name__}'s members, not {type(data).__name__}"
            )
        unknown = sorted(str(k) for k in data if k not in fields)
        if unknown:
            raise _fail(
                where,
                f"unknown member(s) {', '.join(unknown)} of {cls.__name__}; its members are "
                f"{', '.join(fields)}",
            )
        depth = _deeper(where, depth)
        given = {
            name: load(types[name], value, f"{where}[{name!r}]", depth)
            for name, value in data.items()
        }
        missing = [name for name in required if name not in given]
        if missing:
            raise _fail(where, f"{cls.__name__} needs the member(s) {', '.join(missing)}")
        try:
            made = cls(**{k: v for k, v in given.items() if k not in later})
        except (TypeError, ValueError) as exc:  # a record's own check of its values
            raise _fail(where, str(exc)) from None
        for name in later & given.keys():
            object.__setattr__(made, name, given[name])
        return made

    return read


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
