"""The generated input predicates (``_validate.generated_valid``) answer as the closure predicates
(``_validate.compile_valid``) do, for every operation of the model: on values built from each input
shape (valid minimal values, wrong types, subclasses, lengths and numbers off their bounds, values
out of the enum or off the pattern, nulls, members the model does not have, missing required ones),
and on the fuzzing harness's valid and broken inputs with every position of them changed in turn.
Each value is judged twice, so that strings the first judgement remembered are judged from the memo
the second time."""

from __future__ import annotations

import copy
import importlib.util
import math
import os
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.model import Shape

from smsvoice_mock import _validate
from smsvoice_mock._model import operation_model, service_model
from smsvoice_mock._validate import compile_valid, generated_valid, validate_input
from tests.helpers import missing_tool

OPERATIONS = sorted(
    name
    for name in service_model().operation_names
    if operation_model(name).input_shape is not None
)


class Text(str):
    """A ``str`` subclass equal to every string: never to be taken for a known one."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str)

    def __hash__(self) -> int:
        return str.__hash__(self)


class NullText(Text):
    """A ``str`` subclass equal to ``None`` as well (``None in value.values()`` finds it)."""

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, str)

    def __hash__(self) -> int:
        return str.__hash__(self)


class Number(int):
    pass


# Strings tried for every string shape: the ones its closure predicate accepts are its valid values.
POOL = [
    "",
    " ",
    "a",
    "A",
    "0",
    "1",
    "x y",
    " a",
    "a ",
    "\n",
    "+14254147755",
    "+1",
    "14254147755",
    "phone-0123456789abcdef0123456789abcdef",
    "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef",
    "US",
    "en-US",
    "1.5",
    "0.00581",
    "status",
    "ACTIVE",
    "Your code is 123456",
    "a@b.example",
    "https://example.com/a",
    "{{name}}",
    "\ud800",
    "NOT_IN_THE_ENUM",
]
CHARACTERS = "aA0+1.-_:/ x"
ODD = [None, True, False, 0, 1, -1, 10**30, 1.5, math.nan, math.inf, "x", [], [None], {}, {"a": 1}]


def _strings(shape: Shape) -> list[Any]:
    meta = shape.metadata
    sizes = {int(meta.get("min", 0)), int(meta.get("max", 4)), int(meta.get("max", 4)) + 1}
    sizes |= {max(int(meta.get("min", 0)) - 1, 0), 1, 2}
    made = [c * size for c in CHARACTERS for size in sorted(sizes) if size <= 2000]
    return [*(getattr(shape, "enum", None) or []), *POOL, *made]


def _numbers(shape: Shape) -> list[Any]:
    meta = shape.metadata
    values: list[Any] = [0, 1, -1, 5, 100, 10**6, 0.5, -0.5, math.nan, math.inf, -math.inf]
    for bound in (meta.get("min"), meta.get("max")):
        if bound is not None:
            values += [bound - 1, bound, bound + 1, bound + 0.5, Number(bound)]
    return values


def samples(shape: Shape, depth: int = 0) -> list[Any]:
    """Values of every kind for ``shape``, valid and not (fewer the deeper)."""
    kind = shape.type_name
    valid = compile_valid(shape)
    if kind == "string":
        strings = _strings(shape)
        good = [s for s in strings if valid(s)]
        return [*strings, *(Text(s) for s in good[:2]), NullText(good[0] if good else "a"), *ODD]
    if kind in ("integer", "long", "double", "float"):
        return [*_numbers(shape), *ODD]
    if kind == "boolean":
        return [True, False, *ODD]
    if kind in ("timestamp", "blob"):
        return [0, 1.5, "2024-01-01", "aGk=", *ODD]
    if depth > 2:
        return [*ODD, base(shape)]
    if kind == "list":
        item = base(shape.member)
        high = int(shape.metadata.get("max", 3))
        items = samples(shape.member, depth + 1)
        lists = [[], [item], [item] * high, [item] * (high + 1), [item, None]]
        return [*lists, *([item, other] for other in items), *ODD]
    if kind == "map":
        key, value = base(shape.key), base(shape.value)
        high = int(shape.metadata.get("max", 3))
        maps: list[Any] = [{}, {key: value}, {f"{key}{i}": value for i in range(high + 1)}]
        maps += [{key: other} for other in samples(shape.value, depth + 1)]
        maps += [{other: value} for other in samples(shape.key, depth + 1) if _hashable(other)]
        return [*maps, *ODD]
    return [*structures(shape, depth), *ODD]


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def base(shape: Shape) -> Any:
    """The first valid sample of ``shape`` (or an invalid one where none is found)."""
    return _BASES.get(shape.name) or _base(shape)


_BASES: dict[str, Any] = {}


def _base(shape: Shape) -> Any:
    kind = shape.type_name
    valid = compile_valid(shape)
    if kind == "structure":
        _BASES[shape.name] = {}  # a recursive shape meets itself while its base is made
        value: Any = {name: base(shape.members[name]) for name in shape.required_members}
    elif kind == "list":
        value = [base(shape.member)] * int(shape.metadata.get("min", 1) or 1)
    elif kind == "map":
        value = {base(shape.key): base(shape.value)} if shape.metadata.get("min") else {}
    else:
        candidates = _strings(shape) if kind == "string" else [*_numbers(shape), True]
        value = next((c for c in candidates if valid(c)), candidates[0])
    _BASES[shape.name] = value
    return value


def structures(shape: Shape, depth: int) -> Iterator[dict[str, Any]]:
    start = base(shape)
    yield dict(start)
    yield {**start, "NotInTheModel": 1}
    yield {**start, "NotInTheModel": None}
    yield {**start, "notInTheModel": {"a": None}}
    everything = {name: base(member) for name, member in shape.members.items()}
    yield everything
    yield {**everything, "NotInTheModel": "x"}
    for name, member in shape.members.items():
        yield {key: value for key, value in start.items() if key != name}
        yield {**start, name: None}
        for other in samples(member, depth + 1):
            yield {**start, name: other}
            yield {**everything, name: other}


def _agree(shape: Shape, value: Any) -> None:
    closure, generated = compile_valid(shape), generated_valid(shape)
    expected = closure(copy.deepcopy(value))
    for _ in range(2):  # the second time, from what the first one remembered
        assert generated(copy.deepcopy(value)) is expected, (shape.name, value, expected)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_generated_predicate_agrees_on_samples(operation: str) -> None:
    shape = operation_model(operation).input_shape
    assert shape is not None
    values = [*structures(shape, 0), *ODD, Text("x"), Number(1), {"NotInTheModel": NullText("x")}]
    for value in values:
        _agree(shape, value)
    assert any(generated_valid(shape)(v) for v in values), "no valid sample reached the fast path"


def test_the_samples_reach_both_answers_for_most_operations() -> None:
    """The samples are no vacuous test: most operations have valid ones, all have invalid ones."""
    answers = {
        operation: {
            generated_valid(shape)(value)
            for shape in [operation_model(operation).input_shape]
            if shape is not None
            for value in structures(shape, 0)
        }
        for operation in OPERATIONS
    }
    assert all(False in seen for seen in answers.values())
    assert sum(True in seen for seen in answers.values()) == len(OPERATIONS)


def positions(value: Any) -> Iterator[tuple[Any, Any]]:
    """Each dict or list inside ``value`` (itself included), with each of its keys or indexes."""
    if isinstance(value, dict):
        for key in list(value):
            yield value, key
            yield from positions(value[key])
    elif isinstance(value, list):
        for index in range(len(value)):
            yield value, index
            yield from positions(value[index])


def _changed(value: Any) -> Iterator[Any]:
    """``value`` with one position changed, for every position and change."""
    yield value
    count = sum(1 for _ in positions(value))
    for number in range(count):
        for change in (*ODD, Text("x"), NullText("x"), Number(3), "x" * 3000, "unknown"):
            changed = copy.deepcopy(value)
            holder, key = list(positions(changed))[number]
            if change == "unknown" and isinstance(holder, dict):
                holder["NotInTheModel"] = None if key == next(iter(holder)) else "x"
            else:
                holder[key] = change
            yield changed


if importlib.util.find_spec("hypothesis") is not None or os.environ.get("CI") == "true":
    from hypothesis import given
    from hypothesis import strategies as st

    from tests.fuzzing import broken_input, valid_input

    @pytest.mark.parametrize("operation", OPERATIONS)
    @given(data=st.data())
    def test_generated_predicate_agrees_on_fuzzed_inputs(
        operation: str, data: st.DataObject
    ) -> None:
        shape = operation_model(operation).input_shape
        assert shape is not None
        valid = data.draw(valid_input(operation), label="valid")
        validate_input(operation, copy.deepcopy(valid))
        for value in _changed(valid):
            _agree(shape, value)
        _agree(shape, data.draw(broken_input(operation), label="broken"))

else:

    def test_generated_predicate_agrees_on_fuzzed_inputs() -> None:
        pytest.skip(missing_tool("hypothesis", "test"))


def test_the_memo_is_bounded_and_keeps_exact_strings_only() -> None:
    """The strings a pattern's closure accepted are remembered up to ``_MEMO_SIZE`` (the set is
    emptied when full), only as exact ``str``, and a message body (free text, tested as
    ``EQUAL_TESTS`` writes it) is never remembered."""
    shape = operation_model("SendTextMessage").input_shape
    assert shape is not None
    valid = generated_valid(shape)
    member = shape.members["DestinationPhoneNumber"]
    known = _validate._SPACE[_validate._KNOWN[member.name]]
    for number in range(3 * _validate._MEMO_SIZE):
        assert valid({"DestinationPhoneNumber": f"+1425{number:07d}"})
        assert len(known) <= _validate._MEMO_SIZE
    assert "+14250000000" not in known
    assert f"+1425{3 * _validate._MEMO_SIZE - 1:07d}" in known
    assert valid({"DestinationPhoneNumber": Text("+14254147755")})
    assert not valid({"DestinationPhoneNumber": Text("not a phone number")})  # equal to any
    assert all(type(s) is str for s in known)
    body = shape.members["MessageBody"]
    assert body.metadata["pattern"] in _validate.EQUAL_TESTS
    assert valid({"DestinationPhoneNumber": "+14254147755", "MessageBody": "x" * 1600})
    assert not valid({"DestinationPhoneNumber": "+14254147755", "MessageBody": "x" * 1601})
    assert not valid({"DestinationPhoneNumber": "+14254147755", "MessageBody": " \n\u3000"})
    assert body.name not in _validate._KNOWN


@pytest.mark.parametrize("pattern", sorted(_validate.EQUAL_TESTS))
def test_an_equal_test_answers_as_the_pattern_does(pattern: str) -> None:
    """Each of ``EQUAL_TESTS`` accepts exactly the strings the pattern's ``fullmatch`` accepts: every
    white space character of Unicode alone, in runs, around text and before a final newline."""
    import re
    import sys

    fullmatch = re.compile(pattern).fullmatch
    test = eval(f"lambda v: {_validate.EQUAL_TESTS[pattern].format(v='v')}")
    spaces = [
        chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() or re.match(r"\s", chr(c))
    ]
    samples = ["", "x", "Your code is 123456", "\n", "x\n", "\nx", "\u200b", "\x1c\x1d\x1e\x1f"]
    samples += (
        spaces + [s * 3 for s in spaces] + [f"{s}x{s}" for s in spaces] + [s + "\n" for s in spaces]
    )
    for sample in samples:
        assert bool(test(sample)) == (fullmatch(sample) is not None), repr(sample)


def test_validate_input_answers_from_the_generated_predicate() -> None:
    """``validate_input`` asks the operation's generated predicate, and the checker still names the
    problem of a request it refuses."""
    params = {
        "OriginationIdentity": "phone-0123456789abcdef0123456789abcdef",
        "DestinationPhoneNumber": "+14254147755",
        "MessageBody": "Your code is 123456",
    }
    validate_input("SendTextMessage", params)
    assert _validate._INPUT_VALID["SendTextMessage"] is generated_valid(
        operation_model("SendTextMessage").input_shape  # type: ignore[arg-type]
    )
    with pytest.raises(_validate.ValidationException):
        validate_input("SendTextMessage", {**params, "DestinationPhoneNumber": "0"})
