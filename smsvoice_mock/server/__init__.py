"""The HTTP door onto the engine: ``python -m smsvoice_mock serve``.

Requests of the service (``POST /`` with ``X-Amz-Target: PinpointSMSVoiceV2.*``, JSON 1.0) go to
``_protocol.answer``, the very function the in-process hook uses; the account and region come from the
SigV4 credential scope (the account from a 12-digit access key id, as LocalStack does), signatures are
accepted and never checked. Requests under ``/_smsvoice/`` go to the control API
(``smsvoice_mock.server.control``), which calls the in-process handle's own methods; the web inbox
(``smsvoice_mock.server.web``) is served at ``/_smsvoice/ui``, and at ``/`` to a browser.

    server = SmsVoiceServer(port=0).start()   # a thread; server.url is http://127.0.0.1:PORT
    ...
    server.stop()
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterable
from types import FrameType
from typing import Any, TextIO

from smsvoice_mock._mock import SmsVoiceMock
from smsvoice_mock._protocol import CONTENT_TYPE, answer, encode_error
from smsvoice_mock._sns_http import parse_mapping
from smsvoice_mock._state import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    MockState,
    Options,
    is_account_id,
)
from smsvoice_mock.backend import is_region_name, new_uuid
from smsvoice_mock.errors import ValidationException
from smsvoice_mock.server import control, journal, state_file, web
from smsvoice_mock.server._guard import Guard, forbidden
from smsvoice_mock.server._http import (
    MAX_BODY,
    Answer,
    HttpRequest,
    HttpServer,
)
from smsvoice_mock.server.state_file import StateFileError

__all__ = ["MAX_BODY", "SmsVoiceServer", "StateFileError", "credential_scope", "serve"]

# The content types a JSON 1.0 client may send (botocore, the AWS CLI and the JS SDK send the first).
_JSON_TYPES = frozenset({CONTENT_TYPE, "application/x-amz-json-1.1", "application/json"})
_SCOPE = re.compile(r"Credential=([^/,\s]+)/[^/]*/([^/]+)/")


def credential_scope(authorization: str | None) -> tuple[str | None, str | None]:
    """``(account_id, region)`` of a SigV4 ``Authorization`` header; ``None`` for what it lacks.

    The account is the access key id when that is 12 digits (LocalStack's convention).
    """
    if not authorization:
        return None, None
    found = _SCOPE.search(authorization)
    if found is None:
        return None, None
    key, region = found.groups()
    return (key if is_account_id(key) else None), region


def service_error(status: int, error: ValidationException) -> Answer:
    """The service's own error answer for a request refused at the door."""
    _, headers, body = encode_error(new_uuid(), error)
    return status, headers, body


# Other emulators' own endpoints: LocalStack's health (``/_localstack/health``, what its tooling and
# testcontainers poll) and moto's server API (``/moto-api/reset``, ...). They are answered 404, so a tool
# that probes for them learns this is not that emulator, instead of taking the server's description
# (the answer to any other GET) for a healthy LocalStack or a moto reset.
_OTHER_EMULATORS = {"/_localstack": "LocalStack", "/moto-api": "moto's server"}


def other_emulator(path: str) -> Answer | None:
    """The 404 of a path that belongs to another emulator's own API, else ``None``."""
    for prefix, name in _OTHER_EMULATORS.items():
        if path == prefix or path.startswith(prefix + "/"):
            return control.json_answer(
                404,
                {
                    "__type": "NotFound",
                    "Message": f"{path[:200]} is an endpoint of {name}; this is smsvoice_mock, "
                    f"whose health is GET {control.PREFIX}health and whose control API is under "
                    f"{control.PREFIX} (POST {control.PREFIX}reset resets it).",
                },
            )
    return None


_SHUTTING_DOWN: Answer = (
    503,
    {"Content-Type": CONTENT_TYPE, "Connection": "close"},
    b'{"__type":"ServiceUnavailableException","Message":"The server is shutting down."}',
)


def _refusal(status: int, message: str) -> Answer:
    if status == 503:
        body = json.dumps({"__type": "ServiceUnavailableException", "Message": message}).encode()
        return 503, {"Content-Type": CONTENT_TYPE, "Connection": "close", "Retry-After": "1"}, body
    reason = "MAXIMUM_SIZE_EXCEEDED" if status == 413 else "CANNOT_PARSE"
    return service_error(status, ValidationException(message, reason=reason))


_POLL_SECONDS = 0.02


class SmsVoiceServer:
    """The emulator behind an HTTP server; ``state`` is the same ``MockState`` the handle drives."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 4566,
        *,
        state: MockState | None = None,
        state_path: str | os.PathLike[str] | None = None,
        sandbox: bool = False,
        timeout_seconds: float = 30.0,
        allow_hosts: Iterable[str] = (),
        cors_origins: Iterable[str] = (),
        sns_http: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.state = state or MockState(
            Options(account_id=DEFAULT_ACCOUNT_ID, region=DEFAULT_REGION, sandbox=sandbox)
        )
        self.state_path = state_path
        if state_path is not None:
            state_file.check_folder(state_path)
        # The saved document when the state came from the state file (a restart), not empty.
        saved = state_file.load(self.state, state_path) if state_path is not None else None
        self.restored = saved is not None
        self.journal = journal.Journal(state_path) if state_path is not None else None
        # A handle bound to this state (never the process's active mock) for the control API.
        self.mock = SmsVoiceMock()
        self.mock._options = self.state.options
        self.mock._state = self.state
        if self.journal is not None:
            folded = saved.get("journal_folded") if saved is not None else None
            if self.journal.replay(self._route, folded):
                self.restored = True
            if self.journal.path.exists():  # fold it now: every later write starts a new journal
                self._fold(self.journal)
        self.guard = Guard(host, allow_hosts, cors_origins)
        for topic_arn, url in sns_http:  # --sns-http TOPIC_ARN=URL; ValueError names a bad one
            self.state.sns_http.subscribe(topic_arn, url)
        self._http = HttpServer((host, port), self.app, _refusal, timeout_seconds=timeout_seconds)
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def url(self) -> str:
        host, port = self._http.socket.getsockname()[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}"

    def app(self, request: HttpRequest) -> Answer:
        """Route one request: the control API under ``/_smsvoice/``, the service everywhere else.

        Under the state's lock (re-entered by the engine): once ``stop`` has taken the lock to save the
        state, later requests are refused with a 503 instead of changing what was saved.
        """
        refusal = self.guard.refusal(request)
        if refusal is not None:
            return forbidden(refusal)
        cors = self.guard.cors_headers(request)
        if request.method == "OPTIONS" and cors:
            return 204, cors, b""
        wait = control.wait_seconds(request)
        if wait:  # a long-poll of a log: answer once a record matches, or when the wait is over
            deadline = time.monotonic() + wait
            while True:
                status, headers, body = self._answer(request)
                if status != 200 or not control.found_nothing(body) or time.monotonic() >= deadline:
                    break
                time.sleep(_POLL_SECONDS)  # outside the lock: the calls it waits for go on
        else:
            status, headers, body = self._answer(request)
        if cors:
            headers = {**headers, **cors}
        return status, headers, body

    def _answer(self, request: HttpRequest) -> Answer:
        with self.state.lock:
            if self._http.stopping:
                return _SHUTTING_DOWN
            if self.journal is not None and journal.changes_state(request):
                status, headers, body = self.journal.record(request, self._route)
                if self.journal.size > journal.FOLD_BYTES:
                    self._fold(self.journal)
            else:
                status, headers, body = self._route(request)
        return status, headers, body

    def _fold(self, log: journal.Journal) -> None:
        """Save the state, naming the journal it now holds, then empty the journal: a kill between
        the two leaves a journal the next start recognises as folded and does not replay."""
        state_file.save(self.state, log.state_path, journal_folded=log.id)
        log.clear()

    def _route(self, request: HttpRequest) -> Answer:
        if request.path.startswith(control.PREFIX):
            return control.control(self.mock, request)
        elsewhere = other_emulator(request.path)
        if elsewhere is not None:
            return elsewhere
        if request.method != "POST":
            if request.method != "GET":
                return control.control(self.mock, request)
            if web.wants_page(request.headers.get("accept")):
                return web.asset(web.UI_PATH) or self._about()
            return self._about()
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type not in _JSON_TYPES:
            return service_error(
                400,
                ValidationException(
                    f"The Content-Type {content_type or '(none)'!r} is not JSON 1.0; "
                    f"send {CONTENT_TYPE}.",
                    reason="CANNOT_PARSE",
                ),
            )
        account_id, region = credential_scope(request.headers.get("authorization"))
        if region is not None and not is_region_name(region):
            return service_error(
                400,
                ValidationException(
                    f"The region {region[:64]!r} of the request's credential scope is not one of "
                    "the service's (botocore's partition data names them, e.g. us-east-1).",
                    reason="INVALID_PARAMETER",
                ),
            )
        return answer(self.state, request, region or self.state.region, account_id)

    def _about(self) -> Answer:
        return control.json_answer(
            200,
            {
                "service": "pinpoint-sms-voice-v2",
                "protocol": "POST / with X-Amz-Target: PinpointSMSVoiceV2.<Operation>",
                "control": "/_smsvoice/ (see docs/server.md)",
                "inbox": f"{web.UI_PATH} (the web inbox; also at / in a browser)",
            },
        )

    # -- running --------------------------------------------------------------------------

    def serve_forever(self) -> None:
        self._http.serve_forever(poll_interval=0.2)

    def start(self) -> SmsVoiceServer:
        """Serve on a daemon thread and return at once."""
        if self._thread is not None or self._closed:
            raise RuntimeError(
                "This SmsVoiceServer was started already; create a new SmsVoiceServer to serve again."
            )
        self._thread = threading.Thread(
            target=self.serve_forever, name="smsvoice_mock server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and, with a state file, save the state (idempotent)."""
        if self._closed:
            return
        self._closed = True
        with self.state.lock:  # no request runs from here on: the saved state is the final one
            self._http.stopping = True
            if self.journal is not None:
                self._fold(self.journal)
        if self._thread is not None:
            self._http.shutdown()
            self._thread.join()
        self._http.server_close()
        self.state.sns_http.close()  # after the notifications already queued went out

    def __enter__(self) -> SmsVoiceServer:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()


def serve(
    host: str = "127.0.0.1",
    port: int = 4566,
    *,
    state_path: str | None = None,
    seed_path: str | None = None,
    sandbox: bool = False,
    allow_hosts: Iterable[str] = (),
    cors_origins: Iterable[str] = (),
    sns_http: Iterable[str] = (),
    out: TextIO = sys.stdout,
) -> int:
    """Serve until SIGTERM or Ctrl-C (SIGINT); save the state file (if any) on the way out.

    ``seed_path`` (a JSON or YAML seed, docs/seeding.md) fills an empty state; a state restored
    from the state file is kept as it is. Returns the exit code: 0, or 2 when the state file or the
    seed is refused or the address is unusable. ``sns_http`` holds ``TOPIC_ARN=URL`` mappings
    (``--sns-http``): a malformed one is exit code 2 too.
    """
    try:
        mappings = [parse_mapping(text) for text in sns_http]
    except ValueError as exc:
        print(f"smsvoice_mock: {exc}", file=sys.stderr)
        return 2
    try:
        server = SmsVoiceServer(
            host,
            port,
            state_path=state_path,
            sandbox=sandbox,
            allow_hosts=allow_hosts,
            cors_origins=cors_origins,
            sns_http=mappings,
        )
    except StateFileError as exc:
        print(f"smsvoice_mock: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"smsvoice_mock: cannot listen on {host}:{port} ({exc.strerror}); "
            "pick another --port (0: any free port) or --host.",
            file=sys.stderr,
        )
        return 2
    if seed_path is not None and not server.restored:
        try:
            server.mock.seed(seed_path)
        except Exception as exc:  # a seed file is the user's: any failure to read it is a sentence
            server.stop()
            print(f"smsvoice_mock: the seed {seed_path} is refused: {exc}", file=sys.stderr)
            return 2

    def request_stop(signum: int, frame: FrameType | None) -> None:
        # Raising here could land inside socketserver's own exception handling and be swallowed;
        # ask the serving loop to end instead (shutdown() waits for it, hence the thread).
        threading.Thread(target=server._http.shutdown, daemon=True).start()

    handled = (signal.SIGTERM, signal.SIGINT)
    previous = {signum: signal.signal(signum, request_stop) for signum in handled}
    print(f"smsvoice_mock serving pinpoint-sms-voice-v2 on {server.url}", file=out, flush=True)
    try:
        server.serve_forever()
    finally:
        for signum in handled:  # a second signal does not cut the save short
            signal.signal(signum, signal.SIG_IGN)
        server.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
