"""Load the server with N concurrent keep-alive clients on loopback, beside moto's server, and print.

Both servers run as subprocesses on 127.0.0.1 and answer a trivial JSON 1.0 call: ours
``PinpointSMSVoiceV2.DescribeAccountAttributes``, moto's ``DynamoDB_20120810.ListTables`` (moto does
not emulate this service; ListTables is its equivalent trivial JSON 1.0 call). Each client is a
thread with one keep-alive connection that sends a prepared request and reads the answer; every
answer must be a 200 (no error). Then the same clients send ``SendTextMessage`` calls to our server
for a while and the control API must list exactly as many sent messages as calls were answered 200
(nothing lost, nothing duplicated).

    python benchmarks/bench_server.py                 # 8 clients, 5 s per run
    python benchmarks/bench_server.py --clients 1 8 16 --seconds 3
    python benchmarks/bench_server.py --no-moto       # ours only

Beside them, the floor of any Python HTTP server: a trivial ``http.server`` (threading, keep-alive)
that answers every request with the same canned JSON. For each server the CPU time its process spent
per call (user + system, from ``/proc``) is printed, and ours against the trivial one's.

Target (issue 9): at 8 clients, at least 6x moto's throughput and a p99 under 10 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from typing import Any

HOST = "127.0.0.1"
AUTH = (
    "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/{service}/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64
)


def _request(port: int, target: str, service: str, body: dict[str, Any]) -> bytes:
    payload = json.dumps(body).encode()
    head = (
        f"POST / HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: {target}\r\n"
        f"X-Amz-Date: 20260101T000000Z\r\nAuthorization: {AUTH.format(service=service)}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


class _Client:
    """One keep-alive connection: send a prepared request, read one answer (Content-Length framed).

    A server that answers ``Connection: close`` (moto's does) gets a new connection for the next call.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock = self._connect()
        self.buffer = b""
        self.closed = False

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((HOST, self.port), timeout=10)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def call(self, request: bytes) -> tuple[int, bytes]:
        if self.closed:
            self.sock.close()
            self.sock, self.buffer, self.closed = self._connect(), b"", False
        self.sock.sendall(request)
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                self.closed = True
        while len(rest) < length:
            self.buffer = rest
            self._fill()
            rest = self.buffer
        self.buffer = rest[length:]
        return status, rest[:length]

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("the server closed the connection")
        self.buffer += data

    def close(self) -> None:
        self.sock.close()


def load(port: int, requests: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` threads call in a loop for ``seconds``; every latency and status is kept."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    ok = [0] * clients
    warm = [0] * clients
    start_line = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker(index: int) -> None:
        client = _Client(port)
        mine = latencies[index]
        warm[index] = int(client.call(requests[0])[0] == 200)  # the first call may load the models
        start_line.wait()
        i = 0
        try:
            while time.perf_counter() < deadline[0]:
                request = requests[i % len(requests)]
                i += 1
                began = time.perf_counter()
                status, body = client.call(request)
                mine.append(time.perf_counter() - began)
                if status == 200:
                    ok[index] += 1
                else:
                    errors.append(f"{status} {body[:200]!r}")
        except OSError as exc:
            errors.append(repr(exc))
        finally:
            client.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start_line.wait()
    for thread in threads:
        thread.join(seconds + 30)
    elapsed = time.perf_counter() - began
    every = sorted(x for per in latencies for x in per)
    count = len(every)
    return {
        "calls": count,
        "ok": sum(ok),
        "warm_up_ok": sum(warm),
        "errors": errors,
        "throughput": count / elapsed,
        "p50_ms": statistics.median(every) * 1e3 if every else float("nan"),
        "p99_ms": every[min(count - 1, int(count * 0.99))] * 1e3 if every else float("nan"),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _wait_until_up(port: int, proc: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode} before it answered.")
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start listening on {HOST}:{port} within 60 s.")


def start_ours(*options: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "smsvoice_mock",
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            *options,
        ],
        stdout=subprocess.DEVNULL,
    )
    _wait_until_up(port, proc, "python -m smsvoice_mock serve")
    return proc, port


def start_moto() -> tuple[subprocess.Popen[bytes], int] | None:
    executable = shutil.which("moto_server") or os.path.join(
        os.path.dirname(sys.executable), "moto_server"
    )
    if not os.path.exists(executable):
        print("moto_server not found (pip install 'moto[server]'): moto's column is skipped.")
        return None
    port = _free_port()
    proc = subprocess.Popen(
        [executable, "-H", HOST, "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_until_up(port, proc, "moto_server")
    return proc, port


# The trivial server: Python's http.server, threading, HTTP/1.1 keep-alive, one canned answer.
_TRIVIAL = """
import http.server, sys
BODY = b'{"AccountAttributes":[]}'
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # one write per answer (headers and body), flushed after each request
    disable_nagle_algorithm = True
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer.daemon_threads = True
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


def start_trivial() -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", _TRIVIAL, str(port)])
    _wait_until_up(port, proc, "the trivial http.server")
    return proc, port


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process ``pid`` so far (Linux ``/proc``; ``None`` elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(
    proc: subprocess.Popen[bytes], port: int, requests: list[bytes], clients: int, seconds: float
) -> dict[str, Any]:
    """``load``, with the server process's CPU time per call."""
    before = cpu_seconds(proc.pid)
    result = load(port, requests, clients, seconds)
    after = cpu_seconds(proc.pid)
    calls = result["calls"] + clients  # and each client's warm-up call
    result["cpu_us"] = (
        (after - before) / calls * 1e6
        if before is not None and after is not None and calls
        else None
    )
    return result


def _row(name: str, clients: int, result: dict[str, Any]) -> str:
    cpu = result.get("cpu_us")
    return (
        f"{name:<14} {clients:>7} {result['calls']:>8} {len(result['errors']):>6} "
        f"{result['throughput']:>10.0f} {result['p50_ms']:>8.2f} {result['p99_ms']:>8.2f} "
        f"{'' if cpu is None else f'{cpu:.0f}':>10}"
    )


def nothing_lost(port: int, clients: int, seconds: float) -> str:
    """Concurrent SendTextMessage calls; the control API must list exactly the answered ones."""
    base = f"http://{HOST}:{port}"
    urllib.request.urlopen(
        urllib.request.Request(
            f"{base}/_smsvoice/reset", method="POST", headers={"Content-Type": "application/json"}
        )
    )
    number_request = _request(
        port,
        "PinpointSMSVoiceV2.RequestPhoneNumber",
        "sms-voice",
        {
            "IsoCountryCode": "US",
            "MessageType": "TRANSACTIONAL",
            "NumberCapabilities": ["SMS"],
            "NumberType": "SIMULATOR",
        },
    )
    client = _Client(port)
    status, body = client.call(number_request)
    client.close()
    assert status == 200, body
    number = json.loads(body)["PhoneNumber"]
    send = _request(
        port,
        "PinpointSMSVoiceV2.SendTextMessage",
        "sms-voice",
        {
            "DestinationPhoneNumber": "+14254147755",
            "OriginationIdentity": number,
            "MessageBody": "hi",
        },
    )
    result = load(port, [send], clients, seconds)
    with urllib.request.urlopen(f"{base}/_smsvoice/sent-messages") as answer:
        sent = json.load(answer)["SentMessages"]
    ids = {message["message_id"] for message in sent}
    answered = result["ok"] + result["warm_up_ok"]
    verdict = "nothing lost" if len(sent) == len(ids) == answered else "MISMATCH"
    return (
        f"SendTextMessage x {clients} clients, {seconds:g} s: {answered} answered 200, "
        f"{len(result['errors'])} errors, {len(sent)} recorded ({len(ids)} distinct ids): {verdict}; "
        f"{result['throughput']:.0f} calls/s, p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[8])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--no-moto", action="store_true")
    args = parser.parse_args()
    seconds = min(args.seconds, 60.0)  # bounded: a typo cannot load the machine for an hour
    args.clients = [max(1, min(n, 64)) for n in args.clients]
    ours, our_port = start_ours()
    trivial, trivial_port = start_trivial()
    moto = None if args.no_moto else start_moto()
    try:
        our_call = [
            _request(our_port, "PinpointSMSVoiceV2.DescribeAccountAttributes", "sms-voice", {})
        ]
        print(
            f"{'server':<14} {'clients':>7} {'calls':>8} {'errors':>6} {'calls/s':>10} "
            f"{'p50 ms':>8} {'p99 ms':>8} {'CPU µs/call':>10}"
        )
        for clients in args.clients:
            mine = measured(ours, our_port, our_call, clients, seconds)
            print(_row("smsvoice_mock", clients, mine), flush=True)
            floor = measured(trivial, trivial_port, our_call, clients, seconds)
            print(_row("http.server", clients, floor), flush=True)
            if mine["cpu_us"] and floor["cpu_us"]:
                print(
                    f"{'':<14} {clients:>7} CPU per call: smsvoice_mock / trivial http.server = "
                    f"{mine['cpu_us'] / floor['cpu_us']:.2f} (its floor is "
                    f"{floor['cpu_us'] / mine['cpu_us']:.2f} of ours)"
                )
            if moto is not None:
                moto_call = [_request(moto[1], "DynamoDB_20120810.ListTables", "dynamodb", {})]
                theirs = measured(moto[0], moto[1], moto_call, clients, seconds)
                print(_row("moto_server", clients, theirs), flush=True)
                if theirs["throughput"]:
                    print(
                        f"{'':<14} {clients:>7} ratio "
                        f"{mine['throughput'] / theirs['throughput']:.1f}x"
                    )
                if theirs["errors"]:
                    print("moto_server errors:", theirs["errors"][:3])
            if mine["errors"]:
                print("smsvoice_mock errors:", mine["errors"][:3])
        print("without --state:", nothing_lost(our_port, max(args.clients), seconds), flush=True)
        with tempfile.TemporaryDirectory() as folder:
            durable, durable_port = start_ours("--state", os.path.join(folder, "state"))
            try:
                print(
                    "with --state (journaled, fsync per change):",
                    nothing_lost(durable_port, max(args.clients), seconds),
                )
            finally:
                durable.terminate()
                durable.wait(60)
    finally:
        for proc in (ours, trivial, moto[0] if moto else None):
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
