"""The ``smsvoice_server`` fixture, as another project's suite uses it through the plugin module."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

PLUGIN = "smsvoice_mock.server.pytest_plugin"


def test_fixture_yields_the_url_of_a_running_server(pytester: pytest.Pytester) -> None:
    """Loaded as a plugin through its ``pytest11`` entry point, ``smsvoice_server`` yields one endpoint URL for the whole session, and boto3 talks to it."""
    pytester.makepyfile(
        """
        import boto3

        URLS = []

        def client(url):
            return boto3.client(
                "pinpoint-sms-voice-v2", region_name="us-east-1", endpoint_url=url,
                aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
            )

        def test_first(smsvoice_server):
            assert smsvoice_server.startswith("http://127.0.0.1:")
            URLS.append(smsvoice_server)
            client(smsvoice_server).create_opt_out_list(OptOutListName="kept")

        def test_second(smsvoice_server):
            assert URLS == [smsvoice_server]
            names = [o["OptOutListName"] for o in client(smsvoice_server).describe_opt_out_lists()["OptOutLists"]]
            assert "kept" in names
        """
    )
    assert PLUGIN in {ep.value for ep in entry_points(group="pytest11")}
    # The two tests share the session's server in this order (pytest-randomly would shuffle them).
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=2)
