"""Fixtures of the server's tests: a session server and a boto3 client that talks to it over HTTP.

``smsvoice_server`` here serves from a thread of the test process, so coverage measures the server's
code; the plugin's own fixture of that name (a subprocess) is tested with pytester in
test_pytest_plugin.py, and the state file tests start ``python -m smsvoice_mock serve`` themselves."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from smsvoice_mock.server import SmsVoiceServer
from tests.helpers import make_client, request_number

__all__ = ["FAILURE", "SUCCESS", "control", "server_client", "smsvoice_server", "sns_events"]

# The US destination simulator numbers: one delivers, one fails (CARRIER_UNREACHABLE).
SUCCESS = "+14254147755"
FAILURE = "+14254147167"


def control(url: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """Call the control API: ``(status, decoded JSON)``."""
    data = None if body is None else json.dumps(body).encode()
    headers = {} if method == "GET" else {"Content-Type": "application/json"}
    request = urllib.request.Request(
        f"{url}/_smsvoice/{path}", data=data, method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def server_client(url: str, **kwargs: Any) -> Any:
    """A boto3 client of the service whose requests go to the server at ``url`` (signed, as usual)."""
    kwargs.setdefault("aws_access_key_id", "AKIDEXAMPLE")
    kwargs.setdefault("aws_secret_access_key", "secret")
    return make_client(endpoint_url=url, **kwargs)


def sns_events(client: Any, configuration_set: str, destination: str) -> None:
    """Create ``configuration_set`` with an event destination of every event type to an SNS topic."""
    client.create_configuration_set(ConfigurationSetName=configuration_set)
    client.create_event_destination(
        ConfigurationSetName=configuration_set,
        EventDestinationName=destination,
        MatchingEventTypes=["ALL"],
        SnsDestination={"TopicArn": "arn:aws:sns:us-east-1:123456789012:sms-events"},
    )


@pytest.fixture(scope="session")
def smsvoice_server() -> Iterator[str]:
    """The URL of a server on a free port, serving from a thread for the whole session."""
    with SmsVoiceServer(port=0) as running:
        yield running.url


@pytest.fixture
def server(smsvoice_server: str) -> str:
    """The session server's URL, reset to a fresh state for this test."""
    assert control(smsvoice_server, "POST", "reset") == (200, {})
    return smsvoice_server


@pytest.fixture
def client(server: str) -> Any:
    """A boto3 client of the session server (fresh state)."""
    return server_client(server)


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    """A fresh US simulator number of the server's default account."""
    return request_number(client)
