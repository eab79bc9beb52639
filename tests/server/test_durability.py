"""Nothing acknowledged is lost (docs/server.md, "Keeping the state"): with ``--state``, every request
that may change the state is in the journal, on disk, before its answer is written, so ``kill -9`` of
a real ``serve`` in the middle of four threads of sends loses no message that was answered 200; a
restart replays the journal into exactly the state that was answered, and a clean stop folds it."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from smsvoice_mock.server import SmsVoiceServer, StateFileError, state_file
from smsvoice_mock.server.pytest_plugin import start_server, stop_server
from tests.helpers import request_number
from tests.server.conftest import SUCCESS, control, server_client


def sends_until_killed(url: str, proc: Any, number_id: str) -> list[str]:
    """Four threads send until the server is killed (SIGKILL) after about half a second; the
    ids answered 200."""
    answered: list[str] = []
    lock = threading.Lock()

    def sender() -> None:
        client = server_client(url)
        while True:
            try:
                reply = client.send_text_message(
                    DestinationPhoneNumber=SUCCESS,
                    OriginationIdentity=number_id,
                    MessageBody="durable",
                )
            except Exception:  # the server is gone: stop
                return
            with lock:
                answered.append(reply["MessageId"])

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.6)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    for thread in threads:
        thread.join(30)
    if proc.stdout is not None:
        proc.stdout.close()
    return answered


def crash(server: SmsVoiceServer) -> None:
    """End a server as a crash would: it stops serving, nothing is saved and nothing folded."""
    server._closed = True
    server._http.shutdown()
    server._http.server_close()
    server.journal.close() if server.journal is not None else None


def test_kill_9_during_sends_loses_nothing_answered(tmp_path: Path) -> None:
    """Five times over: kill -9 during four threads of SendTextMessage, restart on the same state
    file, and every MessageId answered 200 (in every round so far) is there, with the number."""
    state = tmp_path / "state"
    proc, url = start_server("--state", str(state))
    number = request_number(server_client(url))
    everything: list[str] = []
    for _ in range(5):
        answered = sends_until_killed(url, proc, number["PhoneNumberId"])
        assert answered, "no send was answered before the kill"
        everything += answered
        proc, url = start_server("--state", str(state))
        sent = control(url, "GET", "sent-messages")[1]["SentMessages"]
        ids = {message["message_id"] for message in sent}
        missing = [i for i in everything if i not in ids]
        assert not missing, f"{len(missing)} of {len(everything)} answered sends were lost"
        numbers = server_client(url).describe_phone_numbers()["PhoneNumbers"]
        assert [n["PhoneNumberId"] for n in numbers] == [number["PhoneNumberId"]]
    assert stop_server(proc) == 0
    assert not state.with_name("state.journal").exists()  # folded at the clean stop
    proc, url = start_server("--state", str(state))
    try:
        sent = control(url, "GET", "sent-messages")[1]["SentMessages"]
        assert {m["message_id"] for m in sent} >= set(everything)
    finally:
        stop_server(proc)


def test_replay_makes_the_answered_state(tmp_path: Path) -> None:
    """The journal's replay gives the same ids, numbers, times and codes that were answered: a
    restart after a crash (no clean stop) shows what the client saw."""
    state = tmp_path / "state"
    server = SmsVoiceServer(port=0, state_path=state).start()
    client = server_client(server.url)
    number = request_number(client)
    sent = client.send_text_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"], MessageBody="a"
    )
    control(server.url, "POST", "clock/advance", {"days": 2})
    verified = client.create_verified_destination_number(DestinationPhoneNumber="+14255550123")
    before = control(server.url, "GET", "snapshot")[1]
    messages = control(server.url, "GET", "sent-messages")[1]
    crash(server)
    assert state.with_name("state.journal").exists()
    assert not state.exists()
    with SmsVoiceServer(port=0, state_path=state) as again:
        assert control(again.url, "GET", "snapshot")[1] == before
        assert control(again.url, "GET", "sent-messages")[1] == messages
        assert sent["MessageId"] in {m["message_id"] for m in messages["SentMessages"]}
        again_client = server_client(again.url)
        listed = again_client.describe_verified_destination_numbers()
        assert [v["VerifiedDestinationNumberId"] for v in listed["VerifiedDestinationNumbers"]] == [
            verified["VerifiedDestinationNumberId"]
        ]


def test_a_journal_line_cut_short_is_dropped(tmp_path: Path) -> None:
    """A last line written in part (the kill came mid-write, so it was never answered) is dropped;
    a bad line before the end is refused with a sentence, and the files are left as they were."""
    state = tmp_path / "state"
    server = SmsVoiceServer(port=0, state_path=state).start()
    request_number(server_client(server.url))
    crash(server)
    journal = state.with_name("state.journal")
    good = journal.read_bytes()
    journal.write_bytes(good + b'{"method": "POST", "tar')
    with SmsVoiceServer(port=0, state_path=state) as again:
        assert len(server_client(again.url).describe_phone_numbers()["PhoneNumbers"]) == 1
        crash(again)  # leave the files as they are for the next check
    journal.write_bytes(b"not json\n" + good)
    with pytest.raises(StateFileError, match="line 1 is not a journal entry"):
        SmsVoiceServer(port=0, state_path=state)
    assert journal.read_bytes() == b"not json\n" + good


def test_a_kill_between_the_fold_and_emptying_the_journal_replays_nothing_twice(
    tmp_path: Path,
) -> None:
    """A fold saves the state, naming the journal it holds, then empties the journal; a server killed
    between the two finds that journal's id in the state file at the next start and does not apply
    its requests a second time (each message once, with its id)."""
    state = tmp_path / "state"
    server = SmsVoiceServer(port=0, state_path=state).start()
    client = server_client(server.url)
    number = request_number(client)
    ids = [
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody=f"m{i}",
        )["MessageId"]
        for i in range(3)
    ]
    assert server.journal is not None
    journal = server.journal
    state_file.save(server.state, state, journal_folded=journal.id)  # the fold's first half
    crash(server)  # ... and the kill before the journal is emptied
    assert state.exists()
    assert journal.path.exists()
    with SmsVoiceServer(port=0, state_path=state) as again:
        sent = control(again.url, "GET", "sent-messages")[1]["SentMessages"]
        assert [m["message_id"] for m in sent] == ids
        assert len(server_client(again.url).describe_phone_numbers()["PhoneNumbers"]) == 1
        assert not journal.path.exists()  # recognised as folded and emptied at start


def test_a_journal_found_at_start_is_folded_and_a_new_one_started(tmp_path: Path) -> None:
    """After a crash the next start replays the journal, folds it into the state file, and journals
    later requests under a new id: a second crash loses nothing and repeats nothing."""
    state = tmp_path / "state"
    server = SmsVoiceServer(port=0, state_path=state).start()
    number = request_number(server_client(server.url))
    crash(server)
    again = SmsVoiceServer(port=0, state_path=state).start()
    assert again.journal is not None
    assert not again.journal.path.exists()
    reply = server_client(again.url).send_text_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"], MessageBody="x"
    )
    crash(again)
    with SmsVoiceServer(port=0, state_path=state) as third:
        sent = control(third.url, "GET", "sent-messages")[1]["SentMessages"]
        assert [m["message_id"] for m in sent] == [reply["MessageId"]]
        assert len(server_client(third.url).describe_phone_numbers()["PhoneNumbers"]) == 1
