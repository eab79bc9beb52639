"""No call of any operation opens a socket or resolves a host while the mock is active: with and
without credentials in the environment, and with a custom ``endpoint_url`` (issue 10)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import boto3
import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from smsvoice_mock import mock_smsvoice
from smsvoice_mock._model import operation_names
from tests.helpers import REGION, SERVICE

CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_EC2_METADATA_DISABLED",
)


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every connect and host lookup fails, and is recorded (a caller might swallow the error)."""
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what}{args[1:] if what.startswith('socket') else args}")
            raise OSError(f"smsvoice_mock tests allow no network: {what}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return attempts


@pytest.fixture(params=["with-credentials", "without-credentials"])
def environment(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> str:
    """The process environment with fake credentials, or with none anywhere (no files, no profile)."""
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    if request.param == "with-credentials":
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    return str(request.param)


@pytest.mark.parametrize(
    "endpoint_url",
    [None, "https://sms-voice.example.internal:4443"],
    ids=["default-endpoint", "custom-endpoint"],
)
def test_every_operation_stays_off_the_network(
    network_attempts: list[str], environment: str, endpoint_url: str | None
) -> None:
    """Under a guard that fails every connect and host lookup, a client created in the mock calls every
    operation of the model and gets the mock's answer; nothing tries the network."""
    statuses = []
    with mock_smsvoice():
        client = boto3.session.Session().client(
            SERVICE,
            region_name=REGION,
            endpoint_url=endpoint_url,
            config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
        )
        for name in sorted(operation_names()):
            try:
                answer = getattr(client, botocore.xform_name(name))()
            except ClientError as error:
                answer = error.response
            statuses.append((name, answer["ResponseMetadata"]["HTTPStatusCode"]))
    assert len(statuses) == len(operation_names())
    assert [(name, status) for name, status in statuses if status >= 500] == []
    assert network_attempts == []


def test_the_guard_sees_a_call_without_the_mock(
    network_attempts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard itself works: without the mock, a call tries the network, fails and is recorded."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    client = boto3.session.Session().client(
        SERVICE, region_name=REGION, config=Config(retries={"total_max_attempts": 1})
    )
    with pytest.raises(botocore.exceptions.EndpointConnectionError):
        client.describe_pools()
    assert network_attempts
