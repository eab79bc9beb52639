"""Typed usage examples: CI runs ``mypy --strict`` on this file, so the public API's types stay useful."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3

from smsvoice_mock import InboundMessage, SentMessage, SmsVoiceMock, current_mock, mock_smsvoice
from smsvoice_mock.errors import ConflictException, ThrottlingException


@mock_smsvoice
def decorated(count: int) -> int:
    handle: SmsVoiceMock = current_mock()
    return count + len(handle.sent_messages)


@mock_smsvoice(sandbox=True, region="eu-west-1")
async def decorated_async() -> str:
    return current_mock().backend().account_id


def context_manager() -> SentMessage | None:
    with mock_smsvoice(account_id="111122223333") as sms:
        client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1")
        client.describe_phone_numbers()
        sms.fail_next("SendTextMessage", ThrottlingException())
        sms.add_fault(None, ConflictException("no", reason="RESOURCE_NOT_ACTIVE"), every=3)
        sms.clock.advance(days=1)
        inbound: InboundMessage | None = None
        if sms.backend().phone_numbers:
            number = next(iter(sms.backend().phone_numbers.values())).phone_number
            inbound = sms.simulate_inbound(
                destination_number=number, origination_number="+14254147755", message_body="STOP"
            )
        found: list[SentMessage] = sms.sent_messages.find(channel="SMS")
        coded: list[SentMessage] = sms.sent_messages.find(
            message_body=lambda body: "code" in body, destination_phone_number="+14254147755"
        )
        found += coded
        return inbound.response if inbound is not None else (found[0] if found else None)


def notebook() -> int:
    sms = mock_smsvoice().start()
    try:
        return decorated(1)
    finally:
        sms.stop()


def seeded(path: Path) -> dict[str, Any]:
    seed = {"configuration_sets": [{"ConfigurationSetName": "prod-sms"}]}
    with mock_smsvoice(seed=seed) as sms:
        sms.seed(path)
        sms.seed(str(path))
        return sms.snapshot()
