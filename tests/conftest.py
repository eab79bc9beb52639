"""Shared fixtures: a mocked boto3 client, and the check that every successful response matches the
model's output shape (botocore's own validator on the parsed response, plus every constraint of the
shape on the wire JSON)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Any

import botocore
import botocore.handlers
import botocore.loaders
import pytest
from botocore import xform_name
from botocore.exceptions import ParamValidationError

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock._model import enum_values, service_model
from tests.helpers import SERVICE, make_client, output_problems

SHAPE_FAILURES: list[str] = []


def check_error_reason(http_response: Any) -> None:
    """Fail loudly when an error's ``Reason`` is not in the model's enum for that exception."""
    try:
        body = json.loads(http_response.content)
    except ValueError:
        return
    if not isinstance(body, dict) or "Reason" not in body:
        return
    code = str(body.get("__type", "")).rpartition("#")[2]
    allowed = enum_values(f"{code}Reason")
    if body["Reason"] not in allowed:
        failure = f"{code} Reason {body['Reason']!r} is not in the model's {code}Reason enum"
        SHAPE_FAILURES.append(failure)
        raise AssertionError(failure)


def check_output_shape(http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
    """Fail loudly when a 200 response does not fit the operation's output shape, or an error
    response carries a Reason outside its exception's enum."""
    if http_response.status_code != 200:
        check_error_reason(http_response)
        return
    if model.output_shape is None:
        return
    body = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
    problems = output_problems(model, body, json.loads(http_response.content))
    if problems:
        failure = f"{model.name} response does not fit its output shape: {problems}"
        SHAPE_FAILURES.append(failure)
        raise AssertionError(failure)


_HOOK = (f"after-call.{SERVICE}", check_output_shape)
if _HOOK not in botocore.handlers.BUILTIN_HANDLERS:
    botocore.handlers.BUILTIN_HANDLERS.append(_HOOK)


@pytest.fixture(autouse=True)
def _responses_fit_output_shapes() -> Iterator[None]:
    """Every successful response in every test is validated against its output shape."""
    SHAPE_FAILURES.clear()
    yield
    assert not SHAPE_FAILURES, SHAPE_FAILURES


@pytest.fixture
def sms() -> Iterator[SmsVoiceMock]:
    with mock_smsvoice() as handle:
        yield handle


@pytest.fixture
def client(sms: SmsVoiceMock) -> Any:
    return make_client()


# -- older botocore clients ------------------------------------------------------------------------
# CI runs the suite on the oldest supported botocore too. A test that calls an operation, passes a
# parameter or catches an exception class that the installed client's model does not have yet is
# skipped with the reason; every other failure stays a failure.


@functools.cache
def _client_model() -> dict[str, Any]:
    document: dict[str, Any] = botocore.loaders.Loader().load_service_model(SERVICE, "service-2")
    return document


def _newer_client_needed(error: BaseException) -> str | None:
    client = _client_model()
    shipped = service_model()
    lacks = f"botocore {botocore.__version__}'s client lacks"
    if isinstance(error, AttributeError):
        name = getattr(error, "name", None)
        methods = {xform_name(op): op for op in shipped.operation_names}
        if name in methods and methods[name] not in client["operations"]:
            return f"{lacks} {methods[name]}"
        if name in {s.name for s in shipped.error_shapes} and name not in client["shapes"]:
            return f"{lacks} the exception {name}"
    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        key = error.args[0]
        methods = {xform_name(op): op for op in shipped.operation_names}
        if key in methods and methods[key] not in client["operations"]:  # get_paginator
            return f"{lacks} {methods[key]}"
        if _member_is_newer(key, client):  # an output member the client does not parse
            return f"{lacks} the member {key}"
    if isinstance(error, ParamValidationError):
        report = str(error)
        unknown = re.findall(r'Unknown parameter in [^:]+: "(\w+)"', report)
        if unknown and all(_member_is_newer(name, client) for name in unknown):
            return f"{lacks} the parameter(s) {', '.join(unknown)}"
        missing = re.findall(r'Missing required parameter in [^:]+: "(\w+)"', report)
        if missing and all(_was_required(name, client) for name in missing):
            return f"botocore {botocore.__version__}'s client requires {', '.join(missing)}"
    return None


def _was_required(name: str, client: dict[str, Any]) -> bool:
    """``name`` is required by a shape of the client's model but no longer by the service's."""
    shipped = service_model()
    for shape_name, shape in client["shapes"].items():
        if name in shape.get("required", ()) and shape_name in shipped.shape_names:
            return name not in shipped.shape_for(shape_name).required_members
    return False


def _member_is_newer(name: str, client: dict[str, Any]) -> bool:
    """Some structure of the service's model has ``name`` where the client's same shape has not."""
    shipped = service_model()
    for shape_name in shipped.shape_names:
        shape = shipped.shape_for(shape_name)
        client_members = client["shapes"].get(shape_name, {}).get("members", {})
        if shape.type_name == "structure" and name in shape.members and name not in client_members:
            return True
    return False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    return (yield from _skip_what_the_client_lacks())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    return (yield from _skip_what_the_client_lacks())


def _skip_what_the_client_lacks() -> Iterator[None]:
    try:
        return (yield)
    except (AttributeError, KeyError, ParamValidationError) as error:
        reason = _newer_client_needed(error)
        if reason is None:
            raise
        pytest.skip(reason)
