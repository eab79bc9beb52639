"""The HTTP/1.1 layer: a threading TCP server with a lean, bounded request reader and keep-alive.

One thread per connection (``socketserver.ThreadingTCPServer``); each thread reads requests off its
socket with a timeout, hands each one to the application callable and writes the answer in one
``sendall``. The reader is deliberately small (request line, headers, ``Content-Length`` or chunked
body) and bounded everywhere:

- a request line or header line longer than ``MAX_LINE`` bytes, more than ``MAX_HEADERS`` headers, a
  malformed line or length: ``400`` and the connection is closed;
- a body longer than ``MAX_BODY`` bytes: ``413`` and the connection is closed;
- a client silent for ``timeout`` seconds (slow, stalled or gone): the connection is dropped.

Why not ``http.server``: its header parsing goes through ``email.parser`` and costs more than the
engine's own work on a trivial call; see docs/architecture.md for the measurements.
"""

from __future__ import annotations

import socket
import socketserver
import sys
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

_REASONS = {
    100: "Continue",
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
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


def _read_chunked(rfile: Any) -> bytes:
    parts: list[bytes] = []
    size_so_far = 0
    while True:
        line = _read_line(rfile)
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise BadRequest(400, "A chunk size is not a hexadecimal number.") from None
        if size == 0:
            while _read_line(rfile).strip():  # trailers, up to the blank line
                pass
            return b"".join(parts)
        size_so_far += size
        if size_so_far > MAX_BODY:
            raise BadRequest(413, f"The request body is larger than the {MAX_BODY}-byte limit.")
        chunk = rfile.read(size + 2)
        if len(chunk) != size + 2:
            raise ConnectionError("the client closed the connection inside a chunk")
        parts.append(chunk[:size])


def read_request(rfile: Any, wfile: socket.socket) -> HttpRequest | None:
    """The next request on the connection, or ``None`` when the client closed it between requests."""
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
    chunked = "chunked" in fields.get("transfer-encoding", "").lower()
    length_text = fields.get("content-length", "0")
    if not chunked and not length_text.isdigit():
        raise BadRequest(400, f"Content-Length {length_text!r} is not a number of bytes.")
    length = 0 if chunked else int(length_text)
    if length > MAX_BODY:
        raise BadRequest(413, f"The request body is {length} bytes; the limit is {MAX_BODY} bytes.")
    if fields.get("expect", "").lower() == "100-continue":
        wfile.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    if chunked:
        body = _read_chunked(rfile)
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
        rfile = sock.makefile("rb", 65536)
        try:
            while not server.stopping:
                try:
                    request = read_request(rfile, sock)
                except BadRequest as bad:
                    status, headers, body = server.refuse(bad.status, str(bad))
                    sock.sendall(encode_answer(status, headers, body, keep_alive=False))
                    _linger(sock)
                    return
                if request is None:
                    return
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
            rfile.close()


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
    ) -> None:
        self.app = app
        self.refuse = refuse
        self.timeout_seconds = timeout_seconds
        self.stopping = False
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Connection)

    def handle_error(self, request: Any, client_address: Any) -> None:  # pragma: no cover
        traceback.print_exc(file=sys.stderr)
