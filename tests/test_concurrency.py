"""Eight threads of mixed calls on one shared client, and on a client each, lose and duplicate nothing:
``MockState.lock`` lets one request change the state at a time (issue 10)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import make_client, request_number

THREADS = 8
# A few seconds by default; SMSVOICE_FUZZ_PROFILE=long makes it 8 threads x 2,000 calls.
ROUNDS = 400 if os.environ.get("SMSVOICE_FUZZ_PROFILE") == "long" else 25
CALLS_PER_ROUND = 5


def _without_quotas(sms: SmsVoiceMock, region: str = "us-east-1") -> None:
    """Lift the resource quotas this test would otherwise reach (it counts calls, not quotas)."""
    limits = sms.backend(region=region).settings.limits
    for name in limits:
        limits[name] = 10**9


def _run(workers: list[Callable[[], None]]) -> None:
    """Start every worker at once; re-raise the first failure of any of them."""
    failures: list[BaseException] = []
    barrier = threading.Barrier(len(workers))

    def run(worker: Callable[[], None]) -> None:
        try:
            barrier.wait()
            worker()
        except BaseException as exc:  # reported in the main thread
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def _mixed_calls(client: Any, thread: int, origination: str) -> Callable[[], None]:
    """A worker: per round, a send, an opt-out, a configuration set, a keyword-free describe and a
    failing call, all named after the thread and the round."""

    def work() -> None:
        for i in range(ROUNDS):
            tag = f"t{thread}-{i}"
            client.send_text_message(
                DestinationPhoneNumber="+14254147755",
                OriginationIdentity=origination,
                MessageBody=tag,
            )
            client.put_opted_out_number(
                OptOutListName="shared", OptedOutNumber=f"+1425{thread:03}{i:04}"
            )
            client.create_configuration_set(ConfigurationSetName=tag)
            client.describe_configuration_sets(MaxResults=5)
            with pytest.raises(client.exceptions.ResourceNotFoundException):
                client.delete_pool(PoolId=f"pool-{tag}")

    return work


@pytest.mark.parametrize("shared", [True, False], ids=["shared-client", "client-per-thread"])
def test_mixed_calls_from_eight_threads(sms: SmsVoiceMock, shared: bool) -> None:
    """Every call of every thread is applied exactly once: each message is recorded once with its own
    id, every opted-out number and configuration set exists, and nothing else does."""
    _without_quotas(sms)
    setup = make_client()
    origination = request_number(setup)["PhoneNumberId"]
    setup.create_opt_out_list(OptOutListName="shared")
    clients = [setup if shared else make_client() for _ in range(THREADS)]
    _run([_mixed_calls(clients[t], t, origination) for t in range(THREADS)])

    expected = {f"t{t}-{i}" for t in range(THREADS) for i in range(ROUNDS)}
    bodies = [m.message_body for m in sms.sent_messages]
    assert len(bodies) == len(expected)
    assert set(bodies) == expected
    assert len({m.message_id for m in sms.sent_messages}) == len(expected)
    backend = sms.backend()
    assert set(backend.configuration_sets) == expected
    assert len(backend.opt_out_lists["shared"].numbers) == len(expected)
    assert len(sms.events) == len({(e.message_id, e.event_type) for e in sms.events})


def test_threads_in_other_regions_keep_to_their_backends(sms: SmsVoiceMock) -> None:
    """Threads calling different regions at once each fill their own region's backend."""
    regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
    clients = [make_client(region) for region in regions for _ in range(2)]
    for region in regions:
        _without_quotas(sms, region)

    def worker(client: Any, thread: int) -> Callable[[], None]:
        def work() -> None:
            for i in range(ROUNDS * 2):
                client.create_opt_out_list(OptOutListName=f"t{thread}-{i}")

        return work

    _run([worker(c, t) for t, c in enumerate(clients)])
    for index, region in enumerate(regions):
        names = set(sms.backend(region=region).opt_out_lists) - {"Default"}
        wanted = {f"t{t}-{i}" for t in (2 * index, 2 * index + 1) for i in range(ROUNDS * 2)}
        assert names == wanted
