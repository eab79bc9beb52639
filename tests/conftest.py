"""Shared fixtures: a mocked boto3 client, and the check that every successful response matches the
model's output shape (botocore's own validator on the parsed response, plus every constraint of the
shape on the wire JSON)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import botocore.handlers
import pytest
from botocore.validate import ParamValidator

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock._model import enum_values
from smsvoice_mock._validate import problems_for
from tests.helpers import SERVICE, make_client

SHAPE_FAILURES: list[str] = []


def _documented_optional(document: dict[str, Any]) -> None:
    """Where the documentation overrides the model's ``required``, fill the gap before validating.

    OriginationIdentityMetadata.IsoCountryCode is required in the model, but "may not be present for
    origination identity types that are not country-specific, such as RCS agents".
    """
    for row in document.get("OriginationIdentities", ()):
        if "IsoCountryCode" not in row and row.get("NumberCapabilities") == ["RCS"]:
            row["IsoCountryCode"] = "US"


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
    body = copy.deepcopy({k: v for k, v in parsed.items() if k != "ResponseMetadata"})
    wire = json.loads(http_response.content)
    for document in (body, wire):
        _documented_optional(document)
    report = ParamValidator().validate(body, model.output_shape)
    problems = [text for _, _, text in problems_for(model.output_shape, wire)]
    if report.has_errors() or problems:
        failure = f"{model.name} response does not fit its output shape: {report.generate_report()} {problems}"
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
