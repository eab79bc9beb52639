"""Records and resources render as tables: a readable repr in a terminal, ``_repr_html_`` in a notebook."""

from __future__ import annotations

import re
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


def test_printing_the_handle_shows_its_tables(client: Any) -> None:
    """``print(sms)`` shows the resources and the three logs as text tables (what ``_repr_html_``
    shows in a notebook); ``repr(sms)`` stays one line; inactive, both say so."""
    handle = mock_smsvoice()
    assert str(handle) == repr(handle)
    assert "inactive" in str(handle)
    with handle:
        number = request_number(client)
        _send(client, number, "hello")
        text = str(handle)
        assert text == "\n\n".join(
            [
                repr(handle.backend()),
                repr(handle.sent_messages),
                repr(handle.inbound_messages),
                repr(handle.events),
            ]
        )
        assert "\n" not in repr(handle)
    lines = text.splitlines()
    assert lines[0].startswith("Resources of account 123456789012 in us-east-1")
    assert "Sent messages (1)" in lines
    assert "Inbound messages: (none)" in lines
    assert any(line.startswith("Message events") for line in lines)
    assert number["PhoneNumber"] in text
    assert "hello" in text


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


def test_html_tables_escape_user_text(sms: Any, client: Any) -> None:
    """A message body of ``<script>`` shows as text in every notebook table, never as markup."""
    number = request_number(client)
    _send(client, number, '<script>alert("sent")</script>')
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"],
        origination_number="+14254147755",
        message_body="<script>alert('inbound')</script>",
    )
    html = sms._repr_html_()
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;sent&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;inbound&#x27;)&lt;/script&gt;" in html


def test_html_tables_are_styled_inline_for_light_and_dark_themes(sms: Any, client: Any) -> None:
    """Notebook tables carry their own inline style: borders, padding, a bold header, ids in
    monospace, colours derived from the inherited text colour, and no background of their own."""
    number = request_number(client)
    _send(client, number, "hello")
    html = sms.sent_messages._repr_html_()
    assert '<table style="border-collapse:collapse;' in html
    cells = re.findall(r'<(th|td) style="([^"]*)">([^<]*)<', html)
    assert len(cells) == 14
    assert all("border:1px solid" in style and "padding:" in style for _, style, _ in cells)
    assert all("font-weight:600" in style for tag, style, _ in cells if tag == "th")
    monospace = {text for _, style, text in cells if "monospace" in style}
    assert monospace == {number["PhoneNumber"], "+14254147755"}
    assert "currentColor" in html
    backgrounds = set(re.findall(r"background:[^;\"]*", html))
    assert backgrounds <= {
        "background:transparent",
        "background:rgba(128,128,128,.12)",
        "background:color-mix(in srgb,currentColor 8%,transparent)",
    }


def test_empty_log_renders_one_line_in_a_notebook(sms: Any) -> None:
    """An empty log's ``_repr_html_`` is one line saying it is empty, like its text repr."""
    assert sms.events._repr_html_().endswith("<strong>Message events</strong>: (none)</p>")


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
