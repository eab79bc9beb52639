"""The ``smsvoice_server`` fixture, as another project's suite uses it through the plugin module."""

from __future__ import annotations

import pytest


def test_fixture_yields_the_url_of_a_running_server(pytester: pytest.Pytester) -> None:
    """Loaded as a plugin (``-p smsvoice_mock.server.pytest_plugin``, as the ``pytest11`` entry point
    will), ``smsvoice_server`` yields one endpoint URL for the whole session, and boto3 talks to it."""
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
    result = pytester.runpytest_subprocess(
        "-p", "smsvoice_mock.server.pytest_plugin", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=2)
