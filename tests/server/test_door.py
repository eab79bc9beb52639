"""The HTTP door: the JSON 1.0 wire, the credential scope, and bad input answered with the service's
own errors while the server keeps serving."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from smsvoice_mock.__main__ import main
from smsvoice_mock.server import MAX_BODY, SmsVoiceServer, credential_scope
from smsvoice_mock.server._http import Headers, HttpRequest
from tests.helpers import error_of, request_number
from tests.server.conftest import server_client

TARGET = "PinpointSMSVoiceV2.DescribeAccountAttributes"


def raw(url: str, data: bytes, *, timeout: float = 10.0) -> bytes:
    """Send ``data`` on a fresh connection and read until the server closes it or goes quiet."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def request(
    target: str | None = TARGET,
    body: bytes = b"{}",
    content_type: str | None = "application/x-amz-json-1.0",
    extra: str = "",
    connection: str = "close",
) -> bytes:
    head = "POST / HTTP/1.1\r\nHost: localhost\r\n"
    if target is not None:
        head += f"X-Amz-Target: {target}\r\n"
    if content_type is not None:
        head += f"Content-Type: {content_type}\r\n"
    head += f"{extra}Content-Length: {len(body)}\r\nConnection: {connection}\r\n\r\n"
    return head.encode() + body


def chunked_head(extra: str = "") -> bytes:
    """The head of a service request whose body follows in chunks."""
    return (
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
        f"X-Amz-Target: {TARGET}\r\nTransfer-Encoding: chunked\r\n{extra}\r\n"
    ).encode()


def parse(answer: bytes) -> tuple[int, dict[str, str], dict[str, Any]]:
    """The status, headers (lower-case names) and JSON body of one HTTP answer."""
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers["content-length"])
    return int(lines[0].split()[1]), headers, json.loads(body[:length])


def assert_service_error(answer: bytes, status: int, code: str, reason: str) -> dict[str, Any]:
    got_status, headers, body = parse(answer)
    assert got_status == status
    assert headers["content-type"] == "application/x-amz-json-1.0"
    assert len(headers["x-amzn-requestid"]) == 36
    assert body["__type"] == code
    assert body["Reason"] == reason
    assert body["Message"]
    return body


def still_serves(url: str) -> None:
    status, _, body = parse(raw(url, request()))
    assert status == 200
    assert "AccountAttributes" in body


def test_a_plain_request_is_answered(smsvoice_server: str) -> None:
    """A JSON 1.0 request (POST /, X-Amz-Target, application/x-amz-json-1.0) gets the JSON 1.0 answer."""
    status, headers, body = parse(raw(smsvoice_server, request()))
    assert status == 200
    assert headers["content-type"] == "application/x-amz-json-1.0"
    assert "x-amzn-requestid" in headers
    assert {a["Name"] for a in body["AccountAttributes"]} >= {"ACCOUNT_TIER"}


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        (request(body=b'{"PhoneNumberIds": ['), 400, "CANNOT_PARSE"),
        (request(body=b"[1, 2]"), 400, "CANNOT_PARSE"),
        (request(body=b"\xff\xfe"), 400, "CANNOT_PARSE"),
        (request(target=None), 400, "UNKNOWN_OPERATION"),
        (request(target="PinpointSMSVoiceV2.LaunchRocket"), 400, "UNKNOWN_OPERATION"),
        (request(target="DynamoDB_20120810.ListTables"), 400, "UNKNOWN_OPERATION"),
        (request(content_type="text/plain"), 400, "CANNOT_PARSE"),
        (request(content_type=None), 400, "CANNOT_PARSE"),
        (b"POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n", 400, "CANNOT_PARSE"),
        (b"NOT HTTP AT ALL\r\n\r\n", 400, "CANNOT_PARSE"),
        (b"POST / HTTP/1.1\r\nno colon here\r\n\r\n", 400, "CANNOT_PARSE"),
        (b"POST / HTTP/1.1\r\nX: " + b"a" * 20000 + b"\r\n\r\n", 400, "CANNOT_PARSE"),
        (b"POST / HTTP/1.1\r\n" + b"X: y\r\n" * 101 + b"\r\n", 400, "CANNOT_PARSE"),
        (
            b"POST / HTTP/1.1\r\nContent-Length: %d\r\n\r\n{}" % (MAX_BODY + 1),
            413,
            "MAXIMUM_SIZE_EXCEEDED",
        ),
    ],
    ids=[
        "truncated-json",
        "json-not-an-object",
        "not-utf8",
        "missing-target",
        "unknown-operation",
        "other-service",
        "wrong-content-type",
        "no-content-type",
        "bad-content-length",
        "bad-request-line",
        "bad-header-line",
        "header-too-long",
        "too-many-headers",
        "oversized-body",
    ],
)
def test_bad_input_gets_the_services_error_and_the_server_keeps_serving(
    smsvoice_server: str, data: bytes, status: int, reason: str
) -> None:
    """Bad input at the door is answered as the service answers (``__type``, ``Message``, ``Reason``,
    JSON 1.0 content type, ``x-amzn-RequestId``); the next request is served as usual."""
    assert_service_error(raw(smsvoice_server, data), status, "ValidationException", reason)
    still_serves(smsvoice_server)


def test_oversized_chunked_body_is_refused(smsvoice_server: str) -> None:
    """A chunked body that grows past the limit is refused with 413 MAXIMUM_SIZE_EXCEEDED."""
    chunk = b"%x\r\n" % (MAX_BODY + 1) + b" " * 1024
    head = chunked_head()
    assert_service_error(
        raw(smsvoice_server, head + chunk), 413, "ValidationException", "MAXIMUM_SIZE_EXCEEDED"
    )
    still_serves(smsvoice_server)


def test_chunked_body_and_expect_continue_are_understood(smsvoice_server: str) -> None:
    """HTTP/1.1 chunked request bodies and ``Expect: 100-continue`` reach the service intact."""
    head = chunked_head("Connection: close\r\nExpect: 100-continue\r\n")
    answer = raw(smsvoice_server, head + b"1\r\n{\r\n1\r\n}\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
    status, _, body = parse(answer[len(b"HTTP/1.1 100 Continue\r\n\r\n") :])
    assert status == 200
    assert "AccountAttributes" in body


def test_keep_alive_serves_many_requests_on_one_connection(smsvoice_server: str) -> None:
    """HTTP/1.1 connections are kept alive: pipelined requests are answered in order on one socket."""
    data = request(connection="keep-alive") * 3 + request(connection="close")
    answer = raw(smsvoice_server, data)
    assert answer.count(b"HTTP/1.1 200 OK") == 4
    assert answer.count(b"Connection: close") == 1


def test_a_dropped_client_does_not_stop_the_server(smsvoice_server: str) -> None:
    """A client that disconnects in the middle of a request is dropped; others are served."""
    partial = request(body=b'{"MaxResults": 5}')[:-5]
    assert raw(smsvoice_server, partial) == b""
    still_serves(smsvoice_server)


@pytest.fixture
def impatient_server() -> Iterator[SmsVoiceServer]:
    """A server in this process that drops a client silent for 0.3 s."""
    with SmsVoiceServer(port=0, timeout_seconds=0.3) as server:
        yield server


def test_a_slow_client_is_timed_out(impatient_server: SmsVoiceServer) -> None:
    """A client that stops sending half-way is disconnected after the socket timeout; the server
    serves the next client."""
    parts = urlsplit(impatient_server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(request()[:30])
        began = time.monotonic()
        assert sock.recv(100) == b""  # the server closed the connection
        assert time.monotonic() - began < 3
    still_serves(impatient_server.url)


def test_a_bug_in_the_mock_is_a_500_not_a_service_error(
    impatient_server: SmsVoiceServer,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A bug in the mock is never turned into a service error: the traceback goes to the server's log
    and the client gets a plain 500 without ``__type``."""

    def broken(*args: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr("smsvoice_mock.server.answer", broken)
    answer = raw(impatient_server.url, request())
    assert answer.startswith(b"HTTP/1.1 500 ")
    assert b"__type" not in answer
    assert "KeyError: 'a bug'" in capfd.readouterr().err


@pytest.mark.parametrize(
    ("authorization", "scope"),
    [
        (
            "AWS4-HMAC-SHA256 Credential=111122223333/20260101/eu-west-2/sms-voice/aws4_request, "
            "SignedHeaders=host, Signature=abc",
            ("111122223333", "eu-west-2"),
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/ap-south-1/sms-voice/aws4_request",
            (None, "ap-south-1"),
        ),
        ("Bearer token", (None, None)),
        (None, (None, None)),
    ],
    ids=["12-digit-key", "other-key", "not-sigv4", "unsigned"],
)
def test_credential_scope(authorization: str | None, scope: tuple[str | None, str | None]) -> None:
    """The region comes from the SigV4 credential scope, the account from a 12-digit access key id."""
    assert credential_scope(authorization) == scope


def test_accounts_and_regions_are_kept_apart(server: str) -> None:
    """Each (account, region) of the credential scope has its own resources, as in AWS."""
    home = server_client(server, aws_access_key_id="111122223333")
    abroad = server_client(server, aws_access_key_id="111122223333", region="eu-west-2")
    other = server_client(server, aws_access_key_id="444455556666")
    number = request_number(home)
    assert number["PhoneNumberArn"].split(":")[3:5] == ["us-east-1", "111122223333"]
    for client in (abroad, other):
        assert client.describe_phone_numbers()["PhoneNumbers"] == []
        with pytest.raises(client.exceptions.ResourceNotFoundException) as exc_info:
            client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])
        assert error_of(exc_info)["ResourceType"] == "phone-number"
    unsigned_default = server_client(server, aws_access_key_id="AKIDEXAMPLE")
    assert request_number(unsigned_default)["PhoneNumberArn"].split(":")[4] == "123456789012"


def test_get_on_the_root_describes_the_server(smsvoice_server: str) -> None:
    """``GET /`` tells a person with a browser what the server speaks and where the control API is."""
    answer = raw(smsvoice_server, b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    status, _, body = parse(answer)
    assert status == 200
    assert body["service"] == "pinpoint-sms-voice-v2"


def test_oversized_body_is_refused_before_100_continue(smsvoice_server: str) -> None:
    """A client that waits for ``100 Continue`` before sending an oversized body is told 413 at once."""
    head = request(extra="Expect: 100-continue\r\n").replace(
        b"Content-Length: 2", b"Content-Length: %d" % (MAX_BODY + 1)
    )
    answer = raw(smsvoice_server, head[: head.index(b"\r\n\r\n") + 4])
    assert not answer.startswith(b"HTTP/1.1 100")
    assert_service_error(answer, 413, "ValidationException", "MAXIMUM_SIZE_EXCEEDED")


def test_requests_after_stop_are_refused(tmp_path: Any) -> None:
    """Once ``stop`` has saved the state, a request still arriving is answered 503 and changes nothing."""
    server = SmsVoiceServer(port=0, state_path=tmp_path / "state")
    server.stop()
    late = HttpRequest("POST", "/", Headers({"x-amz-target": TARGET, "host": "localhost"}), b"{}")
    status, headers, body = server.app(late)
    assert (status, headers["Connection"]) == (503, "close")
    assert json.loads(body)["__type"] == "ServiceUnavailableException"


def test_a_busy_port_is_explained(
    impatient_server: SmsVoiceServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """``serve`` on a port in use exits with code 2 and a sentence saying to pick another port."""
    port = urlsplit(impatient_server.url).port
    assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert "pick another --port" in err


def test_starting_twice_is_misuse() -> None:
    """A server that was started (or stopped) cannot be started again: a RuntimeError says what to do."""
    server = SmsVoiceServer(port=0).start()
    try:
        with pytest.raises(RuntimeError, match="create a new SmsVoiceServer"):
            server.start()
    finally:
        server.stop()
    server.stop()  # stopping twice is harmless
    with pytest.raises(RuntimeError, match="create a new SmsVoiceServer"):
        server.start()


@pytest.mark.parametrize(
    ("method", "path", "who"),
    [
        ("GET", "/_localstack/health", "LocalStack"),
        ("GET", "/_localstack", "LocalStack"),
        ("GET", "/moto-api/", "moto's server"),
        ("POST", "/moto-api/reset", "moto's server"),
        ("GET", "/moto-api/data.json", "moto's server"),
    ],
    ids=["localstack-health", "localstack", "moto-dashboard", "moto-reset", "moto-data"],
)
def test_other_emulators_endpoints_are_not_found(
    smsvoice_server: str, method: str, path: str, who: str
) -> None:
    """LocalStack's health and moto's server API are 404 with a sentence naming this server's own
    health and reset, so a tool that probes for them does not take this server for that emulator."""
    answer = raw(
        smsvoice_server,
        f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n".encode(),
    )
    status, headers, body = parse(answer)
    assert status == 404
    assert headers["content-type"] == "application/json"
    assert body["__type"] == "NotFound"
    assert f"is an endpoint of {who}" in body["Message"]
    assert "GET /_smsvoice/health" in body["Message"]


def test_a_path_that_only_starts_like_another_emulators_is_served(smsvoice_server: str) -> None:
    """Only the other emulators' own prefixes are refused: ``GET /moto-apis`` is described as ``/`` is."""
    answer = raw(
        smsvoice_server, b"GET /moto-apis HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    status, _, body = parse(answer)
    assert (status, body["service"]) == (200, "pinpoint-sms-voice-v2")
