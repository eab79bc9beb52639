"""Opt-out lists and opted-out numbers."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.helpers import error_of, request_number


def test_default_list_exists_in_a_fresh_account(client: Any) -> None:
    """The opt-out list ``Default`` exists in every fresh account and region."""
    lists = client.describe_opt_out_lists()["OptOutLists"]
    assert [o["OptOutListName"] for o in lists] == ["Default"]
    assert (
        lists[0]["OptOutListArn"] == "arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/Default"
    )


def test_create_and_describe(client: Any) -> None:
    """CreateOptOutList returns the list with its tags; DescribeOptOutLists finds it by name or ARN."""
    out = client.create_opt_out_list(OptOutListName="Marketing", Tags=[{"Key": "k", "Value": "v"}])
    assert out["OptOutListName"] == "Marketing"
    assert out["Tags"] == [{"Key": "k", "Value": "v"}]
    by_arn = client.describe_opt_out_lists(OptOutListNames=[out["OptOutListArn"]])["OptOutLists"]
    assert [o["OptOutListName"] for o in by_arn] == ["Marketing"]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_opt_out_lists(OptOutListNames=["Nope"])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "opt-out-list",
        "ResourceId": "Nope",
    }


def test_names_are_unique(client: Any) -> None:
    """ "If the opt-out list name already exists, an error is returned."""
    client.create_opt_out_list(OptOutListName="Dup")
    for name in ("Dup", "Default"):
        with pytest.raises(client.exceptions.ConflictException) as exc:
            client.create_opt_out_list(OptOutListName=name)
        assert error_of(exc) == {
            "Code": "ConflictException",
            "Reason": "RESOURCE_ALREADY_EXISTS",
            "ResourceType": "opt-out-list",
            "ResourceId": name,
        }


def test_quota(sms: Any, client: Any) -> None:
    """Past the account's quota, ServiceQuotaExceededException OPT_OUT_LISTS_PER_ACCOUNT."""
    sms.backend().settings.limits["OPT_OUT_LISTS"] = 2
    client.create_opt_out_list(OptOutListName="Second")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.create_opt_out_list(OptOutListName="Third")
    assert error_of(exc)["Reason"] == "OPT_OUT_LISTS_PER_ACCOUNT"


def test_delete_list_in_use_is_refused(client: Any) -> None:
    """A list "in-use by an origination phone number or pool" can't be deleted."""
    client.create_opt_out_list(OptOutListName="Used")
    request_number(client, OptOutListName="Used")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_opt_out_list(OptOutListName="Used")
    assert error_of(exc)["Reason"] == "RESOURCE_DELETION_NOT_ALLOWED"


def test_delete_list_deletes_its_numbers(client: Any) -> None:
    """ "All opted out phone numbers in the opt-out list are deleted" with the list."""
    client.create_opt_out_list(OptOutListName="Gone")
    client.put_opted_out_number(OptOutListName="Gone", OptedOutNumber="+14255550100")
    out = client.delete_opt_out_list(OptOutListName="Gone")
    assert out["OptOutListName"] == "Gone"
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_opted_out_numbers(OptOutListName="Gone")
    client.create_opt_out_list(OptOutListName="Gone")
    assert client.describe_opted_out_numbers(OptOutListName="Gone")["OptedOutNumbers"] == []


def test_put_opted_out_number(client: Any) -> None:
    """PutOptedOutNumber adds a number (EndUserOptedOut false for an API put); numbers come back in E.164."""
    out = client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="14255550100")
    assert out["OptedOutNumber"] == "+14255550100"
    assert (out["OptOutListName"], out["EndUserOptedOut"]) == ("Default", False)
    again = client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+14255550100")
    assert again["OptedOutTimestamp"] == out["OptedOutTimestamp"]
    listed = client.describe_opted_out_numbers(OptOutListName="Default")
    assert [n["OptedOutNumber"] for n in listed["OptedOutNumbers"]] == ["+14255550100"]
    assert listed["OptOutListArn"].endswith(":opt-out-list/Default")


@pytest.mark.parametrize(
    "number",
    ["+0123", "hello", "+1234567890123456789012"],
    ids=["leading-zero", "letters", "too-long"],
)
def test_put_invalid_number(client: Any, number: str) -> None:
    """ "If the destination phone number isn't valid … an error is returned."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=number)
    assert error_of(exc)["Fields"][0]["Name"] == "OptedOutNumber"


def test_put_into_unknown_list(client: Any) -> None:
    """ "… or if the specified opt-out list doesn't exist, an error is returned."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.put_opted_out_number(OptOutListName="Missing", OptedOutNumber="+14255550100")
    assert error_of(exc)["ResourceType"] == "opt-out-list"


def test_describe_opted_out_numbers_filters_and_ids(sms: Any, client: Any) -> None:
    """DescribeOptedOutNumbers selects by number and filters on end-user-opted-out."""
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+14255550100")
    number = request_number(client)
    sms.simulate_inbound(
        destination_number=number["PhoneNumber"],
        origination_number="+14255550111",
        message_body="STOP",
    )
    by_user = client.describe_opted_out_numbers(
        OptOutListName="Default", Filters=[{"Name": "end-user-opted-out", "Values": ["true"]}]
    )["OptedOutNumbers"]
    assert [(n["OptedOutNumber"], n["EndUserOptedOut"]) for n in by_user] == [
        ("+14255550111", True)
    ]
    picked = client.describe_opted_out_numbers(
        OptOutListName="Default", OptedOutNumbers=["+14255550100"]
    )
    assert [n["OptedOutNumber"] for n in picked["OptedOutNumbers"]] == ["+14255550100"]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_opted_out_numbers(
            OptOutListName="Default", OptedOutNumbers=["+14255550199"]
        )
    assert error_of(exc)["ResourceType"] == "opted-out-number"


def test_delete_opted_out_number_once_every_30_days(sms: Any, client: Any) -> None:
    """ "Each destination phone number can only be deleted once every 30 days."""
    number = "+14255550100"
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=number)
    out = client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber=number)
    assert out["OptedOutNumber"] == number
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=number)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber=number)
    assert error_of(exc)["Reason"] == "PHONE_NUMBER_CANNOT_BE_OPTED_IN"
    sms.clock.advance(days=30, seconds=-1)
    with pytest.raises(client.exceptions.ValidationException):
        client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber=number)
    sms.clock.advance(seconds=1)
    assert (
        client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber=number)[
            "OptedOutNumber"
        ]
        == number
    )


def test_delete_unknown_opted_out_number(client: Any) -> None:
    """ "If the specified destination phone number doesn't exist … an error is returned."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+14255550100")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "opted-out-number",
        "ResourceId": "+14255550100",
    }


def test_opted_out_destination_is_refused(client: Any) -> None:
    """A send to a number on the sending number's opt-out list is ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    number = request_number(client)
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+14254147755")
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(
            DestinationPhoneNumber="+14254147755",
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="hi",
        )
    assert error_of(exc)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


def test_opt_out_list_pagination(client: Any) -> None:
    """DescribeOptOutLists pages with MaxResults and NextToken."""
    for i in range(4):
        client.create_opt_out_list(OptOutListName=f"L{i}")
    pages = list(
        client.get_paginator("describe_opt_out_lists").paginate(PaginationConfig={"PageSize": 2})
    )
    names = [o["OptOutListName"] for p in pages for o in p["OptOutLists"]]
    assert names == ["Default", "L0", "L1", "L2", "L3"]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", n) for n in names)
