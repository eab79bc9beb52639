"""``serve --state FILE``: the state survives a SIGTERM and a restart; a corrupt or foreign file is
refused, never emptied."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from smsvoice_mock.__main__ import main
from smsvoice_mock._state import MockState, Options
from smsvoice_mock.server import SmsVoiceServer, serve, state_file
from smsvoice_mock.server.pytest_plugin import READY, start_server, stop_server
from tests.helpers import request_number
from tests.server.conftest import control, server_client


def test_state_survives_sigterm_and_restart(tmp_path: Path) -> None:
    """Resources, message logs and the clock written on SIGTERM are there after a restart."""
    path = tmp_path / "state.smsvoice"
    proc, url = start_server("--state", str(path))
    try:
        client = server_client(url)
        number = request_number(client)
        client.put_keyword(
            OriginationIdentity=number["PhoneNumberId"], Keyword="HI", KeywordMessage="Hello"
        )
        client.send_text_message(
            DestinationPhoneNumber="+14254147755",
            OriginationIdentity=number["PhoneNumber"],
            MessageBody="x",
        )
        control(url, "POST", "clock/advance", {"days": 2})
    finally:
        assert stop_server(proc) == 0
    saved = json.loads(path.read_bytes())  # the state file is the snapshot's JSON document
    assert saved["format"] == 2
    assert saved["written_by"].startswith("smsvoice_mock ")
    assert [n["PhoneNumberId"] for n in saved["phone_numbers"]] == [number["PhoneNumberId"]]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind

    proc, url = start_server("--state", str(path))
    try:
        client = server_client(url)
        [again] = client.describe_phone_numbers()["PhoneNumbers"]
        assert again["PhoneNumberArn"] == number["PhoneNumberArn"]
        keywords = client.describe_keywords(OriginationIdentity=number["PhoneNumberId"])["Keywords"]
        assert "HI" in {k["Keyword"] for k in keywords}
        assert len(control(url, "GET", "sent-messages")[1]["SentMessages"]) == 1
        assert control(url, "GET", "clock")[1]["offset_seconds"] == 2 * 86400
        request_number(client)  # new resources join the restored ones
    finally:
        assert stop_server(proc) == 0
    proc, url = start_server("--state", str(path))
    try:
        assert len(server_client(url).describe_phone_numbers()["PhoneNumbers"]) == 2
    finally:
        stop_server(proc)


def _valid_bytes() -> bytes:
    return state_file.dumps(MockState(Options()))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"phone_numbers": []}', "is not a smsvoice_mock state file"),
        (b"", "is not a smsvoice_mock state file"),
        (b"not json\n...", "is not a smsvoice_mock state file"),
        (b"[" * 100_000, "is not a smsvoice_mock state file"),
        (b'{"format": 99, "written_by": "smsvoice_mock 9.0"}', "format 99"),
        (_valid_bytes()[:-3], "is not a smsvoice_mock state file"),
        (state_file.PICKLED + b'{"format": 1}\n\x80\x05.', "format 1 (a pickle"),
        (b'{"format": 2, "phone_numbers": [{"PhoneNumber": "+1"}]}', 'seed["phone_numbers"][0]'),
    ],
    ids=[
        "foreign",
        "empty",
        "not-json",
        "deep",
        "newer-format",
        "truncated",
        "pickle",
        "bad-entry",
    ],
)
def test_corrupt_or_foreign_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    """A state file the server did not write, or that changed since, stops ``serve`` (exit code 2)
    with a message naming the file and what to do; the file is left as it was."""
    path = tmp_path / "state.smsvoice"
    path.write_bytes(content)
    assert main(["serve", "--port", "0", "--state", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert words in err
    assert "pass another --state path" in err
    assert path.read_bytes() == content


def test_in_process_server_saves_on_stop(tmp_path: Path) -> None:
    """``SmsVoiceServer.stop()`` saves the state file; a new server on the file has the resources."""
    path = tmp_path / "state.smsvoice"
    with SmsVoiceServer(port=0, state_path=path) as server:
        number = request_number(server_client(server.url))
    with SmsVoiceServer(port=0, state_path=path) as server:
        numbers = server_client(server.url).describe_phone_numbers()["PhoneNumbers"]
    assert [n["PhoneNumberId"] for n in numbers] == [number["PhoneNumberId"]]


def test_numbers_are_found_by_e164_after_a_restart(tmp_path: Path) -> None:
    """A server started on a state file finds the saved numbers by their E.164 numbers, and the
    numbers requested since, as the server that saved them did."""
    path = tmp_path / "state.smsvoice"
    with SmsVoiceServer(port=0, state_path=path) as server:
        saved = request_number(server_client(server.url))
    with SmsVoiceServer(port=0, state_path=path) as server:
        client = server_client(server.url)
        for number in (saved, request_number(client)):
            answer = client.send_text_message(
                DestinationPhoneNumber="+14254147755",
                OriginationIdentity=number["PhoneNumber"],
                MessageBody="after the restart",
            )
            assert answer["MessageId"]


class _Ready(io.StringIO):
    """``serve``'s output; ``url`` is set once the ready line is written."""

    def __init__(self) -> None:
        super().__init__()
        self.url = ""
        self.ready = threading.Event()

    def write(self, text: str) -> int:
        if text.startswith(READY):
            self.url = text[len(READY) :].strip()
            self.ready.set()
        return super().write(text)


def test_serve_saves_on_sigterm_in_this_process(tmp_path: Path) -> None:
    """``serve`` handles SIGTERM itself: it stops serving, saves the state file and returns 0."""
    path = tmp_path / "state.smsvoice"
    out = _Ready()
    numbers: list[dict[str, Any]] = []

    def drive() -> None:
        out.ready.wait(30)
        numbers.append(request_number(server_client(out.url)))
        os.kill(os.getpid(), signal.SIGTERM)

    driver = threading.Thread(target=drive)
    driver.start()
    previous = signal.getsignal(signal.SIGTERM)
    assert serve(port=0, state_path=str(path), out=out) == 0
    driver.join(30)
    assert signal.getsignal(signal.SIGTERM) == previous
    with SmsVoiceServer(port=0, state_path=path) as server:
        [number] = server_client(server.url).describe_phone_numbers()["PhoneNumbers"]
    assert number["PhoneNumberId"] == numbers[0]["PhoneNumberId"]


def test_serve_seeds_an_empty_state_only(tmp_path: Path) -> None:
    """``serve --seed FILE`` starts an empty state with the seed; a state restored from the state
    file is kept as it is (the seed is not applied twice)."""
    seed = tmp_path / "seed.json"
    seed.write_text(
        json.dumps({"configuration_sets": [{"ConfigurationSetName": "prod-sms"}]}), "utf-8"
    )
    path = tmp_path / "state.smsvoice"
    for _ in range(2):
        out = _Ready()

        def drive(out: _Ready = out) -> None:
            out.ready.wait(30)
            os.kill(os.getpid(), signal.SIGTERM)

        driver = threading.Thread(target=drive)
        driver.start()
        assert serve(port=0, state_path=str(path), seed_path=str(seed), out=out) == 0
        driver.join(30)
    with SmsVoiceServer(port=0, state_path=path) as server:
        sets = server_client(server.url).describe_configuration_sets()["ConfigurationSets"]
    assert [s["ConfigurationSetName"] for s in sets] == ["prod-sms"]


def test_serve_refuses_a_bad_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A seed that breaks a rule stops ``serve`` with exit code 2 and a sentence naming the entry."""
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"pools": [{"PoolId": "nope"}]}), "utf-8")
    assert serve(port=0, seed_path=str(seed), out=io.StringIO()) == 2
    assert 'seed["pools"][0]' in capsys.readouterr().err
