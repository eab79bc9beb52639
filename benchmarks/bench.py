"""Measure the mock against botocore's own floor, in one run, and print the ratios.

The floor is the same boto3 client with a bare ``before-send`` handler that returns the very response
bytes the mock produced: everything botocore does (serialising, signing, retries, parsing) and nothing
of ours. The mock replaces signing with its own work (decode, validate, dispatch, encode).

    python benchmarks/bench.py            # full run
    python benchmarks/bench.py --quick    # fewer repetitions

Targets (issue 2): per-call median <= 0.9x the floor; a test's whole cycle (enter, create client, one
call, exit) <= 1.3x the floor's client creation plus call; ``import smsvoice_mock`` <= 20 ms after
``import boto3``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from smsvoice_mock import mock_smsvoice

SERVICE = "pinpoint-sms-voice-v2"
CONFIG = Config(retries={"total_max_attempts": 1})


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


def _samples_us(fn: Callable[[], Any], repeat: int) -> list[float]:
    for _ in range(min(50, repeat)):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def _median_us(fn: Callable[[], Any], repeat: int) -> float:
    return statistics.median(_samples_us(fn, repeat))


def _floor_client(session: boto3.Session, body: bytes) -> Any:
    client = session.client(SERVICE, region_name="us-east-1", config=CONFIG)

    def canned(request: Any, **_: Any) -> AWSResponse:
        headers = {"x-amzn-RequestId": "r", "Content-Type": "application/x-amz-json-1.0"}
        return AWSResponse(request.url, 200, headers, _Raw(body))

    client.meta.events.register(f"before-send.{SERVICE}", canned)
    return client


ROUNDS = 10  # mock and floor alternate in rounds, so a change of machine load hits both alike


def _mocked_round(
    session: boto3.Session, repeat: int
) -> tuple[dict[str, list[float]], dict[str, bytes]]:
    """One round under the mock: each call's samples, and the bytes it answered (for the floor)."""
    with mock_smsvoice():
        client = session.client(SERVICE, region_name="us-east-1", config=CONFIG)
        number = client.request_phone_number(
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS"],
            NumberType="SIMULATOR",
        )
        calls: dict[str, Callable[[Any], Any]] = {
            "describe_phone_numbers": lambda c: c.describe_phone_numbers(),
            "send_text_message": lambda c: c.send_text_message(
                DestinationPhoneNumber="+14254147755",
                OriginationIdentity=number["PhoneNumberId"],
                MessageBody="Your code is 123456",
            ),
        }
        captured: list[bytes] = []
        client.meta.events.register(
            f"after-call.{SERVICE}",
            lambda http_response, **_: captured.append(http_response.content),
        )
        samples, bodies = {}, {}
        for name, call in calls.items():
            call(client)
            bodies[name] = captured[-1]
            samples[name] = _samples_us(lambda call=call: call(client), repeat)
    return samples, bodies


def per_call(repeat: int) -> list[tuple[str, float, float]]:
    session = boto3.Session()
    mocked: dict[str, list[float]] = {}
    floor: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        samples, bodies = _mocked_round(session, max(1, repeat // ROUNDS))
        for name, body in bodies.items():
            mocked.setdefault(name, []).extend(samples[name])
            call = getattr(_floor_client(session, body), name)
            params = (
                {}
                if name == "describe_phone_numbers"
                else {
                    "DestinationPhoneNumber": "+14254147755",
                    "OriginationIdentity": "phone-00000000000000000000000000000000",
                    "MessageBody": "Your code is 123456",
                }
            )
            floor.setdefault(name, []).extend(
                _samples_us(
                    lambda call=call, params=params: call(**params), max(1, repeat // ROUNDS)
                )
            )
    return [
        (name, statistics.median(mocked[name]), statistics.median(floor[name])) for name in mocked
    ]


def cycle(repeat: int) -> tuple[float, float]:
    session = boto3.Session()
    body = b'{"PhoneNumbers":[]}'

    def mocked() -> None:
        with mock_smsvoice():
            session.client(SERVICE, region_name="us-east-1", config=CONFIG).describe_phone_numbers()

    def floor() -> None:
        _floor_client(session, body).describe_phone_numbers()

    return _median_us(mocked, repeat), _median_us(floor, repeat)


def import_cost(repeat: int) -> float:
    code = (
        "import time, boto3; t = time.perf_counter(); import smsvoice_mock; "
        "print(time.perf_counter() - t)"
    )
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return statistics.median(samples) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    calls, cycles, imports = (300, 40, 5) if args.quick else (3000, 300, 15)
    print(f"smsvoice_mock benchmark (python {sys.version.split()[0]}, boto3 {boto3.__version__})")
    print(f"{'measure':<34}{'mock':>12}{'floor':>12}{'ratio':>8}  target")
    for name, mock_us, floor_us in per_call(calls):
        print(
            f"{'per call: ' + name:<34}{mock_us:>10.1f}us{floor_us:>10.1f}us{mock_us / floor_us:>8.2f}  <= 0.90"
        )
    mock_us, floor_us = cycle(cycles)
    print(
        f"{'cycle: enter+client+call+exit':<34}{mock_us:>10.1f}us{floor_us:>10.1f}us{mock_us / floor_us:>8.2f}  <= 1.30"
    )
    print(
        f"{'import smsvoice_mock after boto3':<34}{import_cost(imports):>10.1f}ms{'':>12}{'':>8}  <= 20 ms"
    )


if __name__ == "__main__":
    main()
