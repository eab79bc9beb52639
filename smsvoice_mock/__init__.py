"""smsvoice_mock: an in-process emulator of AWS End User Messaging SMS and Voice v2 for tests.

import boto3
from smsvoice_mock import mock_smsvoice

with mock_smsvoice() as sms:
    client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1")
    ...
    assert sms.sent_messages.last.message_body == "Your code is 123456"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smsvoice_mock._mock import SmsVoiceMock, current_mock, mock_smsvoice

if TYPE_CHECKING:
    from smsvoice_mock.inbox import ApiCall, InboundMessage, MessageEvent, MessageLog, SentMessage

__all__ = [
    "ApiCall",
    "InboundMessage",
    "MessageEvent",
    "MessageLog",
    "SentMessage",
    "SmsVoiceMock",
    "current_mock",
    "mock_smsvoice",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The record types load with the first mock, not with the package (import stays cheap).
    if name in ("ApiCall", "InboundMessage", "MessageEvent", "MessageLog", "SentMessage"):
        from smsvoice_mock import inbox

        return getattr(inbox, name)
    raise AttributeError(f"module 'smsvoice_mock' has no attribute {name!r}")
