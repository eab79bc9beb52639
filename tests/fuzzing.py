"""The fuzzing harness: hypothesis strategies built from each operation's input shape, a raw door onto
``_protocol.respond`` for bodies no SDK would send, and the invariants every answer must keep.

Strategies (all from ``_model.operation_model``):

- ``valid_input(name)``: values that satisfy every constraint of the shape (required members always,
  optional ones sometimes), with names of real resources mixed in when ``known`` holds some;
- ``broken_input(name)``: a valid input with exactly one thing wrong somewhere inside it: a
  constraint broken (too short, too long, off the pattern, out of the enum, out of range, a list or
  map of the wrong size), a value of another JSON type, a ``null`` or a value nested deep;
- ``hostile_body()``: bodies that are not a JSON object at all.

Invariants (``check_answer``): no Python exception escapes ``respond``; an error is one the operation
declares, its ``Reason`` is in the error's enum and it fits the error's shape; a success fits the
output shape (botocore's validator on the parsed answer and every constraint on the wire JSON).

``SMSVOICE_FUZZ_PROFILE=long`` selects the long hypothesis profile (the default one keeps the suite
fast; ``SMSVOICE_FUZZ_EXAMPLES`` sets the long one's examples per test); ``benchmarks/fuzz.py`` runs the long profile and counts the calls per outcome.
"""

from __future__ import annotations

import collections
import json
import os
import re
from collections.abc import Callable
from typing import Any

from botocore.awsrequest import AWSPreparedRequest
from botocore.model import Shape
from botocore.parsers import create_parser
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from smsvoice_mock import _state
from smsvoice_mock._model import TARGET_PREFIX, operation_model
from smsvoice_mock._protocol import CONTENT_TYPE, respond
from smsvoice_mock._validate import problems_for
from tests.helpers import REGION, output_problems

URL = f"https://sms-voice.{REGION}.amazonaws.com/"
Strategy = st.SearchStrategy[Any]

settings.register_profile(
    "default",
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("SMSVOICE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
PROFILE = os.environ.get("SMSVOICE_FUZZ_PROFILE", "default")
settings.load_profile(PROFILE)

# Every outcome of every call the harness made in this process: "Operation: 200" or
# "Operation: ValidationException/CANNOT_PARSE".
OUTCOMES: collections.Counter[str] = collections.Counter()


# -- the raw door --------------------------------------------------------------------------------


def deep(depth: int) -> str:
    """A stand-in for a value nested ``depth`` arrays and objects deep, which ``encode`` expands (the
    value itself would be too deep for hypothesis to print or ``json.dumps`` to write)."""
    return f"<deep {depth}>"


_DEEP = re.compile(r'"<deep (\d+)>"')


def _nested(match: re.Match[str]) -> str:
    depth = int(match.group(1))
    return '{"a":[' * (depth // 2) + "[]" + "]}" * (depth // 2)


def encode(value: Any) -> str:
    """JSON for ``value`` as it is (nulls and all), with ``deep`` stand-ins expanded."""
    return _DEEP.sub(_nested, json.dumps(value))


def raw_call(operation: str, body: Any) -> tuple[int, dict[str, Any]]:
    """Send ``body`` (bytes or text as they are, any other value JSON-encoded) to the active mock."""
    state = _state.active
    if state is None:
        raise RuntimeError("raw_call needs an active mock: call it inside mock_smsvoice().")
    data = body if isinstance(body, (bytes, str)) else encode(body)
    headers = {"X-Amz-Target": f"{TARGET_PREFIX}.{operation}", "Content-Type": CONTENT_TYPE}
    request = AWSPreparedRequest("POST", URL, headers, data, False)
    response = respond(state, request, REGION)
    return response.status_code, json.loads(response.content)


def check_answer(
    operation: str, status: int, payload: dict[str, Any], *, count: bool = True
) -> str:
    """Assert the invariants of one answer and return its outcome ("200" or "Code/Reason"), counted
    in ``OUTCOMES`` unless ``count`` is false (the setup of real resources)."""
    model = operation_model(operation)
    if status == 200:
        if model.output_shape is not None:
            parsed = create_parser("json").parse(
                {"status_code": 200, "headers": {}, "body": json.dumps(payload).encode()},
                model.output_shape,
            )
            parsed.pop("ResponseMetadata", None)
            problems = output_problems(model, parsed, payload)
            assert not problems, f"{operation} answer does not fit its output shape: {problems}"
        outcome = "200"
    else:
        code = payload.get("__type")
        declared = {shape.name: shape for shape in model.error_shapes}
        assert code in declared, f"{operation} answered {code}, not an error it declares: {payload}"
        assert code != "InternalServerException", payload
        error = {k: v for k, v in payload.items() if k != "__type"}
        problems = [text for _, _, text in problems_for(declared[code], error)]
        assert not problems, f"{operation} {code} does not fit its shape: {problems}"
        outcome = f"{code}/{payload['Reason']}" if "Reason" in payload else str(code)
    if count:
        OUTCOMES[f"{operation}: {outcome}"] += 1
    return outcome


def call_and_check(operation: str, body: Any, *, count: bool = True) -> tuple[int, dict[str, Any]]:
    status, payload = raw_call(operation, body)
    check_answer(operation, status, payload, count=count)
    return status, payload


# -- strategies from the model -------------------------------------------------------------------

MAX_ITEMS = 3  # lists and maps stay small: the shapes matter, not the sizes
MAX_DEPTH = 6  # past this depth only required members are drawn (recursive shapes end)
DEEP = (40, 400, 3000)  # nesting depths: shallow, under the recursion limit, over it
JSON_VALUES: tuple[Any, ...] = (None, True, 0, -1, 2**63, 1.5, "", "x", [], {}, [None], {"a": None})

# Request members that name resources, and which names of known resources fit them.
ALIASES = {
    "OriginationIdentity": ("PhoneNumberId", "PoolId", "SenderIdArn", "PhoneNumberArn", "PoolArn"),
    "ResourceArn": (
        "PhoneNumberArn",
        "PoolArn",
        "OptOutListArn",
        "ConfigurationSetArn",
        "SenderIdArn",
        "RegistrationArn",
        "ProtectConfigurationArn",
        "NotifyConfigurationArn",
    ),
    "ResourceId": ("PhoneNumberId", "PoolId", "RegistrationId", "ProtectConfigurationId"),
    "DestinationPhoneNumber": ("DestinationPhoneNumber",),
    "OptedOutNumber": ("DestinationPhoneNumber",),
    "PhoneNumber": ("DestinationPhoneNumber",),
    "PhoneNumberIds": ("PhoneNumberId",),
    "PoolIds": ("PoolId",),
    "OptOutListNames": ("OptOutListName",),
    "ConfigurationSetNames": ("ConfigurationSetName",),
    "RegistrationIds": ("RegistrationId",),
    "ProtectConfigurationIds": ("ProtectConfigurationId",),
    "NotifyConfigurationIds": ("NotifyConfigurationId",),
    "VerifiedDestinationNumberIds": ("VerifiedDestinationNumberId",),
}


def _length_bounds(shape: Shape) -> tuple[int, int]:
    low = int(shape.metadata.get("min", 0))
    high = int(shape.metadata.get("max", low + 20))
    return low, max(low, min(high, low + 20))


@st.composite
def _patterned(draw: Callable[[Strategy], Any], pattern: str, low: int, high: int) -> str:
    text: str = draw(st.from_regex(pattern, fullmatch=True))
    if len(text) < low:  # pad within the pattern's alphabet where it repeats its last class
        text = text + text[-1:] * (low - len(text)) if text else text
    return text[: max(high, low)] if len(text) > high else text


def _string(shape: Shape) -> Strategy:
    if shape.enum:
        return st.sampled_from(shape.enum)
    low, high = _length_bounds(shape)
    pattern = shape.metadata.get("pattern")
    if pattern is None:
        return st.text(min_size=low, max_size=high)
    compiled = re.compile(pattern)
    return _patterned(pattern, low, high).filter(
        lambda v: (
            low <= len(v) <= int(shape.metadata.get("max", 10**6))
            and compiled.fullmatch(v) is not None
        )
    )


def _number(shape: Shape) -> Strategy:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    return st.integers(
        min_value=int(low) if low is not None else -(2**31),
        max_value=int(high) if high is not None else 2**31,
    )


def valid_value(
    shape: Shape, known: dict[str, list[Any]], name: str = "", depth: int = 0
) -> Strategy:
    """Values that satisfy every constraint of ``shape`` (``name`` is the member it is drawn for)."""
    kind = shape.type_name
    if kind == "string":
        # Names of real resources where some fit (unknown names are the fresh-state test's part).
        fitting = [v for alias in ALIASES.get(name, (name,)) for v in known.get(alias, ())]
        return st.sampled_from(fitting) if fitting else _string(shape)
    if kind in ("integer", "long"):
        return _number(shape)
    if kind == "boolean":
        return st.booleans()
    if kind in ("double", "float"):
        low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 1e6)
        return st.floats(min_value=float(low), max_value=float(high))
    if kind == "timestamp":
        return st.integers(min_value=0, max_value=4_000_000_000)
    if kind == "blob":
        return st.binary(max_size=8).map(lambda b: b.hex())
    if kind == "list":
        low, high = _length_bounds(shape)
        return st.lists(
            valid_value(shape.member, known, name, depth + 1),
            min_size=low,
            max_size=max(low, min(high, MAX_ITEMS)),
        )
    if kind == "map":
        low, high = _length_bounds(shape)
        return st.dictionaries(
            valid_value(shape.key, known, "", depth + 1),
            valid_value(shape.value, known, "", depth + 1),
            min_size=low,
            max_size=max(low, min(high, MAX_ITEMS)),
        )
    # structure
    required = {
        m: valid_value(shape.members[m], known, m, depth + 1) for m in shape.required_members
    }
    optional = (
        {
            m: valid_value(s, known, m, depth + 1)
            for m, s in shape.members.items()
            if m not in required and m != "NextToken"  # a made-up token is only ever refused
        }
        if depth < MAX_DEPTH
        else {}
    )
    return st.fixed_dictionaries(required, optional=optional)


def _broken_leaf(shape: Shape) -> Strategy:
    """One constraint of ``shape`` broken, another JSON type, null, or deep nesting."""
    kind = shape.type_name
    meta = shape.metadata
    options: list[Strategy] = [
        st.sampled_from([v for v in JSON_VALUES if not _fits_type(kind, v)]),
        st.sampled_from(DEEP).map(deep),
    ]
    if kind == "string":
        options.append(st.sampled_from(["\ud800", "x\udc00y"]))  # unpaired surrogates
        if "min" in meta and meta["min"] > 0:
            options.append(st.just("x" * (int(meta["min"]) - 1)))
        if "max" in meta:
            options.append(st.just("x" * (int(meta["max"]) + 1)))
        if shape.enum:
            options.append(st.just("NOT_IN_THE_ENUM"))
        if "pattern" in meta:
            options.append(st.sampled_from(["", " ", "\u0000", "+9 ", "arn:aws:x"]))
    elif kind in ("integer", "long"):
        if "min" in meta:
            options.append(st.just(int(meta["min"]) - 1))
        if "max" in meta:
            options.append(st.just(int(meta["max"]) + 1))
        options.append(st.sampled_from([10**30, -(10**30)]))
    elif kind == "timestamp":
        options.append(st.sampled_from([1e12, -1e12, 1e300, 10**40, -1]))
    elif kind in ("list", "map"):
        if meta.get("min", 0) > 0:
            options.append(st.just([] if kind == "list" else {}))
        if "max" in meta and int(meta["max"]) <= 1000:
            options.append(st.just(["x"] * (int(meta["max"]) + 1)))
    return st.one_of(options)


def _fits_type(kind: str, value: Any) -> bool:
    if kind in ("string", "blob"):
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind in ("integer", "long"):
        return isinstance(value, int) and not isinstance(value, bool)
    if kind in ("double", "float", "timestamp"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list)
    return isinstance(value, dict)


def broken_value(
    shape: Shape, known: dict[str, list[Any]], name: str = "", depth: int = 0
) -> Strategy:
    """A value of ``shape`` with exactly one thing wrong, at this level or somewhere inside."""
    kind = shape.type_name
    inner: Strategy | None = None
    if kind == "structure" and shape.members and depth < MAX_DEPTH:
        inner = st.sampled_from(sorted(shape.members)).flatmap(
            lambda m: st.tuples(
                valid_value(shape, known, name, depth),
                st.just(m),
                broken_value(shape.members[m], known, m, depth + 1),
            ).map(lambda t: {**t[0], t[1]: t[2]})
        )
    elif kind == "list" and depth < MAX_DEPTH:
        inner = st.tuples(
            valid_value(shape, known, name, depth),
            broken_value(shape.member, known, name, depth + 1),
        ).map(lambda t: [*t[0][: MAX_ITEMS - 1], t[1]])
    elif kind == "map" and depth < MAX_DEPTH:
        inner = st.tuples(
            valid_value(shape, known, name, depth),
            valid_value(shape.key, known, "", depth + 1),
            broken_value(shape.value, known, "", depth + 1),
        ).map(lambda t: {**t[0], t[1]: t[2]})
    leaf = _broken_leaf(shape)
    return leaf if inner is None else st.one_of(inner, inner, leaf)


def valid_input(operation: str, known: dict[str, list[Any]] | None = None) -> Strategy:
    shape = operation_model(operation).input_shape
    return st.just({}) if shape is None else valid_value(shape, known or {})


def broken_input(operation: str, known: dict[str, list[Any]] | None = None) -> Strategy:
    shape = operation_model(operation).input_shape
    if shape is None or not shape.members:
        return st.just({"Unmodeled": None})
    return broken_value(shape, known or {})


def hostile_body() -> Strategy:
    """Bodies that are not a JSON object: other JSON values, broken JSON, deep nesting, NaN."""
    return st.one_of(
        st.sampled_from(
            [
                b"",
                b"null",
                b"[]",
                b'"text"',
                b"123",
                b"{",
                b"\xff\xfe\x00",
                b'{"a": NaN}',
                b'{"a": Infinity}',
                b'{"a": 1e400}',
                b'{"a": ' + b"9" * 5000 + b"}",
                b"[" * 100_000 + b"]" * 100_000,
                b'{"a":' * 5000 + b"1" + b"}" * 5000,
            ]
        ),
        st.binary(max_size=64),
    )


# -- real resources, so handlers get past "not found" ----------------------------------------------

SETUP_CALLS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "RequestPhoneNumber",
        {
            "IsoCountryCode": "US",
            "MessageType": "TRANSACTIONAL",
            "NumberCapabilities": ["SMS", "VOICE"],
            "NumberType": "SIMULATOR",
        },
    ),
    ("CreateOptOutList", {"OptOutListName": "fuzz-list"}),
    ("CreateConfigurationSet", {"ConfigurationSetName": "fuzz-set"}),
    ("RequestSenderId", {"SenderId": "FUZZ", "IsoCountryCode": "GB"}),
    ("CreateRegistration", {"RegistrationType": "US_TEN_DLC_BRAND_REGISTRATION"}),
    ("CreateProtectConfiguration", {}),
    (
        "CreateNotifyConfiguration",
        {"DisplayName": "Fuzz", "UseCase": "CODE_VERIFICATION", "EnabledChannels": ["SMS"]},
    ),
    ("CreateVerifiedDestinationNumber", {"DestinationPhoneNumber": "+14254147755"}),
    ("PutOptedOutNumber", {"OptOutListName": "fuzz-list", "OptedOutNumber": "+14254147700"}),
)


def _remember(known: dict[str, list[Any]], payload: dict[str, Any]) -> None:
    for member, value in payload.items():
        if isinstance(value, str) and (
            member.endswith(("Id", "Arn", "Name")) or member in ("SenderId", "Keyword")
        ):
            known.setdefault(member, []).append(value)


def _dependent_calls(known: dict[str, list[Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Resources made from the first ones: a keyword, a policy, an event destination, a sent message
    with feedback, an RCS agent."""
    number_id, number_arn = known["PhoneNumberId"][0], known["PhoneNumberArn"][0]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
                "Action": ["sms-voice:SendTextMessage"],
                "Resource": number_arn,
            }
        ],
    }
    return [
        (
            "PutKeyword",
            {"OriginationIdentity": known["PoolId"][0], "Keyword": "FUZZ", "KeywordMessage": "Hi"},
        ),
        ("PutResourcePolicy", {"ResourceArn": number_arn, "Policy": json.dumps(policy)}),
        (
            "CreateEventDestination",
            {
                "ConfigurationSetName": "fuzz-set",
                "EventDestinationName": "fuzz-destination",
                "MatchingEventTypes": ["ALL"],
                "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:fuzz"},
            },
        ),
        (
            "SendTextMessage",
            {
                "DestinationPhoneNumber": "+14254147755",
                "OriginationIdentity": number_id,
                "MessageBody": "fuzz",
                "MessageFeedbackEnabled": True,
            },
        ),
        ("CreateRcsAgent", {}),
    ]


def create_resources() -> dict[str, list[Any]]:
    """Create one resource of each main family and return their names by output member."""
    known: dict[str, list[Any]] = {
        "DestinationPhoneNumber": ["+14254147755", "+14254147700"],
        "EventDestinationName": ["fuzz-destination"],
    }
    for operation, body in SETUP_CALLS:
        status, payload = call_and_check(operation, body, count=False)
        assert status == 200, (operation, payload)
        if operation == "RequestPhoneNumber":
            pool = {"OriginationIdentity": payload["PhoneNumberId"], "IsoCountryCode": "US"}
            status, pool_payload = call_and_check(
                "CreatePool", {**pool, "MessageType": "TRANSACTIONAL"}, count=False
            )
            assert status == 200, pool_payload
            payload = {**payload, **pool_payload}
        _remember(known, payload)
    for operation, body in _dependent_calls(known):
        status, payload = call_and_check(operation, body, count=False)
        assert status == 200, (operation, payload)
        _remember(known, payload)
    return known
