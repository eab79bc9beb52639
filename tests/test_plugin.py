"""The pytest plugin: the ``smsvoice_mock`` fixture and marker, registered through ``pytest11``."""

from __future__ import annotations

import pytest

HEADER = """
import boto3, pytest
from botocore.config import Config

def client():
    return boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1",
                        config=Config(retries={"total_max_attempts": 1}))
"""


def test_fixture_gives_an_active_handle(pytester: pytest.Pytester) -> None:
    """The fixture yields the handle with the mock active and drops everything after the test."""
    pytester.makepyfile(
        HEADER
        + """
from smsvoice_mock import _state

def test_one(smsvoice_mock):
    c = client()
    number = c.request_phone_number(IsoCountryCode="US", MessageType="TRANSACTIONAL",
                                    NumberCapabilities=["SMS"], NumberType="SIMULATOR")
    c.send_text_message(DestinationPhoneNumber="+14254147755",
                        OriginationIdentity=number["PhoneNumberId"], MessageBody="hello")
    assert smsvoice_mock.sent_messages.last.message_body == "hello"

def test_two(smsvoice_mock):
    assert len(smsvoice_mock.sent_messages) == 0
    assert client().describe_phone_numbers()["PhoneNumbers"] == []

def test_three():
    assert _state.active is None
"""
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_marker_passes_options(pytester: pytest.Pytester) -> None:
    """``@pytest.mark.smsvoice_mock(...)`` takes the same keyword options as ``mock_smsvoice``."""
    pytester.makepyfile(
        HEADER
        + """
@pytest.mark.smsvoice_mock(sandbox=True, account_id="111122223333", region="eu-west-1")
def test_sandbox(smsvoice_mock):
    attrs = client().describe_account_attributes()["AccountAttributes"]
    assert {"Name": "ACCOUNT_TIER", "Value": "SANDBOX"} in attrs
    assert smsvoice_mock.backend().account_id == "111122223333"
    assert smsvoice_mock.backend().region == "eu-west-1"
"""
    )
    pytester.runpytest("--strict-markers").assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("smsvoice_mock(sandbx=True)", "unknown option(s) sandbx"),
        ("smsvoice_mock(True)", "keyword options only"),
    ],
    ids=["typo", "positional"],
)
def test_marker_typos_fail_loudly(pytester: pytest.Pytester, marker: str, message: str) -> None:
    """A misspelt or positional marker option is an error that says what the marker accepts."""
    pytester.makepyfile(
        f"""
import pytest

@pytest.mark.{marker}
def test_it(smsvoice_mock):
    pass
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{message}*"])


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    """The marker is declared, so ``--strict-markers`` accepts it and ``--markers`` lists it."""
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["*smsvoice_mock(*account_id*sandbox*"])


def test_marker_alone_mocks_the_test(pytester: pytest.Pytester) -> None:
    """``@pytest.mark.smsvoice_mock(...)`` on a test without the fixture mocks that test (issue 8),
    with its options, and ``current_mock()`` is the handle; an unmarked test is not mocked."""
    pytester.makepyfile(
        HEADER
        + """
from smsvoice_mock import _state, current_mock

@pytest.mark.smsvoice_mock(region="eu-west-1", sandbox=True)
def test_marked():
    attrs = boto3.client("pinpoint-sms-voice-v2", region_name="eu-west-1").describe_account_attributes()
    assert {"Name": "ACCOUNT_TIER", "Value": "SANDBOX"} in attrs["AccountAttributes"]
    assert current_mock().backend().region == "eu-west-1"

@pytest.mark.smsvoice_mock
class TestMarkedClass:
    def test_method(self):
        assert client().describe_phone_numbers()["PhoneNumbers"] == []
        assert len(current_mock().sent_messages) == 0

def test_unmarked():
    assert _state.active is None
"""
    )
    pytester.runpytest("-p", "no:cacheprovider", "--strict-markers").assert_outcomes(passed=3)


def test_marker_seeds_the_test(pytester: pytest.Pytester) -> None:
    """``seed`` is a marker option: with or without the fixture, the test starts with the seed."""
    pytester.makepyfile(
        HEADER
        + """
SEED = {"phone_numbers": [{"PhoneNumberId": "phone-0123456789abcdef0123456789abcdef",
                           "PhoneNumber": "+12065550100", "MessageType": "TRANSACTIONAL",
                           "NumberCapabilities": ["SMS"], "NumberType": "TEN_DLC"}]}

@pytest.mark.smsvoice_mock(seed=SEED)
def test_with_fixture(smsvoice_mock):
    numbers = client().describe_phone_numbers()["PhoneNumbers"]
    assert [n["PhoneNumber"] for n in numbers] == ["+12065550100"]

@pytest.mark.smsvoice_mock(seed=SEED)
def test_without_fixture():
    numbers = client().describe_phone_numbers()["PhoneNumbers"]
    assert [n["PhoneNumberId"] for n in numbers] == ["phone-0123456789abcdef0123456789abcdef"]
"""
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("smsvoice_mock(sandbx=True)", "unknown option(s) sandbx"),
        ("smsvoice_mock(True)", "keyword options only"),
        ("smsvoice_mock(seed={'pool': []})", "unknown key(s) pool"),
    ],
    ids=["typo", "positional", "seed-typo"],
)
def test_marker_typos_fail_loudly_without_the_fixture(
    pytester: pytest.Pytester, marker: str, message: str
) -> None:
    """A misspelt marker option (or seed key) is an error even on a test that doesn't request the
    fixture: it never passes unnoticed."""
    pytester.makepyfile(
        f"""
import pytest

@pytest.mark.{marker}
def test_it():
    pass
"""
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{message}*"])
