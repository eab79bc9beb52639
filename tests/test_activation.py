"""The activation forms of ``mock_smsvoice``: decorators, context managers, start/stop, nesting."""

from __future__ import annotations

import asyncio
import inspect
import unittest
from typing import Any

import pytest

import smsvoice_mock
from smsvoice_mock import _state, current_mock, mock_smsvoice
from tests.helpers import make_client, request_number


def _count_numbers() -> int:
    return len(make_client().describe_phone_numbers()["PhoneNumbers"])


def test_bare_decorator_mocks_the_call() -> None:
    """``@mock_smsvoice`` activates the mock for the duration of the decorated call only."""

    @mock_smsvoice
    def work() -> int:
        request_number(make_client())
        return _count_numbers()

    assert work() == 1
    assert _state.active is None
    assert work() == 1  # every call starts from a fresh state


def test_decorator_with_options() -> None:
    """``@mock_smsvoice(account_id=..., region=...)`` sets the default account and region."""

    @mock_smsvoice(account_id="111122223333", region="eu-west-1")
    def work() -> str:
        return request_number(make_client(region="eu-west-1"), IsoCountryCode="US")[
            "PhoneNumberArn"
        ]

    assert work().startswith("arn:aws:sms-voice:eu-west-1:111122223333:phone-number/phone-")


def test_decorator_preserves_signature() -> None:
    """A decorated function keeps its signature, so pytest fixtures still resolve on decorated tests."""

    @mock_smsvoice
    def work(a: int, b: str = "x") -> None: ...

    assert list(inspect.signature(work).parameters) == ["a", "b"]
    assert work.__name__ == "work"


@mock_smsvoice
def test_decorated_test_receives_fixtures(tmp_path: Any) -> None:
    """pytest fixtures are injected into a decorated test function."""
    assert tmp_path.exists()
    assert current_mock().sent_messages is not None


def test_async_function_is_awaited_inside_the_mock() -> None:
    """``@mock_smsvoice`` on an ``async def`` keeps the mock active until the coroutine finishes."""

    @mock_smsvoice
    async def work() -> bool:
        await asyncio.sleep(0)
        return _state.active is not None

    assert inspect.iscoroutinefunction(work)
    assert asyncio.run(work()) is True
    assert _state.active is None


def test_async_with() -> None:
    """``async with mock_smsvoice() as sms`` activates the mock for the block."""

    async def work() -> int:
        async with mock_smsvoice() as sms:
            request_number(make_client())
            return len(sms.backend().phone_numbers)

    assert asyncio.run(work()) == 1
    assert _state.active is None


def test_with_block_and_handle() -> None:
    """``with mock_smsvoice() as sms`` yields the handle; leaving the block drops all state."""
    with mock_smsvoice() as sms:
        request_number(make_client())
        assert len(sms.backend().phone_numbers) == 1
    assert _state.active is None
    with mock_smsvoice() as sms:
        assert sms.backend().phone_numbers == {}


def test_start_and_stop_like_a_notebook() -> None:
    """``sms = mock_smsvoice().start()`` in one cell and ``sms.stop()`` in another."""
    sms = mock_smsvoice().start()
    try:
        assert sms.active
        request_number(make_client())
    finally:
        sms.stop()
    assert not sms.active
    with pytest.raises(RuntimeError, match="not started"):
        sms.stop()


def test_start_twice_is_refused() -> None:
    """Starting an already started activation is a usage error that says what to do."""
    sms = mock_smsvoice().start()
    try:
        with pytest.raises(RuntimeError, match="already started"):
            sms.start()
    finally:
        sms.stop()


def test_nesting_shares_state_until_outermost_exits() -> None:
    """Nested activations share one state; it is dropped only when the outermost one exits."""
    with mock_smsvoice() as outer:
        request_number(make_client())
        with mock_smsvoice() as inner:
            assert inner.backend() is outer.backend()
            request_number(make_client())
        assert _state.active is not None
        assert len(outer.backend().phone_numbers) == 2
    assert _state.active is None


def test_exception_inside_never_leaves_the_hook_active() -> None:
    """An exception inside the block deactivates the mock on the way out."""
    with pytest.raises(ZeroDivisionError), mock_smsvoice():
        1 / 0  # noqa: B018
    assert _state.active is None


def test_decorated_class_mocks_each_test_method() -> None:
    """On a plain class, every ``test*`` method runs in its own activation; other methods don't."""

    @mock_smsvoice
    class Suite:
        def test_one(self) -> bool:
            return _state.active is not None

        def helper(self) -> bool:
            return _state.active is not None

    assert Suite().test_one() is True
    assert Suite().helper() is False


def test_decorated_testcase_is_mocked_from_setup_to_teardown() -> None:
    """A ``unittest.TestCase`` is mocked from ``setUp`` until after ``tearDown``."""
    seen: list[bool] = []

    @mock_smsvoice
    class Case(unittest.TestCase):
        def setUp(self) -> None:
            seen.append(_state.active is not None)

        def tearDown(self) -> None:
            seen.append(_state.active is not None)

        def test_it(self) -> None:
            seen.append(_state.active is not None)
            request_number(make_client())

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen == [True, True, True]
    assert _state.active is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"account_id": "42"}, "12-digit"),
        ({"region": ""}, "region"),
    ],
    ids=["short-account", "empty-region"],
)
def test_bad_options_are_usage_errors(options: dict[str, Any], message: str) -> None:
    """A bad option fails at once with a sentence saying what is expected."""
    with pytest.raises(TypeError, match=message):
        mock_smsvoice(**options)


def test_unknown_option_is_a_type_error() -> None:
    """Options are keyword-only and checked, so a typo fails loudly."""
    with pytest.raises(TypeError):
        mock_smsvoice(sandbx=True)  # type: ignore[call-overload]


def test_handle_outside_activation_explains() -> None:
    """Using the handle of an inactive mock raises a RuntimeError that says how to activate it."""
    with pytest.raises(RuntimeError, match="not active"):
        _ = mock_smsvoice().sent_messages


def test_sandbox_option_sets_account_tier() -> None:
    """``sandbox=True`` puts the account in the SANDBOX tier; the default is PRODUCTION."""
    with mock_smsvoice(sandbox=True):
        attrs = make_client().describe_account_attributes()["AccountAttributes"]
        assert {"Name": "ACCOUNT_TIER", "Value": "SANDBOX"} in attrs
    with mock_smsvoice():
        attrs = make_client().describe_account_attributes()["AccountAttributes"]
        assert {"Name": "ACCOUNT_TIER", "Value": "PRODUCTION"} in attrs


def test_reset_drops_resources_and_records(sms: Any) -> None:
    """``sms.reset()`` empties every backend and record."""
    request_number(make_client())
    sms.reset()
    assert make_client().describe_phone_numbers()["PhoneNumbers"] == []
    assert len(sms.sent_messages) == 0


def test_repr_of_handle() -> None:
    """The handle's repr says whether it is active and what it holds."""
    sms = mock_smsvoice()
    assert "inactive" in repr(sms)
    with sms:
        assert "active account=123456789012" in repr(sms)


def test_public_api_is_explicit() -> None:
    """The package re-exports only what ``__all__`` names."""
    assert set(smsvoice_mock.__all__) == {
        "ApiCall",
        "InboundMessage",
        "MessageEvent",
        "MessageLog",
        "SentMessage",
        "SmsVoiceMock",
        "current_mock",
        "mock_smsvoice",
    }


def test_import_is_light() -> None:
    """Importing the package loads neither the model, the engine nor wrapt: they load with the first mock."""
    import subprocess
    import sys

    code = (
        "import sys, boto3; before = set(sys.modules); import smsvoice_mock; "
        "print(sorted(set(sys.modules) - before))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    for heavy in (
        "wrapt",
        "smsvoice_mock.backend",
        "smsvoice_mock._validate",
        "smsvoice_mock.inbox",
        "botocore.model",
    ):
        assert f"'{heavy}'" not in loaded, loaded


def test_typed_usage_examples_run() -> None:
    """The typed usage examples (checked by mypy in CI) also run."""
    import asyncio

    from tests import typed_usage

    assert typed_usage.notebook() == 1
    assert asyncio.run(typed_usage.decorated_async()) == "123456789012"
    assert typed_usage.context_manager() is None
    assert _state.active is None


def test_record_types_import_from_the_package() -> None:
    """The record types docs/reference.md names import from ``smsvoice_mock`` itself."""
    from smsvoice_mock import InboundMessage, MessageEvent, MessageLog, SentMessage, inbox

    assert (InboundMessage, MessageEvent, MessageLog, SentMessage) == (
        inbox.InboundMessage,
        inbox.MessageEvent,
        inbox.MessageLog,
        inbox.SentMessage,
    )
