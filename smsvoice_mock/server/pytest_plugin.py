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

**Under pytest-xdist** the workers share one server: the first worker to need it starts it and
writes its URL to ``smsvoice_server.json`` in the run's shared temporary folder
(``tmp_path_factory.getbasetemp().parent``, pytest-xdist's recipe for session fixtures), under a
lock file made with ``O_CREAT | O_EXCL``; the others read the URL there, and the file counts the
workers using the server, so the last one to finish stops it. Every worker's messages are then in one
``GET /_smsvoice/sent-messages``. A ``POST /_smsvoice/reset`` resets every worker's state at once, so
a suite run in parallel should not reset: with ``--smsvoice-account-per-worker`` (or the ini option
``smsvoice_account_per_worker = true``) each worker gets its own account, ``smsvoice_account``
(``1000000000NN`` for worker ``gwNN``; without xdist or the option, ``123456789012``), which is also
the ``AWS_ACCESS_KEY_ID`` the fixture sets (a 12-digit access key id is the account the server acts
as), and a test filters the logs with ``?account_id=``.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

READY = "smsvoice_mock serving pinpoint-sms-voice-v2 on "
DEFAULT_ACCOUNT_ID = "123456789012"  # the server's account for a key id that is not 12 digits
_PER_WORKER = "smsvoice_account_per_worker"


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("smsvoice_mock").addoption(
        "--smsvoice-account-per-worker",
        action="store_true",
        default=None,
        dest=_PER_WORKER,
        help="give each pytest-xdist worker its own account on the shared smsvoice_server "
        "(the smsvoice_account fixture names it)",
    )
    parser.addini(
        _PER_WORKER,
        type="bool",
        default=False,
        help="give each pytest-xdist worker its own account on the shared smsvoice_server",
    )


def worker_id(config: pytest.Config) -> str | None:
    """The pytest-xdist worker id (``gw0``, ``gw1``, ...), or ``None`` outside a worker."""
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    return None if workerinput is None else str(workerinput["workerid"])


def account_for(worker: str | None) -> str:
    """The 12-digit account of a worker: ``1000000000NN`` for ``gwNN``; the default one for none."""
    if worker is None:
        return DEFAULT_ACCOUNT_ID
    digits = "".join(c for c in worker if c.isdigit()) or "0"
    return f"{100_000_000_000 + int(digits) % 100_000_000_000:012d}"


def _per_worker(config: pytest.Config) -> bool:
    option = config.getoption(_PER_WORKER)
    return bool(config.getini(_PER_WORKER) if option is None else option)


@pytest.fixture(scope="session")
def smsvoice_account(request: pytest.FixtureRequest) -> str:
    """The account this test process uses on ``smsvoice_server``: its own per pytest-xdist worker
    with ``--smsvoice-account-per-worker``, else ``123456789012`` (the server's default)."""
    config = request.config
    return account_for(worker_id(config)) if _per_worker(config) else DEFAULT_ACCOUNT_ID


# The servers this process started and another worker may stop: referenced until the process ends,
# so no ``Popen`` is collected (and warns) while its server still serves other workers.
_STARTED: list[subprocess.Popen[str]] = []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process
        return True
    return True


def _listening(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), 0.5):
            return True
    except OSError:
        return False


class SharedServer:
    """One server for every pytest-xdist worker of a run, found through files in ``folder``."""

    def __init__(self, folder: Path, *, timeout: float = 60.0) -> None:
        self.lock_path = folder / "smsvoice_server.lock"
        self.info_path = folder / "smsvoice_server.json"
        self.timeout = timeout

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fd = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if time.monotonic() >= deadline:
                    raise RuntimeError(
                        f"{self.lock_path} has been held for {self.timeout:g} s; if no pytest "
                        "worker is running, delete it and run the suite again."
                    ) from None
                time.sleep(0.02)
                continue
            break
        try:
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            yield
        finally:
            os.unlink(self.lock_path)

    def _read(self) -> dict[str, Any] | None:
        try:
            info = json.loads(self.info_path.read_text())
        except (FileNotFoundError, ValueError):
            return None
        return info if isinstance(info, dict) else None

    def _write(self, info: dict[str, Any]) -> None:
        temporary = self.info_path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(info))
        os.replace(temporary, self.info_path)

    def join(self) -> str:
        """The URL of the run's server: started by this call if no worker runs one; counts a user."""
        with self._locked():
            info = self._read()
            if info is not None and _alive(info["pid"]):
                info["users"] += 1
                self._write(info)
                return str(info["url"])
            proc, url = start_server()
            _STARTED.append(proc)
            self._write({"url": url, "pid": proc.pid, "users": 1})
            return url

    def leave(self) -> None:
        """Count this user out; the last one stops the server."""
        with self._locked():
            info = self._read()
            if info is None:  # pragma: no cover - the file was removed under us
                return
            info["users"] -= 1
            if info["users"] > 0:
                self._write(info)
                return
            self.info_path.unlink()
        pid, url = int(info["pid"]), str(info["url"])
        own = next((p for p in _STARTED if p.pid == pid), None)
        if own is not None:
            _STARTED.remove(own)
            stop_server(own)
            return
        # Another worker's child: SIGTERM it and wait until it saved and closed its socket.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10.0
        while _alive(pid) and _listening(url) and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture(scope="session")
def smsvoice_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, smsvoice_account: str
) -> Iterator[str]:
    """The endpoint URL of a ``python -m smsvoice_mock serve`` subprocess started for the session
    (one for all pytest-xdist workers)."""
    shared = None
    if worker_id(request.config) is None:
        proc, url = start_server()
    else:
        shared = SharedServer(tmp_path_factory.getbasetemp().parent)
        url = shared.join()
    wanted = {
        "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2": url,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test" if smsvoice_account == DEFAULT_ACCOUNT_ID else smsvoice_account,
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    added = {name: value for name, value in wanted.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield url
    finally:
        for name in added:
            os.environ.pop(name, None)
        if shared is None:
            stop_server(proc)
        else:
            shared.leave()
