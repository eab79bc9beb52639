"""PutKeyword, DescribeKeywords, DeleteKeyword through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import error_of, request_number


@pytest.fixture
def number(client: Any) -> dict[str, Any]:
    return request_number(client)


def test_new_number_has_help_and_stop(client: Any, number: dict[str, Any]) -> None:
    """ "The keywords HELP and STOP are mandatory keywords that each phone number must have."""
    out = client.describe_keywords(OriginationIdentity=number["PhoneNumberId"])
    actions = {k["Keyword"]: k["KeywordAction"] for k in out["Keywords"]}
    assert actions == {"HELP": "AUTOMATIC_RESPONSE", "STOP": "OPT_OUT"}
    assert all(k["KeywordMessage"].strip() for k in out["Keywords"])
    assert out["OriginationIdentity"] == number["PhoneNumberId"]
    assert out["OriginationIdentityArn"] == number["PhoneNumberArn"]


def test_put_keyword_creates_and_overwrites(client: Any, number: dict[str, Any]) -> None:
    """PutKeyword "creates or updates a keyword"; "If the keyword already exists then it will be over written"."""
    pid = number["PhoneNumberId"]
    first = client.put_keyword(
        OriginationIdentity=pid, Keyword="JOIN", KeywordMessage="Welcome!", KeywordAction="OPT_IN"
    )
    assert first["KeywordAction"] == "OPT_IN"
    again = client.put_keyword(
        OriginationIdentity=pid, Keyword="join", KeywordMessage="Welcome back!"
    )
    assert (again["Keyword"], again["KeywordMessage"], again["KeywordAction"]) == (
        "JOIN",
        "Welcome back!",
        "OPT_IN",
    )
    listed = client.describe_keywords(OriginationIdentity=pid, Keywords=["JOIN"])["Keywords"]
    assert listed == [
        {"Keyword": "JOIN", "KeywordMessage": "Welcome back!", "KeywordAction": "OPT_IN"}
    ]


def test_keywords_are_answered_upper_cased(client: Any, number: dict[str, Any]) -> None:
    """PutKeyword and DescribeKeywords answer the keyword upper-cased (real-clients.md 2.3 [A]:
    Terraform's keyword tests put "tf-acc-test-AbCd" and read back "TF-ACC-TEST-ABCD")."""
    pid = number["PhoneNumberId"]
    out = client.put_keyword(
        OriginationIdentity=pid, Keyword="tf-acc-test-AbCd", KeywordMessage="Hello"
    )
    assert (out["Keyword"], out["KeywordAction"]) == ("TF-ACC-TEST-ABCD", "AUTOMATIC_RESPONSE")
    listed = client.describe_keywords(OriginationIdentity=pid, Keywords=["tf-acc-test-abcd"])
    assert [k["Keyword"] for k in listed["Keywords"]] == ["TF-ACC-TEST-ABCD"]
    everything = client.describe_keywords(OriginationIdentity=pid)["Keywords"]
    assert "TF-ACC-TEST-ABCD" in {k["Keyword"] for k in everything}


def test_put_keyword_by_arn(client: Any, number: dict[str, Any]) -> None:
    """An origination identity may be given by its ARN; the answer names the id and the ARN."""
    out = client.put_keyword(
        OriginationIdentity=number["PhoneNumberArn"], Keyword="INFO", KeywordMessage="Info"
    )
    assert out["OriginationIdentity"] == number["PhoneNumberId"]
    assert out["OriginationIdentityArn"] == number["PhoneNumberArn"]


def test_help_and_stop_messages_can_change(client: Any, number: dict[str, Any]) -> None:
    """HELP and STOP keep their action, but their message may be customised."""
    out = client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"],
        Keyword="STOP",
        KeywordMessage="Bye from ACME.",
        KeywordAction="OPT_OUT",
    )
    assert out["KeywordMessage"] == "Bye from ACME."


@pytest.mark.parametrize(
    ("keyword", "action"),
    [("HELP", "OPT_OUT"), ("stop", "AUTOMATIC_RESPONSE")],
    ids=["help", "stop"],
)
def test_help_and_stop_actions_cannot_change(
    client: Any, number: dict[str, Any], keyword: str, action: str
) -> None:
    """ "Keywords HELP and STOP can't be deleted or modified": changing their action is a conflict."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.put_keyword(
            OriginationIdentity=number["PhoneNumberId"],
            Keyword=keyword,
            KeywordMessage="x",
            KeywordAction=action,
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_MODIFICATION_NOT_ALLOWED",
        "ResourceType": "keyword",
        "ResourceId": keyword.upper(),
    }


@pytest.mark.parametrize("keyword", ["HELP", "Stop"], ids=["help", "stop"])
def test_help_and_stop_cannot_be_deleted(client: Any, number: dict[str, Any], keyword: str) -> None:
    """ "Keywords HELP and STOP can't be deleted or modified"."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.delete_keyword(OriginationIdentity=number["PhoneNumberId"], Keyword=keyword)
    assert error_of(exc)["Reason"] == "RESOURCE_DELETION_NOT_ALLOWED"
    remaining = client.describe_keywords(OriginationIdentity=number["PhoneNumberId"])["Keywords"]
    assert {k["Keyword"] for k in remaining} == {"HELP", "STOP"}


def test_delete_keyword_returns_it(client: Any, number: dict[str, Any]) -> None:
    """DeleteKeyword removes a custom keyword and echoes it."""
    pid = number["PhoneNumberId"]
    client.put_keyword(OriginationIdentity=pid, Keyword="PROMO", KeywordMessage="Deals")
    out = client.delete_keyword(OriginationIdentity=pid, Keyword="promo")
    assert (out["Keyword"], out["KeywordAction"]) == ("PROMO", "AUTOMATIC_RESPONSE")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.delete_keyword(OriginationIdentity=pid, Keyword="PROMO")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "keyword",
        "ResourceId": "PROMO",
    }


@pytest.mark.parametrize(
    ("keyword", "message", "reason", "field"),
    [
        ("K" * 31, "m", "FIELD_VALIDATION_FAILED", "Keyword"),
        (" LEAD", "m", "FIELD_VALIDATION_FAILED", "Keyword"),
        ("TRAIL ", "m", "FIELD_VALIDATION_FAILED", "Keyword"),
        ("TAB\tBED", "m", "FIELD_VALIDATION_FAILED", "Keyword"),
        ("OK", "   ", "FIELD_VALIDATION_FAILED", "KeywordMessage"),
        ("OK", "m" * 1601, "FIELD_VALIDATION_FAILED", "KeywordMessage"),
    ],
    ids=["too-long", "leading-space", "trailing-space", "tab", "blank-message", "message-too-long"],
)
def test_keyword_constraints(
    client: Any, number: dict[str, Any], keyword: str, message: str, reason: str, field: str
) -> None:
    """Keyword 1 to 30 characters of pattern ``[ \\S]+`` that "can't start or end with a space";
    KeywordMessage 1 to 1600 characters, not blank."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.put_keyword(
            OriginationIdentity=number["PhoneNumberId"], Keyword=keyword, KeywordMessage=message
        )
    error = error_of(exc)
    assert error["Reason"] == reason
    assert [f["Name"] for f in error["Fields"]] == [field]


def test_keyword_action_enum_is_checked(client: Any, number: dict[str, Any]) -> None:
    """KeywordAction must be AUTOMATIC_RESPONSE, OPT_OUT or OPT_IN (botocore does not check enums)."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.put_keyword(
            OriginationIdentity=number["PhoneNumberId"],
            Keyword="X",
            KeywordMessage="m",
            KeywordAction="BOGUS",
        )
    assert error_of(exc)["Fields"][0]["Name"] == "KeywordAction"


def test_unknown_origination_identity(client: Any) -> None:
    """A phone number id that doesn't exist is ResourceNotFoundException naming it."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_keywords(OriginationIdentity="phone-00000000000000000000000000000000")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "phone-number",
        "ResourceId": "phone-00000000000000000000000000000000",
    }


def test_describe_keywords_filter_and_pages(client: Any, number: dict[str, Any]) -> None:
    """DescribeKeywords filters on keyword-action and pages with MaxResults/NextToken, repeating the
    identity on every page."""
    pid = number["PhoneNumberId"]
    for word in ("A1", "A2", "A3"):
        client.put_keyword(
            OriginationIdentity=pid, Keyword=word, KeywordMessage="m", KeywordAction="OPT_IN"
        )
    opt_in = client.describe_keywords(
        OriginationIdentity=pid, Filters=[{"Name": "keyword-action", "Values": ["OPT_IN"]}]
    )["Keywords"]
    assert [k["Keyword"] for k in opt_in] == ["A1", "A2", "A3"]
    pages = list(
        client.get_paginator("describe_keywords").paginate(
            OriginationIdentity=pid, PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(p["Keywords"]) for p in pages] == [2, 2, 1]
    assert all(p["OriginationIdentity"] == pid for p in pages)


def test_describe_unknown_keyword(client: Any, number: dict[str, Any]) -> None:
    """ "If you specify a keyword that isn't valid, an error is returned."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_keywords(OriginationIdentity=number["PhoneNumberId"], Keywords=["NOPE"])
    assert error_of(exc)["ResourceType"] == "keyword"


def test_keyword_quota(client: Any, number: dict[str, Any]) -> None:
    """A phone number holds a bounded number of keywords (ServiceQuotaExceededException KEYWORDS_PER_PHONE_NUMBER)."""
    pid = number["PhoneNumberId"]
    for i in range(28):
        client.put_keyword(OriginationIdentity=pid, Keyword=f"K{i}", KeywordMessage="m")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.put_keyword(OriginationIdentity=pid, Keyword="ONE-MORE", KeywordMessage="m")
    assert error_of(exc)["Reason"] == "KEYWORDS_PER_PHONE_NUMBER"
