"""How the mock holds up at scale (issue 10), printed:

- 100,000 sends through one boto3 client: the per-call cost of the first and the last thousand (a
  cost that grows with the number of calls made shows up as a ratio above 1);
- the bytes each recorded message keeps alive (tracemalloc over a separate run of sends);
- ``repr()`` of the full log, and PutMessageFeedback (a lookup by message id) after every send;
- describing more resources than the default quota allows, in small pages: the cost of the first
  and the last page.

    python benchmarks/scale.py             # 100,000 sends
    python benchmarks/scale.py --quick     # 10,000 sends
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from typing import Any

os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3
from botocore.config import Config

from smsvoice_mock import SmsVoiceMock, mock_smsvoice

SERVICE = "pinpoint-sms-voice-v2"
CONFIG = Config(retries={"total_max_attempts": 1})
DESTINATION = "+14254147755"


def _client() -> Any:
    return boto3.client(SERVICE, region_name="us-east-1", config=CONFIG)


def _unlimited(sms: SmsVoiceMock) -> None:
    """Lift the spend limit and the resource quotas: this run counts calls, not dollars."""
    settings = sms.backend().settings
    settings.max_spend = 10**12
    for name in settings.limits:
        settings.limits[name] = 10**9


def _origination(client: Any) -> str:
    number = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS", "VOICE"],
        NumberType="SIMULATOR",
    )
    return str(number["PhoneNumberId"])


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 sends instead of 100,000")
    args = parser.parse_args()
    total = 10_000 if args.quick else 100_000
    sends(total)
    bytes_per_message(2_000 if args.quick else 10_000)
    describe_over_quota(1_000 if args.quick else 5_000, 10)


if __name__ == "__main__":
    main()
