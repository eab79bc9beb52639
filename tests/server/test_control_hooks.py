"""The backend's test hooks over HTTP: each control endpoint calls the method (or sets the attribute)
a test uses in process on ``sms.backend()``, so the server is driven exactly as the handle is."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import error_of, request_number
from tests.server.conftest import SUCCESS, control, server_client
from tests.test_registrations import ready_toll_free


def test_complete_registration_makes_a_toll_free_number_send(server: str, client: Any) -> None:
    """``POST registrations/complete`` is ``complete_registration``: a COMPLETE registration of the
    number's type, associated with it; the number sends afterwards and not before."""
    number = request_number(client, NumberType="TOLL_FREE", NumberCapabilities=["SMS"])
    send = {
        "DestinationPhoneNumber": SUCCESS,
        "OriginationIdentity": number["PhoneNumberId"],
        "MessageBody": "Hi",
    }
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.send_text_message(**send)
    assert error_of(exc)["Reason"] == "REGISTRATION_NOT_COMPLETE"
    status, body = control(
        server, "POST", "registrations/complete", {"phone_number_id": number["PhoneNumberId"]}
    )
    assert status == 200
    found = client.describe_registrations(RegistrationIds=[body["RegistrationId"]])
    assert found["Registrations"][0]["RegistrationStatus"] == "COMPLETE"
    assert client.send_text_message(**send)["MessageId"]


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({}, "lacks the member 'phone_number_id'"),
        ({"phone_number_id": "phone-missing"}, "is not a phone number of account 123456789012"),
        ({"phone_number_id": "x", "colour": "red"}, "unknown member 'colour'"),
        ({"phone_number_id": "x", "region": "mars-1"}, "'region' must name a region"),
        ({"phone_number_id": "x", "account_id": "12"}, "account_id must be a 12-digit string"),
        ({"phone_number_id": 5}, "'phone_number_id' must be a non-empty string"),
    ],
    ids=["missing", "unknown-number", "unknown-member", "region", "account", "not-a-string"],
)
def test_complete_registration_misuse_is_explained(
    server: str, payload: dict[str, Any], words: str
) -> None:
    """A request ``complete_registration`` cannot carry out is a 400 with the handle's sentence."""
    status, body = control(server, "POST", "registrations/complete", payload)
    assert status == 400
    assert body["__type"] == "InvalidControlRequest"
    assert words in body["Message"]


def test_complete_registration_twice_and_for_a_simulator(
    server: str, client: Any, number: dict[str, Any]
) -> None:
    """A number that needs no registration, or already has one, is refused with the hook's sentence."""
    status, body = control(
        server, "POST", "registrations/complete", {"phone_number_id": number["PhoneNumberId"]}
    )
    assert (status, body["__type"]) == (400, "InvalidControlRequest")
    assert "only US TOLL_FREE and TEN_DLC numbers" in body["Message"]
    toll_free = request_number(client, NumberType="TOLL_FREE")
    payload = {"phone_number_id": toll_free["PhoneNumberId"]}
    assert control(server, "POST", "registrations/complete", payload)[0] == 200
    status, body = control(server, "POST", "registrations/complete", payload)
    assert status == 400
    assert "already belongs to registration" in body["Message"]


def test_complete_registration_in_another_account_and_region(server: str) -> None:
    """``account_id`` and ``region`` choose the backend, as ``sms.backend(account_id, region)`` does."""
    other = server_client(server, aws_access_key_id="111122223333", region="eu-west-1")
    number = request_number(other, NumberType="TOLL_FREE", IsoCountryCode="US")
    payload = {"phone_number_id": number["PhoneNumberId"]}
    status, body = control(server, "POST", "registrations/complete", payload)
    assert status == 400  # not a number of the default account
    status, body = control(
        server,
        "POST",
        "registrations/complete",
        {**payload, "account_id": "111122223333", "region": "eu-west-1"},
    )
    assert status == 200
    assert (
        other.describe_registrations()["Registrations"][0]["RegistrationId"]
        == (body["RegistrationId"])
    )


def test_registration_review_approve_and_deny(server: str, client: Any) -> None:
    """``POST registrations/review`` runs the review hooks: start_review, approve with
    ``complete: false`` (PROVISIONING), complete; a new version denied keeps the registration
    COMPLETE with the version DENIED and its reasons."""
    registration, _ = ready_toll_free(client)
    rid = registration["RegistrationId"]
    client.submit_registration_version(RegistrationId=rid)

    def review(action: str, **extra: Any) -> tuple[int, Any]:
        return control(
            server,
            "POST",
            "registrations/review",
            {"registration_id": rid, "action": action, **extra},
        )

    status, body = review("start_review")
    assert (status, body["RegistrationStatus"]) == (200, "REVIEWING")
    status, body = review("approve", complete=False)
    assert (status, body["RegistrationStatus"]) == (200, "PROVISIONING")
    status, body = review("complete")
    assert (status, body["RegistrationStatus"]) == (200, "COMPLETE")
    client.create_registration_version(RegistrationId=rid)
    client.submit_registration_version(RegistrationId=rid)
    status, body = review("deny", reasons=["Opt-in image unreadable"])
    assert (status, body["RegistrationStatus"]) == (200, "COMPLETE")
    version = client.describe_registration_versions(RegistrationId=rid, VersionNumbers=[2])
    denied = version["RegistrationVersions"][0]
    assert denied["RegistrationVersionStatus"] == "DENIED"
    assert denied["DeniedReasons"][0]["Reason"] == "Opt-in image unreadable"


ID = "{registration_id}"  # the created registration's id


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"action": "approve"}, "lacks the member 'registration_id'"),
        ({"registration_id": "registration-x", "action": "approve"}, "is not a registration"),
        ({"registration_id": ID, "action": "bless"}, "'action' must be one of start_review"),
        ({"registration_id": ID, "action": "start_review"}, "has no version under review"),
        ({"registration_id": ID, "action": "complete"}, "not PROVISIONING; approve it first"),
        (
            {"registration_id": ID, "action": "start_review", "complete": False},
            "'complete' goes only with",
        ),
        ({"registration_id": ID, "action": "approve", "reasons": ["x"]}, "'reasons' goes only"),
        ({"registration_id": ID, "action": "deny", "reasons": [1]}, "'reasons' must be a list"),
        (
            {"registration_id": ID, "action": "approve", "complete": "yes"},
            "'complete' must be true or false",
        ),
    ],
    ids=[
        "missing",
        "unknown",
        "action",
        "not-submitted",
        "not-provisioning",
        "complete",
        "reasons",
        "bad-reasons",
        "bool",
    ],
)
def test_registration_review_misuse_is_explained(
    server: str, client: Any, payload: dict[str, Any], words: str
) -> None:
    """A review the registration's state or the body does not allow is a 400 with a sentence."""
    registration = client.create_registration(RegistrationType="US_TOLL_FREE_REGISTRATION")
    body = {
        key: registration["RegistrationId"] if value == ID else value
        for key, value in payload.items()
    }
    status, answer = control(server, "POST", "registrations/review", body)
    assert (status, answer["__type"]) == (400, "InvalidControlRequest")
    assert words in answer["Message"]


def test_auto_activate_and_statuses(server: str, client: Any) -> None:
    """``auto_activate: false`` holds new numbers PENDING and pools CREATING until
    ``phone-numbers/status`` and ``pools/status`` move them; true restores the default."""
    assert control(server, "POST", "auto-activate", {"auto_activate": False}) == (
        200,
        {"auto_activate": False},
    )
    number = request_number(client)
    described = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])
    assert described["PhoneNumbers"][0]["Status"] == "PENDING"
    status, body = control(
        server,
        "POST",
        "phone-numbers/status",
        {"phone_number_id": number["PhoneNumberId"], "status": "ACTIVE"},
    )
    assert (status, body["Status"]) == (200, "ACTIVE")
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
    )
    assert client.describe_pools(PoolIds=[pool["PoolId"]])["Pools"][0]["Status"] == "CREATING"
    status, body = control(
        server, "POST", "pools/status", {"pool_id": pool["PoolId"], "status": "ACTIVE"}
    )
    assert (status, body["Status"]) == (200, "ACTIVE")
    assert control(server, "POST", "auto-activate", {"auto_activate": True})[0] == 200
    later = request_number(client)
    described = client.describe_phone_numbers(PhoneNumberIds=[later["PhoneNumberId"]])
    assert described["PhoneNumbers"][0]["Status"] == "ACTIVE"


@pytest.mark.parametrize(
    ("path", "payload", "words"),
    [
        ("auto-activate", {"auto_activate": "no"}, "'auto_activate' must be true or false"),
        (
            "phone-numbers/status",
            {"phone_number_id": "phone-x", "status": "ACTIVE"},
            "its ids: none",
        ),
        ("pools/status", {"pool_id": "pool-x", "status": "ACTIVE"}, "is not a pool"),
        ("rcs-agents/status", {"rcs_agent_id": "rcs-x", "status": "ACTIVE"}, "not an RCS agent"),
        ("rcs-agents/launch", {"rcs_agent_id": "rcs-x"}, "not an RCS agent"),
        (
            "notify-configurations/status",
            {"notify_configuration_id": "nc-x", "status": "ACTIVE"},
            "not a notify configuration",
        ),
        ("limits", {"name": "PHONE_NUMBERS", "max": -1}, "'max' must be a whole number"),
        ("limits", {"name": "WIDGETS", "max": 1}, "'name' must be one of PHONE_NUMBERS"),
    ],
    ids=["switch", "number", "pool", "rcs-status", "rcs-launch", "notify", "max", "limit-name"],
)
def test_hook_misuse_is_explained(
    server: str, path: str, payload: dict[str, Any], words: str
) -> None:
    """A hook given an unknown resource or a value it does not take answers 400 with a sentence."""
    status, body = control(server, "POST", path, payload)
    assert (status, body["__type"]) == (400, "InvalidControlRequest")
    assert words in body["Message"]


def test_phone_number_status_is_one_of_the_model(server: str, number: dict[str, Any]) -> None:
    """A phone number status is one of the model's NumberStatus values but DELETED."""
    status, body = control(
        server,
        "POST",
        "phone-numbers/status",
        {"phone_number_id": number["PhoneNumberId"], "status": "DELETED"},
    )
    assert status == 400
    assert "PENDING, ACTIVE, ASSOCIATING, DISASSOCIATING" in body["Message"]


def test_rcs_agent_status_and_launch(server: str, client: Any) -> None:
    """``rcs-agents/status`` is ``set_status`` (TESTING adds a testing agent) and
    ``rcs-agents/launch`` is ``launch`` (every launch ACTIVE: the agent is ACTIVE)."""
    agent = client.create_rcs_agent()
    status, body = control(
        server,
        "POST",
        "rcs-agents/status",
        {"rcs_agent_id": agent["RcsAgentId"], "status": "TESTING"},
    )
    assert (status, body["Status"]) == (200, "TESTING")
    assert body["TestingAgent"]["Status"] == "ACTIVE"
    status, body = control(
        server,
        "POST",
        "rcs-agents/launch",
        {"rcs_agent_id": agent["RcsAgentId"], "iso_country_code": "US", "status": "PENDING"},
    )
    assert (status, body["Status"]) == (200, "PENDING")
    status, body = control(
        server, "POST", "rcs-agents/launch", {"rcs_agent_id": agent["RcsAgentId"]}
    )
    assert (status, body["Status"]) == (200, "ACTIVE")
    status, body = control(
        server, "POST", "rcs-agents/status", {"rcs_agent_id": agent["RcsAgentId"], "status": "GONE"}
    )
    assert status == 400
    assert "An RCS agent status is one of" in body["Message"]


def test_notify_configuration_status(server: str, client: Any) -> None:
    """``notify-configurations/status`` is ``set_status``: REJECTED with its rejection reason."""
    config = client.create_notify_configuration(
        DisplayName="Acme", UseCase="CODE_VERIFICATION", EnabledChannels=["SMS"]
    )
    status, body = control(
        server,
        "POST",
        "notify-configurations/status",
        {
            "notify_configuration_id": config["NotifyConfigurationId"],
            "status": "REJECTED",
            "rejection_reason": "Display name unclear",
        },
    )
    assert status == 200
    assert (body["Status"], body["RejectionReason"]) == ("REJECTED", "Display name unclear")


def test_limits_lower_a_quota(server: str, client: Any) -> None:
    """``POST limits`` sets ``settings.limits[name]``: DescribeAccountLimits reports it and the next
    request over it is refused."""
    status, body = control(server, "POST", "limits", {"name": "PHONE_NUMBERS", "max": 1})
    assert (status, body["Limits"]["PHONE_NUMBERS"]) == (200, 1)
    limits = {r["Name"]: r["Max"] for r in client.describe_account_limits()["AccountLimits"]}
    assert limits["PHONE_NUMBERS"] == 1
    request_number(client)
    with pytest.raises(client.exceptions.ServiceQuotaExceededException):
        request_number(client)


def test_verification_code_and_dry_runs(server: str, client: Any, number: dict[str, Any]) -> None:
    """``GET verification-code`` is ``sms.verification_code``; ``GET dry-runs`` is ``sms.dry_runs``."""
    created = client.create_verified_destination_number(DestinationPhoneNumber="+12065550100")
    client.send_destination_number_verification_code(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
        VerificationChannel="TEXT",
    )
    status, body = control(server, "GET", "verification-code?destination=%2B12065550100")
    assert status == 200
    client.verify_destination_number(
        VerifiedDestinationNumberId=created["VerifiedDestinationNumberId"],
        VerificationCode=body["VerificationCode"],
    )
    status, body = control(server, "GET", "verification-code?destination=%2B12065550199")
    assert status == 400
    assert "+12065550199 is not a verified destination number" in body["Message"]
    assert control(server, "GET", "verification-code")[0] == 400
    status, body = control(
        server, "GET", "verification-code?destination=%2B12065550100&region=nowhere"
    )
    assert (status, body["__type"]) == (400, "InvalidControlRequest")
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="checked, not sent",
        DryRun=True,
    )
    status, body = control(server, "GET", f"dry-runs?destination={SUCCESS.replace('+', '%2B')}")
    assert status == 200
    assert [m["message_body"] for m in body["DryRuns"]] == ["checked, not sent"]
    _, sent = control(server, "GET", "sent-messages?source=API")
    assert sent["SentMessages"] == []
