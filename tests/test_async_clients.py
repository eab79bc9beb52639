"""aiobotocore and aioboto3 clients, in process: the same ``mock_smsvoice`` answers them.

These run where aiobotocore and aioboto3 are installed (CI installs them in a virtual environment of
their own, since aiobotocore pins botocore); elsewhere they skip, unless
``SMSVOICE_MOCK_ASYNC_REQUIRED`` is set, as CI does there, so that a missing package fails.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, current_mock, mock_smsvoice

if not os.environ.get("SMSVOICE_MOCK_ASYNC_REQUIRED"):
    pytest.importorskip("aiobotocore")
    pytest.importorskip("aioboto3")

import aioboto3
import aiobotocore.session

SERVICE = "pinpoint-sms-voice-v2"
NUMBER = {
    "IsoCountryCode": "US",
    "MessageType": "TRANSACTIONAL",
    "NumberCapabilities": ["SMS"],
    "NumberType": "SIMULATOR",
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every connection attempt (instance metadata included) fails the test, and no credentials."""
    attempts: list[Any] = []

    def refuse(sock: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise AssertionError(f"smsvoice_mock let a connection to {address} through")

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert attempts == []


async def _send_and_stop(client: Any, sms: SmsVoiceMock, region: str = "us-east-1") -> None:
    number = await client.request_phone_number(**NUMBER)
    out = await client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your order has shipped.",
    )
    assert sms.sent_messages.last.message_id == out["MessageId"]
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"],
        origination_number="+14254147755",
        message_body="STOP",
        region=region,
    )
    with pytest.raises(client.exceptions.ConflictException) as error:
        await client.send_text_message(
            DestinationPhoneNumber="+14254147755",
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Sale!",
        )
    assert error.value.response["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


def test_aiobotocore_client_under_async_with() -> None:
    """An aiobotocore client created under ``async with mock_smsvoice()`` is answered in process:
    no credentials are looked up and nothing connects; the service's errors arrive typed."""

    async def scenario() -> None:
        async with mock_smsvoice() as sms:
            session = aiobotocore.session.get_session()
            async with session.create_client(SERVICE, region_name="us-east-1") as client:
                await _send_and_stop(client, sms)

    asyncio.run(scenario())


def test_aioboto3_client_in_a_decorated_async_def() -> None:
    """``@mock_smsvoice`` on an ``async def`` mocks what it awaits, for aioboto3's clients too."""

    @mock_smsvoice
    async def scenario() -> None:
        session = aioboto3.Session()
        async with session.client(SERVICE, region_name="eu-west-1") as client:
            await _send_and_stop(client, current_mock(), region="eu-west-1")
            arn = (await client.describe_phone_numbers())["PhoneNumbers"][0]["PhoneNumberArn"]
            assert ":eu-west-1:" in arn

    asyncio.run(scenario())


def test_async_paginator_walks_pages() -> None:
    """aiobotocore's paginators walk the mock's NextToken pages."""

    async def scenario() -> None:
        async with mock_smsvoice():
            session = aiobotocore.session.get_session()
            async with session.create_client(SERVICE, region_name="us-east-1") as client:
                for _ in range(3):
                    await client.request_phone_number(**NUMBER)
                paginator = client.get_paginator("describe_phone_numbers")
                pages = [p async for p in paginator.paginate(PaginationConfig={"PageSize": 1})]
                assert [len(p["PhoneNumbers"]) for p in pages] == [1, 1, 1]

    asyncio.run(scenario())
