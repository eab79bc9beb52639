"""The pieces of the shared ``smsvoice_server`` for pytest-xdist workers, in this process: two
workers' ``SharedServer`` in one folder share one server, the last to leave stops it, a held lock is
explained, and each worker's account is its own."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from smsvoice_mock.server import pytest_plugin
from smsvoice_mock.server.pytest_plugin import SharedServer, account_for, worker_id
from tests.server.conftest import control


def test_two_workers_share_one_server_and_the_last_stops_it(tmp_path: Path) -> None:
    """The first ``join`` starts the server and writes its URL; the second finds it (two users);
    the first ``leave`` keeps it serving, the last stops it and removes the file."""
    first, second = SharedServer(tmp_path), SharedServer(tmp_path)
    url = first.join()
    assert second.join() == url
    info = json.loads((tmp_path / "smsvoice_server.json").read_text())
    assert (info["url"], info["users"]) == (url, 2)
    assert control(url, "GET", "health")[0] == 200
    first.leave()
    assert json.loads((tmp_path / "smsvoice_server.json").read_text())["users"] == 1
    assert control(url, "GET", "health")[0] == 200
    second.leave()
    assert not (tmp_path / "smsvoice_server.json").exists()
    assert not (tmp_path / "smsvoice_server.lock").exists()
    assert not pytest_plugin._listening(url)


def test_a_dead_servers_file_is_replaced(tmp_path: Path) -> None:
    """A file left by a run whose server is gone (a killed run) does not stop the next one: its
    pid is not alive, so a new server is started; a file that is not JSON counts as none."""
    (tmp_path / "smsvoice_server.json").write_text("not json")
    shared = SharedServer(tmp_path)
    assert shared._read() is None
    (tmp_path / "smsvoice_server.json").write_text(
        json.dumps({"url": "http://127.0.0.1:9", "pid": 2**22 + 12345, "users": 3})
    )
    url = shared.join()
    try:
        assert url != "http://127.0.0.1:9"
        assert json.loads((tmp_path / "smsvoice_server.json").read_text())["users"] == 1
    finally:
        shared.leave()


def test_a_lock_held_too_long_is_explained(tmp_path: Path) -> None:
    """A lock file no worker releases is a RuntimeError saying to delete it."""
    (tmp_path / "smsvoice_server.lock").write_text(str(os.getpid()))
    with pytest.raises(RuntimeError, match="delete it and run the suite again"):
        SharedServer(tmp_path, timeout=0.1).join()


def test_each_worker_has_its_own_account() -> None:
    """``gwNN`` gets ``1000000000NN``; outside xdist the server's default account."""
    assert account_for("gw0") == "100000000000"
    assert account_for("gw13") == "100000000013"
    assert account_for(None) == "123456789012"
    config: Any = SimpleNamespace(workerinput={"workerid": "gw2"})
    assert worker_id(config) == "gw2"
    assert worker_id(SimpleNamespace()) is None  # type: ignore[arg-type]
