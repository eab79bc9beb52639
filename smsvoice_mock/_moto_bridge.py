"""Optional delivery into moto: when moto's ``mock_aws`` is active too, event records reach moto's SNS
topic, Firehose delivery stream or CloudWatch Logs log group, and two-way inbound messages reach the
number's SNS two-way channel, as they would in AWS.

moto is never imported here: the bridge only acts when the program has imported moto itself and a
``mock_aws`` activation is running, so without moto (or outside ``mock_aws``) nothing is sent anywhere.
A destination that does not exist in moto is skipped silently, as the service does not report failed
event deliveries to the sender either.
"""

from __future__ import annotations

import contextlib
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smsvoice_mock.inbox import MessageEvent

LOG_STREAM = "smsvoice-mock-events"


def moto_active() -> bool:
    """Whether a moto ``mock_aws`` activation is running (without importing moto)."""
    models = sys.modules.get("moto.core.models")
    mock_class = getattr(models, "MockAWS", None)
    return bool(mock_class is not None and getattr(mock_class, "_nested_count", 0) > 0)


def _client(service: str, arn: str) -> Any:
    import boto3
    from botocore.config import Config

    region = arn.split(":")[3]
    return boto3.client(
        service, region_name=region, config=Config(retries={"total_max_attempts": 1})
    )


def _publish(service: str, arn: str, payload: dict[str, Any]) -> None:
    from botocore.exceptions import ClientError

    message = json.dumps(payload, separators=(",", ":"))
    try:
        if service == "SNS":
            _client("sns", arn).publish(TopicArn=arn, Message=message)
        elif service == "FIREHOSE":
            name = arn.rsplit("/", 1)[-1]
            _client("firehose", arn).put_record(
                DeliveryStreamName=name, Record={"Data": (message + "\n").encode()}
            )
        elif service == "CLOUDWATCH_LOGS":
            group = arn.split(":log-group:", 1)[-1].removesuffix(":*")
            logs = _client("logs", arn)
            with contextlib.suppress(logs.exceptions.ResourceAlreadyExistsException):
                logs.create_log_stream(logGroupName=group, logStreamName=LOG_STREAM)
            logs.put_log_events(
                logGroupName=group,
                logStreamName=LOG_STREAM,
                logEvents=[
                    {"timestamp": int(payload.get("eventTimestamp", 0)), "message": message}
                ],
            )
    except ClientError:
        pass


def deliver_event(event: MessageEvent) -> None:
    if moto_active():
        _publish(event.destination_type, event.destination_arn, event.record)


def deliver_inbound(channel_arn: str, payload: dict[str, Any]) -> None:
    """Two-way messages go to the number's TwoWayChannelArn when it is an SNS topic."""
    if moto_active() and channel_arn.startswith("arn:") and channel_arn.split(":")[2] == "sns":
        _publish("SNS", channel_arn, payload)
