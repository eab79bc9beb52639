"""The JSON 1.0 wire: decode a request, validate it, dispatch it, encode the output by its shape or
the error as the service's error body — all of it in ``answer``, which both doors (the in-process
hook through ``respond``, and the HTTP server) call."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Generator, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import botocore.awsrequest
from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.model import Shape

from smsvoice_mock._dispatch import dispatch, new_context
from smsvoice_mock._faults import injected_fault
from smsvoice_mock._model import TARGET_PREFIX, operation_model, operation_names
from smsvoice_mock._validate import validate_input
from smsvoice_mock.backend import new_uuid
from smsvoice_mock.errors import ServiceError, ValidationException
from smsvoice_mock.inbox import new_api_call

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest

    from smsvoice_mock._state import MockState

CONTENT_TYPE = "application/x-amz-json-1.0"
TextEncoder = Callable[[Any], str]


class _Body(bytes):
    """The answer's bytes, which aiobotocore may also ``await`` (its ``content`` is awaitable), and the
    response's ``raw`` too: the minimal one botocore reads a body from (``stream()``)."""

    __slots__ = ()

    def __await__(self) -> Generator[Any, None, bytes]:
        return self
        yield  # a generator that returns at once

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self


def operation_from_target(target: str | bytes | None) -> str | None:
    """``PinpointSMSVoiceV2.SendTextMessage`` -> ``SendTextMessage``."""
    if isinstance(target, bytes):
        target = target.decode()
    if not target or not target.startswith(TARGET_PREFIX + "."):
        return None
    return target[len(TARGET_PREFIX) + 1 :]


# The target header of each known operation, as botocore sends it (bytes) and as the server reads it.
_TARGETS: dict[str | bytes, str] = {}


def _known_operation(target: str | bytes | None) -> str | None:
    """The model's operation ``target`` names, else ``None`` (one dictionary lookup, once seen)."""
    name = _TARGETS.get(target) if target is not None else None
    if name is None:
        name = operation_from_target(target)
        if name is None or name not in operation_names():
            return None
        _TARGETS[target] = name  # type: ignore[index]  # only the model's names get here
    return name


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(value: Any) -> bool:
    """Whether a string anywhere in ``value`` holds a UTF-16 surrogate the JSON decoder could not pair
    (walked without recursion: the value may nest as deep as the decoder allowed)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


_DECODER = json.JSONDecoder(parse_constant=_not_json)
# The decoder's scanner (C where there is one): what ``_DECODER.decode`` runs once it has found
# where the value starts.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
# json.dumps(payload, separators=...) would make an encoder per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"))
_ENCODE = _ENCODER.encode
# What ``_ENCODE`` runs for a dict, made once rather than per call: the C encoder, without the
# circular-reference markers (an answer is a tree the handlers just built).
_C_MAKE_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODE = (
    _C_MAKE_ENCODER(
        None, _ENCODER.default, json.encoder.encode_basestring_ascii, None, ":", ",",
        False, False, True,
    )
    if _C_MAKE_ENCODER is not None
    else None
)  # fmt: skip


def _encode(payload: Any) -> str:
    """``_ENCODE(payload)``, the same text: any JSON value as the encoder writes it."""
    if _C_ENCODE is None:
        return _ENCODE(payload)
    return "".join(_C_ENCODE(payload, 0))


def decode_request(body: bytes | str | None) -> dict[str, Any]:
    """The request's JSON object. Bodies that are not JSON (NaN and Infinity included), that nest
    too deep to read or hold an unpaired surrogate (``"\\ud800"``: no Unicode text) are
    ``CANNOT_PARSE``; JSON ``null`` members are handled by ``validate_input``."""
    if not body:
        return {}
    if type(body) is bytes and body[:1] == b"{" and body.isascii():
        # The common body: ASCII, so UTF-8 to json.detect_encoding (a NUL byte after the brace,
        # which would make it UTF-16, fails the scanner), and an object from its first byte. The
        # scanner reads it as ``_DECODER.decode`` would; anything else (an error to word, bytes
        # after the object) goes the full way below.
        try:
            params, end = _SCAN(body.decode("ascii"), 0)
        except (StopIteration, ValueError, RecursionError):
            pass
        else:
            if end == len(body) and not (b"\\u" in body and _SURROGATE_ESCAPE.search(body)):
                return params  # type: ignore[no-any-return]
    try:
        data = body.encode() if isinstance(body, str) else body
        # json.loads(data, parse_constant=...) would make a decoder per call: one is made at import.
        params = _DECODER.decode(data.decode(json.detect_encoding(data), "surrogatepass"))
    except ValueError as exc:
        raise ValidationException(
            f"The request body is not valid JSON: {exc}", reason="CANNOT_PARSE"
        ) from None
    except RecursionError:
        raise ValidationException(
            "The request body nests too deep to be read.", reason="CANNOT_PARSE"
        ) from None
    if not isinstance(params, dict):
        raise ValidationException("The request body must be a JSON object.", reason="CANNOT_PARSE")
    if _SURROGATE_ESCAPE.search(data) and _has_lone_surrogate(params):
        raise ValidationException(
            "The request body holds an unpaired UTF-16 surrogate, which is not Unicode text.",
            reason="CANNOT_PARSE",
        )
    return params


_ESCAPE: Callable[[str], str] = json.encoder.encode_basestring_ascii
_FLOAT = float.__repr__
_INT = int.__repr__

# The text of one member's value, by the kind of its shape (the kinds the service's answers hold).
# Each writes exactly what ``_encode`` writes for the value: the common type of the kind inline,
# anything else through ``_encode``.
_SCALAR_TEXT = {
    "string": "_ESCAPE(item) if type(item) is str else _encode(item)",
    "boolean": "'true' if item is True else 'false' if item is False else _encode(item)",
    "integer": "_INT(item) if type(item) is int else _encode(item)",
    "long": "_INT(item) if type(item) is int else _encode(item)",
}


def _key_text(key: Any) -> str:
    """A map's key as the encoder writes it (a key that is not a string by ``json``'s own rules)."""
    return _ESCAPE(key) if type(key) is str else _encode({key: 0})[1:-3]


def _timestamp_text(value: Any) -> str:
    """A timestamp as the service writes it: seconds since the epoch, a JSON number."""
    if isinstance(value, datetime):
        value = value.timestamp()
    return _FLOAT(value) if type(value) is float and value - value == 0.0 else _encode(value)


_TEXT: dict[str, TextEncoder] = {}


def _structure_text(shape: Shape) -> TextEncoder:
    """The JSON text of a dict projected onto a structure: its modeled members that are not ``None``,
    in the shape's order, as straight-line code made from the model's member names (a loop over
    the members, or a projected dict handed to the encoder, cost several times more)::

        def encode(value):
            get = value.get
            out = []
            if (item := get("Member")) is not None:
                out.append('"Member":' + (_ESCAPE(item) if type(item) is str else _encode(item)))
            if (item := get("Nested")) is not None:
                out.append('"Nested":' + _text_1(item))  # the member's shape's own encoder
            ...
            return "{" + ",".join(out) + "}"
    """
    namespace: dict[str, Any] = {"_ESCAPE": _ESCAPE, "_INT": _INT, "_encode": _encode}
    lines = ["def encode(value):", "    get = value.get", "    out = []"]
    for index, (name, member) in enumerate(shape.members.items()):
        text = _SCALAR_TEXT.get(member.type_name)
        if text is None:
            namespace[f"_text_{index}"] = text_encoder_for(member)
            text = f"_text_{index}(item)"
        key = _ESCAPE(name) + ":"
        lines.append(f"    if (item := get({name!r})) is not None:")
        lines.append(f"        out.append({key!r} + ({text}))")
    lines.append('    return "{" + ",".join(out) + "}"')
    exec("\n".join(lines) + "\n", namespace)  # made from the model's member names
    made: TextEncoder = namespace["encode"]
    return made


def text_encoder_for(shape: Shape) -> TextEncoder:
    """The JSON text of a handler's value projected onto ``shape``: unmodeled and ``None`` members
    of its structures are dropped, timestamps are seconds since the epoch, and everything else is
    written as ``json`` writes it (``tests/test_wire.py`` checks it against that projection)."""
    cached = _TEXT.get(shape.name)
    if cached is not None:
        return cached
    kind = shape.type_name
    result: TextEncoder
    if kind == "timestamp":
        result = _timestamp_text
    elif kind == "structure":
        # A recursive shape meets itself through this entry while its encoder is made.
        _TEXT[shape.name] = lambda value: _TEXT[shape.name](value)
        result = _structure_text(shape)
    elif kind == "list" and _projects(shape.member):
        item = text_encoder_for(shape.member)
        result = lambda value: "[" + ",".join([item(v) for v in value]) + "]"  # noqa: E731
    elif kind == "map" and _projects(shape.value):
        val = text_encoder_for(shape.value)
        result = lambda value: (  # noqa: E731
            "{" + ",".join([_key_text(k) + ":" + val(v) for k, v in value.items()]) + "}"
        )
    else:
        result = _encode
    _TEXT[shape.name] = result
    return result


def _projects(shape: Shape, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a value of ``shape`` may hold something the projection changes (a structure's
    member, a timestamp); values of other shapes are written as they are."""
    if shape.type_name in ("structure", "timestamp"):
        return True
    if shape.name in seen:
        return False
    inner = {"list": "member", "map": "value"}.get(shape.type_name)
    return inner is not None and _projects(getattr(shape, inner), seen | {shape.name})


@functools.cache
def output_text(operation: str) -> TextEncoder:
    """The JSON text of ``operation``'s answer (``{}`` for an operation without output)."""
    shape = operation_model(operation).output_shape
    return (lambda value: "{}") if shape is None else text_encoder_for(shape)


def _wire(
    status: int, request_id: str, payload: dict[str, Any]
) -> tuple[int, dict[str, str], bytes]:
    return _wired(status, request_id, _encode(payload))


def _wired(status: int, request_id: str, text: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body bytes of an answer whose JSON text is ``text``."""
    body = text.encode()
    headers = {
        "x-amzn-RequestId": request_id,
        "Content-Type": CONTENT_TYPE,
        "Content-Length": str(len(body)),
    }
    return status, headers, body


def encode_error(request_id: str, error: ServiceError) -> tuple[int, dict[str, str], bytes]:
    """The service's error answer: status, headers and the ``{"__type", "Message", ...}`` body."""
    return _wire(error.status_code, request_id, error.body())


class _Headers(Protocol):
    def get(self, name: str, /) -> Any: ...


class Request(Protocol):
    """What a door hands to ``answer``: botocore's prepared request, or the server's parsed one."""

    @property
    def headers(self) -> _Headers: ...
    @property
    def body(self) -> bytes | str | None: ...


def answer(
    state: MockState, request: Request, region: str, account_id: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Answer one request of this service as the service would: status, headers, body bytes."""
    request_id = new_uuid()
    target = _target(request.headers)
    name = _TARGETS.get(target) or _known_operation(target)
    params: dict[str, Any] = {}
    try:
        params = decode_request(request.body)
        if name is None:
            raise ValidationException(
                f"The X-Amz-Target header {target!r} names no operation of {TARGET_PREFIX}.",
                reason="UNKNOWN_OPERATION",
            )
        with state.lock:
            if state.scheduled_events._items:
                state.deliver_due()  # a delayed record the clock reached comes before this call
            fault = injected_fault(state.faults, name, params) if state.faults else None
            if fault is not None:
                raise fault
            validate_input(name, params)
            backend = state.backend(account_id, region)
            now = state.clock.now()  # the request's moment: its records and its call share it
            output = dispatch(new_context(state, backend, name, request_id, now), params)
            state.calls._append(
                new_api_call(
                    operation=name,
                    parameters=params,
                    status_code=200,
                    account_id=backend.account_id,
                    region=region,
                    request_id=request_id,
                    called_at=now,
                    message_id=output.get("MessageId"),
                )
            )
    except ServiceError as error:
        named = name or operation_from_target(target)  # an unknown one is recorded as named
        _refused(state, named, params, error, account_id, region, request_id)
        return encode_error(request_id, error)
    return _wired(200, request_id, output_text(name)(output))


def _refused(
    state: MockState,
    name: str | None,
    params: dict[str, Any],
    error: ServiceError,
    account_id: str | None,
    region: str,
    request_id: str,
) -> None:
    """Record a refused call in ``state.calls`` (the accepted ones are recorded in ``answer``)."""
    with state.lock:
        state.calls._append(
            new_api_call(
                operation=name,
                parameters=params,
                status_code=error.status_code,
                account_id=account_id or state.account_id,
                region=region,
                request_id=request_id,
                called_at=state.clock.now(),
                error_code=error.code,
                reason=error.members.get("Reason"),
                error_message=error.message,
            )
        )


def respond(state: MockState, request: AWSPreparedRequest, region: str) -> AWSResponse:
    """The in-process door: ``answer`` as the AWSResponse botocore's ``before-send`` expects."""
    status, headers, body = answer(state, request, region)
    content = _Body(body)  # botocore reads it as bytes, aiobotocore awaits it
    return _response(request.url, status, headers, content)


def _public_response(url: str, status: int, headers: dict[str, str], content: _Body) -> AWSResponse:
    response = AWSResponse(url, status, headers, content)
    response._content = content
    return response


# The same response, made without botocore's constructors: ``AWSResponse.__init__`` copies the headers
# into a ``HeadersDict`` one ``MutableMapping.update`` step at a time, which cost a fifth of a mocked
# call. ``_direct_response`` sets what ``__init__`` sets, with the headers' keys made once. It is used
# only when ``_same_responses`` finds it makes what botocore's constructors make (botocore's layout
# since 1.11, checked at import, else the public way).
_HeaderKey: Any = getattr(botocore.awsrequest, "_HeaderKey", None)
_new = object.__new__
_KEYS: dict[str, Any] = {}


def _direct_response(url: str, status: int, headers: dict[str, str], content: _Body) -> AWSResponse:
    found = _new(HeadersDict)
    keys = _KEYS
    found._dict = {
        (keys.get(name) or keys.setdefault(name, _HeaderKey(name))): value
        for name, value in headers.items()
    }
    response: Any = _new(AWSResponse)
    response.url = url
    response.status_code = status
    response.headers = found
    response.raw = content
    response._content = content
    made: AWSResponse = response
    return made


def _same_responses() -> bool:
    """Whether ``_direct_response`` makes what ``_public_response`` makes, as botocore reads it."""
    headers = {"x-amzn-RequestId": "r", "Content-Type": CONTENT_TYPE, "Content-Length": "2"}
    try:
        direct = _direct_response("https://x", 200, headers, _Body(b"{}"))
        public = _public_response("https://x", 200, headers, _Body(b"{}"))
        return (
            vars(direct).keys() == vars(public).keys()
            and vars(direct.headers).keys() == vars(public.headers).keys()
            and list(direct.headers.items()) == list(public.headers.items())
            and direct.headers["content-type"] == public.headers["CONTENT-TYPE"] == CONTENT_TYPE
            and direct.headers.get("X-AMZN-REQUESTID") == "r"
            and public.headers._dict.get(_HeaderKey("content-type")) == CONTENT_TYPE  # _target's
            and repr(direct.headers) == repr(public.headers)
            and direct.content == public.content == b"{}"
        )
    except Exception:  # botocore laid out otherwise: its constructors, then
        return False


_response = _direct_response if _same_responses() else _public_response
_TARGET = _HeaderKey("X-Amz-Target") if _response is _direct_response else None


def _target(headers: _Headers) -> Any:
    """The ``X-Amz-Target`` header: from a botocore request's ``HeadersDict`` by one lookup of a key
    made once (its layout checked above), else by the headers' own ``get`` (the server's)."""
    if type(headers) is HeadersDict and _TARGET is not None:
        return headers._dict.get(_TARGET)  # type: ignore[attr-defined]
    return headers.get("X-Amz-Target")
