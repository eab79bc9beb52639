"""The ``smsvoice_server`` fixture, as another project's suite uses it through the plugin module."""

from __future__ import annotations

from importlib.metadata import entry_points

import botocore
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


@pytest.mark.skipif(
    tuple(int(part) for part in botocore.__version__.split(".")[:2]) < (1, 31),
    reason="botocore before 1.31 does not read AWS_ENDPOINT_URL_<SERVICE>",
)
def test_fixture_sets_the_environment_of_the_processes_it_serves(pytester: pytest.Pytester) -> None:
    """With ``smsvoice_server`` a process the test starts finds the endpoint, a region and dummy
    credentials in its environment (a client that names none reaches the server), and the
    environment is put back after the session."""
    pytester.makepyfile(
        """
        import os
        import subprocess
        import sys

        import pytest

        SCRIPT = (
            "import boto3; c = boto3.client('pinpoint-sms-voice-v2');"
            "c.create_opt_out_list(OptOutListName='from-a-child');"
            "print(c.meta.endpoint_url)"
        )

        @pytest.fixture(autouse=True, scope="session")
        def clean_environment():
            for name in ("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", "AWS_DEFAULT_REGION",
                         "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
                os.environ.pop(name, None)
            os.environ["AWS_CONFIG_FILE"] = os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

        def test_a_child_process_reaches_the_server(smsvoice_server):
            assert os.environ["AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2"] == smsvoice_server
            assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
            done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert done.stdout.strip() == smsvoice_server
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
