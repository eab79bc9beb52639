"""Message events: what each send produces, and which event destinations receive it.

The record layout follows the user guide's "Example AWS End User Messaging SMS event data" and the
EventBridge examples (``eventType``, ``eventVersion`` "1.0", ``eventTimestamp`` in epoch milliseconds,
``isFinal``, ``originationPhoneNumber``, ``destinationPhoneNumber``, ``isoCountryCode``,
``isInternationalSend``, ``mcc``/``mnc``/``carrierName`` when the destination is a mobile number (the
values CarrierLookup answers for it), ``messageId``, ``messageRequestTimestamp``, ``messageEncoding``,
``messageType``, ``messageStatus``, ``messageStatusDescription``, ``context``, ``totalMessageParts``,
``totalMessagePrice``, ``totalCarrierFee``, and ``protectConfiguration``
{``protectConfigurationId``, ``protectStatus``} when a protect configuration judged the message).

Which events a message produces (the docs name the event types, not the sequence; the mock's choice):

- text: ``TEXT_SUCCESSFUL`` ("accepted by phone carrier", not final) then ``TEXT_DELIVERED``
  ("accepted by phone", final); to a destination *failure* simulator number: ``TEXT_SUCCESSFUL`` then
  ``TEXT_CARRIER_UNREACHABLE`` (final);
- voice: ``VOICE_INITIATED``, ``VOICE_RINGING``, ``VOICE_ANSWERED``, ``VOICE_COMPLETED`` (final); to a
  failure number: ``VOICE_INITIATED`` then ``VOICE_FAILED`` (final);
- media: ``MEDIA_SUCCESSFUL`` then ``MEDIA_DELIVERED`` (final); to a failure number: ``MEDIA_SUCCESSFUL``
  then ``MEDIA_CARRIER_UNREACHABLE`` (final).

Routing: a configuration set's event destination receives an event when it is ``Enabled`` and its
``MatchingEventTypes`` contain the event type, ``ALL``, or the channel's ``TEXT_ALL`` /
``VOICE_ALL`` / ``MEDIA_ALL``. A message sent without a configuration set produces no records.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsvoice_mock.inbox import MessageEvent, SentMessage
from smsvoice_mock.models.carrier import lookup
from smsvoice_mock.models.countries import SIMULATOR_FAILURE

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState
    from smsvoice_mock.models.configuration_set import ConfigurationSet, EventDestination

EVENT_VERSION = "1.0"
PREFIX = {"SMS": "TEXT", "VOICE": "VOICE", "MMS": "MEDIA", "RCS": "RCS"}

# (event type suffix, messageStatus, messageStatusDescription)
Step = tuple[str, str, str]
_SUCCESS: dict[str, tuple[Step, ...]] = {
    "RCS": (
        ("SENT", "SENT", "Message has been sent to the RCS platform"),
        ("DELIVERED", "DELIVERED", "Message has been delivered to the device"),
    ),
    "SMS": (
        ("SUCCESSFUL", "SUCCESSFUL", "Message has been accepted by phone carrier"),
        ("DELIVERED", "DELIVERED", "Message has been accepted by phone"),
    ),
    "MMS": (
        ("SUCCESSFUL", "SUCCESSFUL", "Message has been accepted by phone carrier"),
        ("DELIVERED", "DELIVERED", "Message has been accepted by phone"),
    ),
    "VOICE": (
        ("INITIATED", "INITIATED", "The call has been initiated"),
        ("RINGING", "RINGING", "The destination phone is ringing"),
        ("ANSWERED", "ANSWERED", "The call has been answered"),
        ("COMPLETED", "COMPLETED", "The message was played to the recipient"),
    ),
}
_FAILURE: dict[str, tuple[Step, ...]] = {
    "RCS": (
        ("SENT", "SENT", "Message has been sent to the RCS platform"),
        ("FAILED", "FAILED", "The RCS message could not be delivered"),
    ),
    "SMS": (
        ("SUCCESSFUL", "SUCCESSFUL", "Message has been accepted by phone carrier"),
        (
            "CARRIER_UNREACHABLE",
            "CARRIER_UNREACHABLE",
            "The destination carrier could not deliver the message",
        ),
    ),
    "MMS": (
        ("SUCCESSFUL", "SUCCESSFUL", "Message has been accepted by phone carrier"),
        (
            "CARRIER_UNREACHABLE",
            "CARRIER_UNREACHABLE",
            "The destination carrier could not deliver the message",
        ),
    ),
    "VOICE": (
        ("INITIATED", "INITIATED", "The call has been initiated"),
        ("FAILED", "FAILED", "The call could not be completed"),
    ),
}


def steps(channel: str, destination: str) -> tuple[Step, ...]:
    """The delivery steps of a message on ``channel`` to ``destination``, the last one final."""
    return (_FAILURE if destination in SIMULATOR_FAILURE else _SUCCESS)[channel]


def final_status(channel: str, destination: str) -> str:
    return steps(channel, destination)[-1][1]


def matches(destination: EventDestination, event_type: str) -> bool:
    wanted = set(destination.matching_event_types)
    prefix = event_type.split("_", 1)[0]
    return bool(wanted & {"ALL", f"{prefix}_ALL", event_type})


def _millis(message: SentMessage, offset_ms: int = 0) -> int:
    return int(message.sent_at.timestamp() * 1000) + offset_ms


def _carrier(destination: str) -> dict[str, str]:
    """``mcc``, ``mnc`` and ``carrierName`` of a mobile destination, as CarrierLookup answers them."""
    found = lookup(destination)
    if found["PhoneNumberType"] != "MOBILE":
        return {}
    return {"mcc": found["MCC"], "mnc": found["MNC"], "carrierName": found["Carrier"]}


def record(message: SentMessage, step: Step, *, is_final: bool, offset_ms: int) -> dict[str, Any]:
    """The event JSON of one step of ``message``."""
    suffix, status, description = step
    prefix = PREFIX[message.channel]
    data: dict[str, Any] = {
        "eventType": f"{prefix}_{suffix}",
        "eventVersion": EVENT_VERSION,
        "eventTimestamp": _millis(message, offset_ms),
        "isFinal": is_final,
        "originationPhoneNumber": message.origination_identity,
        "destinationPhoneNumber": message.destination_phone_number,
        "isoCountryCode": message.iso_country_code,
        "isInternationalSend": message.is_international_send,
        **_carrier(message.destination_phone_number),
        "messageId": message.message_id,
        "messageRequestTimestamp": _millis(message),
        "messageType": message.message_type,
        "messageStatus": status,
        "messageStatusDescription": description,
    }
    if message.channel == "VOICE":
        data["voiceId"] = message.voice_id
        data["totalDurationSeconds"] = message.duration_seconds if is_final else 0
    else:
        data["messageEncoding"] = message.encoding
        data["totalMessageParts"] = message.parts
    if message.channel == "MMS":
        data["mediaUrls"] = list(message.media_urls)
    if message.context:
        data["context"] = dict(message.context)
    if message.configuration_set_name:
        data["configurationSetName"] = message.configuration_set_name
    data["totalMessagePrice"] = float(Decimal(message.price))
    data["totalCarrierFee"] = 0.0
    if message.protect_configuration_id is not None:
        data["protectConfiguration"] = {
            "protectConfigurationId": message.protect_configuration_id,
            "protectStatus": message.protect_status,
        }
    return {k: v for k, v in data.items() if v is not None}


def _target(destination: EventDestination) -> tuple[str, str]:
    if destination.sns_destination is not None:
        return "SNS", destination.sns_destination["TopicArn"]
    if destination.kinesis_firehose_destination is not None:
        return "FIREHOSE", destination.kinesis_firehose_destination["DeliveryStreamArn"]
    if destination.cloud_watch_logs_destination is not None:
        return "CLOUDWATCH_LOGS", destination.cloud_watch_logs_destination["LogGroupArn"]
    return "UNKNOWN", ""


def emit(
    state: MockState, message: SentMessage, config: ConfigurationSet | None
) -> list[MessageEvent]:
    """Record every event of ``message`` at every matching enabled destination of ``config``."""
    if config is None:
        return []
    from smsvoice_mock import _moto_bridge

    delivered: list[MessageEvent] = []
    all_steps = steps(message.channel, message.destination_phone_number)
    for index, step in enumerate(all_steps):
        is_final = index == len(all_steps) - 1
        data = record(message, step, is_final=is_final, offset_ms=250 * (index + 1))
        for destination in list(config.event_destinations.values()):
            if not destination.enabled or not matches(destination, data["eventType"]):
                continue
            kind, arn = _target(destination)
            event = MessageEvent(
                event_type=data["eventType"],
                message_id=message.message_id,
                is_final=is_final,
                configuration_set_name=config.name,
                event_destination_name=destination.name,
                destination_type=kind,
                destination_arn=arn,
                record=dict(data),
                region=message.region,
                account_id=message.account_id,
                timestamp=message.sent_at,
            )
            state.events._append(event)
            _moto_bridge.deliver_event(event)
            delivered.append(event)
    return delivered
