"""The ``smsvoice_server`` fixture, as another project's suite uses it through the plugin module."""

from __future__ import annotations

import urllib.error
import urllib.request
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

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


XDIST_TEST = """
import json
import time
import urllib.request

import boto3
import pytest


def client(url, account):
    return boto3.client(
        "pinpoint-sms-voice-v2", region_name="us-east-1", endpoint_url=url,
        aws_access_key_id=account if account != "123456789012" else "AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


def test_send_{name}(smsvoice_server, smsvoice_account, worker_id, tmp_path_factory):
    shared = tmp_path_factory.getbasetemp().parent
    (shared / f"url-{{worker_id}}").write_text(smsvoice_server)
    (shared / f"account-{{worker_id}}").write_text(smsvoice_account)
    sms = client(smsvoice_server, smsvoice_account)
    number = sms.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"],
        NumberType="SIMULATOR",
    )
    sms.send_text_message(
        DestinationPhoneNumber="+14254147755", OriginationIdentity=number["PhoneNumberId"],
        MessageBody=f"from {{worker_id}}",
    )
    deadline = time.monotonic() + 30
    while True:  # both workers' sends appear in one log of one server
        with urllib.request.urlopen(f"{{smsvoice_server}}/_smsvoice/sent-messages") as answer:
            sent = json.load(answer)["SentMessages"]
        bodies = {{m["message_body"] for m in sent}}
        if bodies == {{"from gw0", "from gw1"}} or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert bodies == {{"from gw0", "from gw1"}}
    accounts = {{m["message_body"]: m["account_id"] for m in sent}}
    assert accounts[f"from {{worker_id}}"] == smsvoice_account
"""


def _run_two_workers(pytester: pytest.Pytester, *options: str) -> tuple[Any, Path]:
    pytest.importorskip("xdist")
    pytester.makepyfile(test_a=XDIST_TEST.format(name="a"), test_b=XDIST_TEST.format(name="b"))
    basetemp = pytester.path / "basetemp"
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",
        "-n",
        "2",
        "--dist",
        "loadfile",
        f"--basetemp={basetemp}",
        *options,
    )
    return result, basetemp


def test_xdist_workers_share_one_server_and_the_last_stops_it(pytester: pytest.Pytester) -> None:
    """Under pytest-xdist the first worker starts the server and the other finds it through the
    JSON file in the run's shared temporary folder: both workers' sends appear in one
    ``GET /_smsvoice/sent-messages``, and the server is gone once the last worker finished."""
    result, basetemp = _run_two_workers(pytester)
    result.assert_outcomes(passed=2)
    urls = {(basetemp / f"url-gw{n}").read_text() for n in (0, 1)}
    assert len(urls) == 1
    accounts = {(basetemp / f"account-gw{n}").read_text() for n in (0, 1)}
    assert accounts == {"123456789012"}
    assert not (basetemp / "smsvoice_server.json").exists()
    assert not (basetemp / "smsvoice_server.lock").exists()
    (url,) = urls
    with pytest.raises(urllib.error.URLError, match="Connection refused"):
        urllib.request.urlopen(f"{url}/_smsvoice/health", timeout=2)


def test_each_worker_gets_its_own_account_with_the_option(pytester: pytest.Pytester) -> None:
    """``--smsvoice-account-per-worker`` gives each worker its own 12-digit account on the shared
    server, named by the ``smsvoice_account`` fixture (``1000000000NN`` for ``gwNN``)."""
    result, basetemp = _run_two_workers(pytester, "--smsvoice-account-per-worker")
    result.assert_outcomes(passed=2)
    assert (basetemp / "account-gw0").read_text() == "100000000000"
    assert (basetemp / "account-gw1").read_text() == "100000000001"


def test_the_account_fixture_without_xdist_is_the_default_account(
    pytester: pytest.Pytester,
) -> None:
    """Outside pytest-xdist, even with the ini option, ``smsvoice_account`` is ``123456789012``."""
    pytester.makeini("[pytest]\nsmsvoice_account_per_worker = true\n")
    pytester.makepyfile(
        """
        def test_account(smsvoice_account):
            assert smsvoice_account == "123456789012"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
