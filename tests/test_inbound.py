"""The end user's side: ``sms.simulate_inbound`` applies the service's keyword handling."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number

USER = "+14254147755"
TOPIC = "arn:aws:sns:us-east-1:123456789012:two-way"


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client)


def opted_out(client: Any, list_name: str = "Default") -> dict[str, bool]:
    rows = client.describe_opted_out_numbers(OptOutListName=list_name)["OptedOutNumbers"]
    return {r["OptedOutNumber"]: r["EndUserOptedOut"] for r in rows}


@pytest.mark.parametrize(
    "word",
    ["STOP", "stop", "Cancel", "OPTOUT", "unsubscribe please", "QUIT", "ARRET"],
    ids=lambda w: w.replace(" ", "-"),
)
def test_opt_out_words(client: Any, sms: SmsVoiceMock, number: dict[str, Any], word: str) -> None:
    """ "If end user replies with the keyword STOP … In addition to STOP, … CANCEL or OPTOUT" the sender is opted out."""
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body=word
    )
    assert (inbound.action, inbound.opted_out) == ("OPT_OUT", True)
    assert opted_out(client) == {USER: True}
    reply = sms.sent_messages.one(source="KEYWORD_RESPONSE")
    assert (reply.destination_phone_number, reply.origination_identity) == (
        USER,
        number["PhoneNumber"],
    )
    assert reply.message_body
    assert reply.message_body.strip()
    assert inbound.response == reply


def test_opted_out_user_is_not_sent_to(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """After STOP, sending to the user is DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="STOP"
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(
            DestinationPhoneNumber=USER,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


def test_self_managed_opt_outs(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """With self-managed opt-outs "you're responsible for responding to HELP and STOP requests": nothing is added or answered."""
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], SelfManagedOptOutsEnabled=True
    )
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="STOP"
    )
    assert (inbound.opted_out, inbound.response) == (False, None)
    assert opted_out(client) == {}
    assert len(sms.sent_messages) == 0


def test_help_answers(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """HELP answers with its (customisable) message and changes no opt-out."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"],
        Keyword="HELP",
        KeywordMessage="Call 206-555-0199.",
    )
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="help"
    )
    assert (inbound.keyword, inbound.action, inbound.opted_out) == (
        "HELP",
        "AUTOMATIC_RESPONSE",
        False,
    )
    assert sms.sent_messages.last.message_body == "Call 206-555-0199."
    assert opted_out(client) == {}


def test_custom_automatic_response(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """A custom AUTOMATIC_RESPONSE keyword answers with its message."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="HOURS", KeywordMessage="Open 9-5."
    )
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="Hours?"
    )
    assert sms.sent_messages.one(source="KEYWORD_RESPONSE").message_body == "Open 9-5."


def test_opt_in_keyword(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """An OPT_IN keyword removes the sender from the opt-out list and answers."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"],
        Keyword="START",
        KeywordMessage="Welcome back.",
        KeywordAction="OPT_IN",
    )
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="STOP"
    )
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="START"
    )
    assert (inbound.action, inbound.opted_in) == ("OPT_IN", True)
    assert opted_out(client) == {}
    assert sms.sent_messages.last.message_body == "Welcome back."
    client.send_text_message(
        DestinationPhoneNumber=USER, OriginationIdentity=number["PhoneNumberId"], MessageBody="hi"
    )


def test_plain_message_is_recorded_only(sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """A message that matches no keyword changes nothing and gets no answer."""
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="Thanks!"
    )
    assert (inbound.keyword, inbound.action, inbound.response) == (None, None, None)
    assert sms.inbound_messages.one(message_body="Thanks!") == inbound
    assert len(sms.sent_messages) == 0


def test_two_way_delivery(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """A two-way enabled number delivers every inbound message to its TwoWayChannelArn, in the two-way JSON layout."""
    out = client.send_text_message(
        DestinationPhoneNumber=USER,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Reply YES",
    )
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], TwoWayEnabled=True, TwoWayChannelArn=TOPIC
    )
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="yes please"
    )
    assert inbound.two_way_channel_arn == TOPIC
    assert inbound.two_way_payload == {
        "originationNumber": USER,
        "destinationNumber": number["PhoneNumber"],
        "messageKeyword": "",
        "messageBody": "yes please",
        "inboundMessageId": inbound.message_id,
        "previousPublishedMessageId": out["MessageId"],
    }
    assert sms.inbound_messages.find(two_way_channel_arn=TOPIC) == [inbound]


def test_one_way_number_delivers_nowhere(sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """Without two-way messaging the inbound message reaches no channel."""
    inbound = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="hi"
    )
    assert (inbound.two_way_channel_arn, inbound.two_way_payload) == (None, None)


def test_pooled_number_uses_pool_settings(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """A number in a pool answers with the pool's keywords and opts out on the pool's opt-out list."""
    client.create_opt_out_list(OptOutListName="pool-list")
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
    )
    client.update_pool(PoolId=pool["PoolId"], OptOutListName="pool-list")
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="STOP"
    )
    assert opted_out(client, "pool-list") == {USER: True}
    assert opted_out(client) == {}


def test_unknown_destination_number(sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """Simulating a text to a number the account doesn't own is a LookupError naming the account's numbers."""
    with pytest.raises(LookupError, match=number["PhoneNumber"].replace("+", r"\+")):
        sms.simulate_inbound(
            destination_number="+12065550100", origination_number=USER, message_body="hi"
        )


# The user guide's "Example of a two-way SMS message payload for Amazon SNS topics".
GUIDE_TWO_WAY_EXAMPLE = {
    "originationNumber": "+14255550182",
    "destinationNumber": "+12125550101",
    "messageKeyword": "JOIN",
    "messageBody": "EXAMPLE",
    "inboundMessageId": "cae173d2-66b9-564c-8309-21f858e9fb84",
    "previousPublishedMessageId": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _two_way(client: Any, number: dict[str, Any]) -> None:
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], TwoWayEnabled=True, TwoWayChannelArn=TOPIC
    )


def test_two_way_payload_follows_the_guide_example(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """The two-way payload has the guide example's members, in its order, of its types and formats."""
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"], Keyword="JOIN", KeywordMessage="Welcome!"
    )
    _two_way(client, number)
    out = client.send_text_message(
        DestinationPhoneNumber=USER, OriginationIdentity=number["PhoneNumberId"], MessageBody="Hi"
    )
    payload = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="join now"
    ).two_way_payload
    assert payload is not None
    assert list(payload) == list(GUIDE_TWO_WAY_EXAMPLE)
    assert {k: type(v) for k, v in payload.items()} == {
        k: type(v) for k, v in GUIDE_TWO_WAY_EXAMPLE.items()
    }
    assert re.fullmatch(r"\+[1-9]\d{1,14}", payload["originationNumber"])
    assert re.fullmatch(r"\+[1-9]\d{1,14}", payload["destinationNumber"])
    assert re.fullmatch(UUID, GUIDE_TWO_WAY_EXAMPLE["inboundMessageId"])
    assert re.fullmatch(UUID, payload["inboundMessageId"])
    assert payload == {
        "originationNumber": USER,
        "destinationNumber": number["PhoneNumber"],
        "messageKeyword": "JOIN",
        "messageBody": "join now",
        "inboundMessageId": sms.inbound_messages.last.message_id,
        "previousPublishedMessageId": out["MessageId"],
    }


def test_previous_message_is_never_the_keyword_answer(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """previousPublishedMessageId names "the message that the customer is responding to", not the HELP answer."""
    _two_way(client, number)
    out = client.send_text_message(
        DestinationPhoneNumber=USER, OriginationIdentity=number["PhoneNumberId"], MessageBody="Hi"
    )
    for body in ("HELP", "Yes, confirm"):
        payload = sms.simulate_inbound(
            destination_number=number["PhoneNumber"], origination_number=USER, message_body=body
        ).two_way_payload
        assert payload is not None
        assert payload["previousPublishedMessageId"] == out["MessageId"]
    assert sms.sent_messages.last.source == "KEYWORD_RESPONSE"


@pytest.mark.parametrize(
    ("body", "keyword"),
    [("Yes, confirm", ""), ("help me", "HELP"), ("stop.", "STOP"), ("Yes", "")],
    ids=["no-keyword", "help", "punctuated-stop", "bare-word"],
)
def test_message_keyword_is_the_registered_keyword(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any], body: str, keyword: str
) -> None:
    """messageKeyword is "the registered keyword" that matched, and empty when none did."""
    _two_way(client, number)
    payload = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body=body
    ).two_way_payload
    assert payload is not None
    assert payload["messageKeyword"] == keyword
    assert "previousPublishedMessageId" not in payload


def test_previous_message_of_a_pool_is_from_any_of_its_numbers(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """A reply to a pooled number links to the last message any number of the pool sent the user."""
    _two_way(client, number)
    other = request_number(client)
    _two_way(client, other)
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
    )
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=other["PhoneNumberId"], IsoCountryCode="US"
    )
    client.update_pool(PoolId=pool["PoolId"], TwoWayEnabled=True, TwoWayChannelArn=TOPIC)
    out = client.send_text_message(
        DestinationPhoneNumber=USER, OriginationIdentity=other["PhoneNumberId"], MessageBody="Hi"
    )
    payload = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="ok"
    ).two_way_payload
    assert payload is not None
    assert payload["previousPublishedMessageId"] == out["MessageId"]


def test_wait_for_an_inbound_message_from_another_thread(
    sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """``sms.inbound_messages.wait_for(timeout=, **fields)`` returns the first matching record, waiting for texts another thread simulates."""
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="Hi"
    )

    def reply_later() -> None:
        time.sleep(0.1)
        for body in ("YES 4815", "YES 1623"):
            sms.simulate_inbound(
                destination_number=number["PhoneNumber"], origination_number=USER, message_body=body
            )

    worker = threading.Thread(target=reply_later)
    started = time.monotonic()
    worker.start()
    reply = sms.inbound_messages.wait_for(
        timeout=5, origination_number=USER, message_body=lambda b: b.startswith("YES")
    )
    assert time.monotonic() - started >= 0.1
    worker.join()
    assert (reply.message_body, reply.destination_number) == ("YES 4815", number["PhoneNumber"])
    assert reply == sms.inbound_messages.find(message_body=lambda b: b.startswith("YES"))[0]


def test_inbound_wait_for_says_what_was_there_when_nothing_comes(
    sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """An inbound wait that times out is an ``AssertionError`` naming its fields and listing the inbound messages; ``timeout=0`` looks once, a wrong timeout is a ``TypeError``."""
    earlier = sms.simulate_inbound(
        destination_number=number["PhoneNumber"], origination_number=USER, message_body="Hi"
    )
    assert sms.inbound_messages.wait_for(timeout=0, message_body="Hi") == earlier
    started = time.monotonic()
    with pytest.raises(
        AssertionError,
        match=r"(?s)No record matched message_body='STOP' within 0.05 seconds\. Inbound messages \(1\).*Hi",
    ):
        sms.inbound_messages.wait_for(timeout=0.05, message_body="STOP")
    assert time.monotonic() - started >= 0.05
    with pytest.raises(TypeError, match="timeout is a finite number of seconds"):
        sms.inbound_messages.wait_for(timeout=float("inf"), message_body="STOP")
