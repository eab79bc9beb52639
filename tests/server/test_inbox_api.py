"""The JSON the web inbox reads (``GET /_smsvoice/conversations``, ``GET /_smsvoice/resources``) and
the page's static files, over HTTP without a browser (tests/server/test_web_inbox.py drives the page)."""

from __future__ import annotations

import urllib.request
from typing import Any

from tests.helpers import request_number
from tests.server.conftest import FAILURE, SUCCESS, control, sns_events


def inbound(server: str, to: str, body: str, sender: str = SUCCESS) -> dict[str, Any]:
    status, answer = control(
        server,
        "POST",
        "inbound",
        {"destination_number": to, "origination_number": sender, "message_body": body},
    )
    assert status == 200, answer
    return dict(answer)


def conversations(server: str) -> list[dict[str, Any]]:
    status, body = control(server, "GET", "conversations")
    assert status == 200
    return list(body["conversations"])


def get(url: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_a_conversation_is_one_end_user_numbers_thread(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """Messages sent to a number and the texts it sent form one thread, oldest first; an inbound
    text comes before the keyword response it caused (docs/server.md, the web inbox)."""
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Hi",
    )
    client.send_text_message(
        DestinationPhoneNumber=FAILURE,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Yo",
    )
    inbound(server, number["PhoneNumber"], "HELP")
    found = conversations(server)
    assert [c["number"] for c in found] == [SUCCESS, FAILURE]  # the most recently active first
    thread = found[0]["messages"]
    assert [(m["direction"], m.get("source")) for m in thread] == [
        ("outbound", "API"),
        ("inbound", None),
        ("outbound", "KEYWORD_RESPONSE"),
    ]
    assert thread[1]["keyword"] == "HELP"
    assert thread[1]["response_message_id"] == thread[2]["message_id"]
    assert found[0]["reply"] == {
        "destination_number": number["PhoneNumber"],
        "account_id": "123456789012",
        "region": "us-east-1",
    }
    assert found[1]["messages"][0]["status"] == "CARRIER_UNREACHABLE"
    assert found[0]["opted_out"] == []


def test_each_sent_message_carries_its_events(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """A sent message lists the events its configuration set's destinations received (``sms.events``)."""
    sns_events(client, "cs", "to-sns")
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Hi",
        ConfigurationSetName="cs",
    )
    (message,) = conversations(server)[0]["messages"]
    _, events = control(server, "GET", "events")
    assert [e["event_type"] for e in message["events"]] == [
        e["event_type"] for e in events["Events"]
    ]
    assert message["events"][-1]["status"] == "DELIVERED"
    assert {e["event_destination_name"] for e in message["events"]} == {"to-sns"}


def test_stop_puts_the_number_on_the_opt_out_list_shown_with_the_conversation(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """After STOP (``POST /_smsvoice/inbound``) the conversation names the opt-out list it is on."""
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Hi",
    )
    inbound(server, number["PhoneNumber"], "STOP")
    (found,) = conversations(server)
    assert found["opted_out"] == ["123456789012/us-east-1/Default"]
    assert found["messages"][1]["opted_out"] is True


def test_a_reply_to_a_pool_goes_to_the_member_that_sent(server: str, client: Any) -> None:
    """A message sent through a pool came from one of its numbers: the reply goes to that number."""
    first = request_number(client)
    pool = client.create_pool(
        OriginationIdentity=first["PhoneNumberId"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
    )
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=pool["PoolId"], MessageBody="Hi"
    )
    (found,) = conversations(server)
    assert found["reply"]["destination_number"] == first["PhoneNumber"]


def test_a_reply_to_a_sender_id_goes_to_a_number_of_the_account(server: str, client: Any) -> None:
    """A sender ID receives no texts: the reply goes to the number the service would pick to send to
    the end user, else to the account's first phone number."""
    number = request_number(client)
    client.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    client.send_text_message(
        DestinationPhoneNumber="+447700900123", OriginationIdentity="ACME", MessageBody="Hi"
    )
    (found,) = conversations(server)
    assert found["messages"][0]["origination_identity"] == "ACME"
    assert found["reply"]["destination_number"] == number["PhoneNumber"]
    client.release_sender_id(SenderId="ACME", IsoCountryCode="GB")  # nothing could send to GB now
    (found,) = conversations(server)
    assert found["reply"]["destination_number"] == number["PhoneNumber"]


def test_a_conversation_that_only_received_texts_is_answered_where_they_went(
    server: str, number: dict[str, Any]
) -> None:
    """With no sent message, the reply goes to the number the end user texted last."""
    inbound(server, number["PhoneNumber"], "hello")
    (found,) = conversations(server)
    assert found["reply"]["destination_number"] == number["PhoneNumber"]


def test_after_the_cursor_answers_only_whether_something_changed(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """``?after=CURSOR`` answers ``changed: false`` (and no conversations) until a message, an inbound
    text, a feedback status, an opt-out or the clock changes; then the whole list again."""
    _, first = control(server, "GET", "conversations")
    assert first["changed"] is True
    assert first["conversations"] == []
    _, same = control(server, "GET", f"conversations?after={first['cursor']}")
    assert same == {"cursor": first["cursor"], "changed": False}
    out = client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Hi",
        MessageFeedbackEnabled=True,
    )
    _, sent = control(server, "GET", f"conversations?after={first['cursor']}")
    assert sent["changed"] is True
    assert len(sent["conversations"]) == 1
    client.put_message_feedback(MessageId=out["MessageId"], MessageFeedbackStatus="RECEIVED")
    _, feedback = control(server, "GET", f"conversations?after={sent['cursor']}")
    assert feedback["changed"] is True
    assert feedback["conversations"][0]["messages"][0]["message_feedback_status"] == "RECEIVED"
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=SUCCESS)
    _, opted_out = control(server, "GET", f"conversations?after={feedback['cursor']}")
    assert opted_out["conversations"][0]["opted_out"] == ["123456789012/us-east-1/Default"]
    control(server, "POST", "clock/advance", {"minutes": 5})
    _, moved = control(server, "GET", f"conversations?after={opted_out['cursor']}")
    assert moved["changed"] is True
    assert moved["clock"]["offset_seconds"] == 300


def test_resources_show_every_family_as_the_service_does(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """``GET /_smsvoice/resources``: phone numbers with keywords, pools, opt-out lists with their
    opted-out numbers and configuration sets with event destinations, in the output shapes."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="HOURS", KeywordMessage="9 to 5"
    )
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=FAILURE)
    client.create_configuration_set(ConfigurationSetName="cs")
    status, body = control(server, "GET", "resources")
    assert status == 200
    (backend,) = body["Backends"]
    assert (backend["account_id"], backend["region"]) == ("123456789012", "us-east-1")
    (phone,) = backend["phone_numbers"]
    assert phone["PhoneNumber"] == number["PhoneNumber"]
    assert {k["Keyword"] for k in phone["Keywords"]} == {"HELP", "STOP", "HOURS"}
    (opt_out_list,) = backend["opt_out_lists"]
    assert [n["OptedOutNumber"] for n in opt_out_list["OptedOutNumbers"]] == [FAILURE]
    assert [c["ConfigurationSetName"] for c in backend["configuration_sets"]] == ["cs"]
    assert backend["pools"] == backend["sender_ids"] == []


def test_the_page_is_served_at_its_path_and_to_a_browser_at_the_root(smsvoice_server: str) -> None:
    """``/_smsvoice/ui`` serves the page (with its script and style, never from elsewhere); ``GET /``
    serves it to a client that asks for HTML and describes the server to any other."""
    status, headers, page = get(f"{smsvoice_server}/_smsvoice/ui")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert b'src="/_smsvoice/ui/inbox.js"' in page
    assert b"http" not in page  # nothing from the internet
    status, headers, root = get(f"{smsvoice_server}/", accept="text/html,application/xhtml+xml")
    assert (status, root) == (200, page)
    status, headers, script = get(f"{smsvoice_server}/_smsvoice/ui/inbox.js")
    assert headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert b"innerHTML" not in script
    status, headers, _ = get(f"{smsvoice_server}/_smsvoice/ui/inbox.css")
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    status, _, missing = get(f"{smsvoice_server}/_smsvoice/ui/nothing.js")
    assert status == 404
    assert b"/_smsvoice/conversations" in missing
