"""``--state FILE``: the emulator's state kept across restarts of the server.

The file is JSON: the document ``sms.snapshot()`` answers (docs/seeding.md), with its format number and
who wrote it::

    {"format": 2, "written_by": "smsvoice_mock 0.1.0", "written_at": "...",
     "phone_numbers": [...], ..., "registrations": [...], "sent_messages": [...], "clock": {...}}

It is read back through the seed's validation (``apply_seed``: every entry checked against its shape
and the models' rules, every record member against its declared type), so it is data and nothing
else: nothing in it is executed or names a type. A file that is not JSON, has no format or another
format (1 was a pickle, written by versions before 0.2), or breaks a rule is refused with a
``StateFileError`` that says what to do, and left as it is: the server never starts on an empty state
in its place. Fault and delivery rules are not kept (they belong to the test that added them).

It is written atomically (a temporary file in the same folder, flushed and fsynced, then
``os.replace``), so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState

# The first bytes of a state file of format 1 (a pickle), refused with a sentence of its own.
PICKLED = b"SMSVOICE-MOCK-STATE\n"
_JOURNAL_ID = re.compile("[0-9a-f]{32}")


class StateFileError(Exception):
    """The state file cannot be used; the message names the file and what to do."""


def _version() -> str:
    try:
        return metadata.version("smsvoice-mock")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def dumps(state: MockState, journal_folded: str | None = None) -> bytes:
    """The state file's bytes for ``state`` (taken under the state's lock: no torn resource);
    ``journal_folded`` names the journal whose every entry the state holds."""
    from smsvoice_mock._seed import take_snapshot

    with state.lock:
        document = take_snapshot(state)
    written = {
        "format": document.pop("format"),
        "written_by": f"smsvoice_mock {_version()}",
        "written_at": datetime.now(timezone.utc).isoformat(),
    }
    if journal_folded is not None:
        written["journal_folded"] = journal_folded
    return json.dumps({**written, **document}, separators=(",", ":")).encode()


def save(state: MockState, path: str | os.PathLike[str], journal_folded: str | None = None) -> None:
    """Write ``state`` to ``path`` atomically (``journal_folded``: see ``dumps``).

    The temporary file is created exclusively and never through a symbolic link (``O_EXCL`` and
    ``O_NOFOLLOW``), readable by its owner only: a link planted at its path is refused, not followed.
    """
    target = Path(path)
    data = dumps(state, journal_folded)
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


def _refuse(path: Path, problem: str) -> StateFileError:
    return StateFileError(
        f"{path} {problem}; the server will not start on it (nor overwrite it): "
        "pass another --state path, or move the file away to start empty."
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(data: bytes, path: Path) -> dict[str, Any]:
    """The saved document in ``data``, after checking that it is a state file of this format."""
    from smsvoice_mock._seed import FORMAT

    if data.startswith(PICKLED):
        raise _refuse(
            path,
            "is a state file of format 1 (a pickle, written before smsvoice_mock 0.2); this version "
            f"reads only its JSON format {FORMAT} and never loads a pickle",
        )
    try:
        document = json.loads(data, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict) or "format" not in document:
        raise _refuse(path, "is not a smsvoice_mock state file (a JSON object with a format)")
    if document["format"] != FORMAT:
        raise _refuse(
            path,
            f"has state file format {document['format']!r}, written by "
            f"{document.get('written_by', 'an unknown version')}; this smsvoice_mock reads format {FORMAT}",
        )
    return document


def load(state: MockState, path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Fill ``state`` from ``path`` and answer the document read; ``None`` when there is no file yet
    (the first start)."""
    from smsvoice_mock._seed import apply_seed

    source = Path(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StateFileError(f"{source} is a folder; name a file in it.") from None
    except OSError as exc:
        raise StateFileError(
            f"{source} cannot be read ({exc.strerror}); fix its permissions."
        ) from None
    document = loads(data, source)
    folded = document.get("journal_folded")
    if folded is not None and not (isinstance(folded, str) and _JOURNAL_ID.fullmatch(folded)):
        raise _refuse(source, "names a journal_folded that is not a journal id")
    try:
        apply_seed(state, document)
    except (ValueError, RecursionError) as exc:
        raise _refuse(source, f"does not hold a state this version can load ({exc})") from None
    return document
