"""Model-driven fuzzing of every emulated operation (issue 10): no input, however hostile, gets a
Python exception, an undeclared error, a Reason outside its enum or an answer off the output shape."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import missing_tool

if os.environ.get("CI") != "true":  # with CI=true a missing hypothesis fails instead
    pytest.importorskip("hypothesis", reason=missing_tool("hypothesis", "test"))

from hypothesis import given
from hypothesis import strategies as st

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock._dispatch import load_handlers
from smsvoice_mock._validate import validate_input
from tests.fuzzing import (
    broken_input,
    call_and_check,
    create_resources,
    hostile_body,
    valid_input,
)

OPERATIONS = sorted(load_handlers())
STRATEGIES: dict[str, Callable[[str], st.SearchStrategy[Any]]] = {
    "valid": valid_input,
    "broken": broken_input,
    "hostile": lambda operation: hostile_body(),
}


@pytest.mark.parametrize("operation", OPERATIONS)
@given(data=st.data())
def test_fresh_state(sms: SmsVoiceMock, operation: str, data: st.DataObject) -> None:
    """On an empty account, valid input, input with one thing wrong (a constraint broken, a wrong JSON
    type, a null, deep nesting) and bodies that are no JSON object get a declared answer. (The
    harness checks itself too: what it calls valid satisfies every constraint of the input shape.)"""
    sms.reset()
    kind = data.draw(st.sampled_from(["valid", "broken", "hostile"]), label="kind")
    body: Any = data.draw(STRATEGIES[kind](operation), label="body")
    if kind == "valid":
        validate_input(operation, copy.deepcopy(body))
    call_and_check(operation, body)


@pytest.mark.parametrize("operation", OPERATIONS)
@given(data=st.data())
def test_with_resources(sms: SmsVoiceMock, operation: str, data: st.DataObject) -> None:
    """With one resource of each main family created first, input naming them (valid, or with one
    thing wrong) gets past "not found" and still gets a declared answer that fits its shape."""
    sms.reset()
    known = create_resources()
    body = data.draw(
        st.one_of(valid_input(operation, known), broken_input(operation, known)), label="body"
    )
    call_and_check(operation, body)
