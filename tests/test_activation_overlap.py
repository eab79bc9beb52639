"""Activations that overlap (nested, threads, asyncio tasks), generators, start/stop races, clients
made from sessions that predate the import, and misuse of the handle."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from smsvoice_mock import _state, current_mock, mock_smsvoice
from smsvoice_mock.errors import ThrottlingException
from tests.helpers import make_client, request_number


def _arn_account(arn: str) -> str:
    return arn.split(":")[4]


def test_generator_is_mocked_while_it_runs() -> None:
    """``@mock_smsvoice`` on a generator function mocks its whole iteration, not just its creation."""

    @mock_smsvoice
    def numbers() -> Iterator[str]:
        client = make_client()
        for _ in range(2):
            yield request_number(client)["PhoneNumberId"]

    made = numbers()
    assert _state.active is None  # nothing runs before the first next()
    ids = list(made)
    assert len(ids) == 2
    assert _state.active is None


def test_async_generator_is_mocked_while_it_runs() -> None:
    """``@mock_smsvoice`` on an async generator function mocks its whole iteration."""

    @mock_smsvoice
    async def numbers() -> AsyncIterator[str]:
        client = make_client()
        for _ in range(2):
            yield request_number(client)["PhoneNumberId"]

    async def collect() -> list[str]:
        return [n async for n in numbers()]

    assert len(asyncio.run(collect())) == 2
    assert _state.active is None


def test_nested_activation_with_other_options_is_honoured() -> None:
    """A nested ``mock_smsvoice(account_id=..., sandbox=True)`` sends as its own account and tier;
    the outer one's options apply again after it ends."""
    with mock_smsvoice() as outer:
        client = make_client()
        with mock_smsvoice(account_id="222222222222", sandbox=True) as inner:
            arn = request_number(client)["PhoneNumberArn"]
            assert _arn_account(arn) == "222222222222"
            assert current_mock().backend().account_id == "222222222222"
            assert inner.backend().account_tier != outer.backend().account_tier
        arn = request_number(client)["PhoneNumberArn"]
        assert _arn_account(arn) == "123456789012"
        assert len(outer.backend().phone_numbers) == 1
        assert len(outer.backend("222222222222").phone_numbers) == 1


def test_overlapping_tiers_for_one_account_are_refused() -> None:
    """Putting an account that an active mock runs in production into the sandbox is refused with a
    sentence, never silently dropped."""
    with mock_smsvoice(), pytest.raises(RuntimeError, match="another account_id"):
        mock_smsvoice(sandbox=True).start()


def test_threads_keep_their_own_activation_options() -> None:
    """Activations in two threads at once each send as their own account."""
    seen: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def work(account: str) -> None:
        with mock_smsvoice(account_id=account):
            barrier.wait()
            seen[account] = _arn_account(request_number(make_client())["PhoneNumberArn"])
            barrier.wait()

    threads = [threading.Thread(target=work, args=(a,)) for a in ("111111111111", "222222222222")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"111111111111": "111111111111", "222222222222": "222222222222"}
    assert _state.active is None


def test_asyncio_tasks_keep_their_own_activation_options() -> None:
    """Activations in two asyncio tasks at once each send as their own account."""

    async def work(account: str, gate: asyncio.Event) -> str:
        async with mock_smsvoice(account_id=account):
            await gate.wait()
            return _arn_account(request_number(make_client())["PhoneNumberArn"])

    async def both() -> list[str]:
        gate = asyncio.Event()
        tasks = [asyncio.create_task(work(a, gate)) for a in ("111111111111", "222222222222")]
        await asyncio.sleep(0)
        gate.set()
        return await asyncio.gather(*tasks)

    assert asyncio.run(both()) == ["111111111111", "222222222222"]


def test_start_and_stop_from_many_threads() -> None:
    """Start and stop race on nothing: every block's handle points at the active state, and the mock
    ends inactive."""
    wrong: list[int] = []

    def work() -> None:
        for _ in range(300):
            with mock_smsvoice() as sms:
                if sms.state is not _state.active:
                    wrong.append(1)

    threads = [threading.Thread(target=work) for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
    assert _state.active is None


def test_session_created_before_import_is_mocked() -> None:
    """A boto3 Session made before ``import smsvoice_mock`` gives clients that the mock answers;
    nothing connects, with or without credentials."""
    script = textwrap.dedent(
        """
        import os, socket
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
            os.environ.pop(k, None)
        os.environ["AWS_CONFIG_FILE"] = os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
        import boto3
        plain = boto3.session.Session(region_name="us-east-1")
        keyed = boto3.session.Session(
            aws_access_key_id="AKIAEXAMPLE", aws_secret_access_key="x", region_name="us-east-1"
        )
        early_client = keyed.client("pinpoint-sms-voice-v2")
        def refuse(self, address):
            raise SystemExit(f"connected to {address}")
        socket.socket.connect = refuse
        socket.getaddrinfo = lambda *a, **k: refuse(None, a)
        import smsvoice_mock
        with smsvoice_mock.mock_smsvoice() as sms:
            client = plain.client("pinpoint-sms-voice-v2")
            client.request_phone_number(
                IsoCountryCode="US", MessageType="TRANSACTIONAL",
                NumberCapabilities=["SMS"], NumberType="SIMULATOR",
            )
            print(len(early_client.describe_phone_numbers()["PhoneNumbers"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda sms: sms.simulate_inbound(
                destination_number="+12065550100",
                origination_number="+14254147755",
                message_body=None,
            ),
            "message_body must be",
        ),
        (
            lambda sms: sms.simulate_inbound(
                destination_number="+12065550100", origination_number="hello", message_body="STOP"
            ),
            "origination_number must be",
        ),
        (
            lambda sms: sms.simulate_inbound(
                destination_number=12065550100,
                origination_number="+14254147755",
                message_body="STOP",
            ),
            "destination_number must be",
        ),
        (lambda sms: sms.add_fault(None, ThrottlingException(), every=0), "every must be"),
        (lambda sms: sms.add_fault(None, ThrottlingException(), when="yes"), "when must be"),
        (lambda sms: sms.add_fault(None, ThrottlingException(), times="2"), "times must be"),
        (lambda sms: sms.add_fault(None, ThrottlingException(), times=0), "times must be"),
        (lambda sms: sms.fail_next(None, ThrottlingException(), times=-1), "times must be"),
        (lambda sms: sms.add_fault(None, ThrottlingException(), times=True), "times must be"),
        (lambda sms: sms.backend(account_id="x"), "account_id must be"),
        (lambda sms: sms.backend(region=""), "region must be"),
    ],
    ids=[
        "body-none",
        "origination-not-e164",
        "destination-not-str",
        "every-zero",
        "when-not-callable",
        "times-str",
        "times-zero",
        "times-negative",
        "times-bool",
        "backend-bad-account",
        "backend-bad-region",
    ],
)
def test_handle_misuse_is_a_sentence_at_the_call(call: Any, message: str) -> None:
    """Misuse of the handle is refused at the call that is wrong, with a sentence, and changes
    nothing (no backend is created for a bad account)."""
    with mock_smsvoice() as sms:
        with pytest.raises(TypeError, match=message):
            call(sms)
        assert list(sms.state.backends) == []
        assert sms.state.faults == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sandbox": "no"}, "sandbox must be True or False"),
        ({"sandbx": True}, "it accepts account_id, region, sandbox"),
    ],
    ids=["sandbox-str", "misspelt-option"],
)
def test_bad_activation_options_name_the_valid_ones(options: dict[str, Any], message: str) -> None:
    """A wrong option type or an unknown option is refused with a sentence naming what is valid."""
    with pytest.raises(TypeError, match=message):
        mock_smsvoice(**options)
