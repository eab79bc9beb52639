"""``sms.calls``: every request of the service the mock answered, accepted or refused, as an
``ApiCall`` (operation, parameters, outcome, account, region, time, request id, message id)."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import ApiCall, SmsVoiceMock, mock_smsvoice
from smsvoice_mock.errors import ThrottlingException
from tests.helpers import error_of, make_client, request_number

SUCCESS = "+14254147755"


def test_a_refused_send_is_a_call_with_its_error_and_reason(sms: SmsVoiceMock, client: Any) -> None:
    """A send to an opted-out number is refused with ConflictException
    DESTINATION_PHONE_NUMBER_OPTED_OUT; ``sms.calls`` holds it with its status, code, Reason,
    message, parameters and the request id the client saw, and no message id."""
    number = request_number(client)
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=SUCCESS)
    with pytest.raises(client.exceptions.ConflictException) as exc_info:
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Still there?",
        )
    refused = sms.calls.one(operation="SendTextMessage")
    assert isinstance(refused, ApiCall)
    assert refused.status_code == 400
    assert refused.error_code == "ConflictException"
    assert refused.reason == error_of(exc_info)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
    assert refused.error_message == exc_info.value.response["Error"]["Message"]
    assert refused.request_id == exc_info.value.response["ResponseMetadata"]["RequestId"]
    assert refused.parameters["DestinationPhoneNumber"] == SUCCESS
    assert refused.parameters["MessageBody"] == "Still there?"
    assert refused.message_id is None
    assert (refused.account_id, refused.region) == ("123456789012", "us-east-1")
    assert sms.sent_messages.find() == []


def test_an_accepted_send_is_a_call_with_its_message_id(sms: SmsVoiceMock, client: Any) -> None:
    """A send that is accepted is a 200 call carrying the MessageId it answered, found by that id;
    the calls before it (RequestPhoneNumber) are there too, oldest first, on the mock's clock."""
    number = request_number(client)
    before = sms.clock.now()
    out = client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your code is 481516",
    )
    assert [c.operation for c in sms.calls] == ["RequestPhoneNumber", "SendTextMessage"]
    call = sms.calls.one(message_id=out["MessageId"])
    assert call is sms.calls.last
    assert (call.status_code, call.error_code, call.reason) == (200, None, None)
    assert call.request_id == out["ResponseMetadata"]["RequestId"]
    assert call.called_at >= before
    assert sms.sent_messages.one(message_id=call.message_id).message_body == "Your code is 481516"


def test_faults_and_invalid_parameters_are_calls(sms: SmsVoiceMock) -> None:
    """An injected fault and a parameter the model refuses are each recorded with the code the
    client got; the region the client named and the account of the activation are the call's."""
    client = make_client(region="eu-west-1")
    sms.fail_next("DescribePools", ThrottlingException())
    with pytest.raises(client.exceptions.ThrottlingException):
        client.describe_pools()
    with pytest.raises(client.exceptions.ValidationException):
        client.delete_pool(PoolId="has space!")
    fault, invalid = sms.calls
    assert (fault.operation, fault.error_code, fault.region) == (
        "DescribePools",
        "ThrottlingException",
        "eu-west-1",
    )
    assert fault.status_code == 400
    assert (invalid.error_code, invalid.reason) == (
        "ValidationException",
        "FIELD_VALIDATION_FAILED",
    )
    assert invalid.parameters == {"PoolId": "has space!"}
    with mock_smsvoice(account_id="111122223333"):
        client.describe_pools()
    assert sms.calls.last.account_id == "111122223333"


def test_reset_clears_the_calls_and_a_snapshot_carries_them() -> None:
    """``sms.reset()`` drops the calls; a snapshot holds them, and a mock seeded with it has them."""
    with mock_smsvoice() as sms:
        make_client().describe_pools()
        snapshot = sms.snapshot()
        first = sms.calls.last
        sms.reset()
        assert len(sms.calls) == 0
    assert [c["operation"] for c in snapshot["calls"]] == ["DescribePools"]
    with mock_smsvoice(seed=snapshot) as other:
        assert other.calls.one() == first


def test_a_log_of_calls_prints_as_a_table(sms: SmsVoiceMock, client: Any) -> None:
    """The log's repr names the operation, status and error code of each call."""
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_pool(PoolId="pool-nope")
    shown = repr(sms.calls)
    assert "DeletePool" in shown
    assert "ResourceNotFoundException" in shown
    assert sms.calls.wait_for(timeout=0, status_code=400).operation == "DeletePool"
