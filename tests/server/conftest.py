"""Fixtures of the server's tests: the session server (until the lead registers the plugin as a
``pytest11`` entry point, it is imported here) and a boto3 client that talks to it over HTTP."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from smsvoice_mock.server.pytest_plugin import smsvoice_server
from tests.helpers import make_client

__all__ = ["control", "server_client", "smsvoice_server"]


def control(url: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """Call the control API: ``(status, decoded JSON)``."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{url}/_smsvoice/{path}", data=data, method=method)
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


@pytest.fixture
def server(smsvoice_server: str) -> str:
    """The session server's URL, reset to a fresh state for this test."""
    assert control(smsvoice_server, "POST", "reset") == (200, {})
    return smsvoice_server
