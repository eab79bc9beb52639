"""Server-side input validation driven by the model.

botocore's client checks required members, types and *minimums* only; the service also enforces
maximum lengths and values, patterns (matched against the whole value), enums and list and map sizes.
A JSON ``null`` member of a structure counts as absent (it is removed, so handlers never see it); a
``null`` item of a list or value of a map is of the wrong type (``CANNOT_PARSE``), as is a timestamp
outside the range of dates. Every constraint of the operation's input shape is compiled once into a
checker; a request that breaks any of them is answered with ``ValidationException`` whose ``Fields``
name each offending member.
"""

from __future__ import annotations

import functools
import re
import reprlib
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from botocore.model import Shape

from smsvoice_mock._model import operation_model
from smsvoice_mock.errors import ValidationException

# (reason, field name, message) for each problem found.
Problem = tuple[str, str, str]
Check = Callable[[Any, str, list[Problem]], None]

_TYPE_NAMES = {
    "string": str,
    "boolean": bool,
    "list": list,
    "map": dict,
    "structure": dict,
}


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(value: Any, path: str, constraint: str) -> Problem:
    return (
        "FIELD_VALIDATION_FAILED",
        path,
        f"Value '{_show(value)}' at '{path}' failed to satisfy constraint: {constraint}",
    )


def _type_check(expected: str, check: Check | None) -> Check:
    """Wrap ``check`` with the JSON type test the client skips when parameter_validation=False."""

    def checked(value: Any, path: str, problems: list[Problem]) -> None:
        if expected in ("integer", "long"):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif expected in ("double", "float"):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif expected == "timestamp":
            ok = _is_date(value)
        elif expected == "blob":
            ok = isinstance(value, str)
        else:
            ok = isinstance(value, _TYPE_NAMES[expected])
        if not ok:
            kind = "a date in epoch seconds (years 1 to 9999)" if expected == "timestamp" else None
            message = f"Value at '{path}' must be {kind or 'of type ' + expected}."
            problems.append(("CANNOT_PARSE", path, message))
        elif check is not None:
            check(value, path, problems)

    return checked


def _is_date(value: Any) -> bool:
    """Epoch seconds (the JSON wire's timestamps) that name a date Python can represent."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        datetime.fromtimestamp(value, timezone.utc)
    except (OverflowError, ValueError, OSError):
        return False
    return True


def _string_check(shape: Shape) -> Check | None:
    meta = shape.metadata
    low, high = meta.get("min"), meta.get("max")
    enum = frozenset(shape.enum) if shape.enum else None
    pattern = re.compile(meta["pattern"]) if "pattern" in meta else None
    if low is None and high is None and enum is None and pattern is None:
        return None

    def check(value: str, path: str, problems: list[Problem]) -> None:
        size = len(value)
        if low is not None and size < low:
            problems.append(
                _problem(value, path, f"Member must have length greater than or equal to {low}")
            )
        elif high is not None and size > high:
            problems.append(
                _problem(value, path, f"Member must have length less than or equal to {high}")
            )
        elif enum is not None and value not in enum:
            allowed = ", ".join(sorted(enum))
            problems.append(
                _problem(value, path, f"Member must satisfy enum value set: [{allowed}]")
            )
        elif pattern is not None and pattern.fullmatch(value) is None:
            problems.append(
                _problem(
                    value,
                    path,
                    f"Member must satisfy regular expression pattern: {pattern.pattern}",
                )
            )

    return check


def _range_check(shape: Shape) -> Check | None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is None and high is None:
        return None

    def check(value: float, path: str, problems: list[Problem]) -> None:
        if low is not None and value < low:
            problems.append(
                _problem(value, path, f"Member must have value greater than or equal to {low}")
            )
        elif high is not None and value > high:
            problems.append(
                _problem(value, path, f"Member must have value less than or equal to {high}")
            )

    return check


def _size_problem(value: Any, path: str, low: int | None, high: int | None) -> Problem | None:
    if low is not None and len(value) < low:
        return _problem(value, path, f"Member must have length greater than or equal to {low}")
    if high is not None and len(value) > high:
        return _problem(value, path, f"Member must have length less than or equal to {high}")
    return None


def _list_check(shape: Shape) -> Check:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    item = compile_shape(shape.member)

    def check(value: list[Any], path: str, problems: list[Problem]) -> None:
        if (p := _size_problem(value, path, low, high)) is not None:
            problems.append(p)
        for i, element in enumerate(value):
            item(element, f"{path}[{i}]", problems)

    return check


def _map_check(shape: Shape) -> Check:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    key = compile_shape(shape.key)
    val = compile_shape(shape.value)

    def check(value: dict[str, Any], path: str, problems: list[Problem]) -> None:
        if (p := _size_problem(value, path, low, high)) is not None:
            problems.append(p)
        for k, v in value.items():
            key(k, f"{path}.key", problems)
            val(v, f"{path}[{k}]", problems)

    return check


def _structure_check(shape: Shape) -> Check:
    members = {name: compile_shape(member) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def check(value: dict[str, Any], path: str, problems: list[Problem]) -> None:
        prefix = f"{path}." if path else ""
        if None in value.values():  # a null member is an absent one
            for name in [name for name, member_value in value.items() if member_value is None]:
                del value[name]
        for name in required:
            if name not in value:
                field = prefix + name
                problems.append(
                    ("MISSING_PARAMETER", field, f"Missing required parameter '{field}'.")
                )
        for name, member_value in value.items():
            member_check = members.get(name)
            if member_check is not None:
                member_check(member_value, prefix + name, problems)

    return check


_CACHE: dict[str, Check] = {}


def compile_shape(shape: Shape) -> Check:
    """Return the checker of a shape (compiled once per shape name)."""
    cached = _CACHE.get(shape.name)
    if cached is not None:
        return cached
    kind = shape.type_name
    inner: Check | None
    if kind == "string":
        inner = _string_check(shape)
    elif kind in ("integer", "long", "double", "float"):
        inner = _range_check(shape)
    elif kind == "list":
        _CACHE[shape.name] = _type_check(kind, lambda v, p, probs: None)  # recursion guard
        inner = _list_check(shape)
    elif kind == "map":
        inner = _map_check(shape)
    elif kind == "structure":
        _CACHE[shape.name] = _type_check(kind, lambda v, p, probs: None)  # recursion guard
        inner = _structure_check(shape)
    else:
        inner = None
    result = _type_check(kind, inner)
    _CACHE[shape.name] = result
    return result


def problems_for(shape: Shape, value: Any) -> list[Problem]:
    problems: list[Problem] = []
    compile_shape(shape)(value, "", problems)
    return problems


def raise_for(problems: list[Problem]) -> None:
    if not problems:
        return
    count = len(problems)
    noun = "error" if count == 1 else "errors"
    message = f"{count} validation {noun} detected: " + "; ".join(p[2] for p in problems)
    raise ValidationException(
        message,
        reason=problems[0][0],
        fields=[{"Name": name, "Message": text} for _, name, text in problems],
    )


# -- the fast path: whether a value breaks no constraint at all --------------------------------------
#
# A predicate per shape answers only "valid or not", without paths or messages; a request it doubts
# (a null member included: the checker removes those) goes through the checker, which says why. Most
# requests are valid, so most pay for the predicate alone.

Valid = Callable[[Any], bool]


def _never(value: Any) -> bool:
    return False


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _valid_string(shape: Shape) -> Valid:
    meta = shape.metadata
    low, high = meta.get("min", 0), meta.get("max")
    enum = frozenset(shape.enum) if shape.enum else None
    fullmatch = re.compile(meta["pattern"]).fullmatch if "pattern" in meta else None
    if enum is not None and fullmatch is None:
        # Every enum value of the model is within its shape's lengths; they are checked anyway.
        return lambda value: (
            isinstance(value, str)
            and value in enum
            and low <= len(value)
            and (high is None or len(value) <= high)
        )
    if enum is None and fullmatch is None:
        if high is None:
            return (lambda value: isinstance(value, str) and len(value) >= low) if low else _is_str
        return lambda value: isinstance(value, str) and low <= len(value) <= high
    high = high if high is not None else float("inf")

    def valid(value: Any) -> bool:
        return (
            isinstance(value, str)
            and low <= len(value) <= high
            and (enum is None or value in enum)
            and (fullmatch is None or fullmatch(value) is not None)
        )

    return valid


def _valid_number(shape: Shape, is_kind: Valid) -> Valid:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is None and high is None:
        return is_kind
    low = low if low is not None else float("-inf")
    high = high if high is not None else float("inf")
    return lambda value: is_kind(value) and low <= value <= high


def _valid_list(shape: Shape) -> Valid:
    low, high = shape.metadata.get("min", 0), shape.metadata.get("max", float("inf"))
    item = compile_valid(shape.member)

    def valid(value: Any) -> bool:
        return (
            isinstance(value, list)
            and low <= len(value) <= high
            and all([item(element) for element in value])
        )

    return valid


def _valid_map(shape: Shape) -> Valid:
    low, high = shape.metadata.get("min", 0), shape.metadata.get("max", float("inf"))
    key, val = compile_valid(shape.key), compile_valid(shape.value)

    def valid(value: Any) -> bool:
        return (
            isinstance(value, dict)
            and low <= len(value) <= high
            and all([key(k) and val(v) for k, v in value.items()])
        )

    return valid


def _valid_structure(shape: Shape) -> Valid:
    members = {name: compile_valid(member) for name, member in shape.members.items()}
    required = frozenset(shape.required_members)
    get = members.get

    def valid(value: Any) -> bool:
        if not isinstance(value, dict) or None in value.values() or not required <= value.keys():
            return False
        for name, member_value in value.items():
            member_valid = get(name)
            if member_valid is not None and not member_valid(member_value):
                return False
        return True

    return valid


_VALID: dict[str, Valid] = {}


def compile_valid(shape: Shape) -> Valid:
    """Return the predicate of a shape (made once per shape name): ``True`` when the checker of the
    shape would find no problem; ``False`` when it may (the checker then says which)."""
    cached = _VALID.get(shape.name)
    if cached is not None:
        return cached
    kind = shape.type_name
    result: Valid
    if kind == "string":
        result = _valid_string(shape)
    elif kind in ("integer", "long"):
        result = _valid_number(shape, _is_int)
    elif kind in ("double", "float"):
        result = _valid_number(shape, _is_number)
    elif kind == "boolean":
        result = _is_bool
    elif kind in ("list", "map", "structure"):
        # A recursive shape meets itself through this entry while its predicate is made.
        _VALID[shape.name] = lambda value: _VALID[shape.name](value)
        maker = {"list": _valid_list, "map": _valid_map, "structure": _valid_structure}[kind]
        result = maker(shape)
    else:
        result = _never  # timestamps and blobs: the checker decides
    _VALID[shape.name] = result
    return result


@functools.cache
def _input_check(operation: str) -> Check:
    shape = operation_model(operation).input_shape
    if shape is None:
        return lambda value, path, problems: None
    return compile_shape(shape)


@functools.cache
def _input_valid(operation: str) -> Valid:
    shape = operation_model(operation).input_shape
    return (lambda value: True) if shape is None else compile_valid(shape)


def validate_input(operation: str, params: dict[str, Any]) -> None:
    """Raise ``ValidationException`` unless ``params`` satisfies every constraint of the input shape."""
    if _input_valid(operation)(params):
        return
    problems: list[Problem] = []
    _input_check(operation)(params, "", problems)
    raise_for(problems)
