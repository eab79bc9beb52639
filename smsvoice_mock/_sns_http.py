"""Delivery to your application over HTTP, as Amazon SNS delivers to an HTTP/S subscriber.

A subscription maps an SNS topic ARN to a URL (``serve --sns-http TOPIC_ARN=URL``, ``POST
/_smsvoice/sns-http``). When the engine publishes to a mapped topic (the two-way payload of an
inbound message to its number's ``TwoWayChannelArn``, an event record to an SNS event destination),
the URL gets the ``POST`` SNS sends: a ``Notification`` JSON document (``Type``, ``MessageId``,
``TopicArn``, ``Message`` (the payload as a JSON string), ``Timestamp``, ``SignatureVersion``,
``Signature``, ``SigningCertURL``, ``UnsubscribeURL``; no ``Subject``) with SNS's headers
(``x-amz-sns-message-type``, ``x-amz-sns-message-id``, ``x-amz-sns-topic-arn``,
``x-amz-sns-subscription-arn``, ``Content-Type: text/plain; charset=UTF-8``, SNS's User-Agent).

Delivery happens off the request thread: notifications wait in a bounded queue for one worker thread,
which posts each with a short timeout and retries a connection failure or a 5xx a few times. Every
attempt's outcome is kept (``deliveries()``); nothing here raises into the engine. Only ``http`` and
``https`` URLs are accepted, and only the URLs a subscription names are ever contacted.

The ``Signature`` is not an RSA signature of AWS (the mock has no key of AWS's): an application that
verifies signatures must skip that check against the mock.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import http.client
import json
import queue
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from smsvoice_mock.inbox import MessageEvent

__all__ = ["SnsHttp", "parse_mapping", "valid_topic_arn", "valid_url"]

USER_AGENT = "Amazon Simple Notification Service Agent"
CONTENT_TYPE = "text/plain; charset=UTF-8"
QUEUE_SIZE = (
    1000  # notifications waiting for the worker; past that, they are dropped (and recorded)
)
ATTEMPTS = 3  # per notification: the first and two retries
BACKOFF_SECONDS = (0.2, 1.0)  # before the second and the third attempt
TIMEOUT_SECONDS = 5.0  # to connect, and to wait for the answer
KEPT = 200  # delivery records kept, the newest last

_TOPIC = re.compile(
    r"arn:aws[a-z-]*:sns:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?"
)


def valid_topic_arn(value: Any) -> str:
    """``value`` when it is an SNS topic ARN, else ``ValueError`` with a sentence."""
    if not (isinstance(value, str) and _TOPIC.fullmatch(value)):
        raise ValueError(
            f"{value!r} is not an SNS topic ARN; give one such as "
            "arn:aws:sns:us-east-1:123456789012:sms-inbound."
        )
    return value


def valid_url(value: Any) -> str:
    """``value`` when it is an absolute http or https URL with a host, else ``ValueError``."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() or ord(c) < 32 for c in value)
        or len(value) > 2048
    ):
        raise ValueError(
            f"{value!r} is not an http or https URL; give one such as "
            "http://127.0.0.1:8000/sns (the server only delivers to http and https URLs)."
        )
    try:
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise ValueError(f"{value!r} has a port that is not a number from 0 to 65535.") from None
    return str(value)


def parse_mapping(text: str) -> tuple[str, str]:
    """``TOPIC_ARN=URL`` (``serve --sns-http``) as ``(topic_arn, url)``, or ``ValueError``."""
    topic_arn, sep, url = text.partition("=")
    if not sep:
        raise ValueError(
            f"--sns-http takes TOPIC_ARN=URL, not {text!r} "
            "(e.g. arn:aws:sns:us-east-1:123456789012:sms-inbound=http://127.0.0.1:8000/sns)."
        )
    return valid_topic_arn(topic_arn), valid_url(url)


@dataclass(slots=True, kw_only=True)
class Subscription:
    topic_arn: str
    url: str
    subscription_arn: str

    def to_json(self) -> dict[str, Any]:
        return {
            "topic_arn": self.topic_arn,
            "url": self.url,
            "subscription_arn": self.subscription_arn,
        }


@dataclass(slots=True, kw_only=True)
class Delivery:
    """One notification to one subscription: waiting, delivered or failed."""

    message_id: str
    topic_arn: str
    url: str
    source: str  # "inbound" (a two-way payload) or "event" (an event record)
    queued_at: str
    status: str = "pending"
    attempts: int = 0
    http_status: int | None = None
    error: str | None = None
    notification: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "topic_arn": self.topic_arn,
            "url": self.url,
            "source": self.source,
            "queued_at": self.queued_at,
            "status": self.status,
            "attempts": self.attempts,
            "http_status": self.http_status,
            "error": self.error,
        }


def _timestamp(moment: datetime) -> str:
    """SNS's ``Timestamp``: UTC, milliseconds, ``Z``."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def notification(
    subscription: Subscription, message: str, message_id: str, moment: datetime
) -> dict[str, Any]:
    """The Notification document SNS posts to an HTTP/S subscriber (no ``Subject``: none is set)."""
    region = subscription.topic_arn.split(":")[3]
    endpoint = f"https://sns.{region}.amazonaws.com"
    document: dict[str, Any] = {
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": subscription.topic_arn,
        "Message": message,
        "Timestamp": _timestamp(moment),
        "SignatureVersion": "1",
    }
    # Not AWS's RSA signature (the mock has no key of AWS's): a stable digest of what SNS signs.
    signed = "".join(f"{name}\n{document[name]}\n" for name in sorted(document) if name != "Type")
    document["Signature"] = base64.b64encode(hashlib.sha256(signed.encode()).digest() * 8).decode()
    document["SigningCertURL"] = f"{endpoint}/SimpleNotificationService-smsvoice-mock.pem"
    document["UnsubscribeURL"] = (
        f"{endpoint}/?Action=Unsubscribe&SubscriptionArn={quote(subscription.subscription_arn)}"
    )
    return document


def headers(subscription: Subscription, document: dict[str, Any]) -> dict[str, str]:
    return {
        "x-amz-sns-message-type": "Notification",
        "x-amz-sns-message-id": document["MessageId"],
        "x-amz-sns-topic-arn": subscription.topic_arn,
        "x-amz-sns-subscription-arn": subscription.subscription_arn,
        "Content-Type": CONTENT_TYPE,
        "User-Agent": USER_AGENT,
    }


def post(url: str, body: bytes, sent_headers: dict[str, str]) -> int:
    """POST ``body`` to ``url`` (no redirect followed); the status code, or ``OSError``."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    assert parts.hostname is not None  # checked by valid_url
    connection = connection_class(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    try:
        connection.request("POST", target, body=body, headers=sent_headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    except http.client.HTTPException as exc:
        raise OSError(f"{type(exc).__name__}: {exc}") from None
    finally:
        connection.close()


_STOP = object()


class SnsHttp:
    """The subscriptions of topics to URLs, and the worker that delivers their notifications."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: list[Subscription] = []
        self._deliveries: collections.deque[Delivery] = collections.deque(maxlen=KEPT)
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_SIZE)
        self._worker: threading.Thread | None = None
        self._closed = False
        # Tests and the server may swap the poster (a function like ``post``) and the pauses.
        self.post = post
        self.backoff: tuple[float, ...] = BACKOFF_SECONDS

    # -- subscriptions -------------------------------------------------------------------------

    def subscribe(self, topic_arn: str, url: str) -> dict[str, Any]:
        """Deliver what is published to ``topic_arn`` to ``url`` (both checked; ``ValueError``).

        Subscribing the same URL to the same topic again keeps the one subscription."""
        topic_arn, url = valid_topic_arn(topic_arn), valid_url(url)
        with self._lock:
            for existing in self._subscriptions:
                if (existing.topic_arn, existing.url) == (topic_arn, url):
                    return existing.to_json()
            subscription = Subscription(
                topic_arn=topic_arn, url=url, subscription_arn=f"{topic_arn}:{uuid.uuid4()}"
            )
            self._subscriptions.append(subscription)
        return subscription.to_json()

    def subscriptions(self) -> list[dict[str, Any]]:
        with self._lock:
            return [s.to_json() for s in self._subscriptions]

    def deliveries(self) -> list[dict[str, Any]]:
        """Every kept notification's outcome, oldest first."""
        with self._lock:
            return [d.to_json() for d in self._deliveries]

    def clear(self) -> None:
        """Drop every subscription and delivery record (notifications queued still go out)."""
        with self._lock:
            self._subscriptions.clear()
            self._deliveries.clear()

    def forget_deliveries(self) -> None:
        with self._lock:
            self._deliveries.clear()

    # -- publishing (called by the engine, under the state's lock; never raises) --------------

    def event(self, event: MessageEvent) -> None:
        """An event record routed to an SNS event destination (published at its own time)."""
        if event.destination_type == "SNS":
            self.publish(event.destination_arn, event.record, "event", event.timestamp)

    def inbound(self, channel_arn: str, payload: dict[str, Any], now: datetime) -> None:
        """A two-way payload sent to a number's TwoWayChannelArn."""
        self.publish(channel_arn, payload, "inbound", now)

    def publish(self, topic_arn: str, payload: dict[str, Any], source: str, now: datetime) -> None:
        from smsvoice_mock.backend import TAPE

        if not self._subscriptions or TAPE.playing:  # a journal replay sends nothing again
            return
        with self._lock:
            subscribed = [s for s in self._subscriptions if s.topic_arn == topic_arn]
            if not subscribed or self._closed:
                return
            message = json.dumps(payload, separators=(",", ":"))
            for subscription in subscribed:
                message_id = str(uuid.uuid4())
                delivery = Delivery(
                    message_id=message_id,
                    topic_arn=topic_arn,
                    url=subscription.url,
                    source=source,
                    queued_at=_timestamp(now),
                    notification=notification(subscription, message, message_id, now),
                )
                self._deliveries.append(delivery)
                try:
                    self._queue.put_nowait((subscription, delivery))
                except queue.Full:
                    delivery.status = "failed"
                    delivery.error = (
                        f"dropped: {QUEUE_SIZE} notifications were waiting for delivery already"
                    )
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._work, name="smsvoice_mock sns-http", daemon=True
                )
                self._worker.start()

    # -- the worker ----------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                self._deliver(*item)
            finally:
                self._queue.task_done()

    def _deliver(self, subscription: Subscription, delivery: Delivery) -> None:
        body = json.dumps(delivery.notification, indent=2).encode()
        sent_headers = headers(subscription, delivery.notification)
        for attempt in range(ATTEMPTS):
            if attempt:
                time.sleep(self.backoff[min(attempt, len(self.backoff)) - 1])
            status: int | None = None
            error: str | None = None
            try:
                status = self.post(subscription.url, body, sent_headers)
            except Exception as exc:  # a failed delivery is recorded, never raised
                error = f"{type(exc).__name__}: {exc}"
            else:
                if not 200 <= status < 300:
                    error = f"answered HTTP {status}"
            with self._lock:
                delivery.attempts = attempt + 1
                delivery.http_status = status
                delivery.error = error
                if error is None:
                    delivery.status = "delivered"
                    return
                # SNS retries what the server did not take (a failed connection, 5xx); other answers
                # (3xx, 4xx) are final.
                if status is not None and not 500 <= status < 600:
                    delivery.status = "failed"
                    return
        with self._lock:
            delivery.status = "failed"

    def wait(self, timeout: float = 10.0) -> bool:
        """Wait until every queued notification is delivered or failed; whether that happened."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def close(self) -> None:
        """Stop the worker once the notifications already queued went out (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            worker = self._worker
        if worker is not None:
            try:
                self._queue.put(_STOP, timeout=1.0)
            except queue.Full:  # a full queue to a silent URL: leave the daemon thread behind
                return
            worker.join(timeout=TIMEOUT_SECONDS * ATTEMPTS + 2)
