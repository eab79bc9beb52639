"""The hook and the wire: what reaches botocore, what is left alone, and what never touches the network."""

from __future__ import annotations

import inspect
import socket
from datetime import datetime, timezone
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from smsvoice_mock import errors, mock_smsvoice
from smsvoice_mock._dispatch import NOT_IMPLEMENTED, OPERATIONS, load_handlers, operation
from smsvoice_mock._model import operation_names, service_model
from smsvoice_mock.handlers import MODULE_OF
from tests.helpers import REGION, SERVICE, error_of, make_client, request_number


def test_registry_and_gaps_cover_the_model() -> None:
    """Every operation of the installed model is either emulated or named as not implemented, never both."""
    handlers = set(load_handlers())
    assert handlers | NOT_IMPLEMENTED == set(operation_names())
    assert handlers & NOT_IMPLEMENTED == set()


def test_module_table_names_the_module_of_every_handler() -> None:
    """The table a first call imports by names the module that registers each operation, and no other."""
    handlers = load_handlers()
    assert set(MODULE_OF) == set(handlers)
    for name, handler in handlers.items():
        assert handler.__module__ == f"smsvoice_mock.handlers.{MODULE_OF[name]}", name


def test_first_call_loads_only_its_handler_module() -> None:
    """A fresh process's first call imports the handler family of its operation, not all of them."""
    import subprocess
    import sys

    code = (
        "import sys, boto3\n"
        "from smsvoice_mock import mock_smsvoice\n"
        "with mock_smsvoice():\n"
        f"    boto3.client({SERVICE!r}, region_name={REGION!r}).describe_phone_numbers()\n"
        "print(sorted(m for m in sys.modules if m.startswith('smsvoice_mock.handlers.')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "'smsvoice_mock.handlers.phone_numbers'" in loaded, loaded
    assert "'smsvoice_mock.handlers.registrations'" not in loaded, loaded


def test_registering_an_unknown_operation_fails() -> None:
    """A typo in an operation name fails when the handler is registered."""
    with pytest.raises(LookupError, match="SendTextMesage"):
        operation("SendTextMesage")


def test_not_implemented_operation_names_itself(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operation without a handler answers an error naming it (HTTP 501, not retried), never a
    silent pass or a trip to AWS."""
    name = sorted(NOT_IMPLEMENTED)[0] if NOT_IMPLEMENTED else "DescribeAccountLimits"
    monkeypatch.delitem(OPERATIONS, name, raising=False)
    op = service_model().operation_model(name)
    params = {m: _sample(op.input_shape.members[m]) for m in op.input_shape.required_members}
    method = getattr(client, botocore.xform_name(name))
    with pytest.raises(client.exceptions.ClientError) as exc:
        method(**params)
    assert exc.value.response["Error"]["Code"] == "NotImplemented"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert exc.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert name in str(exc.value)


def _sample(shape: Any) -> Any:
    if shape.type_name == "string":
        return shape.enum[0] if shape.enum else "x" * max(1, shape.metadata.get("min", 1))
    if shape.type_name in ("integer", "long"):
        return shape.metadata.get("min", 1)
    if shape.type_name == "boolean":
        return True
    if shape.type_name == "list":
        return [_sample(shape.member)]
    if shape.type_name == "map":
        return {}
    if shape.type_name == "structure":
        return {m: _sample(shape.members[m]) for m in shape.required_members}
    return 1


def test_error_classes_mirror_the_model() -> None:
    """Exception classes carry the model's error shape names and their modeled members as keyword-only args."""
    for name in (
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "ValidationException",
    ):
        cls = getattr(errors, name)
        members = set(service_model().shape_for(name).members) - {"Message"}
        params = inspect.signature(cls).parameters
        keyword_only = {p for p, v in params.items() if v.kind is inspect.Parameter.KEYWORD_ONLY}
        as_members = {"".join(part.title() for part in p.split("_")) for p in keyword_only}
        assert as_members == members, name


def test_error_wire_format(client: Any) -> None:
    """Errors are ``{"__type", "Message", ...modeled members}`` as JSON 1.0 with a request id header."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.release_phone_number(PhoneNumberId="phone-0123456789abcdef0123456789abcdef")
    response = exc.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    assert headers["content-type"] == "application/x-amz-json-1.0"
    assert headers["x-amzn-requestid"] == response["ResponseMetadata"]["RequestId"]
    assert response["Message"] == response["Error"]["Message"]
    assert (response["ResourceType"], response["ResourceId"]) == (
        "phone-number",
        "phone-0123456789abcdef0123456789abcdef",
    )


@pytest.mark.parametrize(
    ("call", "field", "reason"),
    [
        (
            lambda c: c.describe_phone_numbers(MaxResults=101),
            "MaxResults",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.describe_phone_numbers(PhoneNumberIds=["phone-a"] * 6),
            "PhoneNumberIds",
            "FIELD_VALIDATION_FAILED",
        ),
        (lambda c: c.describe_phone_numbers(Owner="EVERYONE"), "Owner", "FIELD_VALIDATION_FAILED"),
        (
            lambda c: c.create_opt_out_list(OptOutListName="has space"),
            "OptOutListName",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.create_opt_out_list(OptOutListName="x" * 65),
            "OptOutListName",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.request_phone_number(
                IsoCountryCode="U1",
                MessageType="TRANSACTIONAL",
                NumberCapabilities=["SMS"],
                NumberType="LONG_CODE",
            ),
            "IsoCountryCode",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.request_phone_number(
                IsoCountryCode="US",
                MessageType="TRANSACTIONAL",
                NumberCapabilities=["SMS"],
                NumberType="SHORT_CODE",
            ),
            "NumberType",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.send_text_message(DestinationPhoneNumber="+14254147755", TimeToLive=259201),
            "TimeToLive",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.send_text_message(
                DestinationPhoneNumber="+14254147755", Context={f"k{i}": "v" for i in range(6)}
            ),
            "Context",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.send_text_message(DestinationPhoneNumber="+14254147755", MaxPrice="100"),
            "MaxPrice",
            "FIELD_VALIDATION_FAILED",
        ),
        (
            lambda c: c.send_text_message(DestinationPhoneNumber="555-0100"),
            "DestinationPhoneNumber",
            "FIELD_VALIDATION_FAILED",
        ),
    ],
    ids=[
        "max-results",
        "id-list-length",
        "owner-enum",
        "name-pattern",
        "name-length",
        "iso-pattern",
        "short-code-not-requestable",
        "ttl-max",
        "context-size",
        "max-price-pattern",
        "e164-pattern",
    ],
)
def test_server_side_validation(client: Any, call: Any, field: str, reason: str) -> None:
    """The service checks max lengths, patterns, enums and sizes that botocore leaves unchecked."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        call(client)
    error = error_of(exc)
    assert error["Reason"] == reason
    assert error["Fields"][0]["Name"] == field
    assert "failed to satisfy constraint" in error["Fields"][0]["Message"]


def test_required_members_checked_without_client_validation(sms: Any) -> None:
    """With ``parameter_validation=False`` the service still answers a missing member with MISSING_PARAMETER."""
    raw = boto3.client(
        SERVICE,
        region_name=REGION,
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )
    with pytest.raises(raw.exceptions.ValidationException) as exc:
        raw.put_keyword(OriginationIdentity="phone-x", Keyword="HI")
    assert error_of(exc)["Reason"] == "MISSING_PARAMETER"
    assert error_of(exc)["Fields"][0]["Name"] == "KeywordMessage"
    with pytest.raises(raw.exceptions.ValidationException) as exc:
        raw.describe_phone_numbers(MaxResults=0)
    assert error_of(exc)["Fields"][0]["Name"] == "MaxResults"


def test_wrong_types_without_client_validation(sms: Any) -> None:
    """A member of the wrong JSON type is ValidationException CANNOT_PARSE, not a traceback in the mock."""
    raw = boto3.client(
        SERVICE,
        region_name=REGION,
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )
    with pytest.raises(raw.exceptions.ValidationException) as exc:
        raw.describe_phone_numbers(MaxResults="ten")
    assert error_of(exc)["Reason"] == "CANNOT_PARSE"


def test_client_created_before_start_is_intercepted() -> None:
    """A client made before the mock started (after import) is answered by the mock once it starts."""
    early = make_client()
    with mock_smsvoice():
        assert early.describe_phone_numbers()["PhoneNumbers"] == []


def test_custom_endpoint_url_is_intercepted(sms: Any) -> None:
    """A client with a custom endpoint_url is answered by the mock too."""
    local = make_client(endpoint_url="http://localhost:4566")
    assert request_number(local)["Status"] == "PENDING"


def test_other_services_are_left_alone(sms: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only this service's requests are answered; an STS call goes down botocore's normal path."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    sts = boto3.client("sts", region_name=REGION)
    seen: list[str] = []

    def canned(request: Any, **_: Any) -> AWSResponse:
        seen.append(
            request.headers.get("Authorization", b"").decode()
            if isinstance(request.headers.get("Authorization"), bytes)
            else str(request.headers.get("Authorization"))
        )
        body = (
            b"<GetCallerIdentityResponse><GetCallerIdentityResult><Account>999999999999</Account>"
            b"<Arn>arn:aws:iam::999999999999:user/x</Arn><UserId>X</UserId></GetCallerIdentityResult>"
            b"</GetCallerIdentityResponse>"
        )
        return AWSResponse(request.url, 200, {}, _Raw(body))

    sts.meta.events.register("before-send.sts", canned)
    assert sts.get_caller_identity()["Account"] == "999999999999"
    assert seen
    assert seen[0].startswith("AWS4-HMAC-SHA256")


def test_wrapped_methods_keep_their_shape() -> None:
    """The wrapped client factory and endpoint keep their names and documentation, and a wrapped
    coroutine method (aiobotocore's ``AioSession._create_client``) stays a coroutine function."""
    import asyncio

    from botocore.endpoint import Endpoint

    from smsvoice_mock import _hook

    with mock_smsvoice():
        assert botocore.session.Session.create_client.__name__ == "create_client"
        assert botocore.session.Session.create_client.__doc__
        assert Endpoint._send.__name__ == "_send"

    class Maker:
        async def make(self, service_name: str, config: Any = None) -> Any:
            return service_name, config

    seen: list[Any] = []

    def wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
        seen.append(instance)
        return wrapped(*args, **kwargs)

    _hook._wrap_method(Maker, "make", wrapper)
    maker = Maker()
    assert inspect.iscoroutinefunction(Maker.make)
    assert asyncio.run(maker.make("x", config=1)) == ("x", 1)
    assert seen == [maker]


def test_after_import_hook_runs_once_the_module_is_imported(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What aiobotocore's session gets: a hook run when its module is imported (at once when it is
    already), the module otherwise as its own loader makes it."""
    import importlib
    import sys

    from smsvoice_mock import _hook

    name = "smsvoice_mock_test_after_import"
    (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    seen: list[Any] = []
    _hook._after_import(name, seen.append)
    try:
        module = importlib.import_module(name)
        assert seen == [module]
        assert module.VALUE == 1
        assert module.__loader__.get_source(name) == "VALUE = 1\n"
        assert not [f for f in sys.meta_path if getattr(f, "name", None) == name]
        _hook._after_import(name, seen.append)  # imported already: at once
        assert seen == [module, module]
    finally:
        sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, "name", None) != name]
        sys.modules.pop(name, None)


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


def test_no_credentials_and_no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """While mocked, requests are unsigned and no credential provider runs: a machine without AWS
    credentials never reaches for the network (instance metadata included)."""
    for var in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"the mock opened a network connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with mock_smsvoice():
        session = boto3.session.Session(botocore_session=botocore.session.Session())
        client = session.client(SERVICE, region_name=REGION)
        assert request_number(client)["Status"] == "PENDING"
        assert session._session._credentials is None  # no provider chain ran


def test_client_token_replays_the_first_answer(client: Any) -> None:
    """A repeated ClientToken with the same parameters returns the first answer and creates nothing new."""
    first = request_number(client, ClientToken="token-1")
    again = request_number(client, ClientToken="token-1")
    assert again["PhoneNumberId"] == first["PhoneNumberId"]
    assert len(client.describe_phone_numbers()["PhoneNumbers"]) == 1


def test_client_token_with_other_parameters_is_refused(client: Any) -> None:
    """The same ClientToken with other parameters is ValidationException INVALID_REQUEST."""
    request_number(client, ClientToken="token-2")
    with pytest.raises(client.exceptions.ValidationException) as exc:
        request_number(
            client, ClientToken="token-2", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"]
        )
    assert error_of(exc)["Reason"] == "INVALID_REQUEST"


def test_regions_are_separate(sms: Any) -> None:
    """Each (account, region) has its own resources, and ARNs name the client's region."""
    east, west = make_client("us-east-1"), make_client("us-west-2")
    number = request_number(west)
    assert ":us-west-2:123456789012:" in number["PhoneNumberArn"]
    assert east.describe_phone_numbers()["PhoneNumbers"] == []
    assert len(sms.backend(region="us-west-2").phone_numbers) == 1
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberArn"]])


def test_default_session_answers_once(sms: Any) -> None:
    """Starting the mock again never registers the hook twice on boto3's default session (one call, one message)."""
    with mock_smsvoice():
        pass
    client = boto3.client(SERVICE, region_name=REGION)
    number = request_number(client)
    client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="once",
    )
    assert len(sms.sent_messages.find(message_body="once")) == 1


# -- the answer's JSON text -------------------------------------------------------------------


def _projection(shape: Any) -> Any:
    """What the service model makes of a handler's value, written plainly (the specification
    ``_protocol.text_encoder_for`` is checked against): a structure keeps its modeled members that
    are not ``None``, in the shape's order; a timestamp is seconds since the epoch."""
    if shape.type_name == "structure":
        members = {name: _projection(member) for name, member in shape.members.items()}
        return lambda value: {
            name: members[name](value[name])
            for name in shape.members
            if value.get(name) is not None
        }
    if shape.type_name == "timestamp":
        return lambda value: value.timestamp() if isinstance(value, datetime) else value
    if shape.type_name == "list":
        item = _projection(shape.member)
        return lambda value: [item(v) for v in value]
    if shape.type_name == "map":
        val = _projection(shape.value)
        return lambda value: {k: val(v) for k, v in value.items()}
    return lambda value: value


_STRINGS = [
    "",
    "ACTIVE",
    'quote " and \\ back',
    "caf\u00e9 \u2603 \U0001f600",
    "tab\tnew\nline\x7f",
]
_NUMBERS = [0, -7, 2**70, 1.5, 1e300, float("nan"), float("inf")]


def _sample(shape: Any, rng: Any, depth: int = 0) -> Any:
    """A value of ``shape`` as a handler might return it, now and then of another JSON type, with
    ``None`` and unmodeled members in structures."""
    kind = shape.type_name
    if kind not in ("structure", "list", "map") and rng.random() < 0.1:
        # another type than the model's (a handler's slip): written as json writes it
        return rng.choice([*_STRINGS, *_NUMBERS, True, False, None, [1, "x"], {"k": "v"}])
    if kind == "structure":
        value: dict[str, Any] = {"Unmodeled": "dropped"}
        for name, member in shape.members.items():
            roll = rng.random()
            if roll < 0.2 or depth > 4:
                continue
            value[name] = None if roll < 0.3 else _sample(member, rng, depth + 1)
        return value
    if kind == "list":
        return [_sample(shape.member, rng, depth + 1) for _ in range(rng.randint(0, 2))]
    if kind == "map":
        return {rng.choice(_STRINGS): _sample(shape.value, rng, depth + 1) for _ in range(2)}
    if kind == "timestamp":
        moment = datetime(2026, 12, 7, 10, 33, 52, rng.randint(0, 999999), tzinfo=timezone.utc)
        return moment if rng.random() < 0.8 else rng.choice(_NUMBERS)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind in ("integer", "long", "double", "float"):
        return rng.choice(_NUMBERS)
    return rng.choice(_STRINGS)


@pytest.mark.parametrize("name", sorted(operation_names()))
def test_the_answer_text_is_the_projection_written_as_json(name: str) -> None:
    """The JSON text of every operation's answer is exactly what ``json`` writes of the value projected
    onto the output shape (modeled members only, no ``None``, timestamps as epoch seconds), for
    values of the model's types and of any other JSON type, escapes and non-finite numbers included."""
    import json
    import random

    from smsvoice_mock._model import operation_model
    from smsvoice_mock._protocol import output_text

    shape = operation_model(name).output_shape
    if shape is None:
        assert output_text(name)({}) == "{}"
        return
    rng = random.Random(name)
    project = _projection(shape)
    for _ in range(40):
        value = _sample(shape, rng)
        if not isinstance(value, dict):
            continue
        expected = json.dumps(project(value), separators=(",", ":"))
        assert output_text(name)(value) == expected


def test_the_response_is_what_botocores_constructors_make(sms: Any) -> None:
    """The in-process door builds its AWSResponse without botocore's constructors only where that
    makes the same object (checked at import); a client reads the same headers and body from it."""
    from smsvoice_mock import _protocol

    assert _protocol._same_responses()  # on every botocore the package supports (CI's matrix)
    assert _protocol._response is _protocol._direct_response
    client = make_client()
    seen: list[Any] = []
    client.meta.events.register(
        f"after-call.{SERVICE}", lambda http_response, **_: seen.append(http_response)
    )
    reply = client.describe_account_attributes()
    headers = reply["ResponseMetadata"]["HTTPHeaders"]
    assert set(headers) == {"x-amzn-requestid", "content-type", "content-length"}
    assert headers["x-amzn-requestid"] == reply["ResponseMetadata"]["RequestId"]
    assert int(headers["content-length"]) == len(seen[0].content)
    public = _protocol._public_response(
        seen[0].url, 200, dict(seen[0].headers.items()), _protocol._Body(seen[0].content)
    )
    assert list(public.headers.items()) == list(seen[0].headers.items())
    assert b"".join(seen[0].raw.stream()) == seen[0].content == public.content
