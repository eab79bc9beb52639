"""``--state FILE``: the emulator's state kept across restarts of the server.

The file is a header line, a JSON line and a payload::

    SMSVOICE-MOCK-STATE
    {"format": 1, "sha256": "...", "written_by": "smsvoice_mock 0.1.0", "written_at": "..."}
    <pickle of the resources, the message logs and the clock>

It is written atomically (a temporary file in the same folder, flushed and fsynced, then
``os.replace``), so a reader sees the old file or the new one, never half of one. A file without the
header line, with another format number, or whose payload does not match its checksum is refused with
a ``StateFileError`` that says what to do: the server never starts on an empty state in its place.

The payload is a pickle, loaded only after the header and the checksum proved that this package wrote
it; fault rules are not kept (they belong to the test that added them).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState

MAGIC = b"SMSVOICE-MOCK-STATE\n"
FORMAT = 1
_LOGS = ("sent_messages", "inbound_messages", "events", "dry_runs")


class StateFileError(Exception):
    """The state file cannot be used; the message names the file and what to do."""


def _version() -> str:
    try:
        return metadata.version("smsvoice-mock")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def dumps(state: MockState) -> bytes:
    """The state file's bytes for ``state`` (taken under the state's lock: no torn resource)."""
    with state.lock:
        payload = pickle.dumps(
            {
                "options": state.options,
                "sandboxed": state.sandboxed,
                "clock": state.clock,
                "backends": state.backends,
                **{name: list(getattr(state, name)) for name in _LOGS},
            },
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    header = {
        "format": FORMAT,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "written_by": f"smsvoice_mock {_version()}",
        "written_at": datetime.now(timezone.utc).isoformat(),
    }
    return MAGIC + json.dumps(header).encode() + b"\n" + payload


def save(state: MockState, path: str | os.PathLike[str]) -> None:
    """Write ``state`` to ``path`` atomically."""
    target = Path(path)
    data = dumps(state)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)


def _refuse(path: Path, problem: str) -> StateFileError:
    return StateFileError(
        f"{path} {problem}; the server will not start on it (nor overwrite it): "
        "pass another --state path, or move the file away to start empty."
    )


def loads(data: bytes, path: Path) -> dict[str, Any]:
    """The saved state in ``data``, after checking the header, the format and the checksum."""
    if not data.startswith(MAGIC):
        raise _refuse(
            path, "is not a smsvoice_mock state file (it lacks the SMSVOICE-MOCK-STATE header)"
        )
    header_line, newline, payload = data[len(MAGIC) :].partition(b"\n")
    try:
        header = json.loads(header_line) if newline else None
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise _refuse(path, "is a corrupt smsvoice_mock state file (its header line is not JSON)")
    if header.get("format") != FORMAT:
        raise _refuse(
            path,
            f"has state file format {header.get('format')!r}, written by "
            f"{header.get('written_by', 'an unknown version')}; this smsvoice_mock reads format {FORMAT}",
        )
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise _refuse(path, "is a corrupt smsvoice_mock state file (its checksum does not match)")
    try:
        saved = pickle.loads(payload)
    except Exception as exc:
        raise _refuse(
            path, f"was written by {header.get('written_by')} and cannot be read here ({exc!r})"
        ) from None
    return dict(saved)


def load(state: MockState, path: str | os.PathLike[str]) -> bool:
    """Fill ``state`` from ``path``; ``False`` when there is no file yet (the first start)."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StateFileError(
            f"{source} cannot be read ({exc.strerror}); fix its permissions."
        ) from None
    saved = loads(data, source)
    with state.lock:
        state.options = saved["options"]
        state.activations = [state.options]
        state.sandboxed = saved["sandboxed"]
        state.clock = saved["clock"]
        state.backends.clear()
        state.backends.update(saved["backends"])
        for name in _LOGS:
            log = getattr(state, name)
            log._clear()
            for item in saved[name]:
                log._append(item)
    return True
