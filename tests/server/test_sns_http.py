"""Delivery to the application over HTTP, as Amazon SNS delivers to an HTTP/S subscriber
(``serve --sns-http TOPIC_ARN=URL``, ``/_smsvoice/sns-http``), to a real HTTP server on a free port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from smsvoice_mock.server.pytest_plugin import start_server, stop_server
from tests.helpers import request_number
from tests.server.conftest import SUCCESS, control, server_client, sns_events
from tests.server.sns_receiver import Receiver

TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-inbound"
EVENTS_TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-events"


@pytest.fixture
def receiver(server: str) -> Iterator[Receiver]:
    """The application's HTTP endpoint; the server's subscriptions are dropped afterwards."""
    running = Receiver()
    yield running
    assert control(server, "DELETE", "sns-http") == (200, {})
    running.close()


def subscribe(server: str, topic_arn: str, url: str) -> dict[str, Any]:
    status, answer = control(server, "POST", "sns-http", {"topic_arn": topic_arn, "url": url})
    assert status == 200, answer
    return dict(answer)


def settled(server: str, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The delivery records, once ``count`` of them are no longer pending."""
    deadline = time.monotonic() + timeout
    while True:
        deliveries = control(server, "GET", "sns-http")[1]["Deliveries"]
        done = [d for d in deliveries if d["status"] != "pending"]
        if len(done) >= count or time.monotonic() > deadline:
            return list(deliveries)
        time.sleep(0.05)


def two_way_number(client: Any) -> dict[str, Any]:
    number = request_number(client)
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], TwoWayEnabled=True, TwoWayChannelArn=TOPIC
    )
    return number


def test_an_inbound_reply_reaches_the_subscribed_url_as_an_sns_notification(
    server: str, client: Any, receiver: Receiver
) -> None:
    """An inbound text to a two-way number whose TwoWayChannelArn is subscribed is POSTed to the URL
    as SNS posts a Notification: SNS's headers, and the two-way payload as the ``Message`` string."""
    number = two_way_number(client)
    subscription = subscribe(server, TOPIC, receiver.url)
    assert subscription["topic_arn"] == TOPIC
    assert subscription["subscription_arn"].startswith(TOPIC + ":")
    status, inbound = control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "Yes please",
        },
    )
    assert status == 200
    (arrived,) = receiver.wait_for(1)
    document = json.loads(arrived["body"])
    headers = arrived["headers"]
    assert arrived["path"] == "/sns"
    assert headers["x-amz-sns-message-type"] == "Notification"
    assert headers["x-amz-sns-message-id"] == document["MessageId"]
    assert headers["x-amz-sns-topic-arn"] == TOPIC
    assert headers["x-amz-sns-subscription-arn"] == subscription["subscription_arn"]
    assert headers["content-type"] == "text/plain; charset=UTF-8"
    assert headers["user-agent"] == "Amazon Simple Notification Service Agent"
    assert document["Type"] == "Notification"
    assert document["TopicArn"] == TOPIC
    assert "Subject" not in document
    assert json.loads(document["Message"]) == inbound["two_way_payload"]
    assert json.loads(document["Message"])["messageBody"] == "Yes please"
    assert document["SignatureVersion"] == "1"
    assert document["Signature"]
    assert document["SigningCertURL"].startswith("https://sns.us-east-1.amazonaws.com/")
    assert document["UnsubscribeURL"].startswith(
        "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
    )
    assert document["Timestamp"].endswith("Z")
    assert len(document["Timestamp"]) == 24
    (delivery,) = settled(server, 1)
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 1
    assert delivery["http_status"] == 200
    assert delivery["source"] == "inbound"
    assert delivery["message_id"] == document["MessageId"]


def test_event_records_reach_the_url_of_their_sns_destination(
    server: str, client: Any, receiver: Receiver
) -> None:
    """Every event record routed to an SNS event destination whose topic is subscribed is POSTed
    to the URL, the record as the ``Message``; topics nobody subscribed are posted nowhere."""
    number = request_number(client)
    sns_events(client, "app", "to-sns")
    subscribe(server, EVENTS_TOPIC, receiver.url)
    subscribe(server, TOPIC, receiver.url)  # no inbound: nothing comes from it
    sent = client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your order has shipped.",
        ConfigurationSetName="app",
    )
    documents = receiver.documents(2)
    records = [json.loads(d["Message"]) for d in documents]
    assert [r["eventType"] for r in records] == ["TEXT_SUCCESSFUL", "TEXT_DELIVERED"]
    assert {r["messageId"] for r in records} == {sent["MessageId"]}
    assert {d["TopicArn"] for d in documents} == {EVENTS_TOPIC}
    events = control(server, "GET", "events")[1]["Events"]
    assert [json.loads(d["Message"]) for d in documents] == [e["record"] for e in events]
    time.sleep(0.2)
    assert len(receiver.received) == 2


def test_a_url_that_does_not_answer_is_retried_and_the_failure_is_listed(
    server: str, client: Any, receiver: Receiver
) -> None:
    """A URL nothing listens on is tried three times (the first attempt and two retries); its
    failure is listed by ``GET /_smsvoice/sns-http`` and the inbound text itself succeeds."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    number = two_way_number(client)
    subscribe(server, TOPIC, f"http://127.0.0.1:{port}/gone")
    status, _ = control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "hi",
        },
    )
    assert status == 200
    (delivery,) = settled(server, 1)
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == 3
    assert delivery["http_status"] is None
    assert "ConnectionRefusedError" in delivery["error"]


@pytest.mark.parametrize(
    ("answer", "attempts"), [(503, 3), (404, 1)], ids=["5xx-retried", "4xx-final"]
)
def test_an_error_answer_is_retried_only_when_it_is_a_server_error(
    server: str, client: Any, receiver: Receiver, answer: int, attempts: int
) -> None:
    """A 5xx answer is retried, as SNS retries it; a 4xx answer is final."""
    receiver.status = answer
    number = two_way_number(client)
    subscribe(server, TOPIC, receiver.url)
    control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "hi",
        },
    )
    (delivery,) = settled(server, 1)
    assert (delivery["status"], delivery["attempts"], delivery["http_status"]) == (
        "failed",
        attempts,
        answer,
    )
    assert delivery["error"] == f"answered HTTP {answer}"
    assert len(receiver.received) == attempts
    ids = {item["headers"]["x-amz-sns-message-id"] for item in receiver.received}
    assert ids == {delivery["message_id"]}  # a retry keeps the message id


def test_subscriptions_are_listed_kept_across_reset_and_dropped_by_delete(
    server: str, receiver: Receiver
) -> None:
    """``GET`` lists the subscriptions (the same pair twice is one), ``POST /_smsvoice/reset``
    keeps them, ``DELETE`` drops them."""
    first = subscribe(server, TOPIC, receiver.url)
    assert subscribe(server, TOPIC, receiver.url) == first
    subscribe(server, EVENTS_TOPIC, receiver.url)
    assert control(server, "POST", "reset") == (200, {})
    listed = control(server, "GET", "sns-http")[1]
    assert [s["topic_arn"] for s in listed["Subscriptions"]] == [TOPIC, EVENTS_TOPIC]
    assert listed["Deliveries"] == []
    assert control(server, "DELETE", "sns-http") == (200, {})
    assert control(server, "GET", "sns-http")[1] == {"Subscriptions": [], "Deliveries": []}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"topic_arn": "sms-inbound", "url": "http://127.0.0.1:1/"}, "is not an SNS topic ARN"),
        ({"topic_arn": TOPIC, "url": "ftp://127.0.0.1/x"}, "is not an http or https URL"),
        ({"topic_arn": TOPIC, "url": "file:///etc/passwd"}, "is not an http or https URL"),
        ({"topic_arn": TOPIC, "url": "http:///nohost"}, "is not an http or https URL"),
        ({"topic_arn": TOPIC, "url": "http://127.0.0.1:port/"}, "port that is not a number"),
        ({"topic_arn": TOPIC}, "lacks the member 'url'"),
        ({"topic_arn": TOPIC, "url": "http://a/", "raw": True}, "unknown member 'raw'"),
    ],
    ids=["not-an-arn", "ftp", "file", "no-host", "bad-port", "no-url", "unknown-member"],
)
def test_a_bad_subscription_is_refused_with_a_sentence(
    server: str, body: dict[str, Any], words: str
) -> None:
    """Both halves of a subscription are checked: an SNS topic ARN, an http or https URL."""
    status, answer = control(server, "POST", "sns-http", body)
    assert status == 400
    assert answer["__type"] == "InvalidControlRequest"
    assert words in answer["Message"]
    assert control(server, "GET", "sns-http")[1]["Subscriptions"] == []


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ("http://127.0.0.1:8000/sns", "takes TOPIC_ARN=URL"),
        (f"{TOPIC}=ftp://127.0.0.1/", "is not an http or https URL"),
        ("arn:aws:sqs:us-east-1:123456789012:q=http://127.0.0.1/", "is not an SNS topic ARN"),
    ],
    ids=["no-equals", "bad-url", "not-sns"],
)
def test_serve_refuses_a_bad_sns_http_option_with_exit_code_2(mapping: str, words: str) -> None:
    """``serve --sns-http`` checks both halves and exits with code 2 and one sentence."""
    done = subprocess.run(
        [sys.executable, "-m", "smsvoice_mock", "serve", "--port", "0", "--sns-http", mapping],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert words in done.stderr
    assert done.stderr.count("\n") == 1


def test_serve_sns_http_delivers_an_inbound_reply() -> None:
    """``serve --sns-http TOPIC_ARN=URL`` subscribes the URL from the start."""
    receiver = Receiver()
    proc, url = start_server("--sns-http", f"{TOPIC}={receiver.url}")
    try:
        client = server_client(url)
        number = two_way_number(client)
        assert control(url, "GET", "sns-http")[1]["Subscriptions"][0]["url"] == receiver.url
        control(
            url,
            "POST",
            "inbound",
            {
                "destination_number": number["PhoneNumber"],
                "origination_number": SUCCESS,
                "message_body": "HELP",
            },
        )
        (document,) = receiver.documents(1)
        assert json.loads(document["Message"])["messageKeyword"] == "HELP"
    finally:
        assert stop_server(proc) == 0
        receiver.close()


def test_subscriptions_are_not_journaled(tmp_path: Any) -> None:
    """Subscriptions are the server's settings: a restart on the same ``--state`` starts without
    them (give them again with ``--sns-http``), and replaying the journal posts nothing twice."""
    receiver = Receiver()
    state = str(tmp_path / "state.json")
    proc, url = start_server("--state", state)
    try:
        number = two_way_number(server_client(url))
        subscribe(url, TOPIC, receiver.url)
        body = {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "hi",
        }
        control(url, "POST", "inbound", body)
        receiver.wait_for(1)
        proc.kill()  # the journal is replayed at the next start
        proc.wait(10)
        assert proc.stdout is not None
        proc.stdout.close()
        proc, url = start_server("--state", state, "--sns-http", f"{TOPIC}={receiver.url}")
        assert len(control(url, "GET", "sns-http")[1]["Subscriptions"]) == 1
        assert len(control(url, "GET", "inbound-messages")[1]["InboundMessages"]) == 1
        time.sleep(0.3)
        assert len(receiver.received) == 1
    finally:
        stop_server(proc)
        receiver.close()


def test_the_openapi_document_names_the_sns_http_endpoints(server: str) -> None:
    """The OpenAPI document lists GET, POST and DELETE of ``/_smsvoice/sns-http``."""
    with urllib.request.urlopen(f"{server}/_smsvoice/openapi.json", timeout=10) as answer:
        paths = json.load(answer)["paths"]
    assert set(paths["/_smsvoice/sns-http"]) == {"get", "post", "delete"}


def test_a_delayed_final_record_reaches_the_url_when_the_clock_reaches_it(
    server: str, client: Any, receiver: Receiver
) -> None:
    """A final record a delivery rule holds is posted when the clock reaches it, not before."""
    number = request_number(client)
    sns_events(client, "app", "to-sns")
    subscribe(server, EVENTS_TOPIC, receiver.url)
    rule = {"event_type": "TEXT_DELIVERED", "delay_seconds": 600}
    assert control(server, "POST", "deliveries", rule)[0] == 200
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Later",
        ConfigurationSetName="app",
    )
    (first,) = receiver.documents(1)
    assert json.loads(first["Message"])["eventType"] == "TEXT_SUCCESSFUL"
    time.sleep(0.2)
    assert len(receiver.received) == 1
    assert control(server, "POST", "clock/advance", {"seconds": 601})[0] == 200
    final = receiver.documents(2)[1]
    assert json.loads(final["Message"])["eventType"] == "TEXT_DELIVERED"
    control(server, "DELETE", "deliveries")
