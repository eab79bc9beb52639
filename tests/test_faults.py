"""Fault injection (``sms.fail_next`` / ``sms.add_fault``) seen through boto3, with and without retries."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock.errors import ConflictException, InternalServerException, ThrottlingException
from tests.helpers import REGION, SERVICE, error_of, request_number

SUCCESS = "+14254147755"


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore sleeps between retries; the tests don't need to wait."""
    monkeypatch.setattr("botocore.endpoint.time.sleep", lambda _: None)


@pytest.fixture
def client(sms: SmsVoiceMock) -> Any:
    """No retries at all. (``retries={"total_max_attempts": 1}`` counts retries, so it still allows one.)"""
    return boto3.client(
        SERVICE, region_name=REGION, config=Config(retries={"total_max_attempts": 1})
    )


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client)


def send(client: Any, number: dict[str, Any], body: str = "hi") -> Any:
    return client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody=body,
    )


def test_fail_next_once(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """``fail_next`` answers the next call of the operation with the error, then the service works again."""
    sms.fail_next("SendTextMessage", ThrottlingException())
    with pytest.raises(client.exceptions.ThrottlingException):
        send(client, number)
    send(client, number)
    assert len(sms.sent_messages) == 1


def test_faulted_call_has_no_effect(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """A faulted call never reaches the handler: nothing is sent or charged."""
    sms.fail_next("SendTextMessage", InternalServerException())
    with pytest.raises(client.exceptions.InternalServerException) as exc:
        send(client, number)
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert (len(sms.sent_messages), sms.backend().spend) == (0, {})


def test_modeled_members_reach_the_caller(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """An injected error carries its modeled members, as the service's own errors do."""
    sms.fail_next(
        None,
        ConflictException(
            "Injected.",
            reason="RESOURCE_NOT_ACTIVE",
            resource_type="phone-number",
            resource_id="phone-x",
        ),
    )
    with pytest.raises(client.exceptions.ConflictException) as exc:
        send(client, number)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_NOT_ACTIVE",
        "ResourceType": "phone-number",
        "ResourceId": "phone-x",
    }


def test_times_every_and_when(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """``add_fault`` fails every Nth matching call, only calls ``when`` accepts, at most ``times`` times."""
    sms.add_fault(
        "SendTextMessage",
        ThrottlingException(),
        every=2,
        times=2,
        when=lambda p: p["MessageBody"] != "skip",
    )
    outcomes = []
    for body in ["a", "b", "skip", "c", "d", "e", "f"]:
        try:
            send(client, number, body)
            outcomes.append("ok")
        except client.exceptions.ThrottlingException:
            outcomes.append("throttled")
    assert outcomes == ["ok", "throttled", "ok", "ok", "throttled", "ok", "ok"]


def test_other_operations_are_untouched(
    client: Any, sms: SmsVoiceMock, number: dict[str, Any]
) -> None:
    """A fault names one operation; the others answer normally."""
    sms.fail_next("SendVoiceMessage", ThrottlingException())
    send(client, number)
    with pytest.raises(client.exceptions.ThrottlingException):
        client.send_voice_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hi",
        )


@pytest.mark.parametrize(
    "error", [ThrottlingException(), InternalServerException()], ids=["throttling", "internal"]
)
def test_botocore_retries_absorb_a_single_fault(sms: SmsVoiceMock, error: Any) -> None:
    """ThrottlingException and InternalServerException are retryable: with botocore's default retries one fault is absorbed."""
    client = boto3.client(
        SERVICE,
        region_name=REGION,
        config=Config(retries={"mode": "standard", "total_max_attempts": 3}),
    )
    number = request_number(client)
    sms.fail_next("SendTextMessage", error)
    out = send(client, number)
    assert out["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(sms.sent_messages) == 1


def test_retries_exhausted(sms: SmsVoiceMock) -> None:
    """A fault that outlasts botocore's attempts reaches the caller after every attempt failed."""
    client = boto3.client(
        SERVICE,
        region_name=REGION,
        config=Config(retries={"mode": "standard", "total_max_attempts": 3}),
    )
    number = request_number(client)
    sms.fail_next("SendTextMessage", ThrottlingException(), times=3)
    with pytest.raises(client.exceptions.ThrottlingException) as exc:
        send(client, number)
    assert exc.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    send(client, number)


def test_legacy_max_attempts_one_still_retries_once(sms: SmsVoiceMock) -> None:
    """``Config(retries={"max_attempts": 1})`` counts retries, not attempts: one injected fault is absorbed."""
    client = boto3.client(SERVICE, region_name=REGION, config=Config(retries={"max_attempts": 1}))
    number = request_number(client)
    sms.fail_next("SendTextMessage", ThrottlingException())
    assert send(client, number)["ResponseMetadata"]["RetryAttempts"] == 1


def test_non_retryable_fault_is_not_retried(sms: SmsVoiceMock) -> None:
    """botocore does not retry a ConflictException: one injected fault fails the call even with retries on."""
    client = boto3.client(
        SERVICE,
        region_name=REGION,
        config=Config(retries={"mode": "standard", "total_max_attempts": 3}),
    )
    number = request_number(client)
    sms.fail_next("SendTextMessage", ConflictException("Injected.", reason="RESOURCE_NOT_ACTIVE"))
    with pytest.raises(client.exceptions.ConflictException):
        send(client, number)


@pytest.mark.parametrize(
    ("operation", "error", "match"),
    [
        ("SendSms", ThrottlingException(), "not an operation"),
        ("SendTextMessage", RuntimeError("x"), "smsvoice_mock.errors"),
    ],
    ids=["unknown-operation", "not-a-service-error"],
)
def test_misuse_is_a_type_error(sms: SmsVoiceMock, operation: str, error: Any, match: str) -> None:
    """A misspelt operation or an error that isn't a service error fails loudly with TypeError."""
    with pytest.raises(TypeError, match=match):
        sms.add_fault(operation, error)


def test_reset_clears_faults(client: Any, sms: SmsVoiceMock, number: dict[str, Any]) -> None:
    """``sms.reset()`` drops fault rules with everything else."""
    sms.add_fault(None, ThrottlingException())
    sms.reset()
    client.create_opt_out_list(OptOutListName="after-reset")
