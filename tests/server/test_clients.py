"""Conformance with clients nobody here wrote: the AWS CLI v1 (its own vendored botocore), the AWS
SDK for JavaScript v3 and the AWS SDK for Go v2 run the same scenario against the server: request a
SIMULATOR number, put a keyword, send, an inbound STOP through the control API, the next send
refused, and the error's Reason reaching the client with the typed exception.

The clients are installed outside the package (see docs/server.md): the AWS CLI in its own virtual
environment, found through ``SMSVOICE_MOCK_AWS_CLI`` (the path of its ``aws``), the JavaScript SDK by
``npm ci`` in tests/server/js, the Go SDK from Debian's ``golang-github-aws-aws-sdk-go-v2-dev``
(built in GOPATH mode, no module download; ``SMSVOICE_MOCK_GOPATH`` names another GOPATH). Without
them the tests skip, except under ``CI=true``, where a missing client fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tests.server.conftest import control

JS = Path(__file__).parent / "js"
GO = Path(__file__).parent / "go"
GO_SDK = "github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2"
CUSTOMER = "+14254147755"


def missing(client: str, how: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{client} is not installed and CI=true requires it: {how}")
    pytest.skip(f"{client} is not installed: {how}")


@pytest.fixture
def aws_cli() -> str:
    path = os.environ.get("SMSVOICE_MOCK_AWS_CLI", "")
    if not (path and os.access(path, os.X_OK)):
        missing(
            "The AWS CLI v1",
            "python3 -m venv /tmp/venv-awscli && /tmp/venv-awscli/bin/pip install awscli, then "
            "export SMSVOICE_MOCK_AWS_CLI=/tmp/venv-awscli/bin/aws",
        )
    return path


@pytest.fixture(scope="session")
def go_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/server/go/scenario.go built once a session, in GOPATH mode against the packaged SDK."""
    go = shutil.which("go")
    gopath = os.environ.get("SMSVOICE_MOCK_GOPATH", "/usr/share/gocode")
    if go is None or not (Path(gopath) / "src" / GO_SDK).is_dir():
        missing(
            f"The AWS SDK for Go v2 (with go; {GO_SDK} under {gopath}/src)",
            "apt-get install golang-go golang-github-aws-aws-sdk-go-v2-dev",
        )
    out = tmp_path_factory.mktemp("go")
    env = {**os.environ, "GOPATH": gopath, "GO111MODULE": "off", "GOFLAGS": "", "GOPROXY": "off"}
    if not any(env.get(name) for name in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = str(out / "cache")
    # -p 1: one compile at a time; later sessions reuse the build cache and only link.
    build = subprocess.run(
        [go, "build", "-p", "1", "-o", str(out / "scenario"), "scenario.go"],
        cwd=GO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return out / "scenario"


def run_cli(aws: str, url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_PAGER": "",
    }
    command = [aws, "pinpoint-sms-voice-v2", *args, "--endpoint-url", url, "--output", "json"]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=check
    )


def test_aws_cli_scenario(server: str, aws_cli: str) -> None:
    """The AWS CLI v1 requests a simulator number, puts a keyword and sends; after an inbound STOP the
    next send fails with ConflictException and the body's Reason DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    number: dict[str, Any] = json.loads(
        run_cli(
            aws_cli,
            server,
            "request-phone-number",
            "--iso-country-code=US",
            "--message-type=TRANSACTIONAL",
            "--number-capabilities=SMS",
            "--number-type=SIMULATOR",
        ).stdout
    )
    assert number["NumberType"] == "SIMULATOR"
    keyword = json.loads(
        run_cli(
            aws_cli,
            server,
            "put-keyword",
            f"--origination-identity={number['PhoneNumberId']}",
            "--keyword=HOURS",
            "--keyword-message=We are open 9-5.",
        ).stdout
    )
    assert keyword["KeywordAction"] == "AUTOMATIC_RESPONSE"
    send = (
        "send-text-message",
        f"--destination-phone-number={CUSTOMER}",
        f"--origination-identity={number['PhoneNumber']}",
        "--message-body=Your order has shipped.",
    )
    assert json.loads(run_cli(aws_cli, server, *send).stdout)["MessageId"]
    status, inbound = control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": CUSTOMER,
            "message_body": "STOP",
        },
    )
    assert (status, inbound["action"]) == (200, "OPT_OUT")
    refused = run_cli(aws_cli, server, *send, "--debug", check=False)
    assert refused.returncode != 0
    assert (
        "An error occurred (ConflictException) when calling the SendTextMessage operation"
        in refused.stderr
    )
    assert '"Reason":"DESTINATION_PHONE_NUMBER_OPTED_OUT"' in refused.stderr  # the body, as logged
    _, sent = control(server, "GET", "sent-messages?source=API")
    assert len(sent["SentMessages"]) == 1


def test_javascript_sdk_scenario(server: str) -> None:
    """The AWS SDK for JavaScript v3 runs the scenario; the refused send raises its typed
    ``ConflictException`` whose ``Reason`` is DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    node = shutil.which("node")
    if (
        node is None
        or not (JS / "node_modules" / "@aws-sdk" / "client-pinpoint-sms-voice-v2").is_dir()
    ):
        missing(
            "The AWS SDK for JavaScript v3 (with node)",
            "install node, then run 'npm ci' in tests/server/js",
        )
    result = subprocess.run(
        [node, "scenario.mjs", server],
        cwd=JS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout)
    assert seen["number"]["type"] == "SIMULATOR"
    assert seen["number"]["createdIsDate"] is True
    assert seen["keyword"] == {"keyword": "HOURS", "action": "AUTOMATIC_RESPONSE"}
    assert seen["inbound"] == {"action": "OPT_OUT", "optedOut": True}
    assert seen["refusal"]["typed"] is True
    assert seen["refusal"]["reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
    assert seen["refusal"]["status"] == 400


def test_go_sdk_scenario(server: str, go_scenario: Path) -> None:
    """The AWS SDK for Go v2 runs the scenario with its endpoint from a resolver and static
    credentials; ``DescribeKeywords``' paginator reads three pages of two, and the refused send is a
    ``*types.ConflictException`` with ``Reason`` DESTINATION_PHONE_NUMBER_OPTED_OUT, a
    ``smithy.APIError`` and a ``ResponseError`` with the status and request id."""
    result = subprocess.run(
        [str(go_scenario), server], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout)
    assert seen["number"]["type"] == "SIMULATOR"
    assert seen["number"]["createdIsTime"] is True
    assert seen["keyword"] == {"keyword": "HOURS", "action": "AUTOMATIC_RESPONSE"}
    assert seen["keywords"] == {"pages": 3, "names": ["HELP", "STOP", "HOURS", "PRICES", "RSVP"]}
    assert seen["inbound"] == {"action": "OPT_OUT", "optedOut": True}
    refusal = seen["refusal"]
    assert refusal["typed"] is True
    assert refusal["reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
    assert (refusal["code"], refusal["fault"], refusal["status"]) == (
        "ConflictException",
        "client",
        400,
    )
    assert refusal["requestId"]
    assert seen["optedOut"] == [CUSTOMER]
    _, sent = control(server, "GET", "sent-messages?source=API")
    assert [m["message_id"] for m in sent["SentMessages"]] == [seen["messageId"]]


def test_aws_cli_sends_from_a_toll_free_number_completed_over_http(
    server: str, aws_cli: str
) -> None:
    """A US toll-free number the AWS CLI requested sends once ``POST registrations/complete`` (the
    handle's ``complete_registration``) made its registration COMPLETE; before that, the refusal
    names the endpoint."""
    number: dict[str, Any] = json.loads(
        run_cli(
            aws_cli,
            server,
            "request-phone-number",
            "--iso-country-code=US",
            "--message-type=TRANSACTIONAL",
            "--number-capabilities=SMS",
            "--number-type=TOLL_FREE",
        ).stdout
    )
    send = (
        "send-text-message",
        f"--destination-phone-number={CUSTOMER}",
        f"--origination-identity={number['PhoneNumberId']}",
        "--message-body=Your code is 481516.",
    )
    refused = run_cli(aws_cli, server, *send, check=False)
    assert refused.returncode != 0
    assert "ConflictException" in refused.stderr
    assert "POST /_smsvoice/registrations/complete" in refused.stderr
    status, body = control(
        server, "POST", "registrations/complete", {"phone_number_id": number["PhoneNumberId"]}
    )
    assert status == 200
    assert body["RegistrationId"].startswith("registration-")
    registrations = json.loads(run_cli(aws_cli, server, "describe-registrations").stdout)
    assert [
        (r["RegistrationId"], r["RegistrationStatus"]) for r in registrations["Registrations"]
    ] == [(body["RegistrationId"], "COMPLETE")]
    sent = json.loads(run_cli(aws_cli, server, *send).stdout)
    _, log = control(server, "GET", "sent-messages")
    assert [(m["message_id"], m["origination_identity"]) for m in log["SentMessages"]] == [
        (sent["MessageId"], number["PhoneNumber"])
    ]
