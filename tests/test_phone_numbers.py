"""RequestPhoneNumber, DescribePhoneNumbers, UpdatePhoneNumber, ReleasePhoneNumber, ListAvailablePhoneNumbers."""

from __future__ import annotations

import re
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of, request_number
from tests.test_registrations import ready_toll_free

ID = re.compile(r"phone-[0-9a-f]{32}")


def test_request_returns_pending_number_with_defaults(client: Any) -> None:
    """A requested number starts PENDING with the documented defaults and the Default opt-out list."""
    out = request_number(client, Tags=[{"Key": "team", "Value": "growth"}])
    assert ID.fullmatch(out["PhoneNumberId"])
    assert (
        out["PhoneNumberArn"]
        == f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/{out['PhoneNumberId']}"
    )
    assert re.fullmatch(r"\+1[2-9]\d{9}", out["PhoneNumber"])
    assert out["Status"] == "PENDING"
    assert (out["OptOutListName"], out["TwoWayEnabled"], out["SelfManagedOptOutsEnabled"]) == (
        "Default",
        False,
        False,
    )
    assert (out["DeletionProtectionEnabled"], out["InternationalSendingEnabled"]) == (False, False)
    assert out["MonthlyLeasingPrice"] == "1.00"
    assert out["Tags"] == [{"Key": "team", "Value": "growth"}]


def test_number_becomes_active_on_later_reads(client: Any) -> None:
    """ "When the phone number is ready to use, the value of Status changes to ACTIVE."""
    out = request_number(client)
    listed = client.describe_phone_numbers(PhoneNumberIds=[out["PhoneNumberId"]])["PhoneNumbers"]
    assert listed[0]["Status"] == "ACTIVE"
    assert "Tags" not in listed[0]


def test_pending_can_be_held_for_wait_loops(sms: Any, client: Any) -> None:
    """The handle can hold new numbers PENDING so that a caller's wait loop can be tested."""
    sms.backend().auto_activate = False
    out = request_number(client)
    assert client.describe_phone_numbers()["PhoneNumbers"][0]["Status"] == "PENDING"
    sms.backend().phone_numbers[out["PhoneNumberId"]].status = "ACTIVE"
    assert client.describe_phone_numbers()["PhoneNumbers"][0]["Status"] == "ACTIVE"


@pytest.mark.parametrize(
    ("iso", "number_type", "capabilities", "pattern"),
    [
        ("US", "TOLL_FREE", ["SMS", "VOICE"], r"\+18(00|33|44|55|66|77|88)\d{7}"),
        ("US", "TEN_DLC", ["SMS", "MMS"], r"\+1\d{10}"),
        ("GB", "LONG_CODE", ["SMS"], r"\+44\d{10}"),
        ("CA", "TOLL_FREE", ["SMS"], r"\+1\d{10}"),
        ("US", "SIMULATOR", ["SMS"], r"\+1\d{10}"),
    ],
    ids=["us-toll-free", "us-10dlc", "gb-long-code", "ca-toll-free", "us-simulator"],
)
def test_every_requestable_number_type(
    client: Any, iso: str, number_type: str, capabilities: list[str], pattern: str
) -> None:
    """Every RequestableNumberType can be requested where it is offered, numbered in that country."""
    out = request_number(
        client, IsoCountryCode=iso, NumberType=number_type, NumberCapabilities=capabilities
    )
    assert (out["IsoCountryCode"], out["NumberType"], out["NumberCapabilities"]) == (
        iso,
        number_type,
        capabilities,
    )
    assert re.fullmatch(pattern, out["PhoneNumber"])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"NumberType": "SIMULATOR", "IsoCountryCode": "GB"}, "NumberType"),
        ({"NumberType": "TEN_DLC", "IsoCountryCode": "GB"}, "NumberType"),
        ({"IsoCountryCode": "ZZ", "NumberType": "LONG_CODE"}, "IsoCountryCode"),
        (
            {
                "NumberType": "TOLL_FREE",
                "NumberPreference": [{"PreferenceType": ["StartsWith"], "Filter": ["+1800"]}],
            },
            "NumberPreference",
        ),
    ],
    ids=[
        "simulator-outside-us",
        "10dlc-outside-us",
        "unknown-country",
        "preference-not-10dlc",
    ],
)
def test_request_conditions(client: Any, overrides: dict[str, Any], field: str) -> None:
    """Simulator and 10DLC numbers are US-only; number preferences "apply only to TEN_DLC requests in
    the US"."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        request_number(client, **overrides)
    error = error_of(exc)
    assert error["Reason"] == "INVALID_PARAMETER"
    assert error["Fields"][0]["Name"] == field


def test_number_preference_on_10dlc(client: Any) -> None:
    """A TEN_DLC request in the US may ask for a number that ends with given digits."""
    out = request_number(
        client,
        NumberType="TEN_DLC",
        NumberPreference=[{"PreferenceType": ["EndsWith"], "Filter": ["4242"]}],
    )
    assert out["PhoneNumber"].endswith("4242")


@pytest.mark.parametrize(
    ("member", "value", "resource_type"),
    [
        ("OptOutListName", "NoSuchList", "opt-out-list"),
        ("PoolId", "pool-00000000000000000000000000000000", "pool"),
        ("RegistrationId", "registration-00000000000000000000000000000000", "registration"),
    ],
    ids=["opt-out-list", "pool", "registration"],
)
def test_request_with_unknown_references(
    client: Any, member: str, value: str, resource_type: str
) -> None:
    """OptOutListName, PoolId and RegistrationId must name existing resources."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        request_number(client, **{member: value})
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": resource_type,
        "ResourceId": value,
    }


def test_request_with_opt_out_list_arn(client: Any) -> None:
    """OptOutListName accepts the list's name or ARN."""
    arn = client.create_opt_out_list(OptOutListName="Marketing")["OptOutListArn"]
    assert request_number(client, OptOutListName=arn)["OptOutListName"] == "Marketing"


def test_phone_number_quota(sms: Any, client: Any) -> None:
    """Past the account's phone number quota, ServiceQuotaExceededException PHONE_NUMBERS_PER_ACCOUNT."""
    sms.backend().settings.limits["PHONE_NUMBERS"] = 2
    request_number(client)
    request_number(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        request_number(client)
    assert error_of(exc)["Reason"] == "PHONE_NUMBERS_PER_ACCOUNT"


def test_describe_by_id_arn_and_number(client: Any) -> None:
    """PhoneNumberIds accepts ids and ARNs; an unknown id is ResourceNotFoundException naming it."""
    a, b = request_number(client), request_number(client)
    out = client.describe_phone_numbers(PhoneNumberIds=[a["PhoneNumberId"], b["PhoneNumberArn"]])
    assert [p["PhoneNumberId"] for p in out["PhoneNumbers"]] == [
        a["PhoneNumberId"],
        b["PhoneNumberId"],
    ]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.describe_phone_numbers(
            PhoneNumberIds=[a["PhoneNumberId"], "phone-ffffffffffffffffffffffffffffffff"]
        )
    assert error_of(exc)["ResourceId"] == "phone-ffffffffffffffffffffffffffffffff"


def test_describe_filters(client: Any) -> None:
    """Filters AND together, a filter's values OR together, booleans are "true"/"false"."""
    sim = request_number(client)
    tfn = request_number(
        client, NumberType="TOLL_FREE", NumberCapabilities=["SMS"], DeletionProtectionEnabled=True
    )

    def ids(*filters: dict[str, Any]) -> list[str]:
        return [
            p["PhoneNumberId"]
            for p in client.describe_phone_numbers(Filters=list(filters))["PhoneNumbers"]
        ]

    assert ids({"Name": "number-type", "Values": ["TOLL_FREE"]}) == [tfn["PhoneNumberId"]]
    assert ids({"Name": "number-type", "Values": ["TOLL_FREE", "SIMULATOR"]}) == [
        sim["PhoneNumberId"],
        tfn["PhoneNumberId"],
    ]
    assert ids({"Name": "number-capability", "Values": ["VOICE"]}) == [sim["PhoneNumberId"]]
    assert ids({"Name": "deletion-protection-enabled", "Values": ["true"]}) == [
        tfn["PhoneNumberId"]
    ]
    assert ids(
        {"Name": "number-capability", "Values": ["SMS"]},
        {"Name": "number-type", "Values": ["SIMULATOR"]},
    ) == [sim["PhoneNumberId"]]
    assert ids({"Name": "opt-out-list-name", "Values": ["Other"]}) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [("number-type", "BOGUS"), ("two-way-enabled", "yes"), ("status", "active")],
    ids=["enum", "boolean", "case"],
)
def test_filter_values_outside_their_enum(client: Any, name: str, value: str) -> None:
    """A filter value outside the filter's value set is ValidationException INVALID_FILTER_VALUES."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_phone_numbers(Filters=[{"Name": name, "Values": [value]}])
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_unknown_filter_name(client: Any) -> None:
    """A filter name outside PhoneNumberFilterName is a validation error."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_phone_numbers(Filters=[{"Name": "colour", "Values": ["red"]}])
    assert error_of(exc)["Fields"][0]["Name"] == "Filters[0].Name"


def test_pagination(client: Any) -> None:
    """Pages of MaxResults with an opaque NextToken; the paginator walks them all."""
    made = [request_number(client)["PhoneNumberId"] for _ in range(5)]
    first = client.describe_phone_numbers(MaxResults=2)
    assert len(first["PhoneNumbers"]) == 2
    assert "NextToken" in first
    pages = list(
        client.get_paginator("describe_phone_numbers").paginate(PaginationConfig={"PageSize": 2})
    )
    assert [p["PhoneNumberId"] for page in pages for p in page["PhoneNumbers"]] == made
    assert "NextToken" not in pages[-1]


def test_filtered_pages_are_those_of_the_filtered_list(client: Any) -> None:
    """With Filters, each page holds the next MaxResults matching numbers, and NextToken comes
    exactly when more match: the pages and tokens of paging the list of every match."""
    for i in range(7):
        request_number(client, NumberType="TOLL_FREE" if i % 3 else "SIMULATOR")
    every = client.describe_phone_numbers()["PhoneNumbers"]
    wanted = [{"Name": "number-type", "Values": ["TOLL_FREE"]}]
    expected = [p["PhoneNumberId"] for p in every if p["NumberType"] == "TOLL_FREE"]
    for size in (1, 2, 3, 4, 5, 6):
        ids: list[str] = []
        token: str | None = None
        while True:
            more = {"NextToken": token} if token else {}
            page = client.describe_phone_numbers(Filters=wanted, MaxResults=size, **more)
            ids += [p["PhoneNumberId"] for p in page["PhoneNumbers"]]
            token = page.get("NextToken")
            assert (token is not None) == (len(ids) < len(expected))
            if token is None:
                break
        assert ids == expected


def test_lazy_filtering_pages_as_the_filtered_list_does() -> None:
    """``paginate`` over ``filtered`` items answers the page and the NextToken of ``paginate`` over
    the list ``apply_filters`` makes, at any offset and page size (past the end included)."""
    from smsvoice_mock._query import _token, apply_filters, filtered, paginate

    numbers = list(range(10))
    spec: dict[str, Any] = {"parity": None}
    odd = [{"Name": "parity", "Values": ["odd"]}]

    def values(n: int) -> dict[str, Any]:
        return {"parity": "odd" if n % 2 else "even"}

    for size in (1, 2, 3, 5, 6):
        for start in (0, 1, 2, 4, 5, 9):
            params = {"MaxResults": size, **({"NextToken": _token("Op", start)} if start else {})}
            eager = paginate("Op", params, apply_filters(numbers, odd, spec, values), "Items", str)
            lazy = paginate("Op", params, filtered(numbers, odd, spec, values), "Items", str)
            assert lazy == eager


@pytest.mark.parametrize(
    "token",
    ["garbage", "eyJvcCI6IkRlc2NyaWJlUG9vbHMiLCJvZmZzZXQiOjJ9"],
    ids=["garbage", "other-operation"],
)
def test_bad_next_token(client: Any, token: str) -> None:
    """A NextToken this operation did not mint is ValidationException INVALID_NEXT_TOKEN."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_phone_numbers(NextToken=token)
    assert error_of(exc)["Reason"] == "INVALID_NEXT_TOKEN"


def test_owner_and_ids_cannot_be_used_together(client: Any) -> None:
    """ "The Owner and PhoneNumberIds parameters can't be used at the same time."""
    number = request_number(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_phone_numbers(Owner="SELF", PhoneNumberIds=[number["PhoneNumberId"]])
    assert error_of(exc)["Reason"] == "PARAMETERS_CANNOT_BE_USED_TOGETHER"
    assert client.describe_phone_numbers(Owner="SHARED")["PhoneNumbers"] == []
    assert len(client.describe_phone_numbers(Owner="SELF")["PhoneNumbers"]) == 1


def test_update_changes_only_given_members(client: Any) -> None:
    """UpdatePhoneNumber changes the members it is given and leaves the others."""
    number = request_number(client)
    client.create_opt_out_list(OptOutListName="Support")
    out = client.update_phone_number(
        PhoneNumberId=number["PhoneNumberArn"],
        TwoWayEnabled=True,
        TwoWayChannelArn="arn:aws:sns:us-east-1:123456789012:inbound",
        OptOutListName="Support",
    )
    assert (out["TwoWayEnabled"], out["OptOutListName"], out["SelfManagedOptOutsEnabled"]) == (
        True,
        "Support",
        False,
    )
    out = client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], SelfManagedOptOutsEnabled=True
    )
    assert (out["TwoWayEnabled"], out["SelfManagedOptOutsEnabled"]) == (True, True)


def test_two_way_needs_a_channel(client: Any) -> None:
    """Two-way messaging can't be enabled without a channel to deliver to (TWO_WAY_CHANNEL_NOT_PRESENT)."""
    number = request_number(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_phone_number(PhoneNumberId=number["PhoneNumberId"], TwoWayEnabled=True)
    assert error_of(exc)["Reason"] == "TWO_WAY_CHANNEL_NOT_PRESENT"


def test_update_unknown_number(client: Any) -> None:
    """Updating a number that doesn't exist is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.update_phone_number(
            PhoneNumberId="phone-11111111111111111111111111111111", DeletionProtectionEnabled=True
        )


def test_release_with_deletion_protection(client: Any) -> None:
    """ "If the origination phone number has deletion protection enabled … an error is returned."""
    number = request_number(client, DeletionProtectionEnabled=True)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "DELETION_PROTECTION_ENABLED",
        "ResourceType": "phone-number",
        "ResourceId": number["PhoneNumberId"],
    }
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], DeletionProtectionEnabled=False
    )
    assert client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])["Status"] == "DELETED"


def test_released_number_is_gone(client: Any) -> None:
    """ "Once released, a phone number is no longer available": reads and sends find nothing."""
    number = request_number(client)
    out = client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert (out["PhoneNumberId"], out["Status"]) == (number["PhoneNumberId"], "DELETED")
    assert client.describe_phone_numbers()["PhoneNumbers"] == []
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.send_text_message(
            DestinationPhoneNumber="+14254147755",
            OriginationIdentity=number["PhoneNumber"],
            MessageBody="x",
        )


def test_arn_of_other_type_is_invalid(client: Any) -> None:
    """An ARN of another resource type where a phone number is expected is ValidationException INVALID_ARN."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.release_phone_number(
            PhoneNumberId="arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1"
        )
    assert error_of(exc)["Reason"] == "INVALID_ARN"


def test_list_available_phone_numbers(client: Any) -> None:
    """ListAvailablePhoneNumbers offers US TEN_DLC numbers matching the preference, and an empty list
    (not an error) when nothing matches."""
    out = client.list_available_phone_numbers(
        IsoCountryCode="US",
        NumberCapabilities=["SMS"],
        NumberType="TEN_DLC",
        NumberPreference=[{"PreferenceType": ["StartsWith"], "Filter": ["+1206"]}],
        MaxResults=5,
    )
    assert 0 < len(out["AvailablePhoneNumbers"]) <= 5
    assert all(n.startswith("+1206") for n in out["AvailablePhoneNumbers"])
    empty = client.list_available_phone_numbers(
        IsoCountryCode="GB", NumberCapabilities=["SMS"], NumberType="TEN_DLC"
    )
    assert empty["AvailablePhoneNumbers"] == []


def test_promotional_simulator_number_is_not_found(client: Any) -> None:
    """ "When you request a SIMULATOR phone number, you must set MessageType as TRANSACTIONAL"
    (API_RequestPhoneNumber); a PROMOTIONAL one fails with ResourceNotFoundException, as Terraform's
    pool MessageType test saw live (real-clients.md 2.2 [A]), and nothing is created."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        request_number(client, MessageType="PROMOTIONAL")
    assert error_of(exc)["ResourceType"] == "phone-number"
    assert client.describe_phone_numbers()["PhoneNumbers"] == []


@pytest.mark.parametrize("number_type", ["TOLL_FREE", "TEN_DLC"])
def test_unregistered_us_number_sends_no_text(
    client: Any, sms: SmsVoiceMock, number_type: str
) -> None:
    """A US toll-free or 10DLC number sends text only once its registration is approved (user guide:
    "Your toll-free number registration must be completed and verified before you can use it to send
    SMS messages"; 10DLC needs "an approved 10DLC registered brand and 10DLC registered campaign"):
    ConflictException REGISTRATION_NOT_COMPLETE; voice is not gated. One line makes it ready."""
    number = request_number(client, NumberType=number_type, NumberCapabilities=["SMS", "VOICE"])
    params = {
        "DestinationPhoneNumber": "+12065550100",
        "OriginationIdentity": number["PhoneNumberId"],
        "MessageBody": "Hi",
    }
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(**params)
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "REGISTRATION_NOT_COMPLETE",
        "ResourceType": "phone-number",
        "ResourceId": number["PhoneNumberId"],
    }
    client.send_voice_message(**params)
    registration_id = sms.backend().complete_registration(number["PhoneNumberId"])
    client.send_text_message(**params)
    assert sms.sent_messages.last.origination_identity == number["PhoneNumber"]
    described = client.describe_registrations(RegistrationIds=[registration_id])["Registrations"]
    assert described[0]["RegistrationStatus"] == "COMPLETE"
    assert (
        client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0][
            "RegistrationId"
        ]
        == registration_id
    )


def test_registration_through_the_api_makes_a_toll_free_number_ready(
    client: Any, sms: SmsVoiceMock
) -> None:
    """A toll-free number associated with a US_TOLL_FREE_REGISTRATION sends once the registration is
    approved (registrations-tfn.html), not while it is under review."""
    registration, number = ready_toll_free(client)
    client.submit_registration_version(RegistrationId=registration["RegistrationId"])
    params = {
        "DestinationPhoneNumber": "+12065550100",
        "OriginationIdentity": number["PhoneNumberId"],
        "MessageBody": "Hi",
    }
    with pytest.raises(client.exceptions.ConflictException):
        client.send_text_message(**params)
    sms.backend().registrations[registration["RegistrationId"]].approve(sms.clock.now())
    client.send_text_message(**params)


def test_us_toll_free_reaches_the_us_territories(client: Any, sms: SmsVoiceMock) -> None:
    """A US toll-free number reaches "recipients in the United States or the US territories of
    Puerto Rico, US Virgin Islands, Guam and American Samoa" (user guide, toll-free registration)."""
    number = request_number(client, NumberType="TOLL_FREE", NumberCapabilities=["SMS"])
    sms.backend().complete_registration(number["PhoneNumberId"])
    for destination in ("+17875550100", "+16715550123"):
        client.send_text_message(
            DestinationPhoneNumber=destination,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Hi",
        )
        assert sms.sent_messages.last.destination_phone_number == destination


def test_complete_registration_misuse(client: Any, sms: SmsVoiceMock) -> None:
    """``complete_registration`` says what to do when given a number that needs no registration or
    an unknown id (misuse raises TypeError/RuntimeError, house style)."""
    simulator = request_number(client)
    with pytest.raises(TypeError, match="only US TOLL_FREE and TEN_DLC"):
        sms.backend().complete_registration(simulator["PhoneNumberId"])
    with pytest.raises(RuntimeError, match="PhoneNumberId that RequestPhoneNumber answered"):
        sms.backend().complete_registration("phone-missing")


def _scan(sms: SmsVoiceMock, number: str) -> Any:
    """What the E.164 lookup answered before its index: the first number of the store with it."""
    return next((p for p in sms.backend().phone_numbers.values() if p.phone_number == number), None)


def test_e164_lookup_follows_requests_releases_and_seeds(sms: SmsVoiceMock, client: Any) -> None:
    """A number is found by its E.164 number after requests, releases and seeds in any order, as a
    scan of the account's numbers finds it; a released number is not found."""
    backend = sms.backend()
    seen: list[str] = []

    def check() -> None:
        for number in [*seen, "+12065550199"]:
            assert backend.phone_number_by_e164(number) is _scan(sms, number)

    for step in range(12):
        if step % 4 == 3:
            released = client.release_phone_number(
                PhoneNumberId=request_number(client)["PhoneNumberId"]
            )
            seen.append(released["PhoneNumber"])
        elif step % 4 == 2:
            sms.seed(
                {
                    "phone_numbers": [
                        {
                            "PhoneNumber": f"+1206555{step:04}",
                            "NumberType": "SIMULATOR",
                            "MessageType": "TRANSACTIONAL",
                            "NumberCapabilities": ["SMS"],
                        }
                    ]
                }
            )
            seen.append(f"+1206555{step:04}")
        else:
            seen.append(request_number(client)["PhoneNumber"])
        check()
    first = next(iter(backend.phone_numbers.values()))
    client.release_phone_number(PhoneNumberId=first.id)
    check()
    assert backend.phone_number_by_e164(first.phone_number) is None
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.send_text_message(
            DestinationPhoneNumber="+14254147755",
            OriginationIdentity=first.phone_number,
            MessageBody="hello",
        )


def test_e164_lookup_survives_the_store_changing_behind_it(sms: SmsVoiceMock, client: Any) -> None:
    """A test that edits ``backend.phone_numbers`` itself (a number replaced under its id or changed
    in place, the whole store replaced) still finds numbers by E.164 as a scan does; so do copies
    and pickles of a backend."""
    import copy
    import dataclasses
    import pickle

    backend = sms.backend()
    numbers = [request_number(client) for _ in range(3)]
    assert backend.phone_number_by_e164(numbers[0]["PhoneNumber"]) is not None
    middle = backend.phone_numbers[numbers[1]["PhoneNumberId"]]
    backend.phone_numbers[middle.id] = dataclasses.replace(middle, phone_number="+12065550142")
    for number in ("+12065550142", numbers[1]["PhoneNumber"], numbers[2]["PhoneNumber"]):
        assert backend.phone_number_by_e164(number) is _scan(sms, number)
    backend.phone_numbers[numbers[0]["PhoneNumberId"]].phone_number = "+12065550143"
    for number in ("+12065550143", numbers[0]["PhoneNumber"]):
        assert backend.phone_number_by_e164(number) is _scan(sms, number)
    backend.phone_numbers = dict(reversed(backend.phone_numbers.items()))
    assert backend.phone_number_by_e164(numbers[0]["PhoneNumber"]) is _scan(
        sms, numbers[0]["PhoneNumber"]
    )
    for twin in (copy.deepcopy(backend), pickle.loads(pickle.dumps(backend))):
        found = twin.phone_number_by_e164(numbers[2]["PhoneNumber"])
        assert found is twin.phone_numbers[numbers[2]["PhoneNumberId"]]
    assert "_numbers" not in backend.__getstate__()


def test_send_from_an_e164_number_after_others_come_and_go(client: Any) -> None:
    """Sending from a number given as E.164 works after other numbers were requested and released."""
    number = request_number(client)
    for _ in range(3):
        client.release_phone_number(PhoneNumberId=request_number(client)["PhoneNumberId"])
    out = client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity=number["PhoneNumber"],
        MessageBody="hello",
    )
    assert out["MessageId"]
