"""``--state FILE``'s journal: nothing the server acknowledged is lost, even to ``kill -9``.

The state file holds the state as of the last fold; ``FILE.journal`` holds, one JSON line each, every
request since then that may have changed the state: its method, target, headers and body, and its
*tape*, the chance values the engine drew while answering it (ids, the time, random digits; see
``backend.Tape``). The line is written and ``fsync``-ed before the answer is sent, so an answered
request is on disk. At start the server loads the state file, then replays the journal's requests in
order through the same routing, each fed its own tape, which makes exactly the state that was
answered: the same ids, timestamps and numbers.

The journal is folded into the state file (the state saved, then the journal emptied) on a clean stop
and whenever it grows past ``FOLD_BYTES``. Each journal file opens with a line naming its random id,
and the state saved by a fold names the journal it holds (``journal_folded``): a server killed
between the save and the emptying finds that id on its journal at the next start and replays none of
it, instead of applying its requests twice. A last line cut short by a kill mid-write was never
answered and is dropped. The journal is data, like the state file: JSON of strings and numbers, every
value checked before use, and replayed requests are validated as any request is.

Why requests and not their results: a request's line is small and the same for every operation, the
control API's included, while the changes a request makes reach across resources, logs and spend.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from smsvoice_mock.backend import TAPE
from smsvoice_mock.server._http import Answer, Headers, HttpRequest
from smsvoice_mock.server.state_file import StateFileError

FOLD_BYTES = 8 * 1024 * 1024
_ID = re.compile("[0-9a-f]{32}")
_READS = ("Describe", "List", "Get")
_TARGET_PREFIX = "PinpointSMSVoiceV2."
# Control endpoints that set how the server delivers, kept neither in the state file nor here.
_SETTINGS = frozenset({"/_smsvoice/sns-http"})


def changes_state(request: HttpRequest) -> bool:
    """Whether ``request`` may change the state (and so goes into the journal)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.path.rstrip("/") in _SETTINGS:  # the server's settings, not its state
        return False
    target = request.headers.get("x-amz-target") or ""
    operation = target[len(_TARGET_PREFIX) :] if target.startswith(_TARGET_PREFIX) else ""
    return not operation.startswith(_READS)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    raise TypeError(f"a tape holds ids, times and numbers, not {type(value).__name__}")


def _decode(value: Any) -> Any:
    if (
        isinstance(value, dict)
        and set(value) == {"datetime"}
        and isinstance(value["datetime"], str)
    ):
        moment = datetime.fromisoformat(value["datetime"])
        if moment.tzinfo is None:
            raise ValueError("a time on the tape has no time zone")
        return moment
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} is not a tape value")


class Journal:
    """The journal beside the state file ``state_path``."""

    def __init__(self, state_path: str | os.PathLike[str]) -> None:
        self.state_path = Path(state_path)
        self.path = self.state_path.with_name(f"{self.state_path.name}.journal")
        self._fd: int | None = None
        self.size = 0
        # The id on the journal file's first line: read by ``entries``, made by ``_open`` for a new
        # file (os.urandom, not the engine's taped chance: it is no part of the state).
        self.id: str | None = None

    # -- writing ---------------------------------------------------------------------------------

    def _open(self) -> int:
        """The journal file, created with its id line on the first write since the last fold (the
        server folds any journal it finds at start, so there is never one to append to)."""
        if self._fd is None:
            flags = (
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
            )
            self._fd = os.open(self.path, flags, 0o600)
            self.id = os.urandom(16).hex()
            header = json.dumps({"journal": self.id}).encode() + b"\n"
            os.write(self._fd, header)
            self.size = len(header)
        return self._fd

    def record(self, request: HttpRequest, route: Callable[[HttpRequest], Answer]) -> Answer:
        """Answer ``request`` with ``route`` while taping it, then make the entry durable."""
        TAPE.values, TAPE.playing = [], False
        try:
            answer = route(request)
            tape = TAPE.values
        finally:
            TAPE.values = None
        entry = {
            "method": request.method,
            "target": request.url,
            "headers": request.headers.items(),
            "body": request.body.decode("latin-1"),
            "tape": [_encode(value) for value in tape],
        }
        line = json.dumps(entry, separators=(",", ":")).encode() + b"\n"
        fd = self._open()
        os.write(fd, line)
        os.fsync(fd)
        self.size += len(line)
        return answer

    def clear(self) -> None:
        """Empty the journal (after its requests were folded into the state file)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        self.size = 0
        self.id = None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- replaying -------------------------------------------------------------------------------

    def entries(self) -> Iterator[tuple[HttpRequest, list[Any]]]:
        """The journal's requests and tapes, in order; a last line cut short is dropped."""
        if self.path.is_symlink():
            raise StateFileError(f"{self.path} is a symbolic link; the server will not read it.")
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StateFileError(f"{self.path} cannot be read ({exc.strerror}).") from None
        lines = data.split(b"\n")
        for number, line in enumerate(lines, 1):
            if not line:
                continue
            try:
                entry = json.loads(line)
                if number == 1 and isinstance(entry, dict) and set(entry) == {"journal"}:
                    journal_id = entry["journal"]
                    if not (isinstance(journal_id, str) and _ID.fullmatch(journal_id)):
                        raise ValueError("not a journal id")
                    self.id = journal_id
                    continue
                yield self._request(entry), [_decode(v) for v in entry["tape"]]
            except (ValueError, KeyError, TypeError, RecursionError):
                if number == len(lines):  # written in part when the server was killed: unanswered
                    return
                raise StateFileError(
                    f"{self.path} line {number} is not a journal entry; the server will not start "
                    "on it: move the file away to start from the state file alone."
                ) from None

    @staticmethod
    def _request(entry: dict[str, Any]) -> HttpRequest:
        method, target, headers, body = (
            entry["method"],
            entry["target"],
            entry["headers"],
            entry["body"],
        )
        if not (isinstance(method, str) and isinstance(target, str) and isinstance(body, str)):
            raise TypeError("not an entry")
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise TypeError("not an entry")
        return HttpRequest(method, target, Headers(headers), body.encode("latin-1"))

    def replay(self, route: Callable[[HttpRequest], Answer], folded: str | None = None) -> int:
        """Replay every entry through ``route`` with its tape; the number replayed. A journal whose
        id is ``folded`` (the state file holds all of it) is emptied, not replayed."""
        count = 0
        for request, tape in self.entries():
            if folded is not None and self.id == folded:
                self.clear()
                return 0
            TAPE.values, TAPE.playing = tape, True
            try:
                route(request)
            finally:
                TAPE.values, TAPE.playing = None, False
            count += 1
        return count
