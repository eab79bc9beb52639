"""``GET /_smsvoice/calls``: the server's call log (``sms.calls``), filtered and long-polled as the
other logs are."""

from __future__ import annotations

import threading
import urllib.request
from typing import Any

import pytest

from tests.helpers import request_number
from tests.server.conftest import SUCCESS, control


def test_a_refused_send_is_listed_with_its_reason_and_an_accepted_one_with_its_id(
    server: str, client: Any
) -> None:
    """Through the server, an accepted send is a call with its MessageId and a send to an opted-out
    number one with ConflictException and its Reason; ``?refused=true``, ``?operation=`` and
    ``?destination=`` choose among them."""
    number = request_number(client)
    out = client.send_text_message(
        DestinationPhoneNumber=SUCCESS, OriginationIdentity=number["PhoneNumberId"], MessageBody="A"
    )
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=SUCCESS)
    with pytest.raises(client.exceptions.ConflictException):
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="B",
        )
    status, answer = control(server, "GET", "calls")
    assert status == 200
    assert answer["Cursor"] == "4"
    assert [c["operation"] for c in answer["Calls"]] == [
        "RequestPhoneNumber",
        "SendTextMessage",
        "PutOptedOutNumber",
        "SendTextMessage",
    ]
    _, refused = control(server, "GET", "calls?refused=true")
    [call] = refused["Calls"]
    assert (call["status_code"], call["error_code"], call["reason"]) == (
        400,
        "ConflictException",
        "DESTINATION_PHONE_NUMBER_OPTED_OUT",
    )
    assert call["parameters"]["MessageBody"] == "B"
    _, sent = control(server, "GET", "calls?operation=SendTextMessage&refused=false")
    assert [c["message_id"] for c in sent["Calls"]] == [out["MessageId"]]
    _, to = control(server, "GET", "calls?destination=%2B14254147755")
    assert len(to["Calls"]) == 2
    _, none = control(server, "GET", "calls?destination=%2B12065550100")
    assert none["Calls"] == []
    assert control(server, "GET", "calls?refused=maybe")[0] == 400


def test_a_target_that_names_no_operation_is_a_call(server: str) -> None:
    """A request whose X-Amz-Target names no operation is answered UNKNOWN_OPERATION and listed with
    the operation it asked for."""
    request = urllib.request.Request(
        server,
        data=b"{}",
        method="POST",
        headers={
            "X-Amz-Target": "PinpointSMSVoiceV2.SendCarrierPigeon",
            "Content-Type": "application/x-amz-json-1.0",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as exc_info:
        urllib.request.urlopen(request, timeout=10)
    exc_info.value.close()
    [call] = control(server, "GET", "calls")[1]["Calls"]
    assert (call["operation"], call["reason"]) == ("SendCarrierPigeon", "UNKNOWN_OPERATION")


def test_the_call_log_long_polls_after_a_cursor(server: str, client: Any) -> None:
    """``?after=CURSOR&wait=SECONDS`` holds the request until a later call comes."""
    client.describe_pools()
    cursor = control(server, "GET", "calls")[1]["Cursor"]
    threading.Timer(0.2, client.describe_phone_numbers).start()
    status, answer = control(server, "GET", f"calls?after={cursor}&wait=5")
    assert status == 200
    assert [c["operation"] for c in answer["Calls"]] == ["DescribePhoneNumbers"]
    assert control(server, "POST", "reset") == (200, {})
    assert control(server, "GET", "calls")[1] == {"Calls": [], "Cursor": "0"}


def test_a_text_filter_matches_a_substring_and_the_rest_match_exactly(
    server: str, client: Any
) -> None:
    """``?message_body=`` (and a call's ``?error_message=``) finds the records whose text contains
    the value, case-sensitive; numbers, ids and statuses must be equal."""
    number = request_number(client)
    for body in ("This is it", "this is not", "Your code is 481516"):
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody=body,
        )

    def bodies(path: str) -> list[str]:
        status, answer = control(server, "GET", path)
        assert status == 200
        return [m["message_body"] for m in answer["SentMessages"]]

    assert bodies("sent-messages?message_body=This") == ["This is it"]
    assert bodies("sent-messages?message_body=481516") == ["Your code is 481516"]
    assert bodies("sent-messages?message_body=is&status=DELIVERED") == [
        "This is it",
        "this is not",
        "Your code is 481516",
    ]
    assert bodies("sent-messages?destination=%2B1425") == []
    assert bodies("sent-messages?status=DELIVER") == []
    control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "See you at noon",
        },
    )
    _, inbound = control(server, "GET", "inbound-messages?message_body=noon")
    assert [m["message_body"] for m in inbound["InboundMessages"]] == ["See you at noon"]
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_pool(PoolId="pool-nope")
    _, calls = control(server, "GET", "calls?error_message=pool-nope")
    assert [c["operation"] for c in calls["Calls"]] == ["DeletePool"]
