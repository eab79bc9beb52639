"""Records and resources render as tables: a readable repr in a terminal, ``_repr_html_`` in a notebook."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import mock_smsvoice
from tests.helpers import request_number


def _send(client: Any, number: dict[str, Any], body: str) -> None:
    client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody=body,
    )


def test_sent_messages_render_as_a_table(sms: Any, client: Any) -> None:
    """``repr(sms.sent_messages)`` is a text table with a row per message, newest last."""
    number = request_number(client)
    _send(client, number, "first <b>")
    _send(client, number, "second")
    lines = repr(sms.sent_messages).splitlines()
    assert lines[0] == "Sent messages (2)"
    assert "destination_phone_number" in lines[1]
    assert "first <b>" in lines[3]
    assert "second" in lines[4]
    html = sms.sent_messages._repr_html_()
    assert html.count("<tr>") == 3
    assert "first &lt;b&gt;" in html  # escaped


def test_empty_log_says_so(sms: Any) -> None:
    """An empty log renders as one line saying it is empty."""
    assert repr(sms.inbound_messages) == "Inbound messages: (none)"


def test_backend_renders_its_resources(sms: Any, client: Any) -> None:
    """``sms.backend()`` renders one row per resource, in text and HTML."""
    number = request_number(client)
    client.create_configuration_set(ConfigurationSetName="alerts")
    text = repr(sms.backend())
    assert "Resources of account 123456789012 in us-east-1 (PRODUCTION) (3)" in text
    assert number["PhoneNumber"] in text
    assert "alerts" in text
    assert "Default" in text
    assert sms.backend()._repr_html_().count("<tr>") == 4


def test_handle_renders_in_a_notebook(client: Any) -> None:
    """The handle's ``_repr_html_`` shows the resources and the logs; inactive, it says so."""
    handle = mock_smsvoice()
    assert "inactive" in handle._repr_html_()
    with handle:
        number = request_number(client)
        _send(client, number, "hello")
        html = handle._repr_html_()
    assert "Sent messages (1)" in html
    assert number["PhoneNumber"] in html


def test_one_lists_what_was_there(sms: Any, client: Any) -> None:
    """``.one()`` that matches nothing raises an AssertionError listing the records."""
    number = request_number(client)
    _send(client, number, "hello")
    with pytest.raises(AssertionError, match=r"(?s)No record matched message_body='bye'.*hello"):
        sms.sent_messages.one(message_body="bye")
    with pytest.raises(TypeError, match="no field colour"):
        sms.sent_messages.find(colour="red")
    with pytest.raises(AssertionError, match="No inbound messages"):
        _ = sms.inbound_messages.last


def test_long_log_shows_its_newest_rows_and_a_count(sms: Any, client: Any) -> None:
    """The repr and HTML of a log longer than ``REPR_ROWS`` show the newest rows under a count of all
    of them (a 100,000-message log used to take over a second to print)."""
    from smsvoice_mock.inbox import REPR_ROWS

    number = request_number(client)
    for i in range(REPR_ROWS + 5):
        _send(client, number, f"message {i:03}")
    lines = repr(sms.sent_messages).splitlines()
    assert lines[0] == f"Sent messages ({REPR_ROWS + 5}, the newest {REPR_ROWS} shown)"
    assert len(lines) == 3 + REPR_ROWS
    assert "message 005" in lines[3]
    assert f"message {REPR_ROWS + 4:03}" in lines[-1]
    html = sms.sent_messages._repr_html_()
    assert html.count("<tr>") == 1 + REPR_ROWS
    assert f"Sent messages ({REPR_ROWS + 5}, the newest {REPR_ROWS} shown)" in html
