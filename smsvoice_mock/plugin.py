"""The pytest plugin (entry point ``pytest11``): the ``smsvoice_mock`` fixture and marker.

def test_sends(smsvoice_mock):
    ...
    assert smsvoice_mock.sent_messages.last.destination_phone_number == "+14254147755"

@pytest.mark.smsvoice_mock(sandbox=True)
def test_in_the_sandbox(smsvoice_mock): ...

@pytest.mark.smsvoice_mock(seed={"phone_numbers": [...]})
def test_without_the_fixture():  # the marker alone mocks the test; current_mock() is its handle
    ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from smsvoice_mock._mock import SmsVoiceMock, check_options


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "smsvoice_mock(*, account_id='123456789012', region='us-east-1', sandbox=False, "
        "seed=None): mock the test (with or without the smsvoice_mock fixture) with these options",
    )


def _options(marker: pytest.Mark | None) -> dict[str, Any]:
    if marker is None:
        return {}
    if marker.args:
        raise TypeError(
            "@pytest.mark.smsvoice_mock takes keyword options only, e.g. "
            "@pytest.mark.smsvoice_mock(sandbox=True)."
        )
    check_options(marker.kwargs, "@pytest.mark.smsvoice_mock")
    return dict(marker.kwargs)


@pytest.fixture
def smsvoice_mock(request: pytest.FixtureRequest) -> Iterator[SmsVoiceMock]:
    """The active mock's handle; everything it holds is dropped after the test."""
    mock = SmsVoiceMock(**_options(request.node.get_closest_marker("smsvoice_mock")))
    with mock:
        yield mock


@pytest.fixture(autouse=True)
def _smsvoice_mock_marker(request: pytest.FixtureRequest) -> Iterator[None]:
    """``@pytest.mark.smsvoice_mock(...)`` alone mocks the test, as the fixture would."""
    marker = request.node.get_closest_marker("smsvoice_mock")
    if marker is None or "smsvoice_mock" in request.fixturenames:
        yield
        return
    with SmsVoiceMock(**_options(marker)):
        yield
