"""The HTTP/1.1 layer: a threading TCP server with a lean, bounded request reader and keep-alive.

One thread per connection (``socketserver.ThreadingTCPServer``); each thread reads requests off its
socket with a timeout, hands each one to the application callable and writes the answer in one
``sendall``. The reader is deliberately small (request line, headers, ``Content-Length`` or chunked
body) and bounded everywhere:

- a request line or header line longer than ``MAX_LINE`` bytes, more than ``MAX_HEADERS`` headers, a
  malformed line or length: ``400`` and the connection is closed;
- a body longer than ``MAX_BODY`` bytes: ``413`` and the connection is closed;
- ``Content-Length`` of ASCII digits only; chunk sizes of hexadecimal digits only (no sign, ``0x``
  or ``_``), under the same limit; ``Transfer-Encoding`` other than exactly ``chunked``: ``501``;
  both ``Content-Length`` and ``Transfer-Encoding``: ``400`` (the request-smuggling ambiguity);
- a request not read whole within ``timeout`` seconds of its first byte being awaited (a deadline
  for the whole request, not per read, so a client trickling a byte at a time is dropped too);
- more than ``MAX_CONNECTIONS`` open connections: ``503`` at once, without a thread; more than
  ``MAX_BUFFERED`` bytes of request bodies pending in all connections together: ``503``.

Why not ``http.server``: its header parsing goes through ``email.parser`` and costs more than the
engine's own work on a trivial call; see docs/architecture.md for the measurements.
"""

from __future__ import annotations

import io
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

# The largest request the service's model allows is CreateRegistrationAttachment with a 6,990,508-byte
# AttachmentBody, about 9.3 MB once base64-encoded in JSON: 10 MiB admits it and nothing much bigger.
MAX_BODY = 10 * 1024 * 1024
MAX_LINE = 16 * 1024
MAX_HEADERS = 100
DEFAULT_TIMEOUT = 30.0
MAX_CONNECTIONS = 256
MAX_BUFFERED = 64 * 1024 * 1024
_DIGITS = re.compile(r"[0-9]{1,20}")
_HEX = re.compile(rb"[0-9A-Fa-f]{1,16}")

_REASONS = {
    100: "Continue",
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
}

Answer = tuple[int, dict[str, str], bytes]


class Headers:
    """Request headers; ``get`` looks a name up case-insensitively."""

    __slots__ = ("_by_name",)

    def __init__(self, by_name: dict[str, str]) -> None:
        self._by_name = by_name  # lower-case name -> value

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._by_name.get(name.lower(), default)

    def items(self) -> dict[str, str]:
        """A copy of the headers, by lower-case name."""
        return dict(self._by_name)

    def __repr__(self) -> str:
        return f"Headers({self._by_name!r})"


class HttpRequest:
    """One parsed request: what ``_protocol.answer`` reads (``headers``, ``body``) and the route."""

    __slots__ = ("body", "headers", "method", "path", "query", "url")

    def __init__(self, method: str, target: str, headers: Headers, body: bytes) -> None:
        self.method = method
        path, _, self.query = target.partition("?")
        self.path = unquote(path)
        self.url = target
        self.headers = headers
        self.body = body


class BadRequest(Exception):
    """The bytes on the wire are not an acceptable HTTP request; answer ``status`` and close."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _read_line(rfile: Any) -> bytes:
    line: bytes = rfile.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise BadRequest(400, f"A request or header line is longer than {MAX_LINE} bytes.")
    return line


class Budget:
    """The bytes of request bodies all connections may hold at once (``MAX_BUFFERED``)."""

    def __init__(self, limit: int = MAX_BUFFERED) -> None:
        self.limit = limit
        self.used = 0
        self._lock = threading.Lock()

    def take(self, size: int) -> None:
        with self._lock:
            if self.used + size > self.limit:
                raise BadRequest(
                    503, "The server holds too many pending request bodies; retry in a moment."
                )
            self.used += size

    def give_back(self, size: int) -> None:
        with self._lock:
            self.used -= size


_NO_BUDGET = Budget(limit=sys.maxsize)


def _read_chunked(rfile: Any, budget: Budget, held: list[int]) -> bytes:
    parts: list[bytes] = []
    size_so_far = 0
    while True:
        line = _read_line(rfile)
        size_text = line.split(b";", 1)[0].strip(b" \t\r\n")
        if not _HEX.fullmatch(size_text):
            raise BadRequest(400, "A chunk size is not a hexadecimal number.")
        size = int(size_text, 16)
        if size == 0:
            while _read_line(rfile).strip():  # trailers, up to the blank line
                pass
            return b"".join(parts)
        size_so_far += size
        if size_so_far > MAX_BODY:
            raise BadRequest(413, f"The request body is larger than the {MAX_BODY}-byte limit.")
        budget.take(size)
        held[0] += size
        chunk = rfile.read(size + 2)
        if len(chunk) != size + 2:
            raise ConnectionError("the client closed the connection inside a chunk")
        if chunk[size:] not in (b"\r\n",):
            raise BadRequest(400, "A chunk is not followed by CRLF.")
        parts.append(chunk[:size])


def read_request(
    rfile: Any, wfile: socket.socket, budget: Budget = _NO_BUDGET, held: list[int] | None = None
) -> HttpRequest | None:
    """The next request on the connection, or ``None`` when the client closed it between requests.

    The bytes of its body are taken from ``budget`` and added to ``held[0]``; the caller gives them
    back once the request is answered.
    """
    held = [0] if held is None else held
    line = _read_line(rfile)
    while line in (b"\r\n", b"\n"):  # tolerated blank lines between requests
        line = _read_line(rfile)
    if not line:
        return None
    parts = line.split()
    if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
        raise BadRequest(400, "The request line is not 'METHOD /path HTTP/1.x'.")
    method, target, version = (p.decode("latin-1") for p in parts)
    fields: dict[str, str] = {}
    for _ in range(MAX_HEADERS + 1):
        header = _read_line(rfile)
        if header in (b"\r\n", b"\n"):
            break
        if not header:
            raise ConnectionError("the client closed the connection inside the headers")
        name, colon, value = header.decode("latin-1").partition(":")
        if not colon or not name or name != name.strip():
            raise BadRequest(400, f"The header line {header[:80]!r} is not 'Name: value'.")
        key = name.lower()
        value = value.strip()
        fields[key] = f"{fields[key]}, {value}" if key in fields else value
    else:
        raise BadRequest(400, f"The request has more than {MAX_HEADERS} headers.")
    headers = Headers(fields)
    if version == "HTTP/1.0":
        fields.setdefault("connection", "close")
    encoding = fields.get("transfer-encoding")
    chunked = encoding is not None
    if encoding is not None and encoding.lower() != "chunked":
        raise BadRequest(501, f"Transfer-Encoding {encoding!r} is not supported; send 'chunked'.")
    if chunked and "content-length" in fields:
        raise BadRequest(400, "A request cannot have both Content-Length and Transfer-Encoding.")
    length_text = fields.get("content-length", "0")
    if not chunked and not _DIGITS.fullmatch(length_text):
        raise BadRequest(400, f"Content-Length {length_text!r} is not a number of bytes.")
    length = 0 if chunked else int(length_text)
    if length > MAX_BODY:
        raise BadRequest(413, f"The request body is {length} bytes; the limit is {MAX_BODY} bytes.")
    if length:
        budget.take(length)
        held[0] += length
    if fields.get("expect", "").lower() == "100-continue":
        wfile.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    if chunked:
        body = _read_chunked(rfile, budget, held)
    else:
        body = rfile.read(length) if length else b""
        if len(body) != length:
            raise ConnectionError("the client closed the connection inside the body")
    return HttpRequest(method, target, headers, body)


def encode_answer(status: int, headers: dict[str, str], body: bytes, keep_alive: bool) -> bytes:
    head = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}"]
    head.extend(f"{name}: {value}" for name, value in headers.items())
    if "Content-Length" not in headers:
        head.append(f"Content-Length: {len(body)}")
    if not keep_alive and "Connection" not in headers:
        head.append("Connection: close")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


App = Callable[[HttpRequest], Answer]
Refusal = Callable[[int, str], Answer]


class _Connection(socketserver.BaseRequestHandler):
    server: HttpServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        server = self.server
        sock.settimeout(server.timeout_seconds)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        raw = _DeadlineReader(sock)
        rfile = io.BufferedReader(raw, 65536)
        held = [0]
        try:
            while not server.stopping:
                raw.deadline = time.monotonic() + server.timeout_seconds
                server.budget.give_back(held[0])
                held[0] = 0
                try:
                    request = read_request(rfile, sock, server.budget, held)
                except BadRequest as bad:
                    status, headers, body = server.refuse(bad.status, str(bad))
                    sock.sendall(encode_answer(status, headers, body, keep_alive=False))
                    _linger(sock)
                    return
                if request is None:
                    return
                raw.deadline = None  # the answer may take its time; the next request may not
                try:
                    status, headers, body = server.app(request)
                except Exception:
                    # A bug in the mock: loud in the server's log and a 500 that is no service error.
                    traceback.print_exc(file=sys.stderr)
                    text = b"smsvoice_mock failed on this request (a bug); see the server's log.\n"
                    status, headers, body = 500, {"Content-Type": "text/plain"}, text
                client_closes = (request.headers.get("connection") or "").lower() == "close"
                keep_alive = not client_closes and headers.get("Connection") != "close"
                sock.sendall(encode_answer(status, headers, body, keep_alive))
                if not keep_alive:
                    return
        except (
            OSError
        ):  # timeouts, resets and half-sent requests (ConnectionError): drop the client
            return
        finally:
            server.budget.give_back(held[0])
            rfile.close()


class _DeadlineReader(socket.SocketIO):
    """A socket reader whose every receive waits only for what is left of the request's deadline."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__(sock, "rb")
        self._socket = sock
        self.deadline: float | None = None
        self._timeout = sock.gettimeout()

    def readinto(self, b: Any) -> int | None:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request was not read whole in time")
            self._socket.settimeout(min(left, self._timeout or left))
        return super().readinto(b)


def _linger(sock: socket.socket) -> None:
    """Let a refused client read the answer before the close (unread input would reset it)."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(1.0)
        for _ in range(64):
            if not sock.recv(65536):
                break
    except OSError:
        pass


class HttpServer(socketserver.ThreadingTCPServer):
    """A threading TCP server that answers HTTP/1.1 requests with ``app``."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        app: App,
        refuse: Refusal,
        *,
        timeout_seconds: float = DEFAULT_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
        max_buffered: int = MAX_BUFFERED,
    ) -> None:
        self.app = app
        self.refuse = refuse
        self.timeout_seconds = timeout_seconds
        self.stopping = False
        self.budget = Budget(max_buffered)
        self.max_connections = max_connections
        self.open_connections = 0
        self._count_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Connection)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._count_lock:
            full = self.open_connections >= self.max_connections
            if not full:
                self.open_connections += 1
        if full:  # answered here, without a thread
            status, headers, body = self.refuse(
                503, f"The server has {self.max_connections} open connections; retry in a moment."
            )
            try:
                request.settimeout(1.0)
                request.sendall(encode_answer(status, headers, body, keep_alive=False))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._closed_one()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._closed_one()

    def _closed_one(self) -> None:
        with self._count_lock:
            self.open_connections -= 1

    def handle_error(self, request: Any, client_address: Any) -> None:  # pragma: no cover
        traceback.print_exc(file=sys.stderr)
