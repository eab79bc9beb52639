"""``sms.reset(logs_only=True)`` and ``sms.reset(account_id=...)`` (issue 16): a test drops the
records alone, or one account's resources and records, and keeps the rest."""

from __future__ import annotations

from typing import Any

from smsvoice_mock import SmsVoiceMock
from tests.helpers import make_client, request_number
from tests.server.conftest import control, server_client

OTHER = "111122223333"
SUCCESS = "+14254147755"


def _send(client: Any) -> dict[str, Any]:
    number = request_number(client)
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"], MessageBody="x"
    )
    return number


def test_logs_only_keeps_resources_rules_and_the_clock(sms: SmsVoiceMock) -> None:
    """``logs_only``: the messages and calls are gone; numbers, delivery rules and the clock stay."""
    client = make_client()  # in process, under ``sms``
    _send(client)
    assert (len(sms.sent_messages), len(sms.calls)) == (1, 2)
    rule = sms.add_delivery("TEXT_SPAM")
    sms.clock.advance(days=1)
    sms.reset(logs_only=True)
    assert (len(sms.sent_messages), len(sms.calls)) == (0, 0)
    assert len(client.describe_phone_numbers()["PhoneNumbers"]) == 1
    assert sms.state.deliveries == [rule]
    assert sms.clock.offset.days == 1


def test_one_account_only_over_http(server: str) -> None:
    """``POST /_smsvoice/reset {"account_id": ...}``: that account's resources and records go; the
    other account's stay (the server takes the account from a 12-digit access key id)."""
    mine = server_client(server)
    theirs = server_client(server, aws_access_key_id=OTHER)
    _send(mine)
    _send(theirs)
    assert control(server, "POST", "reset", {"account_id": OTHER}) == (200, {})
    assert theirs.describe_phone_numbers()["PhoneNumbers"] == []
    assert len(mine.describe_phone_numbers()["PhoneNumbers"]) == 1
    sent = control(server, "GET", "sent-messages")[1]["SentMessages"]
    assert {m["account_id"] for m in sent} == {"123456789012"}
    status, answer = control(server, "POST", "reset", {"account_id": "42"})
    assert status == 400
    assert "account" in answer["Message"]
    status, answer = control(server, "POST", "reset", {"logs_only": "yes"})
    assert (status, "logs_only must be true or false" in answer["Message"]) == (400, True)
