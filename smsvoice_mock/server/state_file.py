"""``--state FILE``: the emulator's state kept across restarts of the server.

The file is a header line, a JSON line and a payload::

    SMSVOICE-MOCK-STATE
    {"format": 1, "sha256": "...", "written_by": "smsvoice_mock 0.1.0", "written_at": "..."}
    <pickle of the resources, the message logs and the clock>

It is written atomically (a temporary file in the same folder, flushed and fsynced, then
``os.replace``), so a reader sees the old file or the new one, never half of one. A file without the
header line, with another format number, or whose payload does not match its checksum is refused with
a ``StateFileError`` that says what to do: the server never starts on an empty state in its place.

The payload is a pickle, loaded only after the header and the checksum matched, and then only
through an unpickler that builds nothing but this package's own records and a short list of plain
data types (``datetime``, ``Decimal``, ``collections``' containers…): a crafted file whose checksum
matches (the checksum proves integrity, not authorship) cannot name ``os.system`` or any other
callable, and is refused with a ``StateFileError``. A clock saved outside the years the clock allows
is refused too. Fault rules are not kept (they belong to the test that added them).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import io
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
    """Write ``state`` to ``path`` atomically.

    The temporary file is created exclusively and never through a symbolic link (``O_EXCL`` and
    ``O_NOFOLLOW``), readable by its owner only: a link planted at its path is refused, not followed.
    """
    target = Path(path)
    data = dumps(state)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def check_folder(path: str | os.PathLike[str]) -> None:
    """Refuse a ``--state`` path whose folder is missing or unwritable, or that is a folder itself."""
    target = Path(path)
    if target.is_dir():
        raise StateFileError(
            f"--state {target} is a folder; name a file in it (e.g. {target / 'state'})."
        )
    folder = target.parent
    if not folder.is_dir():
        raise StateFileError(
            f"--state {target}: the folder {folder} does not exist; create it or pick another path."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StateFileError(
            f"--state {target}: the folder {folder} is not writable; pick a folder you can write to."
        )


_SAFE_MODULES = ("smsvoice_mock.",)
_SAFE_GLOBALS = frozenset(
    {
        ("datetime", "datetime"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("datetime", "date"),
        ("decimal", "Decimal"),
        ("collections", "OrderedDict"),
        ("collections", "defaultdict"),
        ("collections", "deque"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("builtins", "dict"),
        ("builtins", "list"),
        ("builtins", "tuple"),
        ("builtins", "bytearray"),
        ("builtins", "object"),
        ("copyreg", "_reconstructor"),
        ("threading", "RLock"),
        ("_thread", "RLock"),
    }
)


def _is_record_type(found: Any) -> bool:
    """A dataclass, an enum or the clock: types whose construction runs no code of the file's."""
    from smsvoice_mock.backend import Clock

    return isinstance(found, type) and (
        dataclasses.is_dataclass(found) or issubclass(found, enum.Enum) or found is Clock
    )


class _DataOnly(pickle.Unpickler):
    """Builds only this package's classes and plain data types; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_GLOBALS or (
            module.startswith(_SAFE_MODULES) and not name.startswith("_") and "." not in name
        ):
            found = super().find_class(module, name)
            if module.startswith(_SAFE_MODULES) and not _is_record_type(found):
                raise pickle.UnpicklingError(f"{module}.{name} is not a record type")
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not data this package writes")


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
        saved = _DataOnly(io.BytesIO(payload)).load()
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
    clock: Any = saved.get("clock")
    try:
        clock.now()  # a clock moved out of range (or not a clock) would break every call
    except Exception:
        raise _refuse(source, "has a clock outside the years it can show") from None
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
