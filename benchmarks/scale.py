"""How the mock holds up at scale (issue 10), printed:

- 100,000 sends through one boto3 client: the per-call cost of the first and the last thousand (a
  cost that grows with the number of calls made shows up as a ratio above 1);
- the bytes each recorded message keeps alive (tracemalloc over a separate run of sends);
- ``repr()`` of the full log, and PutMessageFeedback (a lookup by message id) after every send;
- describing more resources than the default quota allows, in small pages: the cost of the first
  and the last page;
- the cost per call at size against the same call on a nearly empty account (ratio 1 is flat), the
  two measured side by side, call for call, in one run: a send from an E.164 number and a filtered
  DescribePhoneNumbers (MaxResults=10) with 10,000 numbers in the account, against 10 (one full
  page, so that both answer the same page size); a send through a pool of 1,000 members, against a
  pool of one (the pool quota is raised for this run only, and the output says so); ``find()`` and
  ``one()`` by message id in a log of 1,000,000 messages, against a log of one.

Only measured figures are printed; nothing here passes or fails.

    python benchmarks/scale.py             # 100,000 sends; 10,000 numbers, 1,000 members, 1,000,000 messages
    python benchmarks/scale.py --quick     # 10,000 sends; 1,000 numbers, 100 members, 10,000 messages
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3
from botocore.config import Config

import smsvoice_mock.models.pool as pool_model
from smsvoice_mock import MessageLog, SentMessage, SmsVoiceMock, mock_smsvoice

SERVICE = "pinpoint-sms-voice-v2"
CONFIG = Config(retries={"total_max_attempts": 1})
DESTINATION = "+14254147755"


# The empty account and the large one: two regions of one mock, so that both are measured in one run.
EMPTY, LARGE = "us-east-1", "us-west-2"


def _client(region: str = "us-east-1") -> Any:
    return boto3.client(SERVICE, region_name=region, config=CONFIG)


def _unlimited(sms: SmsVoiceMock, region: str | None = None) -> None:
    """Lift the spend limit and the resource quotas: this run counts calls, not dollars."""
    settings = sms.backend(region=region).settings
    settings.max_spend = 10**12
    for name in settings.limits:
        settings.limits[name] = 10**9


def _number(client: Any, **extra: Any) -> dict[str, Any]:
    return dict(
        client.request_phone_number(
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS", "VOICE"],
            NumberType="SIMULATOR",
            **extra,
        )
    )


def _origination(client: Any) -> str:
    return str(_number(client)["PhoneNumberId"])


def _send_batch(client: Any, origination: str, start: int, count: int) -> list[float]:
    samples = []
    for i in range(start, start + count):
        began = time.perf_counter()
        client.send_text_message(
            DestinationPhoneNumber=DESTINATION,
            OriginationIdentity=origination,
            MessageBody=f"message {i}",
        )
        samples.append(time.perf_counter() - began)
    return samples


def sends(total: int) -> None:
    with mock_smsvoice() as sms:
        _unlimited(sms)
        client = _client()
        origination = _origination(client)
        _send_batch(client, origination, 0, 200)  # warm up: imports, caches
        sms.reset()
        _unlimited(sms)
        origination = _origination(client)
        began = time.perf_counter()
        first = _send_batch(client, origination, 0, 1000)
        _send_batch(client, origination, 1000, total - 2000)
        last = _send_batch(client, origination, total - 1000, 1000)
        elapsed = time.perf_counter() - began
        assert len(sms.sent_messages) == total
        first_us = statistics.median(first) * 1e6
        last_us = statistics.median(last) * 1e6
        print(f"{total:,} sends in {elapsed:.1f} s ({elapsed / total * 1e6:.0f} us per call)")
        print(f"  median per call, first 1,000: {first_us:.0f} us")
        print(f"  median per call, last 1,000:  {last_us:.0f} us  (ratio {last_us / first_us:.2f})")
        began = time.perf_counter()
        text = repr(sms.sent_messages)
        print(f"  repr(sent_messages): {(time.perf_counter() - began) * 1e3:.1f} ms, "
              f"{len(text.splitlines())} lines")  # fmt: skip
        print(f"  message events recorded: {len(sms.events):,}")
        sent = client.send_text_message(
            DestinationPhoneNumber=DESTINATION,
            OriginationIdentity=origination,
            MessageBody="feedback",
            MessageFeedbackEnabled=True,
        )
        samples = []
        for _ in range(200):
            began = time.perf_counter()
            client.put_message_feedback(
                MessageId=sent["MessageId"], MessageFeedbackStatus="RECEIVED"
            )
            samples.append(time.perf_counter() - began)
        print(
            f"  PutMessageFeedback after them all: {statistics.median(samples) * 1e6:.0f} us per call"
        )


def bytes_per_message(count: int) -> None:
    with mock_smsvoice() as sms:
        _unlimited(sms)
        client = _client()
        origination = _origination(client)
        _send_batch(client, origination, 0, 200)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        _send_batch(client, origination, 200, count)
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        grown = after - before
        print(f"memory kept per recorded message (over {count:,} sends, with their events): "
              f"{grown / count:,.0f} bytes")  # fmt: skip


def describe_over_quota(resources: int, page: int) -> None:
    with mock_smsvoice() as sms:
        _unlimited(sms)
        client = _client()
        for i in range(resources):
            client.create_opt_out_list(OptOutListName=f"list-{i:05}")
        times = []
        token: str | None = None
        seen = 0
        while True:
            kwargs: dict[str, Any] = {"MaxResults": page}
            if token:
                kwargs["NextToken"] = token
            began = time.perf_counter()
            answer = client.describe_opt_out_lists(**kwargs)
            times.append(time.perf_counter() - began)
            seen += len(answer["OptOutLists"])
            token = answer.get("NextToken")
            if not token:
                break
        assert seen == resources + 1  # and the Default list
        print(f"describe {resources:,} opt-out lists (quota 25) in pages of {page}: "
              f"{len(times):,} pages in {sum(times):.2f} s; first page "
              f"{times[0] * 1e6:.0f} us, last page {times[-1] * 1e6:.0f} us")  # fmt: skip


def side_by_side(
    empty: Callable[[], object], large: Callable[[], object], budget: float
) -> tuple[float, float]:
    """The median seconds per call of ``empty`` and of ``large``, called in turn (so that drift and
    noise fall on both alike) for ``budget`` seconds, three times each at least, after one warm-up."""
    empty()
    large()
    times: tuple[list[float], list[float]] = ([], [])
    stop = time.perf_counter() + budget
    while len(times[0]) < 3 or time.perf_counter() < stop:
        for call, samples in zip((empty, large), times, strict=True):
            began = time.perf_counter()
            call()
            samples.append(time.perf_counter() - began)
    return statistics.median(times[0]), statistics.median(times[1])


def _ratio(what: str, empty: float, large: float) -> None:
    print(f"  {what}: {empty * 1e6:,.0f} us small, {large * 1e6:,.0f} us at size "
          f"(ratio {large / empty:.2f})")  # fmt: skip


# The reference account of ``numbers_at_scale`` holds one page of numbers, so that both answer a
# full page of 10: the ratio is what the other numbers cost, not the rendering of a longer page.
PAGE = 10


def numbers_at_scale(count: int, budget: float) -> None:
    """A send from an E.164 number (the newest: a scan would reach it last) and a filtered first
    page, with ``count`` numbers against one page of them."""
    with mock_smsvoice() as sms:
        clients = {region: _client(region) for region in (EMPTY, LARGE)}
        newest: dict[str, dict[str, Any]] = {}
        for region, total in ((EMPTY, PAGE), (LARGE, count)):
            _unlimited(sms, region)
            for _ in range(total):
                newest[region] = _number(clients[region])
        print(f"{count:,} phone numbers in the account, against {PAGE} (one page):")

        def send(region: str) -> Callable[[], object]:
            return lambda: clients[region].send_text_message(
                DestinationPhoneNumber=DESTINATION,
                OriginationIdentity=newest[region]["PhoneNumber"],
                MessageBody="hello",
            )

        def describe(region: str) -> Callable[[], object]:
            return lambda: clients[region].describe_phone_numbers(
                Filters=[{"Name": "status", "Values": ["ACTIVE"]}], MaxResults=PAGE
            )

        _ratio("send from an E.164 number", *side_by_side(send(EMPTY), send(LARGE), budget))
        _ratio("DescribePhoneNumbers, a status filter, MaxResults=10",
               *side_by_side(describe(EMPTY), describe(LARGE), budget))  # fmt: skip


def pool_at_scale(members: int, budget: float) -> None:
    """A send through a pool of ``members`` phone numbers, against a pool of one."""
    quota = pool_model.ORIGINATION_IDENTITIES_PER_POOL
    raised = members > quota
    if raised:
        # This run only: the mock's quota (its own choice; the docs give none) is put back below.
        pool_model.ORIGINATION_IDENTITIES_PER_POOL = members
    try:
        with mock_smsvoice() as sms:
            clients = {region: _client(region) for region in (EMPTY, LARGE)}
            pools: dict[str, str] = {}
            for region, total in ((EMPTY, 1), (LARGE, members)):
                _unlimited(sms, region)
                client = clients[region]
                pool = client.create_pool(
                    OriginationIdentity=_origination(client),
                    IsoCountryCode="US",
                    MessageType="TRANSACTIONAL",
                )
                pools[region] = pool["PoolId"]
                for _ in range(total - 1):
                    _number(client, PoolId=pool["PoolId"])
            note = (
                f"ORIGINATION_IDENTITIES_PER_POOL raised from {quota} to {members:,} for this run only"
                if raised
                else f"within the mock's quota of {quota}"
            )
            print(f"a pool of {members:,} members, against a pool of one ({note}):")

            def send(region: str) -> Callable[[], object]:
                return lambda: clients[region].send_text_message(
                    DestinationPhoneNumber=DESTINATION,
                    OriginationIdentity=pools[region],
                    MessageBody="hello",
                )

            _ratio("send through the pool", *side_by_side(send(EMPTY), send(LARGE), budget))
    finally:
        pool_model.ORIGINATION_IDENTITIES_PER_POOL = quota


def log_at_scale(count: int, budget: float) -> None:
    """``find()`` and ``one()`` by the newest message's id in a log of ``count`` messages (recorded
    directly: sending a million would take minutes), against a log of one."""
    now = datetime.now(timezone.utc)

    def record(i: int) -> SentMessage:
        return SentMessage(
            message_id=f"{i:08x}-0000-4000-8000-000000000000",
            destination_phone_number=DESTINATION,
            origination_identity="+12065550100",
            message_body="hello",
            message_type="TRANSACTIONAL",
            configuration_set_name=None,
            context=None,
            channel="SMS",
            region=EMPTY,
            account_id="123456789012",
            sent_at=now,
        )

    empty: MessageLog[SentMessage] = MessageLog(SentMessage, "Sent messages")
    large: MessageLog[SentMessage] = MessageLog(SentMessage, "Sent messages")
    empty._append(record(0))
    for i in range(count):
        large._append(record(i))
    first, newest = empty[0].message_id, large[-1].message_id
    print(f"{count:,} recorded messages, against one (looked up by the newest message's id):")
    _ratio("find(message_id=..., channel='SMS')",
           *side_by_side(lambda: empty.find(message_id=first, channel="SMS"),
                         lambda: large.find(message_id=newest, channel="SMS"), budget))  # fmt: skip
    _ratio("one(message_id=...)",
           *side_by_side(lambda: empty.one(message_id=first),
                         lambda: large.one(message_id=newest), budget))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10,000 sends instead of 100,000; 1,000 numbers, 100 pool members, 10,000 messages",
    )
    args = parser.parse_args()
    total = 10_000 if args.quick else 100_000
    sends(total)
    bytes_per_message(2_000 if args.quick else 10_000)
    describe_over_quota(1_000 if args.quick else 5_000, 10)
    budget = 0.3 if args.quick else 2.0
    numbers_at_scale(1_000 if args.quick else 10_000, budget)
    pool_at_scale(100 if args.quick else 1_000, budget)
    log_at_scale(10_000 if args.quick else 1_000_000, budget)


if __name__ == "__main__":
    main()
