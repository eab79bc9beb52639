"""Helpers the test modules share."""

from __future__ import annotations

import importlib
import os
from datetime import datetime, time, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.config import Config

from smsvoice_mock import SmsVoiceMock

SERVICE = "pinpoint-sms-voice-v2"
REGION = "us-east-1"


def make_client(region: str = REGION, **kwargs: Any) -> Any:
    return boto3.client(
        SERVICE, region_name=region, config=Config(retries={"total_max_attempts": 1}), **kwargs
    )


def request_number(client: Any, **overrides: Any) -> dict[str, Any]:
    """A fresh US simulator number unless the test says otherwise."""
    params: dict[str, Any] = {
        "IsoCountryCode": "US",
        "MessageType": "TRANSACTIONAL",
        "NumberCapabilities": ["SMS", "VOICE"],
        "NumberType": "SIMULATOR",
    }
    params.update(overrides)
    return dict(client.request_phone_number(**params))


def error_of(exc_info: pytest.ExceptionInfo[Any]) -> dict[str, Any]:
    """``{"Code", "Reason", "Fields", "ResourceType", "ResourceId"}`` of a ClientError."""
    response = exc_info.value.response
    return {
        "Code": response["Error"]["Code"],
        **{
            k: response[k]
            for k in ("Reason", "Fields", "ResourceType", "ResourceId")
            if k in response
        },
    }


def tool_or_skip(module: str, extra: str) -> Any:
    """Import an optional tool; without it the test is skipped, except in CI (``CI=true``): there it fails."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(
            f"{module} is not installed (pip install -e '.[{extra}]'); with CI=true this fails instead",
            allow_module_level=True,
        )


def to_next_utc_day(sms: SmsVoiceMock, seconds_before: int = 0) -> None:
    """Advance ``sms.clock`` to the next UTC midnight (or ``seconds_before`` it)."""
    now = sms.clock.now()
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=timezone.utc)
    sms.clock.advance(seconds=(midnight - now).total_seconds() - seconds_before)
