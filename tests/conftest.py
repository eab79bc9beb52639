"""Shared fixtures: a mocked boto3 client, and the check that every successful response matches the
model's output shape (botocore's own validator on the parsed response, plus every constraint of the
shape on the wire JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import botocore.handlers
import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from tests.helpers import SERVICE, make_client, output_problems

SHAPE_FAILURES: list[str] = []


def check_output_shape(http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
    """Fail loudly when a 200 response does not fit the operation's output shape."""
    if http_response.status_code != 200 or model.output_shape is None:
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
