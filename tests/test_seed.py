"""Seeding and snapshots (issue 8): ``mock_smsvoice(seed=...)``, ``sms.seed(...)``, ``sms.snapshot()``."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from smsvoice_mock import SmsVoiceMock, mock_smsvoice
from smsvoice_mock._seed import FORMAT
from tests.helpers import make_client, request_number

NUMBER_ID = "phone-0123456789abcdef0123456789abcdef"
POOL_ID = "pool-abcdef0123456789abcdef0123456789"
# What production code reads from its settings, as docs/seeding.md shows.
SETTINGS_SEED: dict[str, Any] = {
    "phone_numbers": [
        {
            "PhoneNumberId": NUMBER_ID,
            "PhoneNumber": "+12065550100",
            "MessageType": "TRANSACTIONAL",
            "NumberCapabilities": ["SMS", "VOICE"],
            "NumberType": "TEN_DLC",
            "Keywords": [
                {"Keyword": "JOIN", "KeywordMessage": "Welcome!", "KeywordAction": "OPT_IN"}
            ],
        }
    ],
    "sender_ids": [{"SenderId": "ACME", "IsoCountryCode": "GB"}],
    "opt_out_lists": [
        {"OptOutListName": "marketing", "OptedOutNumbers": [{"OptedOutNumber": "+14255550199"}]}
    ],
    "pools": [
        {
            "PoolId": POOL_ID,
            "OriginationIdentities": [
                "+12065550100",
                {"OriginationIdentity": "ACME", "IsoCountryCode": "GB"},
            ],
        }
    ],
    "configuration_sets": [
        {
            "ConfigurationSetName": "prod-sms",
            "DefaultMessageType": "TRANSACTIONAL",
            "EventDestinations": [
                {
                    "EventDestinationName": "to-sns",
                    "MatchingEventTypes": ["ALL"],
                    "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:sms"},
                }
            ],
        }
    ],
}


def test_seed_gives_the_ids_production_reads(sms: SmsVoiceMock, client: Any) -> None:
    """A seed creates resources with the given ids, numbers and names; the rest takes the defaults
    RequestPhoneNumber and CreatePool give (ACTIVE, the Default opt-out list, the first member's
    settings and keywords)."""
    sms.seed(SETTINGS_SEED)
    (number,) = client.describe_phone_numbers()["PhoneNumbers"]
    assert number["PhoneNumberId"] == NUMBER_ID
    assert number["PhoneNumberArn"].endswith(f":123456789012:phone-number/{NUMBER_ID}")
    assert (number["PhoneNumber"], number["Status"], number["IsoCountryCode"]) == (
        "+12065550100",
        "ACTIVE",
        "US",
    )
    assert (number["OptOutListName"], number["PoolId"]) == ("Default", POOL_ID)
    (pool,) = client.describe_pools(PoolIds=[POOL_ID])["Pools"]
    assert (pool["Status"], pool["MessageType"]) == ("ACTIVE", "TRANSACTIONAL")
    members = client.list_pool_origination_identities(PoolId=POOL_ID)["OriginationIdentities"]
    assert [m["OriginationIdentity"] for m in members] == [NUMBER_ID, "ACME"]
    keywords = client.describe_keywords(OriginationIdentity=POOL_ID)["Keywords"]
    assert [k["Keyword"] for k in keywords] == ["HELP", "STOP", "JOIN"]
    opted = client.describe_opted_out_numbers(OptOutListName="marketing")["OptedOutNumbers"]
    assert [o["OptedOutNumber"] for o in opted] == ["+14255550199"]
    (config,) = client.describe_configuration_sets()["ConfigurationSets"]
    assert config["EventDestinations"][0]["Enabled"] is True
    client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity=POOL_ID,
        MessageBody="hello",
        ConfigurationSetName="prod-sms",
    )
    assert sms.sent_messages.last.origination_identity == "+12065550100"


def test_seed_option_of_mock_smsvoice() -> None:
    """``mock_smsvoice(seed=...)`` starts every activation (here a decorated function) seeded."""

    @mock_smsvoice(seed=SETTINGS_SEED)
    def uses_the_pool() -> list[str]:
        return [p["PoolId"] for p in make_client().describe_pools()["Pools"]]

    assert uses_the_pool() == [POOL_ID]
    assert uses_the_pool() == [POOL_ID]  # a fresh state each time, seeded again


@pytest.mark.parametrize("suffix", [".json", ".yaml"], ids=["json", "yaml"])
def test_seed_from_a_file(tmp_path: Path, suffix: str) -> None:
    """A seed may be the path of a JSON or YAML file (by its suffix), as a str or a Path."""
    yaml = pytest.importorskip("yaml")
    path = tmp_path / f"seed{suffix}"
    path.write_text(
        json.dumps(SETTINGS_SEED) if suffix == ".json" else yaml.safe_dump(SETTINGS_SEED)
    )
    for source in (path, str(path)):
        with mock_smsvoice(seed=source):
            names = make_client().describe_configuration_sets()["ConfigurationSets"]
            assert [c["ConfigurationSetName"] for c in names] == ["prod-sms"]


def test_yaml_without_pyyaml_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a YAML seed without PyYAML installed is a RuntimeError naming the package."""
    path = tmp_path / "seed.yml"
    path.write_text("phone_numbers: []\n")
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(RuntimeError, match="pip install pyyaml"):
        mock_smsvoice(seed=path)


def test_seed_of_the_wrong_type_is_a_type_error() -> None:
    """A seed is a mapping or a path; anything else is a TypeError saying so."""
    with pytest.raises(TypeError, match="A seed is a dict, or the path of a JSON or YAML file"):
        mock_smsvoice(seed=[SETTINGS_SEED])  # type: ignore[arg-type]


def test_seed_round_trips_through_snapshot() -> None:
    """seed → snapshot → seed into a fresh mock → the same snapshot, and the snapshot is JSON."""
    with mock_smsvoice(seed=SETTINGS_SEED) as sms:
        first = sms.snapshot()
    assert json.loads(json.dumps(first)) == first
    with mock_smsvoice(seed=first) as again:
        assert again.snapshot() == first
    assert set(first) == {
        "format",
        "phone_numbers",
        "sender_ids",
        "opt_out_lists",
        "pools",
        "configuration_sets",
        "registrations",  # the COMPLETE registration a seeded toll-free number gets
    }


def _describe_everything(client: Any) -> dict[str, Any]:
    numbers = client.describe_phone_numbers()["PhoneNumbers"]
    pools = client.describe_pools()["Pools"]
    answers: dict[str, Any] = {
        "numbers": numbers,
        "pools": pools,
        "sender_ids": client.describe_sender_ids()["SenderIds"],
        "lists": client.describe_opt_out_lists()["OptOutLists"],
        "configuration_sets": client.describe_configuration_sets()["ConfigurationSets"],
    }
    for found in answers["lists"]:
        name = found["OptOutListName"]
        answers[f"opted/{name}"] = client.describe_opted_out_numbers(OptOutListName=name)[
            "OptedOutNumbers"
        ]
    for owner in [n["PhoneNumberId"] for n in numbers] + [p["PoolId"] for p in pools]:
        answers[f"keywords/{owner}"] = client.describe_keywords(OriginationIdentity=owner)[
            "Keywords"
        ]
    for pool in pools:
        answers[f"members/{pool['PoolId']}"] = client.list_pool_origination_identities(
            PoolId=pool["PoolId"]
        )["OriginationIdentities"]
    for resource in numbers + pools:
        arn = resource.get("PhoneNumberArn") or resource["PoolArn"]
        answers[f"tags/{arn}"] = client.list_tags_for_resource(ResourceArn=arn)["Tags"]
    return answers


def _build_through_boto3(client: Any) -> None:
    """A state made by API calls, including a pool whose settings drifted from its members'."""
    client.create_opt_out_list(OptOutListName="vip", Tags=[{"Key": "team", "Value": "crm"}])
    client.put_opted_out_number(OptOutListName="vip", OptedOutNumber="+14255550123")
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+14255550124")
    first = request_number(client, Tags=[{"Key": "env", "Value": "test"}])
    second = request_number(client, DeletionProtectionEnabled=True)
    client.put_keyword(
        OriginationIdentity=first["PhoneNumberId"], Keyword="HOURS", KeywordMessage="9 to 5"
    )
    client.put_keyword(
        OriginationIdentity=first["PhoneNumberId"], Keyword="HELP", KeywordMessage="Call us."
    )
    client.request_sender_id(SenderId="Acme", IsoCountryCode="GB")
    pool = client.create_pool(
        OriginationIdentity=first["PhoneNumberId"], IsoCountryCode="US", MessageType="TRANSACTIONAL"
    )
    client.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity="ACME", IsoCountryCode="GB"
    )
    client.update_pool(PoolId=pool["PoolId"], OptOutListName="vip", SharedRoutesEnabled=True)
    client.delete_keyword(OriginationIdentity=pool["PoolId"], Keyword="HOURS")
    client.put_keyword(
        OriginationIdentity=second["PhoneNumberId"],
        Keyword="JOIN",
        KeywordMessage="Welcome",
        KeywordAction="OPT_IN",
    )
    client.create_configuration_set(ConfigurationSetName="alerts")
    client.create_event_destination(
        ConfigurationSetName="alerts",
        EventDestinationName="logs",
        MatchingEventTypes=["TEXT_DELIVERED", "TEXT_BLOCKED"],
        CloudWatchLogsDestination={
            "IamRoleArn": "arn:aws:iam::123456789012:role/sms",
            "LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:sms",
        },
    )
    client.update_event_destination(
        ConfigurationSetName="alerts", EventDestinationName="logs", Enabled=False
    )
    client.set_default_sender_id(ConfigurationSetName="alerts", SenderId="ACME")


def test_state_made_through_boto3_replays_from_its_snapshot() -> None:
    """A state made through boto3 calls → snapshot → seed into a fresh mock: every describe call
    answers the same."""
    with mock_smsvoice() as sms:
        client = make_client()
        _build_through_boto3(client)
        before = _describe_everything(client)
        snapshot = sms.snapshot()
    with mock_smsvoice(seed=json.loads(json.dumps(snapshot))) as replay:
        assert replay.snapshot() == snapshot
        assert _describe_everything(make_client()) == before


def test_describe_answers_seed_as_they_are() -> None:
    """Items of Describe* answers (ARNs, datetimes, PoolId and all) are valid seed entries, so a
    real account's answers can seed the mock."""
    with mock_smsvoice(seed=SETTINGS_SEED):
        client = make_client()
        numbers = client.describe_phone_numbers()["PhoneNumbers"]
        lists = client.describe_opt_out_lists(OptOutListNames=["marketing"])["OptOutLists"]
    sender = {"OriginationIdentity": "ACME", "IsoCountryCode": "GB"}
    with mock_smsvoice() as fresh:
        fresh.seed(
            {"opt_out_lists": lists, "sender_ids": [{"SenderId": "ACME", "IsoCountryCode": "GB"}]}
        )
        fresh.seed(
            {
                "pools": [
                    {
                        "PoolId": POOL_ID,
                        "MessageType": "TRANSACTIONAL",
                        "OriginationIdentities": [sender],
                    }
                ]
            }
        )
        fresh.seed({"phone_numbers": numbers})
        client = make_client()
        assert client.describe_phone_numbers()["PhoneNumbers"] == numbers
        assert client.describe_opt_out_lists(OptOutListNames=["marketing"])["OptOutLists"] == lists


def test_other_accounts_and_regions(sms: SmsVoiceMock) -> None:
    """Top-level families seed the activation's account and region; ``accounts`` seeds the others,
    and a snapshot puts them back there."""
    sms.seed(
        {
            "configuration_sets": [{"ConfigurationSetName": "home"}],
            "accounts": {
                "123456789012": {
                    "eu-west-1": {"configuration_sets": [{"ConfigurationSetName": "eu"}]}
                },
                "111122223333": {
                    "us-east-1": {"configuration_sets": [{"ConfigurationSetName": "other"}]}
                },
            },
        }
    )
    eu = make_client("eu-west-1").describe_configuration_sets()["ConfigurationSets"]
    assert [c["ConfigurationSetName"] for c in eu] == ["eu"]
    assert eu[0]["ConfigurationSetArn"].startswith("arn:aws:sms-voice:eu-west-1:123456789012:")
    assert list(sms.backend("111122223333").configuration_sets) == ["other"]
    snapshot = sms.snapshot()
    assert snapshot["configuration_sets"][0]["ConfigurationSetName"] == "home"
    assert set(snapshot["accounts"]) == {"123456789012", "111122223333"}
    assert list(snapshot["accounts"]["123456789012"]) == ["eu-west-1"]


def test_seed_fills_the_default_opt_out_list(sms: SmsVoiceMock, client: Any) -> None:
    """Every account has the Default opt-out list; a seed may fill it with opted-out numbers."""
    sms.seed(
        {
            "opt_out_lists": [
                {
                    "OptOutListName": "Default",
                    "OptedOutNumbers": [
                        {"OptedOutNumber": "+14255550100", "EndUserOptedOut": True}
                    ],
                }
            ]
        }
    )
    (entry,) = client.describe_opted_out_numbers(OptOutListName="Default")["OptedOutNumbers"]
    assert (entry["OptedOutNumber"], entry["EndUserOptedOut"]) == ("+14255550100", True)


def test_seed_after_api_calls_adds_to_the_state(sms: SmsVoiceMock, client: Any) -> None:
    """``sms.seed`` adds to what the test made already; an id the state holds is an error."""
    made = request_number(client)
    sms.seed({"pools": [{"PoolId": POOL_ID, "OriginationIdentities": [made["PhoneNumberId"]]}]})
    assert client.describe_phone_numbers()["PhoneNumbers"][0]["PoolId"] == POOL_ID
    with pytest.raises(ValueError, match=rf'seed\["pools"\]\[0\]: .*{POOL_ID}'):
        sms.seed({"pools": [{"PoolId": POOL_ID, "OriginationIdentities": [made["PhoneNumberId"]]}]})


def test_a_failed_seed_changes_nothing(sms: SmsVoiceMock, client: Any) -> None:
    """A seed that breaks a rule in its last entry leaves the state as it was."""
    broken = {
        "configuration_sets": [{"ConfigurationSetName": "kept-out"}],
        "accounts": {"111122223333": {"us-east-1": {"pools": [{"PoolId": POOL_ID}]}}},
    }
    with pytest.raises(ValueError, match="at least one origination identity"):
        sms.seed(broken)
    assert client.describe_configuration_sets()["ConfigurationSets"] == []
    snapshot = sms.snapshot()
    assert [c["operation"] for c in snapshot.pop("calls")] == ["DescribeConfigurationSets"]
    assert snapshot == {"format": FORMAT}


def test_a_failed_seed_option_leaves_no_mock_active() -> None:
    """``mock_smsvoice(seed=bad)`` raises at start and leaves the mock inactive."""
    from smsvoice_mock import _state

    with pytest.raises(ValueError, match="unknown key"), mock_smsvoice(seed={"numbers": []}):
        pass  # pragma: no cover
    assert _state.active is None


def _number(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "PhoneNumber": "+12065550100",
        "MessageType": "TRANSACTIONAL",
        "NumberCapabilities": ["SMS"],
        "NumberType": "TEN_DLC",
    }
    entry.update(overrides)
    return {k: v for k, v in entry.items() if v is not None}


BAD_SEEDS = [
    (
        {"phone_number": []},
        "seed: unknown key(s) phone_number; valid keys are account, accounts, calls, clock, configuration_sets",
    ),
    ({"phone_numbers": {"a": 1}}, 'seed["phone_numbers"]: a list of entries'),
    (
        {"phone_numbers": [_number(), _number(PhoneNumberID="phone-1")]},
        'seed["phone_numbers"][1]: unknown key(s) PhoneNumberID; valid keys are '
        "CreatedTimestamp, DeletionProtectionEnabled",
    ),
    (
        {"phone_numbers": [_number(PhoneNumber="206-555-0100")]},
        "seed[\"phone_numbers\"][0]: Value '206-555-0100' at 'PhoneNumber' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern",
    ),
    ({"phone_numbers": [_number(Status="READY")]}, "Member must satisfy enum value set: [ACTIVE"),
    ({"phone_numbers": [_number(NumberType=None)]}, "Missing required parameter 'NumberType'"),
    (
        {"phone_numbers": [_number(NumberType="SIMULATOR", MessageType="PROMOTIONAL")]},
        "you must set MessageType as TRANSACTIONAL",
    ),
    (
        {"phone_numbers": [_number(IsoCountryCode="GB")]},
        "TEN_DLC phone numbers are not available in GB",
    ),
    ({"phone_numbers": [_number(OptOutListName="vip")]}, "The opt-out-list 'vip' doesn't exist"),
    ({"phone_numbers": [_number(PhoneNumberId="abc")]}, "PhoneNumberId 'abc' must be an id like"),
    (
        {
            "phone_numbers": [
                _number(PhoneNumberId=NUMBER_ID),
                _number(PhoneNumber="+12065550111", PhoneNumberId=NUMBER_ID),
            ]
        },
        f"Phone number {NUMBER_ID} already exists",
    ),
    (
        {"phone_numbers": [_number(), _number()]},
        "+12065550100 is already phone number phone-",
    ),
    (
        {"phone_numbers": [_number(PhoneNumberArn="arn:aws:sms-voice:eu-west-1:1:phone-number/x")]},
        "doesn't name this entry",
    ),
    (
        {"phone_numbers": [_number(CreatedTimestamp="yesterday")]},
        "CreatedTimestamp must be a datetime, an ISO 8601 string or epoch seconds",
    ),
    (
        {
            "phone_numbers": [
                _number(
                    Keywords=[
                        {"Keyword": "STOP", "KeywordMessage": "Bye", "KeywordAction": "OPT_IN"}
                    ]
                )
            ]
        },
        'seed["phone_numbers"][0]["Keywords"][0]: The action of keyword "STOP" is OPT_OUT',
    ),
    (
        {"phone_numbers": [_number(Tags=[{"Key": "a"}])]},
        "Missing required parameter 'Tags[0].Value'",
    ),
    ({"sender_ids": [{"SenderId": "ACME", "IsoCountryCode": "US"}]}, "not supported in US"),
    (
        {"sender_ids": [{"SenderId": "ACME", "IsoCountryCode": "CA", "Registered": True}]},
        "Sender IDs are not supported in CA",
    ),
    (
        {
            "opt_out_lists": [
                {
                    "OptOutListName": "big",
                    "Tags": [{"Key": f"k{i}", "Value": ""} for i in range(51)],
                }
            ]
        },
        'seed["opt_out_lists"][0]: A resource can have at most 50 tags',
    ),
    (
        {"sender_ids": [{"SenderId": "-ACME", "IsoCountryCode": "GB"}]},
        "cannot start or end with a hyphen",
    ),
    (
        {"pools": [{"PoolId": POOL_ID}]},
        'seed["pools"][0]: a pool holds at least one origination identity',
    ),
    (
        {"pools": [{"OriginationIdentities": ["+12065550100"]}]},
        'seed["pools"][0]["OriginationIdentities"][0]: The phone-number \'+12065550100\' doesn\'t exist',
    ),
    (
        {
            "phone_numbers": [_number()],
            "pools": [
                {"OriginationIdentities": ["+12065550100"]},
                {"OriginationIdentities": ["+12065550100"]},
            ],
        },
        'seed["pools"][1]["OriginationIdentities"][0]: Phone number phone-',
    ),
    (
        {
            "phone_numbers": [_number()],
            "pools": [{"MessageType": "PROMOTIONAL", "OriginationIdentities": ["+12065550100"]}],
        },
        "is for TRANSACTIONAL messages, not PROMOTIONAL",
    ),
    (
        {
            "configuration_sets": [
                {
                    "ConfigurationSetName": "c",
                    "EventDestinations": [
                        {"EventDestinationName": "d", "MatchingEventTypes": ["ALL"]}
                    ],
                }
            ]
        },
        'seed["configuration_sets"][0]["EventDestinations"][0]: An event destination is required',
    ),
    (
        {
            "configuration_sets": [
                {
                    "ConfigurationSetName": "c",
                    "EventDestinations": [
                        {
                            "EventDestinationName": "d",
                            "MatchingEventTypes": ["TEXT_SENT"],
                            "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"},
                        }
                    ],
                }
            ]
        },
        "The TEXT_SENT event type is not supported",
    ),
    (
        {"configuration_sets": [{"ConfigurationSetName": "c"}, {"ConfigurationSetName": "c"}]},
        "seed[\"configuration_sets\"][1]: Configuration set 'c' already exists",
    ),
    ({"accounts": {"12": {}}}, 'seed["accounts"]["12"]: an account id is a 12-digit string'),
    (
        {"accounts": {"111122223333": {"eu-west-1": {"pool": []}}}},
        'seed["accounts"]["111122223333"]["eu-west-1"]: unknown key(s) pool',
    ),
]


@pytest.mark.parametrize(
    ("seed", "message"),
    BAD_SEEDS,
    ids=[
        "unknown-family",
        "family-not-a-list",
        "unknown-member",
        "pattern",
        "enum",
        "required",
        "simulator-promotional",
        "ten-dlc-outside-us",
        "missing-opt-out-list",
        "malformed-id",
        "duplicate-id",
        "duplicate-number",
        "foreign-arn",
        "bad-timestamp",
        "stop-action",
        "tag-without-value",
        "sender-id-in-us",
        "registered-sender-id-in-canada",
        "tag-quota",
        "sender-id-hyphen",
        "pool-without-members",
        "pool-unknown-member",
        "number-in-two-pools",
        "pool-message-type",
        "event-destination-missing",
        "text-sent",
        "duplicate-configuration-set",
        "bad-account",
        "unknown-family-in-region",
    ],
)
def test_a_seed_that_breaks_a_rule_names_the_entry(
    sms: SmsVoiceMock, seed: dict[str, Any], message: str
) -> None:
    """A seed is validated as the service would validate the calls that make it (the model's
    shapes, the models' rules); the ValueError names the entry and the rule."""
    with pytest.raises(ValueError, match=re.escape(message)):
        sms.seed(seed)


DOCS = Path(__file__).resolve().parent.parent / "docs" / "seeding.md"
DOC_EXAMPLES = re.findall(r"```python\n(.*?)```", DOCS.read_text(), re.S)


@pytest.mark.parametrize("index", range(len(DOC_EXAMPLES)))
def test_seeding_examples_run(index: int) -> None:
    """Every example in docs/seeding.md runs as written, and its assertions hold."""
    from smsvoice_mock import _state

    exec(compile(DOC_EXAMPLES[index], f"docs/seeding.md[{index}]", "exec"), {"__name__": "doc"})
    assert _state.active is None


def test_documented_json_example_seeds() -> None:
    """The JSON example of docs/seeding.md ("Other accounts and regions") is a valid seed."""
    block = re.search(r"```json\n(.*?)```", DOCS.read_text(), re.S)
    assert block is not None
    with mock_smsvoice(seed=json.loads(block.group(1))) as sms:
        assert list(sms.backend("111122223333", "eu-west-1").sender_ids) == [("ACME", "GB")]


def test_given_states_and_timestamps_are_kept(sms: SmsVoiceMock, client: Any) -> None:
    """A seed gives states and creation times as they are (ISO 8601 strings, epoch seconds or
    datetimes), and a registered sender ID where RequestSenderId would ask for a registration."""
    sms.seed(
        {
            "phone_numbers": [
                _number(Status="PENDING", CreatedTimestamp="2024-05-01T12:00:00Z"),
                _number(PhoneNumber="+12065550101", CreatedTimestamp=1714564800),
            ],
            "sender_ids": [
                {"SenderId": "ACME", "IsoCountryCode": "IN", "Registered": True},
            ],
        }
    )
    numbers = client.describe_phone_numbers()["PhoneNumbers"]
    assert [n["Status"] for n in numbers] == ["PENDING", "ACTIVE"]
    assert {n["CreatedTimestamp"].timestamp() for n in numbers} == {1714564800.0}
    (sender,) = client.describe_sender_ids()["SenderIds"]
    assert (sender["SenderId"], sender["Registered"]) == ("ACME", True)
    with pytest.raises(ValueError, match="must be registered"):
        sms.seed({"sender_ids": [{"SenderId": "OTHER", "IsoCountryCode": "IN"}]})


def test_the_two_functions_need_only_the_state() -> None:
    """``apply_seed`` and ``take_snapshot`` work on a ``MockState`` alone (the server's control API
    calls them without a handle), and a snapshot of nothing is an empty seed."""
    from smsvoice_mock._seed import apply_seed, take_snapshot
    from smsvoice_mock._state import MockState, Options

    state = MockState(Options(account_id="111122223333", region="eu-west-1"))
    assert take_snapshot(state) == {"format": FORMAT}
    apply_seed(state, {"configuration_sets": [{"ConfigurationSetName": "eu"}]})
    (entry,) = take_snapshot(state)["configuration_sets"]
    assert entry["ConfigurationSetName"] == "eu"
    assert state.backend().configuration_sets["eu"].arn == (
        "arn:aws:sms-voice:eu-west-1:111122223333:configuration-set/eu"
    )


def test_seeded_us_ten_dlc_number_is_registered(sms: SmsVoiceMock, client: Any) -> None:
    """A seeded US 10DLC number is ready to send (a COMPLETE registration with the entry's
    RegistrationId), where a requested one waits for its registration (user guide: 10DLC numbers
    send once the campaign is registered)."""
    registration_id = "registration-0123456789abcdef0123456789abcdef"
    sms.seed(
        {
            "phone_numbers": [
                {
                    "PhoneNumber": "+12065550111",
                    "MessageType": "TRANSACTIONAL",
                    "NumberCapabilities": ["SMS"],
                    "NumberType": "TEN_DLC",
                    "RegistrationId": registration_id,
                }
            ]
        }
    )
    (registration,) = client.describe_registrations()["Registrations"]
    assert (registration["RegistrationId"], registration["RegistrationStatus"]) == (
        registration_id,
        "COMPLETE",
    )
    client.send_text_message(
        DestinationPhoneNumber="+14254147755",
        OriginationIdentity="+12065550111",
        MessageBody="Your code is 123456",
    )
    assert sms.sent_messages.last.destination_phone_number == "+14254147755"


def test_a_seed_refuses_a_number_the_account_already_has(sms: SmsVoiceMock, client: Any) -> None:
    """A seeded phone number whose E.164 number a requested number of the account has is refused,
    naming that number, and nothing of the seed is added."""
    requested = request_number(client)
    entries = [_number(PhoneNumber="+12065550111"), _number(PhoneNumber=requested["PhoneNumber"])]
    problem = (
        rf'seed\["phone_numbers"\]\[1\]: .*\{requested["PhoneNumber"]} is already phone number '
        rf"{requested['PhoneNumberId']}\."
    )
    with pytest.raises(ValueError, match=problem):
        sms.seed({"phone_numbers": entries})
    assert list(sms.backend().phone_numbers) == [requested["PhoneNumberId"]]
