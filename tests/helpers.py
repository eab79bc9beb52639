"""Helpers the test modules share."""

from __future__ import annotations

import copy
import importlib
import os
from datetime import datetime, time, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.validate import ParamValidator

from smsvoice_mock import SmsVoiceMock
from smsvoice_mock._model import operation_model
from smsvoice_mock._validate import problems_for

SERVICE = "pinpoint-sms-voice-v2"
REGION = "us-east-1"


def make_client(region: str = REGION, **kwargs: Any) -> Any:
    return boto3.client(
        SERVICE, region_name=region, config=Config(retries={"total_max_attempts": 1}), **kwargs
    )


def request_number(client: Any, **overrides: Any) -> dict[str, Any]:
    """A fresh US simulator number unless the test says otherwise."""
    params: dict[str, Any] = {
        "IsoCountryCode": "US",
        "MessageType": "TRANSACTIONAL",
        "NumberCapabilities": ["SMS", "VOICE"],
        "NumberType": "SIMULATOR",
    }
    params.update(overrides)
    return dict(client.request_phone_number(**params))


def moto_topic_with_queue(name: str) -> tuple[str, Any, str]:
    """In an active moto ``mock_aws``: an SNS topic with an SQS queue subscribed (raw delivery), as
    ``(topic ARN, the SQS client, the queue URL)``."""
    sns = boto3.client("sns", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    topic = sns.create_topic(Name=name)["TopicArn"]
    queue = sqs.create_queue(QueueName=f"{name}-queue")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    return topic, sqs, queue


def error_of(exc_info: pytest.ExceptionInfo[Any]) -> dict[str, Any]:
    """``{"Code", "Reason", "Fields", "ResourceType", "ResourceId"}`` of a ClientError."""
    response = exc_info.value.response
    return {
        "Code": response["Error"]["Code"],
        **{
            k: response[k]
            for k in ("Reason", "Fields", "ResourceType", "ResourceId")
            if k in response
        },
    }


def missing_tool(module: str, extra: str) -> str:
    """The skip reason of a test module whose optional tool is not installed: what to install."""
    return (
        f"{module} is not installed (pip install -e '.[{extra}]'); with CI=true this fails instead"
    )


def tool_or_skip(module: str, extra: str) -> Any:
    """Import an optional tool; without it the test is skipped, except in CI (``CI=true``): there it fails.

    A module that must import the tool with ``import`` statements (``from hypothesis import given``)
    skips before them the same way, in the form ruff accepts before imports::

        if os.environ.get("CI") != "true":
            pytest.importorskip("hypothesis", reason=missing_tool("hypothesis", "test"))
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(missing_tool(module, extra), allow_module_level=True)


def to_next_utc_day(sms: SmsVoiceMock, seconds_before: int = 0) -> None:
    """Advance ``sms.clock`` to the next UTC midnight (or ``seconds_before`` it)."""
    now = sms.clock.now()
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=timezone.utc)
    sms.clock.advance(seconds=(midnight - now).total_seconds() - seconds_before)


def _documented_optional(document: dict[str, Any]) -> None:
    """Where the documentation overrides the model's ``required``, fill the gap before validating.

    OriginationIdentityMetadata.IsoCountryCode is required in the model, but "may not be present for
    origination identity types that are not country-specific, such as RCS agents".
    """
    for row in document.get("OriginationIdentities", ()):
        if "IsoCountryCode" not in row and row.get("NumberCapabilities") == ["RCS"]:
            row["IsoCountryCode"] = "US"


# Lists the model requires to hold one item at least, which a Describe with no match answers as []
# like every other Describe (issue 10: a missing member is a KeyError for the caller).
EMPTY_LISTS_ANSWERED = {
    "DescribeProtectConfigurations": "ProtectConfigurations",
    "DescribeNotifyConfigurations": "NotifyConfigurations",
}


def _as_checked(model: Any, document: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(document)
    _documented_optional(document)
    member = EMPTY_LISTS_ANSWERED.get(model.name)
    if member is not None and document.get(member) == []:
        del document[member]
    return document


def output_problems(model: Any, parsed: dict[str, Any], wire: dict[str, Any]) -> list[str]:
    """What keeps a successful answer from fitting the operation's output shape: botocore's own
    validator on the parsed answer, plus every constraint of the shape on the wire JSON."""
    report = ParamValidator().validate(_as_checked(model, parsed), model.output_shape)
    problems = [report.generate_report()] if report.has_errors() else []
    # The parsed answer fits the client's (maybe older) shape; the wire fits the service's current one.
    current = operation_model(model.name).output_shape
    problems.extend(text for _, _, text in problems_for(current, _as_checked(model, wire)))
    return problems
