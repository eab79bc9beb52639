"""The HTTP subscriber delivery's own rules (``smsvoice_mock._sns_http``), without a server: the
bounded queue, the worker's end, and a poster that fails in any way."""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import Any

import pytest

from smsvoice_mock import _sns_http
from smsvoice_mock._sns_http import SnsHttp, parse_mapping

TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-inbound"
URL = "http://127.0.0.1:9/sns"
NOW = datetime(2026, 12, 2, 18, 0, 0, 123456, tzinfo=timezone.utc)


def test_a_mapping_is_a_topic_arn_and_a_url() -> None:
    """``TOPIC_ARN=URL`` splits at the first ``=`` (a URL may hold more)."""
    assert parse_mapping(f"{TOPIC}=http://h:8000/sns?a=b") == (TOPIC, "http://h:8000/sns?a=b")


def test_a_full_queue_drops_the_notification_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``QUEUE_SIZE`` waiting notifications, the next is dropped and recorded as failed; the
    engine's call returns at once."""
    monkeypatch.setattr(_sns_http, "QUEUE_SIZE", 1)
    started, release = threading.Event(), threading.Event()

    def slow(url: str, body: bytes, headers: dict[str, str]) -> int:
        started.set()
        release.wait(10)
        return 200

    sns = SnsHttp()
    sns.post = slow
    sns.subscribe(TOPIC, URL)
    sns.inbound(TOPIC, {"n": 1}, NOW)
    assert started.wait(10)  # the worker holds the first
    sns.inbound(TOPIC, {"n": 2}, NOW)  # waits in the queue
    sns.inbound(TOPIC, {"n": 3}, NOW)  # dropped
    assert [d["status"] for d in sns.deliveries()] == ["pending", "pending", "failed"]
    assert "dropped" in sns.deliveries()[2]["error"]
    release.set()
    assert sns.wait()
    assert [d["status"] for d in sns.deliveries()] == ["delivered", "delivered", "failed"]
    sns.close()


def test_a_poster_that_raises_anything_is_a_recorded_failure() -> None:
    """Whatever the poster raises becomes the delivery's error, after the retries."""
    calls: list[str] = []

    def broken(url: str, body: bytes, headers: dict[str, str]) -> int:
        calls.append(url)
        raise RuntimeError("boom")

    sns = SnsHttp()
    sns.post, sns.backoff = broken, (0.0,)
    sns.subscribe(TOPIC, URL)
    sns.inbound(TOPIC, {}, NOW)
    assert sns.wait()
    (delivery,) = sns.deliveries()
    assert delivery["status"] == "failed"
    assert delivery["error"] == "RuntimeError: boom"
    assert len(calls) == _sns_http.ATTEMPTS
    assert delivery["queued_at"] == "2026-12-02T18:00:00.123Z"
    sns.close()
    sns.close()  # idempotent


def test_after_close_nothing_is_published() -> None:
    """A closed delivery (its server stopped) takes no more notifications and starts no thread."""
    sns = SnsHttp()
    sns.subscribe(TOPIC, URL)
    sns.close()
    sns.inbound(TOPIC, {}, NOW)
    assert sns.deliveries() == []


def test_other_topics_and_other_destinations_go_nowhere() -> None:
    """Only a subscribed topic is posted to; a Firehose or CloudWatch Logs destination never is."""
    sent: list[Any] = []
    sns = SnsHttp()
    sns.post = lambda url, body, headers: sent.append(url) or 200
    sns.subscribe(TOPIC, URL)
    sns.inbound("arn:aws:sns:us-east-1:123456789012:other", {}, NOW)

    class Event:
        destination_type = "FIREHOSE"
        destination_arn = TOPIC
        record: dict[str, Any] = {}
        timestamp = NOW

    sns.event(Event())  # type: ignore[arg-type]
    assert sns.wait()
    assert sent == []
    assert sns.deliveries() == []
    sns.close()
