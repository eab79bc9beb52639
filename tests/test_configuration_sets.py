"""Configuration sets, their event destinations and defaults, through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock
from tests.helpers import error_of

ACCOUNT = "123456789012"
REGION = "us-east-1"
SNS = {"SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:sms-events"}}
CLOUDWATCH = {
    "CloudWatchLogsDestination": {
        "IamRoleArn": "arn:aws:iam::123456789012:role/sms-logs",
        "LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:sms",
    }
}
FIREHOSE = {
    "KinesisFirehoseDestination": {
        "IamRoleArn": "arn:aws:iam::123456789012:role/sms-firehose",
        "DeliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/sms",
    }
}


def config_arn(name: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:aws:sms-voice:{region}:{account}:configuration-set/{name}"


@pytest.fixture
def config(client: Any) -> dict[str, Any]:
    return dict(client.create_configuration_set(ConfigurationSetName="main"))


def add_destination(client: Any, *, name: str = "events", **overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "ConfigurationSetName": "main",
        "EventDestinationName": name,
        "MatchingEventTypes": ["TEXT_ALL"],
        **SNS,
    }
    params.update(overrides)
    return dict(
        client.create_event_destination(**{k: v for k, v in params.items() if v is not None})
    )


def describe(client: Any, **params: Any) -> list[dict[str, Any]]:
    return list(client.describe_configuration_sets(**params)["ConfigurationSets"])


# -- CreateConfigurationSet ---------------------------------------------------------------


def test_create_returns_arn_name_tags_and_timestamp(client: Any) -> None:
    """CreateConfigurationSet answers with the set's ARN, name, tags and creation time."""
    out = client.create_configuration_set(
        ConfigurationSetName="main", Tags=[{"Key": "team", "Value": "sms"}]
    )
    assert out["ConfigurationSetArn"] == config_arn("main")
    assert out["ConfigurationSetName"] == "main"
    assert out["Tags"] == [{"Key": "team", "Value": "sms"}]
    assert out["CreatedTimestamp"].year >= 2024


def test_new_set_has_no_destinations_or_defaults(client: Any, config: dict[str, Any]) -> None:
    """A new configuration set has no event destinations and no defaults."""
    [found] = describe(client)
    assert found == {
        "ConfigurationSetArn": config["ConfigurationSetArn"],
        "ConfigurationSetName": "main",
        "EventDestinations": [],
        "CreatedTimestamp": config["CreatedTimestamp"],
    }


@pytest.mark.usefixtures("config")
def test_duplicate_name_is_a_conflict(client: Any) -> None:
    """Configuration set names are unique in an account and region."""
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.create_configuration_set(ConfigurationSetName="main")
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_ALREADY_EXISTS",
        "ResourceType": "configuration-set",
        "ResourceId": "main",
    }


@pytest.mark.usefixtures("config")
def test_names_are_case_sensitive(client: Any) -> None:
    """Names match exactly: "Main" is another set than "main"."""
    client.create_configuration_set(ConfigurationSetName="Main")
    assert sorted(c["ConfigurationSetName"] for c in describe(client)) == ["Main", "main"]


def test_configuration_set_quota(client: Any, sms: SmsVoiceMock) -> None:
    """Creating more configuration sets than the account quota allows is refused."""
    sms.backend().settings.limits["CONFIGURATION_SETS"] = 2
    client.create_configuration_set(ConfigurationSetName="one")
    client.create_configuration_set(ConfigurationSetName="two")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        client.create_configuration_set(ConfigurationSetName="three")
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "CONFIGURATION_SETS_PER_ACCOUNT",
    }


def test_client_token_replay_returns_the_first_answer(client: Any) -> None:
    """Repeating a ClientToken returns the original answer without creating another set."""
    first = client.create_configuration_set(ConfigurationSetName="main", ClientToken="t-1")
    again = client.create_configuration_set(ConfigurationSetName="main", ClientToken="t-1")
    assert again["ConfigurationSetArn"] == first["ConfigurationSetArn"]
    assert len(describe(client)) == 1


# -- DescribeConfigurationSets ------------------------------------------------------------


@pytest.mark.usefixtures("config")
def test_describe_by_name_or_arn(client: Any) -> None:
    """ConfigurationSetNames may hold names or ARNs; only the named sets are returned."""
    client.create_configuration_set(ConfigurationSetName="other")
    by_arn = describe(client, ConfigurationSetNames=[config_arn("main")])
    by_name = describe(client, ConfigurationSetNames=["main", "main"])
    assert [c["ConfigurationSetName"] for c in by_arn] == ["main"]
    assert [c["ConfigurationSetName"] for c in by_name] == ["main"]


@pytest.mark.usefixtures("config")
@pytest.mark.parametrize(
    "name",
    ["missing", config_arn("main", region="eu-west-1"), config_arn("main", account="210987654321")],
    ids=["unknown-name", "other-region-arn", "other-account-arn"],
)
def test_describe_unknown_set_is_not_found(client: Any, name: str) -> None:
    """ "If you specify a configuration set name that isn't valid, an error is returned."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        describe(client, ConfigurationSetNames=["main", name])
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "configuration-set",
        "ResourceId": name,
    }


def test_describe_with_an_arn_of_another_type_is_invalid(client: Any) -> None:
    """An ARN of another resource type is not a configuration set ARN."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        describe(client, ConfigurationSetNames=[f"arn:aws:sms-voice:{REGION}:{ACCOUNT}:pool/main"])
    assert error_of(exc)["Reason"] == "INVALID_ARN"


@pytest.fixture
def varied_sets(client: Any) -> None:
    """Sets ``a`` (SNS, defaults), ``b`` (Firehose, defaults) and ``c`` (bare)."""
    for name in ("a", "b", "c"):
        client.create_configuration_set(ConfigurationSetName=name)
    client.create_event_destination(
        ConfigurationSetName="a",
        EventDestinationName="sns",
        MatchingEventTypes=["TEXT_DELIVERED", "VOICE_ALL"],
        **SNS,
    )
    client.create_event_destination(
        ConfigurationSetName="b",
        EventDestinationName="hose",
        MatchingEventTypes=["ALL"],
        **FIREHOSE,
    )
    client.set_default_message_type(ConfigurationSetName="a", MessageType="TRANSACTIONAL")
    client.set_default_message_type(ConfigurationSetName="b", MessageType="PROMOTIONAL")
    client.set_default_sender_id(ConfigurationSetName="a", SenderId="ACME")
    client.set_default_message_feedback_enabled(
        ConfigurationSetName="b", MessageFeedbackEnabled=True
    )


@pytest.mark.usefixtures("varied_sets")
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ([{"Name": "event-destination-name", "Values": ["sns", "hose"]}], ["a", "b"]),
        ([{"Name": "matching-event-types", "Values": ["VOICE_ALL"]}], ["a"]),
        ([{"Name": "matching-event-types", "Values": ["ALL", "TEXT_DELIVERED"]}], ["a", "b"]),
        ([{"Name": "default-message-type", "Values": ["PROMOTIONAL"]}], ["b"]),
        ([{"Name": "default-sender-id", "Values": ["ACME"]}], ["a"]),
        ([{"Name": "default-message-feedback-enabled", "Values": ["true"]}], ["b"]),
        ([{"Name": "default-message-feedback-enabled", "Values": ["false"]}], ["a", "c"]),
        ([{"Name": "protect-configuration-id", "Values": ["protect-x"]}], []),
        (
            [
                {"Name": "default-message-type", "Values": ["TRANSACTIONAL", "PROMOTIONAL"]},
                {"Name": "event-destination-name", "Values": ["hose"]},
            ],
            ["b"],
        ),
    ],
    ids=[
        "destination-name",
        "event-type",
        "event-types-or",
        "message-type",
        "sender-id",
        "feedback-true",
        "feedback-false-includes-unset",
        "protect-configuration",
        "filters-and",
    ],
)
def test_describe_filters(client: Any, filters: list[dict[str, Any]], expected: list[str]) -> None:
    """Filters keep the sets that match every filter and any of a filter's values."""
    assert [c["ConfigurationSetName"] for c in describe(client, Filters=filters)] == expected


@pytest.mark.usefixtures("varied_sets")
def test_describe_names_and_filters_intersect(client: Any) -> None:
    """Given names and filters, the answer holds the named sets that match the filters."""
    out = describe(
        client,
        ConfigurationSetNames=["a", "c"],
        Filters=[{"Name": "default-message-type", "Values": ["TRANSACTIONAL"]}],
    )
    assert [c["ConfigurationSetName"] for c in out] == ["a"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("matching-event-types", "TEXT_EVERYTHING"),
        ("default-message-type", "MARKETING"),
        ("default-message-feedback-enabled", "yes"),
    ],
    ids=["event-type", "message-type", "boolean"],
)
def test_describe_filter_values_outside_their_enum(client: Any, name: str, value: str) -> None:
    """A filter value outside the filter's enumeration is refused."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        describe(client, Filters=[{"Name": name, "Values": [value]}])
    assert error_of(exc)["Reason"] == "INVALID_FILTER_VALUES"


def test_describe_unknown_filter_name_is_invalid(client: Any) -> None:
    """Filter names come from the model's ConfigurationSetFilterName enumeration."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        describe(client, Filters=[{"Name": "status", "Values": ["ACTIVE"]}])
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"


def test_describe_paginates(client: Any) -> None:
    """DescribeConfigurationSets pages through every set with NextToken."""
    names = [f"set-{i}" for i in range(7)]
    for name in names:
        client.create_configuration_set(ConfigurationSetName=name)
    paginator = client.get_paginator("describe_configuration_sets")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["ConfigurationSets"]) for p in pages] == [3, 3, 1]
    assert [c["ConfigurationSetName"] for p in pages for c in p["ConfigurationSets"]] == names


def test_describe_rejects_a_foreign_next_token(client: Any) -> None:
    """A NextToken that this operation did not mint is refused."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.describe_configuration_sets(NextToken="not-a-token")
    assert error_of(exc)["Reason"] == "INVALID_NEXT_TOKEN"


# -- DeleteConfigurationSet ---------------------------------------------------------------


@pytest.mark.usefixtures("config")
def test_delete_returns_the_set_and_cascades_destinations(client: Any) -> None:
    """DeleteConfigurationSet answers with the deleted set, its destinations and defaults."""
    add_destination(client)
    client.set_default_sender_id(ConfigurationSetName="main", SenderId="ACME")
    out = client.delete_configuration_set(ConfigurationSetName=config_arn("main"))
    assert out["ConfigurationSetName"] == "main"
    assert out["DefaultSenderId"] == "ACME"
    assert [d["EventDestinationName"] for d in out["EventDestinations"]] == ["events"]
    assert describe(client) == []
    client.create_configuration_set(ConfigurationSetName="main")
    assert describe(client)[0]["EventDestinations"] == []


def test_delete_unknown_set_is_not_found(client: Any) -> None:
    """Deleting a configuration set that doesn't exist is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        client.delete_configuration_set(ConfigurationSetName="missing")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "configuration-set",
        "ResourceId": "missing",
    }


# -- CreateEventDestination ---------------------------------------------------------------


@pytest.mark.usefixtures("config")
@pytest.mark.parametrize(
    "destination", [SNS, CLOUDWATCH, FIREHOSE], ids=["sns", "logs", "firehose"]
)
def test_create_event_destination(client: Any, destination: dict[str, Any]) -> None:
    """CreateEventDestination adds an enabled destination of the one given type."""
    out = client.create_event_destination(
        ConfigurationSetName=config_arn("main"),
        EventDestinationName="events",
        MatchingEventTypes=["TEXT_DELIVERED", "TEXT_BLOCKED"],
        **destination,
    )
    expected = {
        "EventDestinationName": "events",
        "Enabled": True,
        "MatchingEventTypes": ["TEXT_DELIVERED", "TEXT_BLOCKED"],
        **destination,
    }
    assert out["ConfigurationSetArn"] == config_arn("main")
    assert out["ConfigurationSetName"] == "main"
    assert out["EventDestination"] == expected
    assert describe(client)[0]["EventDestinations"] == [expected]


@pytest.mark.usefixtures("config")
def test_create_event_destination_without_a_destination(client: Any) -> None:
    """ "If an event destination isn't provided then an exception is returned."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_event_destination(
            ConfigurationSetName="main", EventDestinationName="events", MatchingEventTypes=["ALL"]
        )
    error = error_of(exc)
    assert error["Reason"] == "MISSING_PARAMETER"
    assert {f["Name"] for f in error["Fields"]} == {
        "CloudWatchLogsDestination",
        "KinesisFirehoseDestination",
        "SnsDestination",
    }


@pytest.mark.usefixtures("config")
@pytest.mark.parametrize(
    "destinations",
    [{**SNS, **CLOUDWATCH}, {**SNS, **FIREHOSE}, {**SNS, **CLOUDWATCH, **FIREHOSE}],
    ids=["sns+logs", "sns+firehose", "all-three"],
)
def test_create_event_destination_with_two_destinations(
    client: Any, destinations: dict[str, Any]
) -> None:
    """ "You must provide a value for a single event destination"."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.create_event_destination(
            ConfigurationSetName="main",
            EventDestinationName="events",
            MatchingEventTypes=["ALL"],
            **destinations,
        )
    error = error_of(exc)
    assert error["Reason"] == "PARAMETERS_CANNOT_BE_USED_TOGETHER"
    assert {f["Name"] for f in error["Fields"]} == set(destinations)


@pytest.mark.usefixtures("config")
def test_text_sent_is_not_supported(client: Any) -> None:
    """ "The TEXT_SENT event type is not supported."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        add_destination(client, MatchingEventTypes=["TEXT_DELIVERED", "TEXT_SENT"])
    error = error_of(exc)
    assert error["Reason"] == "FIELD_VALIDATION_FAILED"
    assert [f["Name"] for f in error["Fields"]] == ["MatchingEventTypes"]


@pytest.mark.usefixtures("config")
def test_unknown_event_type_is_invalid(client: Any) -> None:
    """MatchingEventTypes take values of the EventType enumeration."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        add_destination(client, MatchingEventTypes=["TEXT_READ"])
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"


@pytest.mark.usefixtures("config")
def test_duplicate_event_destination_name_is_a_conflict(client: Any) -> None:
    """Event destination names are unique within their configuration set."""
    add_destination(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        add_destination(
            client,
            SnsDestination=None,
            KinesisFirehoseDestination=FIREHOSE["KinesisFirehoseDestination"],
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "RESOURCE_ALREADY_EXISTS",
        "ResourceType": "event-destination",
        "ResourceId": "events",
    }


@pytest.mark.usefixtures("config")
def test_same_destination_name_in_two_sets(client: Any) -> None:
    """The same event destination name may be used in different configuration sets."""
    client.create_configuration_set(ConfigurationSetName="other")
    add_destination(client)
    out = add_destination(client, ConfigurationSetName="other")
    assert out["EventDestination"]["EventDestinationName"] == "events"


@pytest.mark.usefixtures("config")
def test_at_most_five_event_destinations(client: Any) -> None:
    """ "Each configuration set can contain between 0 and 5 event destinations."""
    for i in range(5):
        add_destination(client, name=f"d{i}")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as exc:
        add_destination(client, name="d5")
    assert error_of(exc) == {
        "Code": "ServiceQuotaExceededException",
        "Reason": "EVENT_DESTINATIONS_PER_CONFIGURATION_SET",
    }


def test_event_destination_in_unknown_set(client: Any) -> None:
    """An event destination needs an existing configuration set."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        add_destination(client, ConfigurationSetName="missing")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "configuration-set",
        "ResourceId": "missing",
    }


# -- UpdateEventDestination ---------------------------------------------------------------


@pytest.mark.usefixtures("config")
def test_update_changes_only_the_given_members(client: Any) -> None:
    """UpdateEventDestination can disable a destination and leaves the rest as it was."""
    add_destination(client, MatchingEventTypes=["TEXT_DELIVERED"])
    out = client.update_event_destination(
        ConfigurationSetName="main", EventDestinationName="events", Enabled=False
    )
    assert out["EventDestination"] == {
        "EventDestinationName": "events",
        "Enabled": False,
        "MatchingEventTypes": ["TEXT_DELIVERED"],
        **SNS,
    }
    out = client.update_event_destination(
        ConfigurationSetName="main", EventDestinationName="events", MatchingEventTypes=["ALL"]
    )
    assert (out["EventDestination"]["Enabled"], out["EventDestination"]["MatchingEventTypes"]) == (
        False,
        ["ALL"],
    )


@pytest.mark.usefixtures("config")
def test_update_iam_role_of_the_same_type(client: Any) -> None:
    """ "You can update the IAM role ARN for CloudWatch Logs and Firehose."""
    add_destination(
        client,
        SnsDestination=None,
        KinesisFirehoseDestination=FIREHOSE["KinesisFirehoseDestination"],
    )
    new = {
        "IamRoleArn": "arn:aws:iam::123456789012:role/new-role",
        "DeliveryStreamArn": FIREHOSE["KinesisFirehoseDestination"]["DeliveryStreamArn"],
    }
    out = client.update_event_destination(
        ConfigurationSetName="main", EventDestinationName="events", KinesisFirehoseDestination=new
    )
    assert out["EventDestination"]["KinesisFirehoseDestination"] == new
    assert describe(client)[0]["EventDestinations"][0]["KinesisFirehoseDestination"] == new


@pytest.mark.usefixtures("config")
def test_update_cannot_change_the_destination_type(client: Any) -> None:
    """ "You can't change an event destination's type between CloudWatch Logs, Firehose, and SNS."""
    add_destination(client)
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.update_event_destination(
            ConfigurationSetName="main", EventDestinationName="events", Enabled=False, **CLOUDWATCH
        )
    assert error_of(exc) == {
        "Code": "ConflictException",
        "Reason": "EVENT_DESTINATION_MISMATCH",
        "ResourceType": "event-destination",
        "ResourceId": "events",
    }
    assert describe(client)[0]["EventDestinations"][0]["Enabled"] is True


@pytest.mark.usefixtures("config")
def test_update_rejects_two_destinations_and_text_sent(client: Any) -> None:
    """An update takes at most one destination and no TEXT_SENT event type."""
    add_destination(client)
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_event_destination(
            ConfigurationSetName="main", EventDestinationName="events", **SNS, **FIREHOSE
        )
    assert error_of(exc)["Reason"] == "PARAMETERS_CANNOT_BE_USED_TOGETHER"
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.update_event_destination(
            ConfigurationSetName="main",
            EventDestinationName="events",
            MatchingEventTypes=["TEXT_SENT"],
        )
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"


@pytest.mark.usefixtures("config")
@pytest.mark.parametrize("operation", ["update_event_destination", "delete_event_destination"])
def test_unknown_event_destination_is_not_found(client: Any, operation: str) -> None:
    """Updating or deleting an event destination the set lacks is ResourceNotFoundException."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        getattr(client, operation)(ConfigurationSetName="main", EventDestinationName="missing")
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "event-destination",
        "ResourceId": "missing",
    }


# -- DeleteEventDestination ---------------------------------------------------------------


@pytest.mark.usefixtures("config")
def test_delete_event_destination(client: Any) -> None:
    """DeleteEventDestination answers with the removed destination and frees its name."""
    created = add_destination(client)
    add_destination(client, name="kept")
    out = client.delete_event_destination(
        ConfigurationSetName="main", EventDestinationName="events"
    )
    assert out["ConfigurationSetArn"] == config_arn("main")
    assert out["EventDestination"] == created["EventDestination"]
    remaining = describe(client)[0]["EventDestinations"]
    assert [d["EventDestinationName"] for d in remaining] == ["kept"]
    add_destination(client)


# -- Defaults -----------------------------------------------------------------------------


@pytest.mark.usefixtures("config")
def test_default_message_type(client: Any) -> None:
    """SetDefaultMessageType stores the set's default; DeleteDefaultMessageType clears it."""
    out = client.set_default_message_type(ConfigurationSetName="main", MessageType="PROMOTIONAL")
    assert (out["ConfigurationSetArn"], out["MessageType"]) == (config_arn("main"), "PROMOTIONAL")
    assert describe(client)[0]["DefaultMessageType"] == "PROMOTIONAL"
    out = client.delete_default_message_type(ConfigurationSetName=config_arn("main"))
    assert out["MessageType"] == "PROMOTIONAL"
    assert "DefaultMessageType" not in describe(client)[0]
    again = client.delete_default_message_type(ConfigurationSetName="main")
    assert "MessageType" not in again


@pytest.mark.usefixtures("config")
def test_default_message_type_outside_the_enum(client: Any) -> None:
    """MessageType is TRANSACTIONAL or PROMOTIONAL."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.set_default_message_type(ConfigurationSetName="main", MessageType="MARKETING")
    assert error_of(exc)["Reason"] == "FIELD_VALIDATION_FAILED"


@pytest.mark.usefixtures("config")
def test_default_sender_id(client: Any) -> None:
    """SetDefaultSenderId takes any valid sender ID string; DeleteDefaultSenderId clears it."""
    out = client.set_default_sender_id(ConfigurationSetName="main", SenderId="MyCompany")
    assert (out["ConfigurationSetName"], out["SenderId"]) == ("main", "MyCompany")
    assert describe(client)[0]["DefaultSenderId"] == "MyCompany"
    out = client.delete_default_sender_id(ConfigurationSetName="main")
    assert out["SenderId"] == "MyCompany"
    assert "DefaultSenderId" not in describe(client)[0]
    assert "SenderId" not in client.delete_default_sender_id(ConfigurationSetName="main")


@pytest.mark.usefixtures("config")
@pytest.mark.parametrize("sender_id", ["TWELVECHARSX", "ACME CORP"], ids=["too-long", "space"])
def test_default_sender_id_must_be_a_valid_sender_id(client: Any, sender_id: str) -> None:
    """SenderId is 1-11 characters of [A-Za-z0-9_-]."""
    with pytest.raises(client.exceptions.ValidationException) as exc:
        client.set_default_sender_id(ConfigurationSetName="main", SenderId=sender_id)
    error = error_of(exc)
    assert error["Reason"] == "FIELD_VALIDATION_FAILED"
    assert [f["Name"] for f in error["Fields"]] == ["SenderId"]


@pytest.mark.usefixtures("config")
def test_default_message_feedback_enabled(client: Any) -> None:
    """ "Sets a configuration set's default for message feedback."""
    out = client.set_default_message_feedback_enabled(
        ConfigurationSetName="main", MessageFeedbackEnabled=True
    )
    assert (out["ConfigurationSetName"], out["MessageFeedbackEnabled"]) == ("main", True)
    assert describe(client)[0]["DefaultMessageFeedbackEnabled"] is True
    client.set_default_message_feedback_enabled(
        ConfigurationSetName="main", MessageFeedbackEnabled=False
    )
    assert describe(client)[0]["DefaultMessageFeedbackEnabled"] is False


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("set_default_message_type", {"MessageType": "TRANSACTIONAL"}),
        ("delete_default_message_type", {}),
        ("set_default_sender_id", {"SenderId": "ACME"}),
        ("delete_default_sender_id", {}),
        ("set_default_message_feedback_enabled", {"MessageFeedbackEnabled": True}),
    ],
    ids=["set-type", "delete-type", "set-sender", "delete-sender", "set-feedback"],
)
def test_defaults_of_an_unknown_set(client: Any, operation: str, params: dict[str, Any]) -> None:
    """The default setters answer ResourceNotFoundException for an unknown configuration set."""
    with pytest.raises(client.exceptions.ResourceNotFoundException) as exc:
        getattr(client, operation)(ConfigurationSetName="missing", **params)
    assert error_of(exc) == {
        "Code": "ResourceNotFoundException",
        "ResourceType": "configuration-set",
        "ResourceId": "missing",
    }
