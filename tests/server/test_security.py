"""The server beside a browser: only the hosts it serves, state changed only by its own pages and real
clients, and an HTTP door that is strict and bounded (docs/server.md, "Security").

Each input of the security review has a test named after it; after each, the server still answers a
normal call within a second.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest

from smsvoice_mock import mock_smsvoice
from smsvoice_mock.server import SmsVoiceServer
from tests.server.conftest import control
from tests.server.test_door import TARGET, parse, raw, request

CONTROL_JSON = "Content-Type: application/json\r\n"


def still_answers(url: str) -> None:
    """A normal service call is answered 200 within a second."""
    started = time.monotonic()
    status, _, body = parse(raw(url, request(), timeout=1.0))
    assert status == 200, body
    assert time.monotonic() - started < 1.0


def http(url: str, head: str, body: bytes = b"") -> tuple[int, dict[str, str], dict[str, Any]]:
    """Send one request (``head`` without the blank line) and parse the answer."""
    data = head.encode() + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
    answer = raw(url, data + body)
    if answer.startswith(b"HTTP/1.1 204 "):  # no body
        answer = answer.replace(b"Content-Length: 0\r\n", b"Content-Length: 2\r\n") + b"{}"
    return parse(answer)


# -- hosts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example", "", "127.0.0.1.nip.io", "localhost.evil.example", "10.0.0.1"],
    ids=["other-name", "empty", "nip-io", "localhost-prefix", "private-address"],
)
def test_a_host_that_is_not_this_machine_is_refused(smsvoice_server: str, host: str) -> None:
    """A request whose Host is not a loopback name or address (DNS rebinding) is a 403 naming
    ``--allow-host``, for the control API's reads as for the service."""
    for head in (
        f"GET /_smsvoice/sent-messages HTTP/1.1\r\nHost: {host}\r\n",
        f"POST / HTTP/1.1\r\nHost: {host}\r\nX-Amz-Target: {TARGET}\r\n"
        "Content-Type: application/x-amz-json-1.0\r\n",
    ):
        status, _, body = http(smsvoice_server, head, b"{}" if head.startswith("POST") else b"")
        assert status == 403
        assert "--allow-host" in body["Message"]
    still_answers(smsvoice_server)


def test_a_request_without_host_is_refused(smsvoice_server: str) -> None:
    """HTTP/1.1 requires Host: a request without one is refused like an unknown host."""
    status, _, body = http(smsvoice_server, "GET /_smsvoice/health HTTP/1.1\r\n")
    assert status == 403
    assert "--allow-host" in body["Message"]
    still_answers(smsvoice_server)


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:4566", "127.0.0.1:80", "127.8.9.1", "[::1]:4566", "app.localhost"],
)
def test_loopback_hosts_are_served(smsvoice_server: str, host: str) -> None:
    """Loopback names and addresses (with or without a port) are this machine: served."""
    status, _, body = http(smsvoice_server, f"GET /_smsvoice/health HTTP/1.1\r\nHost: {host}\r\n")
    assert status == 200
    assert body["status"] == "running"


def test_allow_host_serves_a_named_host(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--allow-host NAME`` (and ``SMSVOICE_MOCK_ALLOW_HOSTS``) serve that name too, and only it."""
    monkeypatch.setenv("SMSVOICE_MOCK_ALLOW_HOSTS", "from-env.internal")
    with SmsVoiceServer(port=0, allow_hosts=["smsvoice"]) as running:
        for host, expected in (
            ("smsvoice:4566", 200),
            ("from-env.internal", 200),
            ("other", 403),
        ):
            status, _, _ = http(running.url, f"GET /_smsvoice/health HTTP/1.1\r\nHost: {host}\r\n")
            assert (host, status) == (host, expected)


# -- cross-site requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        "Origin: http://127.0.0.1:9\r\n",
        "Origin: https://evil.example\r\n",
        "Origin: null\r\n",
        "Sec-Fetch-Site: cross-site\r\n",
        "Sec-Fetch-Site: same-site\r\n",
    ],
    ids=["other-port", "other-site", "null-origin", "cross-site", "same-site"],
)
def test_a_state_change_from_another_page_is_refused(server: str, headers: str) -> None:
    """A control request that changes state from a page of another origin is a 403, and nothing
    changes: no reset, no clock move, no seeded number, no inbound STOP, no fault rule."""
    control(server, "POST", "clock/advance", {"days": 1})
    before = control(server, "GET", "clock")[1]
    seed = b'{"phone_numbers": [{"PhoneNumber": "+12065550199", "IsoCountryCode": "US"}]}'
    stop = (
        b'{"destination_number": "+12065550199", "origination_number": "+14254147755", '
        b'"message_body": "STOP"}'
    )
    fault = b'{"error": "ThrottlingException"}'
    for path, body in (
        ("reset", b"{}"),
        ("clock/advance", b'{"days": 400}'),
        ("seed", seed),
        ("inbound", stop),
        ("faults", fault),
    ):
        status, _, answer = http(
            server,
            f"POST /_smsvoice/{path} HTTP/1.1\r\nHost: localhost\r\n{CONTROL_JSON}{headers}",
            body,
        )
        assert status == 403, answer
        assert "cannot change this server's state" in answer["Message"]
    status, _, _ = http(
        server,
        f"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: {TARGET}\r\n"
        f"Content-Type: application/x-amz-json-1.0\r\n{headers}",
        b"{}",
    )
    assert status == 403
    after = control(server, "GET", "clock")[1]
    assert after["offset_seconds"] == before["offset_seconds"] == 86400
    assert control(server, "GET", "resources")[1]["Backends"] == []  # nothing seeded
    assert control(server, "GET", "inbound-messages")[1]["InboundMessages"] == []
    assert control(server, "GET", "faults")[1]["Faults"] == []
    still_answers(server)


def test_the_servers_own_origin_may_change_state(server: str) -> None:
    """The web inbox's own requests (Origin the server's own, Sec-Fetch-Site same-origin) go on."""
    port = urlsplit(server).port
    status, _, body = http(
        server,
        f"POST /_smsvoice/clock/advance HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{CONTROL_JSON}"
        f"Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n",
        b'{"days": 2}',
    )
    assert status == 200
    assert body["offset_seconds"] == 2 * 86400


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_control_state_change_must_be_json(server: str, content_type: str | None) -> None:
    """A control request that changes state must be ``Content-Type: application/json`` (what a
    page of another origin cannot send without a preflight): else 415, naming the header."""
    header = f"Content-Type: {content_type}\r\n" if content_type else ""
    status, _, body = http(
        server, f"POST /_smsvoice/reset HTTP/1.1\r\nHost: localhost\r\n{header}", b"{}"
    )
    assert status == 415
    assert "Content-Type: application/json" in body["Message"]


def test_no_cors_header_unless_an_origin_is_named(smsvoice_server: str) -> None:
    """No ``Access-Control-*`` header is sent by default, so other origins cannot read answers, and
    a preflight from them is not granted; ``--cors-origin`` grants exactly its origin."""
    head = (
        "OPTIONS /_smsvoice/reset HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\n"
    )
    status, headers, _ = http(smsvoice_server, head)
    assert not any(name.startswith("access-control") for name in headers)
    _, headers, _ = http(
        smsvoice_server,
        "GET /_smsvoice/health HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\n",
    )
    assert not any(name.startswith("access-control") for name in headers)
    with SmsVoiceServer(port=0, cors_origins=["http://localhost:3000"]) as running:
        status, headers, _ = http(running.url, head)
        assert status == 204
        assert headers["access-control-allow-origin"] == "http://localhost:3000"
        status, _, _ = http(
            running.url,
            f"POST /_smsvoice/reset HTTP/1.1\r\nHost: localhost\r\n{CONTROL_JSON}"
            "Origin: http://localhost:3000\r\n",
            b"{}",
        )
        assert status == 200


def test_real_clients_still_work(client: Any) -> None:
    """boto3 (which sends no Origin and the JSON 1.0 content type) is served as before."""
    assert "AccountAttributes" in client.describe_account_attributes()


# -- a strict, bounded door --------------------------------------------------------------------


def post_with(extra: str, body: bytes = b"{}") -> bytes:
    return (
        f"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: {TARGET}\r\n"
        f"Content-Type: application/x-amz-json-1.0\r\n{extra}Connection: close\r\n\r\n"
    ).encode() + body


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (post_with("Content-Length: ²\r\n"), 400),
        (post_with("Content-Length: +2\r\n"), 400),
        (post_with("Content-Length: 2, 2\r\n"), 400),
        (post_with("Transfer-Encoding: chunked\r\n", b"-3\r\nabc\r\n0\r\n\r\n"), 400),
        (post_with("Transfer-Encoding: chunked\r\n", b"0x2\r\n{}\r\n0\r\n\r\n"), 400),
        (post_with("Transfer-Encoding: chunked\r\n", b"0_2\r\n{}\r\n0\r\n\r\n"), 400),
        (post_with("Transfer-Encoding: chunked\r\n", b"-2\r\n{}\r\n0\r\n\r\n"), 400),
        (post_with("Transfer-Encoding: chunked\r\n", b"2\r\n{}XX0\r\n\r\n"), 400),
        (post_with("Transfer-Encoding: notchunked\r\n", b"{}"), 501),
        (post_with("Transfer-Encoding: gzip, chunked\r\n", b"2\r\n{}\r\n0\r\n\r\n"), 501),
        (post_with("Transfer-Encoding: chunked\r\nContent-Length: 2\r\n", b"{}"), 400),
        (post_with("Transfer-Encoding: chunked\r\n", b"FFFFFFFFFF\r\n"), 413),
    ],
    ids=[
        "unicode-digit-length",
        "signed-length",
        "two-lengths",
        "negative-chunk",
        "0x-chunk",
        "underscore-chunk",
        "minus-two-chunk",
        "chunk-without-crlf",
        "notchunked",
        "gzip-chunked",
        "length-and-chunked",
        "huge-chunk",
    ],
)
def test_malformed_framing_is_refused(smsvoice_server: str, data: bytes, status: int) -> None:
    """Content-Length is ASCII digits only, chunk sizes strict hexadecimal under the body limit,
    Transfer-Encoding exactly ``chunked`` (else 501), never both: each refused, the server unharmed."""
    answer = raw(smsvoice_server, data)
    assert parse(answer)[0] == status, answer[:300]
    still_answers(smsvoice_server)


@pytest.fixture
def small_server() -> Iterator[SmsVoiceServer]:
    """A server with a 1.5 s request deadline, 8 connections and 1 MiB of pending bodies."""
    server = SmsVoiceServer(port=0, timeout_seconds=1.5)
    server._http.max_connections = 8
    server._http.budget.limit = 1024 * 1024
    with server:
        yield server


def connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname, parts.port), timeout=5)


def test_a_trickling_client_is_dropped_at_the_deadline(small_server: SmsVoiceServer) -> None:
    """A client sending a byte at a time is dropped when the whole request's deadline passes (not
    kept alive by each byte resetting a per-read timeout)."""
    started = time.monotonic()
    with connect(small_server.url) as sock:
        dropped = False
        for byte in post_with("Content-Length: 2\r\n"):
            try:
                sock.sendall(bytes([byte]))
                time.sleep(0.2)
                if time.monotonic() - started > 1.5:
                    sock.settimeout(0.5)
                    if sock.recv(1) == b"":
                        dropped = True
                        break
            except (ConnectionError, TimeoutError):
                dropped = True
                break
    assert dropped
    assert time.monotonic() - started < 4
    still_answers(small_server.url)


def test_open_connections_are_capped(small_server: SmsVoiceServer) -> None:
    """Past the cap of open connections a new one is answered 503 at once, without a thread; the
    server answers again once they close."""
    held = [connect(small_server.url) for _ in range(8)]
    try:
        time.sleep(0.2)
        with connect(small_server.url) as sock:
            sock.settimeout(2)
            answer = sock.recv(65536)  # answered before anything is sent
        status, _, body = parse(answer)
        assert status == 503
        assert "open connections" in body["Message"]
        assert threading.active_count() < 40
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.3)
    still_answers(small_server.url)


def test_pending_bodies_are_capped(small_server: SmsVoiceServer) -> None:
    """Bodies announced by connections still sending them count against one budget: past it, 503."""
    held = []
    try:
        for _ in range(2):  # 2 x 600 KiB announced, of a 1 MiB budget
            sock = connect(small_server.url)
            sock.sendall(post_with(f"Content-Length: {600 * 1024}\r\n", b"{"))
            held.append(sock)
        time.sleep(0.3)
        statuses = []
        for sock in held:
            sock.settimeout(1)
            try:
                statuses.append(parse(sock.recv(65536))[0])
            except TimeoutError:
                statuses.append(None)
        assert 503 in statuses
    finally:
        for sock in held:
            sock.close()
    still_answers(small_server.url)


# -- control bodies and values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "words"),
    [
        ("clock/advance", {"days": 1e300}, "1970 to 9998"),
        ("clock/advance", {"days": 3_000_000}, "1970 to 9998"),
        ("clock/advance", {"seconds": 10**400}, "1970 to 9998"),
        ("clock/advance", {"day": 1}, "'day' is not one of them"),
        ("clock/advance", {"days": "1"}, "finite number"),
        ("reset", {"logs_only": "yes"}, "logs_only must be true or false"),
        ("faults", {"error": "ThrottlingException", "times": -1}, "1 or more (or null)"),
        ("phone-numbers/status", {"phone_number_id": None, "status": "ACTIVE"}, "not null"),
        (
            "inbound",
            {
                "destination_number": "+12065550100",
                "origination_number": "+14254147755",
                "message_body": 5,
            },
            "as a string",
        ),
        ("inbound", {}, "lacks the member 'destination_number'"),
        (
            "inbound",
            {"destination_number": "+1", "origination_number": "+1", "message_body": "x", "x": 1},
            "unknown member 'x'",
        ),
    ],
    ids=[
        "1e300-days",
        "3-million-days",
        "10**400-seconds",
        "unknown-unit",
        "string-days",
        "logs-only-not-a-boolean",
        "times-below-one",
        "id-null",
        "body-not-text",
        "missing-members",
        "unknown-member",
    ],
)
def test_bad_control_values_name_the_member(server: str, path: str, body: Any, words: str) -> None:
    """Every bad control body is a 400 naming the member and what it must be, never a Python
    signature; the clock is unchanged and the server answers."""
    status, answer = control(server, "POST", path, body)
    assert status == 400
    assert words in answer["Message"]
    for python in ("()", "keyword", "__new__", "positional"):
        assert python not in answer["Message"]
    assert not re.search(r"\b(None|True|False|str)\b", answer["Message"])  # JSON's words
    assert control(server, "GET", "clock")[1]["offset_seconds"] == 0
    still_answers(server)


def test_a_deeply_nested_control_body_is_a_400(server: str) -> None:
    """A body nested 100,000 deep is refused with a sentence, not a traceback."""
    data = b"[" * 100_000 + b"]" * 100_000
    status, _, body = http(
        server, f"POST /_smsvoice/inbound HTTP/1.1\r\nHost: localhost\r\n{CONTROL_JSON}", data
    )
    assert status == 400
    assert "nested too deeply" in body["Message"]
    still_answers(server)


def test_the_clock_refuses_to_pass_the_year_9999_in_process() -> None:
    """In process, ``sms.clock.advance`` past the year 9998 is a ValueError sentence, and the clock
    keeps working."""
    with mock_smsvoice() as sms:
        with pytest.raises(ValueError, match="1970 to 9998"):
            sms.clock.advance(days=3_000_000)
        with pytest.raises(ValueError, match="1970 to 9998"):  # an int too large for a float
            sms.clock.advance(seconds=10**400)
        with pytest.raises(TypeError, match="finite number"):
            sms.clock.advance(days=float("inf"))
        sms.clock.advance(days=1)
        assert sms.clock.offset.days == 1
        client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1")
        assert "AccountAttributes" in client.describe_account_attributes()


def test_json_is_what_the_answers_are(server: str) -> None:
    """Refusals are JSON with a Message, as every other control answer."""
    _, headers, body = http(server, "GET /_smsvoice/health HTTP/1.1\r\nHost: evil.example\r\n")
    assert headers["content-type"] == "application/json"
    assert isinstance(json.dumps(body), str)


# -- the state file and the command line -------------------------------------------------------


class _Exploit:
    def __reduce__(self) -> Any:
        import os

        return (os.system, ("touch pwned",))


def _pickled_state(tmp_path: Any) -> Any:
    """A state file of the old pickle format, its header and checksum valid, whose payload names
    ``os.system``."""
    import hashlib
    import pickle

    from smsvoice_mock.server import state_file

    payload = pickle.dumps({"options": _Exploit()})
    header = {"format": 1, "sha256": hashlib.sha256(payload).hexdigest()}
    path = tmp_path / "state"
    path.write_bytes(state_file.PICKLED + json.dumps(header).encode() + b"\n" + payload)
    return path


def _code_like_json(tmp_path: Any) -> Any:
    """JSON in the state's format whose members try the tricks of pickle-in-JSON libraries
    (jsonpickle's ``py/object``, ``__reduce__``) and a registration type naming a callable."""
    path = tmp_path / "state"
    path.write_text(
        json.dumps(
            {
                "format": 2,
                "registrations": [
                    {"py/object": "os.system", "py/reduce": [{"py/function": "os.system"}]},
                ],
                "sent_messages": [{"__reduce__": ["os.system", ["touch pwned"]]}],
            }
        )
    )
    return path


@pytest.mark.parametrize("crafted", [_pickled_state, _code_like_json], ids=["pickle", "json"])
def test_a_crafted_state_file_runs_no_code(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, crafted: Any
) -> None:
    """The state file is JSON read as data (issue 14): a pickle (even with a valid header and
    checksum) is refused unread, and JSON with code-like members is refused by the seed's
    validation; nothing runs and the file is left as it was."""
    from smsvoice_mock.server import StateFileError

    monkeypatch.chdir(tmp_path)
    path = crafted(tmp_path)
    before = path.read_bytes()
    with pytest.raises(StateFileError, match="pass another --state path"):
        SmsVoiceServer(port=0, state_path=path)
    assert not (tmp_path / "pwned").exists()
    assert path.read_bytes() == before


def test_a_state_file_with_a_broken_clock_is_refused(tmp_path: Any) -> None:
    """A saved clock outside the years the clock can show is refused at start, not saved and
    restored into a server whose every call fails."""
    from smsvoice_mock.server import StateFileError

    path = tmp_path / "state"
    path.write_text(json.dumps({"format": 2, "clock": {"offset_seconds": 3_000_000 * 86400}}))
    with pytest.raises(StateFileError, match="clock"):
        SmsVoiceServer(port=0, state_path=path)


def test_a_symlink_at_the_temporary_path_is_not_followed(tmp_path: Any) -> None:
    """The save's temporary file is created exclusively without following links: a link planted
    at every name it could take is never written through."""
    import os

    from smsvoice_mock.server import state_file

    victim = tmp_path / "victim"
    victim.write_text("keep")
    with mock_smsvoice() as sms:
        real_urandom = os.urandom
        os.urandom = lambda n: b"\x00" * n  # type: ignore[assignment]
        try:
            link = tmp_path / f".state.{os.getpid()}.{'00' * 4}.tmp"
            link.symlink_to(victim)
            with pytest.raises(FileExistsError):
                state_file.save(sms.state, tmp_path / "state")
        finally:
            os.urandom = real_urandom
    assert victim.read_text() == "keep"
    assert not (tmp_path / "state").exists()


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["serve", "--port", "70000"], "is not a port"),
        (["serve", "--port", "0", "--state", "/nonexistent-folder/state"], "does not exist"),
        (["serve", "--port", "0", "--state", "."], "is a folder"),
        (["serve", "--port", "0", "--seed", "BROKEN"], "is refused"),
    ],
    ids=["port-70000", "state-missing-folder", "state-is-a-folder", "broken-yaml-seed"],
)
def test_command_line_errors_are_one_sentence_and_exit_2(
    tmp_path: Any, arguments: list[str], words: str
) -> None:
    """Bad command-line input prints a sentence (no traceback) and exits 2, as docs/server.md says."""
    import subprocess
    import sys

    (tmp_path / "BROKEN").write_text("a: [\n")
    arguments = [str(tmp_path / "BROKEN") if a == "BROKEN" else a for a in arguments]
    done = subprocess.run(
        [sys.executable, "-m", "smsvoice_mock", *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_version_and_a_closed_pipe() -> None:
    """``--version`` names the package; ``checklist`` into a closed pipe ends quietly (exit 0)."""
    import os
    import subprocess
    import sys

    version = subprocess.run(
        [sys.executable, "-m", "smsvoice_mock", "--version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("smsvoice_mock ")
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first line is written
    piped = subprocess.run(
        [sys.executable, "-m", "smsvoice_mock", "checklist"],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(writer)
    assert piped.returncode == 0
    assert "Traceback" not in piped.stderr


def test_a_made_up_region_makes_no_backend(server: str) -> None:
    """A region in the credential scope must be one botocore's partition data names or matches
    (docs/server.md): made-up names are a 400 and create no backend, real ones are served."""
    from tests.server.conftest import server_client as make

    for region in ("made-up", "zz-fake-1"):
        client = make(server, region=region)
        with pytest.raises(client.exceptions.ValidationException) as caught:
            client.describe_account_attributes()
        assert "is not one of the service's" in caught.value.response["Error"]["Message"]
    assert "AccountAttributes" in make(server, region="eu-west-3").describe_account_attributes()
    stop = {"destination_number": "+12065550100", "origination_number": "+14254147755"}
    for made_up in ("fake0", "zz-fake-1"):
        status, answer = control(
            server, "POST", "inbound", {**stop, "message_body": "STOP", "region": made_up}
        )
        assert status == 400
        assert "'region' must name a region of the service" in answer["Message"]
    regions = {b["region"] for b in control(server, "GET", "resources")[1]["Backends"]}
    assert not regions & {"made-up", "zz-fake-1", "fake0"}
