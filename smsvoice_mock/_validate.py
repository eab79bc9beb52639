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


@functools.cache
def _input_check(operation: str) -> Check:
    shape = operation_model(operation).input_shape
    if shape is None:
        return lambda value, path, problems: None
    return compile_shape(shape)


def validate_input(operation: str, params: dict[str, Any]) -> None:
    """Raise ``ValidationException`` unless ``params`` satisfies every constraint of the input shape."""
    problems: list[Problem] = []
    _input_check(operation)(params, "", problems)
    raise_for(problems)
