"""Server-side input validation driven by the model.

botocore's client checks required members, types and *minimums* only; the service also enforces
maximum lengths and values, patterns (matched against the whole value), enums and list and map sizes.
A JSON ``null`` member of a structure counts as absent (it is removed, so handlers never see it); a
``null`` item of a list or value of a map is of the wrong type (``CANNOT_PARSE``), as is a timestamp
outside the range of dates. Every constraint of the operation's input shape is compiled once into a
checker; a request that breaks any of them is answered with ``ValidationException`` whose ``Fields``
name each offending member.

Most requests are valid, so each is first put to a predicate that only answers whether it breaks no
constraint: a function per input structure whose source is generated from the model on first use
(see "the generated fast path" below), which reads each member with one lookup and checks it inline.
Only a request it doubts goes through the checker, which names each problem.
"""

from __future__ import annotations

import functools
import math
import re
import reprlib
import threading
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


# -- the generated fast path: one straight-line function per structure --------------------------------
#
# The closure predicates above cost one Python call per member, per list item and per map entry, and a
# pattern's ``fullmatch`` per string (about 2,000 instructions each, most of them making the match
# object). For each structure shape reachable from an input shape, ``_Writer`` writes the source of
# one function that tests each member of the model with one ``in`` and checks a present one inline by
# its exact JSON type and its bounds; a list or map is checked in a loop inside the same function, and
# a structure member (or item) calls that structure's function. SendTextMessage's, shortened:
#
#     def _s1(value):
#         if type(value) is not dict:
#             return _o2(value)
#         k = len(value)  # the members not yet found valid on the fast path
#         if 'DestinationPhoneNumber' not in value:
#             return False
#         v = value['DestinationPhoneNumber']
#         if type(v) is str and v in _g3:
#             k -= 1
#         elif not _o4(v):
#             return False
#         if not k:
#             return True
#         if 'OriginationIdentity' in value:
#             ...
#         if 'TimeToLive' in value:
#             v = value['TimeToLive']
#             if type(v) is int and 5 <= v <= 259200:
#                 k -= 1
#                 if not k:
#                     return True
#             elif not _o23(v):
#                 return False
#         ...
#         return None not in value.values()
#
# - Whatever the fast test does not accept (a wrong type, a subclass, a ``None`` member or item, a
#   value out of bounds) goes to the closure predicate of its shape (``_o...``), so every answer is
#   the closure predicate's: ``True`` only when the checker finds no problem.
# - Required members come first (the value is invalid without one); once each member of the value
#   has passed the fast test (``k`` is 0), the members the value does not have are not looked for.
#   Otherwise the value has members the model does not have, which are ignored unless null, or values
#   only the closure accepted: ``None not in value.values()`` then answers as the closure does.
# - A string with an enum or a pattern passes the fast test when it is an exact ``str`` in its
#   shape's set of strings known to be valid (``_g...``): the enum values the closure accepts and,
#   for a pattern, up to ``_MEMO_SIZE`` strings of at most ``_MEMO_LONGEST`` characters the closure
#   accepted before (its ``_o...`` asks the closure and remembers; the set is emptied when full).
#   Identifiers and phone numbers repeat, and a set lookup costs a small part of a ``fullmatch``.
#   Only an exact ``str`` is looked up or remembered: equality is the strings' own. A pattern of
#   ``EQUAL_TESTS`` (a message body's) is tested as written there, with the shape's lengths.
#
# The source is made only from the bundled botocore model: member names written with ``repr``,
# integer bounds checked to be ``int`` and written with ``repr``, and names the writer makes up
# (``_s1``, ``_g3``, ...) for what the functions refer to, which live in ``_SPACE``. Shape names,
# enum values and patterns stay out of the source, and no request data reaches the writer.

_MEMO_SIZE = 128
_MEMO_LONGEST = 128

# Patterns of the model whose whole-string match has an equal test that costs no match at all, written
# with ``{v}`` for the value (a ``str``): free text, "not only white space", is a message body's
# pattern, and bodies rarely repeat. ``re``'s ``\s`` and ``str.isspace`` are the same Unicode test.
# tests/test_validate_generated.py checks each against ``fullmatch`` on every white space character.
EQUAL_TESTS = {r"(?!\s*$)[\s\S]+": "{v} and not {v}.isspace()"}

_SPACE: dict[str, Any] = {"_INF": float("inf")}  # the globals of the generated functions
_STRUCTURES: dict[str, str] = {}  # structure shape name -> name of its generated function
_JUDGES: dict[str, str] = {}  # shape name -> name of what judges what the fast test does not accept
_KNOWN: dict[str, str] = {}  # string shape name -> name of its set of strings known to be valid
_GENERATE = threading.Lock()


def _remembering(valid: Valid, known: set[str]) -> Valid:
    """``valid``, which also adds to ``known`` each short exact ``str`` it accepts."""

    def check(value: Any) -> bool:
        if not valid(value):
            return False
        if type(value) is str and len(value) <= _MEMO_LONGEST:
            if len(known) >= _MEMO_SIZE:
                known.clear()
            known.add(value)
        return True

    return check


def _number(value: Any) -> str:
    """The source of a bound of the model: an ``int``, or a finite ``float``."""
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    raise TypeError(f"a bound of the model is not a number: {value!r}")


def _within(var: str, low: Any, high: Any) -> str | None:
    """The condition that ``var`` is within the bounds that are given, if any is."""
    if low is not None and high is not None:
        return f"{_number(low)} <= {var} <= {_number(high)}"
    if low is not None:
        return f"{var} >= {_number(low)}"
    if high is not None:
        return f"{var} <= {_number(high)}"
    return None


class _Writer:
    """Writes the source of the functions of one batch of structure shapes."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pending: list[Shape] = []
        self.reserved: list[str] = []
        self.loops = 0

    def name(self, prefix: str, thing: Any) -> str:
        name = f"_{prefix}{len(_SPACE)}"
        _SPACE[name] = thing
        return name

    def judge(self, shape: Shape) -> str:
        """The name of the closure predicate of ``shape`` (that remembers, for a pattern)."""
        name = _JUDGES.get(shape.name)
        if name is None:
            judge = compile_valid(shape)
            if shape.type_name == "string" and (
                getattr(shape, "enum", None) or _remembered_pattern(shape)
            ):
                known = {value for value in getattr(shape, "enum", None) or () if judge(value)}
                _KNOWN[shape.name] = self.name("g", known)
                if _remembered_pattern(shape):
                    judge = _remembering(judge, known)
            name = _JUDGES[shape.name] = self.name("o", judge)
        return name

    def structure(self, shape: Shape) -> str:
        """The name of the structure's function, queued for this batch when it has none yet."""
        name = _STRUCTURES.get(shape.name)
        if name is None:
            name = _STRUCTURES[shape.name] = self.name("s", None)  # defined by this batch
            self.reserved.append(shape.name)
            self.pending.append(shape)
        return name

    def test(self, shape: Shape, var: str) -> tuple[str, list[str], str] | None:
        """How ``var`` (not ``None`` unless a list item or a map value) is judged against ``shape``:
        the fast test that accepts it, the statements that check an exact list, map or structure
        next (and return ``False`` when they find something wrong), and the name of the predicate
        that judges whatever the fast test does not accept. ``None``: never valid (timestamps and
        blobs, which the checker decides)."""
        kind = shape.type_name
        meta = shape.metadata
        judge = self.judge(shape)
        low, high = meta.get("min"), meta.get("max")
        sized = kind in ("string", "list", "map")
        size = _within(f"len({var})", low or None, high) if sized else None
        then: list[str] = []
        if kind == "string" and (getattr(shape, "enum", None) or _remembered_pattern(shape)):
            fast = f"type({var}) is str and {var} in {_KNOWN[shape.name]}"
        elif kind == "string" and "pattern" in meta:  # one of EQUAL_TESTS
            fast = f"type({var}) is str" + (f" and {size}" if size else "")
            fast += " and " + EQUAL_TESTS[meta["pattern"]].format(v=var)
        elif kind == "string":
            fast = f"type({var}) is str" + (f" and {size}" if size else "")
        elif kind in ("integer", "long"):
            within = _within(var, low, high)
            fast = f"type({var}) is int" + (f" and {within}" if within else "")
        elif kind in ("double", "float"):
            fast = f"(type({var}) is float or type({var}) is int)"
            if low is not None or high is not None:  # the closure's comparison, NaN and all
                lower = "-_INF" if low is None else _number(low)
                upper = "_INF" if high is None else _number(high)
                fast += f" and {lower} <= {var} <= {upper}"
        elif kind == "boolean":
            fast = f"type({var}) is bool"
        elif kind == "structure":
            fast = f"type({var}) is dict"
            then = [f"if not {self.structure(shape)}({var}):", "    return False"]
        elif kind in ("list", "map"):
            fast = f"type({var}) is {'list' if kind == 'list' else 'dict'}"
            fast += f" and {size}" if size else ""
            self.loops += 1
            item = f"x{self.loops}"
            if kind == "list":
                then = [f"for {item} in {var}:", *_indent(self.check(shape.member, item))]
            else:
                key = f"k{self.loops}"
                then = [
                    f"for {key}, {item} in {var}.items():",
                    *_indent(self.check(shape.key, key)),
                    *_indent(self.check(shape.value, item)),
                ]
        else:
            return None
        return fast, then, judge

    def check(self, shape: Shape, var: str) -> list[str]:
        """Statements that return ``False`` unless ``var`` (an item of a list, a key or a value of
        a map) satisfies ``shape``."""
        test = self.test(shape, var)
        if test is None:
            return ["return False"]
        fast, then, judge = test
        if not then:
            return [f"if not ({fast}) and not {judge}({var}):", "    return False"]
        return [f"if {fast}:", *_indent(then), f"elif not {judge}({var}):", "    return False"]

    def member(self, shape: Shape, name: str, last: bool) -> list[str]:
        """Statements that check the present member ``name``: ``False`` when it is wrong; with
        ``last``, ``True`` when it is valid and no member of the value is left to account for."""
        test = self.test(shape, "v")
        if test is None:
            return ["return False"]
        fast, then, judge = test
        done = ["    if not k:", "        return True"] if last else []
        return [
            f"v = value[{name}]",
            f"if {fast}:",
            *_indent(then),
            "    k -= 1",
            *done,
            f"elif not {judge}(v):",
            "    return False",
        ]

    def function(self, shape: Shape) -> None:
        required = [name for name in shape.members if name in shape.required_members]
        optional = [name for name in shape.members if name not in shape.required_members]
        lines = [
            f"def {_STRUCTURES[shape.name]}(value):",
            "    if type(value) is not dict:",
            f"        return {self.judge(shape)}(value)",
            "    k = len(value)  # the members not yet found valid on the fast path",
        ]
        for member_name in required:  # all of them first: the value is invalid without one
            name = _member_name(member_name)
            lines += [f"    if {name} not in value:", "        return False"]
            lines += _indent(self.member(shape.members[member_name], name, last=False))
        lines += ["    if not k:", "        return True"]
        for member_name in optional:
            name = _member_name(member_name)
            check = self.member(shape.members[member_name], name, last=True)
            lines += [f"    if {name} in value:", *_indent(_indent(check))]
        # Members the model does not have are ignored, unless null (or ``None in`` says so of a
        # value that only the closure predicate accepted): as the closure predicate does.
        self.lines += [*lines, "    return None not in value.values()", ""]


def _remembered_pattern(shape: Shape) -> bool:
    """Whether ``shape`` has a pattern that its set of known strings stands in for (the patterns
    of ``EQUAL_TESTS`` are tested as they are written there)."""
    return "pattern" in shape.metadata and shape.metadata["pattern"] not in EQUAL_TESTS


def _member_name(name: Any) -> str:
    if type(name) is not str:
        raise TypeError(f"a member name of the model is not a string: {name!r}")
    return repr(name)


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]


def generated_valid(shape: Shape) -> Valid:
    """Return the generated predicate of a structure shape (written once per shape name, with those
    of the structures it reaches): it answers as ``compile_valid(shape)`` does."""
    if shape.type_name != "structure":
        raise TypeError(f"{shape.name} is not a structure")
    with _GENERATE:
        name = _STRUCTURES.get(shape.name)
        if name is None:
            writer = _Writer()
            try:
                name = writer.structure(shape)
                while writer.pending:
                    writer.function(writer.pending.pop())
                source = "\n".join(writer.lines)
                code = compile(source, f"<smsvoice_mock._validate {name}>", "exec")
                exec(code, _SPACE)  # the source is made from the model only
            except BaseException:
                for reserved in writer.reserved:
                    del _STRUCTURES[reserved]
                raise
        valid: Valid = _SPACE[name]
        return valid


@functools.cache
def _input_check(operation: str) -> Check:
    shape = operation_model(operation).input_shape
    if shape is None:
        return lambda value, path, problems: None
    return compile_shape(shape)


def _always(value: Any) -> bool:
    return True


_INPUT_VALID: dict[str, Valid] = {}


def input_valid(operation: str) -> Valid:
    """The generated predicate of the operation's input (written on first use)."""
    valid = _INPUT_VALID.get(operation)
    if valid is None:
        shape = operation_model(operation).input_shape
        valid = _INPUT_VALID[operation] = _always if shape is None else generated_valid(shape)
    return valid


def validate_input(operation: str, params: dict[str, Any]) -> None:
    """Raise ``ValidationException`` unless ``params`` satisfies every constraint of the input shape."""
    try:
        valid = _INPUT_VALID[operation]
    except KeyError:
        valid = input_valid(operation)
    if valid(params):
        return
    problems: list[Problem] = []
    _input_check(operation)(params, "", problems)
    raise_for(problems)
