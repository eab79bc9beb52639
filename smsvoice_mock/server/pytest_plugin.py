"""The pytest plugin of the server: the session fixture ``smsvoice_server``.

It starts ``python -m smsvoice_mock serve --port 0`` in a subprocess for the test session and yields
the endpoint URL, for boto3 (``endpoint_url=``), the AWS CLI (``--endpoint-url``), a Node script or
any other client a test drives::

    def test_cli(smsvoice_server):
        subprocess.run(["aws", "pinpoint-sms-voice-v2", "describe-pools",
                        "--endpoint-url", smsvoice_server], check=True)

The state lasts the session; ``POST {url}/_smsvoice/reset`` drops it between tests.

For the session the fixture also sets, where the test process has not set them already, the
environment the processes a test starts read: ``AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2`` (the server's
URL; botocore 1.31 and later, the AWS CLI v2 and the SDKs of other languages read it),
``AWS_DEFAULT_REGION`` (``us-east-1``) and dummy credentials (``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY``, ``test``), so ``aws pinpoint-sms-voice-v2 describe-pools --endpoint-url
URL`` and an SDK client just work. They are put back as they were when the session ends.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence

import pytest

READY = "smsvoice_mock serving pinpoint-sms-voice-v2 on "


def start_server(
    *options: str, timeout: float = 60.0, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m smsvoice_mock serve --port 0 *options``; the process and its URL."""
    command: Sequence[str] = [
        sys.executable,
        "-m",
        "smsvoice_mock",
        "serve",
        "--port",
        "0",
        *options,
    ]
    # The server's error output goes to the caller's: a bug's traceback shows in the test report.
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if selector.select(max(0.0, deadline - time.monotonic())):
                line = proc.stdout.readline()
                if line.startswith(READY):
                    return proc, line[len(READY) :].strip()
                if not line:  # the process ended before it was ready
                    break
    proc.kill()
    proc.communicate(timeout=10)
    raise RuntimeError(
        f"python -m smsvoice_mock serve did not start within {timeout:g} s (exit code "
        f"{proc.returncode}); its error output is above."
    )


def stop_server(proc: subprocess.Popen[str], timeout: float = 10.0) -> int:
    """SIGTERM the server, wait for it to save and exit, and return its exit code."""
    proc.terminate()
    try:
        return proc.wait(timeout)
    finally:
        if proc.poll() is None:  # pragma: no cover - a server that ignored SIGTERM
            proc.kill()
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture(scope="session")
def smsvoice_server() -> Iterator[str]:
    """The endpoint URL of a ``python -m smsvoice_mock serve`` subprocess started for the session."""
    proc, url = start_server()
    wanted = {
        "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2": url,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    added = {name: value for name, value in wanted.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield url
    finally:
        for name in added:
            os.environ.pop(name, None)
        stop_server(proc)
