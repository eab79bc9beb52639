"""Message events: what each send produces, and which event destinations receive it.

The record layout follows the user guide's "Example AWS End User Messaging SMS event data" and the
EventBridge examples (``eventType``, ``eventVersion`` "1.0", ``eventTimestamp`` in epoch milliseconds,
``isFinal``, ``originationPhoneNumber``, ``destinationPhoneNumber``, ``isoCountryCode``,
``isInternationalSend``, ``mcc``/``mnc``/``carrierName`` when the destination is a mobile number (the
values CarrierLookup answers for it), ``messageId``, ``messageRequestTimestamp``, ``messageEncoding``,
``messageType``, ``messageStatus``, ``messageStatusDescription``, ``context``, ``totalMessageParts``,
``totalMessagePrice``, ``totalCarrierFee``, and ``protectConfiguration``
{``protectConfigurationId``, ``protectStatus``} when a protect configuration judged the message).

Which events a message produces (the docs name the event types, not the sequence; the mock's choice,
docs/inspecting.md "Delivery outcomes"): every final event type of the model's ``EventType`` enum
for text, voice and media (and RCS's DELIVERED, FAILED, TTL_EXPIRED and PROTECT_BLOCKED), each after
the intermediate records its meaning implies (``_BEFORE``): a message the carrier accepted is
``*_SUCCESSFUL`` first, one still in the network ``*_PENDING``, one that waited in the queue
``*_QUEUED``; a call is ``VOICE_INITIATED`` (then ``VOICE_RINGING``, ``VOICE_ANSWERED``). An outcome
decided before the message reached a carrier (an invalid number or message, a protect block, an
expired TTL, a media file the service can't use) or a call nobody answered costs nothing
(``totalMessagePrice`` 0, no spend).

The outcome of a send, in order: the first delivery rule a test added that matches it
(``sms.add_delivery``); else ``*_CARRIER_UNREACHABLE`` (voice: ``VOICE_FAILED``) for a destination
*failure* simulator number; else ``*_INVALID`` (voice: ``VOICE_FAILED``, RCS: ``RCS_FAILED``) for a
number CarrierLookup calls INVALID; else delivered. A rule's delay puts the final record that many
seconds after the send on the mock's clock; a delay past the message's ``TimeToLive`` ends it in
``*_TTL_EXPIRED`` when the TTL runs out instead.

Routing: a configuration set's event destination receives an event when it is ``Enabled`` and its
``MatchingEventTypes`` contain the event type, ``ALL``, or the channel's ``TEXT_ALL`` /
``VOICE_ALL`` / ``MEDIA_ALL``. A message sent without a configuration set produces no records.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsvoice_mock.inbox import MessageEvent, SentMessage, new_message_event
from smsvoice_mock.models.carrier import lookup
from smsvoice_mock.models.countries import SIMULATOR_FAILURE, is_destination_simulator

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState
    from smsvoice_mock.models.configuration_set import ConfigurationSet, EventDestination

EVENT_VERSION = "1.0"
PREFIX = {"SMS": "TEXT", "VOICE": "VOICE", "MMS": "MEDIA", "RCS": "RCS"}

# (event type suffix, messageStatus, messageStatusDescription)
Step = tuple[str, str, str]

# messageStatusDescription of each status: the guide's event examples where they give one
# ("Message has been accepted by phone carrier", "... by phone"), else the meaning the guide's
# "Event types for SMS, MMS, and voice" page gives the event type.
DESCRIPTIONS = {
    "SENT": "Message has been sent to the RCS platform",
    "QUEUED": "Message has been queued for delivery",
    "PENDING": "Message is being delivered and has not been delivered yet",
    "SUCCESSFUL": "Message has been accepted by phone carrier",
    "DELIVERED": "Message has been accepted by phone",
    "INVALID": "The destination phone number is not valid",
    "INVALID_MESSAGE": "The message body is not valid and cannot be delivered",
    "UNREACHABLE": "The recipient's device is unavailable (not connected or switched off)",
    "CARRIER_UNREACHABLE": "The destination carrier could not deliver the message",
    "BLOCKED": "The recipient's device or carrier blocked the message",
    "CARRIER_BLOCKED": "The recipient's carrier blocked the message as malicious or abusive",
    "SPAM": "The recipient's carrier blocked the message as unsolicited commercial content",
    "UNKNOWN": "The message could not be delivered for a reason no other event type covers",
    "TTL_EXPIRED": "The message was not delivered before its time to live expired",
    "PROTECT_BLOCKED": "The message was blocked by a protect configuration",
    "FILE_INACCESSIBLE": "The media file could not be accessed",
    "FILE_TYPE_UNSUPPORTED": "The media file type is not supported",
    "FILE_SIZE_EXCEEDED": "The media file is larger than the maximum size",
    "INITIATED": "The call has been initiated",
    "RINGING": "The destination phone is ringing",
    "ANSWERED": "The call has been answered",
    "COMPLETED": "The message was played to the recipient",
    "BUSY": "The destination phone line was busy",
    "NO_ANSWER": "The call was not answered",
    "FAILED": "The call could not be completed",
}
_RCS_FAILED = "The RCS message could not be delivered"

# The statuses a message passes through before its final one; an outcome not listed has none.
_CARRIER_ACCEPTED = ("SUCCESSFUL",)
_IN_NETWORK = ("PENDING",)
_BEFORE: dict[str, dict[str, tuple[str, ...]]] = {
    "SMS": {
        "DELIVERED": _CARRIER_ACCEPTED,
        "CARRIER_UNREACHABLE": _CARRIER_ACCEPTED,
        "UNREACHABLE": _IN_NETWORK,
        "BLOCKED": _IN_NETWORK,
        "CARRIER_BLOCKED": _IN_NETWORK,
        "SPAM": _IN_NETWORK,
        "UNKNOWN": _IN_NETWORK,
        "TTL_EXPIRED": ("QUEUED",),
    },
    "VOICE": {
        "COMPLETED": ("INITIATED", "RINGING", "ANSWERED"),
        "NO_ANSWER": ("INITIATED", "RINGING"),
        "BUSY": ("INITIATED",),
        "FAILED": ("INITIATED",),
    },
    "RCS": {"DELIVERED": ("SENT",), "FAILED": ("SENT",), "TTL_EXPIRED": ("QUEUED",)},
}
_BEFORE["MMS"] = _BEFORE["SMS"]
# Statuses a message never leaves from (so never final) and the RCS ones the mock can't produce
# (READ follows DELIVERED; FALLEN_BACK_TO_SMS would be another message).
_INTERMEDIATE = frozenset(
    {"SENT", "QUEUED", "PENDING", "SUCCESSFUL", "INITIATED", "RINGING", "ANSWERED"}
)
_NOT_PRODUCED = frozenset({"RCS_READ", "RCS_FALLEN_BACK_TO_SMS"})
# Outcomes decided before a carrier took the message, and calls nobody answered: not charged.
_FREE = frozenset(
    {
        "INVALID",
        "INVALID_MESSAGE",
        "PROTECT_BLOCKED",
        "TTL_EXPIRED",
        "FILE_INACCESSIBLE",
        "FILE_TYPE_UNSUPPORTED",
        "FILE_SIZE_EXCEEDED",
        "BUSY",
        "NO_ANSWER",
    }
)
_VOICE_FREE = frozenset({"FAILED"})
# What a delivered message, a failure simulator number and an invalid number end in, by channel.
DELIVERED = {"SMS": "DELIVERED", "MMS": "DELIVERED", "VOICE": "COMPLETED", "RCS": "DELIVERED"}
_SIMULATED_FAILURE = {
    "SMS": "CARRIER_UNREACHABLE",
    "MMS": "CARRIER_UNREACHABLE",
    "VOICE": "FAILED",
    "RCS": "FAILED",
}
_INVALID_NUMBER = {"SMS": "INVALID", "MMS": "INVALID", "VOICE": "FAILED", "RCS": "FAILED"}
CHANNELS = {prefix: channel for channel, prefix in PREFIX.items()}


@functools.lru_cache(maxsize=1)
def final_event_types() -> dict[str, tuple[str, ...]]:
    """The final event types the mock can produce, by channel, from the model's EventType enum."""
    from smsvoice_mock._model import service_model

    found: dict[str, list[str]] = {channel: [] for channel in PREFIX}
    for event_type in service_model().shape_for("EventType").enum:
        prefix, _, status = event_type.partition("_")
        channel = CHANNELS.get(prefix)
        if channel is None or status in ("ALL", *_INTERMEDIATE) or event_type in _NOT_PRODUCED:
            continue
        found[channel].append(event_type)
    return {channel: tuple(types) for channel, types in found.items()}


def channel_of(event_type: str) -> str | None:
    """The channel whose final event type ``event_type`` is (``None``: not one the mock produces)."""
    prefix = event_type.partition("_")[0]
    channel = CHANNELS.get(prefix)
    return channel if channel and event_type in final_event_types()[channel] else None


def steps(channel: str, status: str) -> tuple[Step, ...]:
    """The records of a message on ``channel`` that ends in ``status``, the last one final."""
    before = _BEFORE[channel].get(status, ())
    final_description = _RCS_FAILED if (channel, status) == ("RCS", "FAILED") else None
    return (
        *((s, s, DESCRIPTIONS[s]) for s in before),
        (
            status,
            status,
            final_description or DESCRIPTIONS.get(status, f"The message ended in {status}"),
        ),
    )


def charged(channel: str, status: str) -> bool:
    """Whether a message on ``channel`` that ends in ``status`` is paid for."""
    return status not in _FREE and not (channel == "VOICE" and status in _VOICE_FREE)


def network_outcome(channel: str, destination: str) -> str:
    """The final status the network gives a message no delivery rule decides."""
    if destination in SIMULATOR_FAILURE:
        return _SIMULATED_FAILURE[channel]
    if (
        not is_destination_simulator(destination)
        and lookup(destination)["PhoneNumberType"] == "INVALID"
    ):
        return _INVALID_NUMBER[channel]
    return DELIVERED[channel]


def outcome(
    state: MockState,
    channel: str,
    destination: str,
    params: dict[str, Any],
    *,
    sent_at: datetime,
    ttl: int,
) -> tuple[str, datetime | None]:
    """The final status of a message about to be sent, and when its final record arrives (``None``:
    with the others, at once)."""
    if not state.deliveries:
        return network_outcome(channel, destination), None
    from smsvoice_mock._faults import chosen_delivery

    rule = chosen_delivery(state.deliveries, channel, destination, params)
    if rule is None:
        return network_outcome(channel, destination), None
    status = rule.event_type.partition("_")[2]
    if not rule.delay_seconds:
        return status, None
    if rule.delay_seconds > ttl:
        # "If the messages isn't handed off before the TTL expires we stop attempting to hand off
        # the message and return TTL_EXPIRED event."
        return "TTL_EXPIRED", sent_at + timedelta(seconds=ttl)
    return status, sent_at + timedelta(seconds=rule.delay_seconds)


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
        answered = is_final and status == "COMPLETED"
        data["totalDurationSeconds"] = message.duration_seconds if answered else 0
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
    """Record every event of ``message`` at every matching enabled destination of ``config``: the
    records due now at once, a delayed final record when the clock reaches it (``final_at``)."""
    if config is None:
        return []
    from smsvoice_mock import _moto_bridge

    delivered: list[MessageEvent] = []
    all_steps = steps(message.channel, message.status)
    delay_ms = (
        int((message.final_at - message.sent_at).total_seconds() * 1000) if message.final_at else 0
    )
    for index, step in enumerate(all_steps):
        is_final = index == len(all_steps) - 1
        offset_ms = 250 * (index + 1)
        held = is_final and delay_ms > 0
        data = record(
            message,
            step,
            is_final=is_final,
            offset_ms=max(offset_ms, delay_ms) if held else offset_ms,
        )
        for destination in list(config.event_destinations.values()):
            if not destination.enabled or not matches(destination, data["eventType"]):
                continue
            kind, arn = _target(destination)
            event = new_message_event(
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
                timestamp=message.sent_at + timedelta(milliseconds=delay_ms)
                if held
                else message.sent_at,
            )
            if held:
                state.scheduled_events._append(event)
                continue
            state.events._append(event)
            _moto_bridge.deliver_event(event)
            state.sns_http.event(event)
            delivered.append(event)
    return delivered
