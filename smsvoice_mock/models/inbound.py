"""What happens when an end user texts one of the account's numbers.

- An opt-out word (STOP, and "ARRET, CANCEL, END, OPT-OUT, OPTOUT, QUIT, REMOVE, TD, UNSUBSCRIBE") or
  a keyword whose action is OPT_OUT adds the sender to the number's opt-out list with
  EndUserOptedOut=true — "unless you enable the self-managed opt-out option" — and the service answers
  with the keyword's message.
- A keyword whose action is OPT_IN removes the sender from the list and answers with its message.
- HELP and other AUTOMATIC_RESPONSE keywords answer with their message.
- With self-managed opt-outs, "you're responsible for responding to HELP and STOP requests": nothing
  is answered and the list is left alone.
A number in a pool answers with the pool's keywords and opt-out list.

Two-way messaging: when the number (or its pool) has TwoWayEnabled, every inbound message is delivered
to its TwoWayChannelArn in the service's two-way JSON (``originationNumber``, ``destinationNumber``,
``messageKeyword``, ``messageBody``, ``inboundMessageId``, ``previousPublishedMessageId``); the record
keeps the channel and the payload (and, with moto's ``mock_aws`` active, an SNS channel receives it;
a channel subscribed with ``serve --sns-http`` gets it over HTTP, ``smsvoice_mock._sns_http``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smsvoice_mock.backend import new_uuid
from smsvoice_mock.inbox import InboundMessage, SentMessage
from smsvoice_mock.models.countries import country_of, normalize_e164
from smsvoice_mock.models.keyword import AUTOMATIC_RESPONSE, OPT_IN, OPT_OUT, OPT_OUT_WORDS
from smsvoice_mock.models.message import message_parts

if TYPE_CHECKING:
    from smsvoice_mock._state import MockState
    from smsvoice_mock.backend import Backend


def receive(
    state: MockState,
    backend: Backend,
    *,
    destination_number: str,
    origination_number: str,
    message_body: str,
) -> InboundMessage:
    destination = normalize_e164(destination_number)
    sender = normalize_e164(origination_number)
    phone = backend.phone_number_by_e164(destination)
    if phone is None:
        numbers = ", ".join(p.phone_number for p in backend.phone_numbers.values()) or "none"
        raise LookupError(
            f"{destination} is not a phone number of account {backend.account_id} in {backend.region} "
            f"(its numbers: {numbers}); pass one of them as destination_number."
        )
    pool = backend.pools.get(phone.pool_id) if phone.pool_id else None
    owner = pool if pool is not None else phone
    # One moment for the text and what it causes: the opt-out, the keyword response (which the web
    # inbox shows after the text only if it is not earlier) and the inbound record.
    now = backend.now()
    keyword = owner.keywords.match(message_body)
    action = keyword.action if keyword is not None else None
    first_word = (message_body.split() or [""])[0].upper()
    if action is None and first_word in OPT_OUT_WORDS:
        action = OPT_OUT
    opted_out = opted_in = False
    response: SentMessage | None = None
    if not owner.self_managed_opt_outs_enabled and action is not None:
        opt_out_list = backend.opt_out_lists.get(owner.opt_out_list_name)
        if action == OPT_OUT and opt_out_list is not None:
            opt_out_list.put(sender, now, end_user=True)
            opted_out = True
        elif action == OPT_IN and opt_out_list is not None and opt_out_list.contains(sender):
            del opt_out_list.numbers[sender]
            opted_in = True
        reply = keyword.message if keyword is not None else owner.keywords.get("STOP").message
        if action in (AUTOMATIC_RESPONSE, OPT_OUT, OPT_IN):
            encoding, parts = message_parts(reply)
            response = SentMessage(
                message_id=new_uuid(),
                destination_phone_number=sender,
                origination_identity=phone.phone_number,
                origination_identity_arn=phone.arn,
                message_body=reply,
                message_type="TRANSACTIONAL",
                configuration_set_name=None,
                context=None,
                channel="SMS",
                region=backend.region,
                account_id=backend.account_id,
                sent_at=now,
                keyword=keyword.keyword if keyword is not None else first_word,
                encoding=encoding,
                parts=parts,
                source="KEYWORD_RESPONSE",
                iso_country_code=country_of(sender),
            )
            state.sent_messages._append(response)
    message_id = new_uuid()
    channel_arn = owner.two_way_channel_arn if owner.two_way_enabled else None
    payload = None
    if channel_arn is not None:
        own_numbers = {destination}
        if pool is not None:
            own_numbers |= {
                p.phone_number for p in backend.phone_numbers.values() if p.pool_id == pool.id
            }
        matched = keyword.keyword if keyword is not None else (first_word if action else "")
        payload = _two_way_payload(
            state, message_id, sender, destination, message_body, matched, own_numbers
        )
        from smsvoice_mock import _moto_bridge

        _moto_bridge.deliver_inbound(channel_arn, payload)
    inbound = InboundMessage(
        message_id=message_id,
        origination_number=sender,
        destination_number=destination,
        message_body=message_body,
        received_at=now,
        region=backend.region,
        account_id=backend.account_id,
        keyword=keyword.keyword if keyword is not None else (first_word if action else None),
        action=action,
        opted_out=opted_out,
        opted_in=opted_in,
        response=response,
        two_way_channel_arn=channel_arn,
        two_way_payload=payload,
    )
    state.inbound_messages._append(inbound)
    if channel_arn is not None and payload is not None:  # beside moto's delivery above
        state.sns_http.inbound(channel_arn, payload, inbound.received_at)
    return inbound


def _two_way_payload(
    state: MockState,
    message_id: str,
    sender: str,
    destination: str,
    body: str,
    keyword: str,
    numbers: set[str],
) -> dict[str, Any]:
    """The user guide's two-way payload, its members in the guide example's order.

    ``previousPublishedMessageId`` is "the message that the customer is responding to": the last
    message the number (or any number of its pool) sent to the end user, never the service's own
    keyword answer; it is left out when nothing was sent. ``messageKeyword`` is "the registered
    keyword" that matched (an opt-out word counts as STOP's), and an empty string when none did.
    """
    previous = next(
        (
            m.message_id
            for m in reversed(state.sent_messages)
            if m.destination_phone_number == sender
            and m.origination_identity in numbers
            and m.source != "KEYWORD_RESPONSE"
        ),
        None,
    )
    payload: dict[str, Any] = {
        "originationNumber": sender,
        "destinationNumber": destination,
        "messageKeyword": keyword,
        "messageBody": body,
        "inboundMessageId": message_id,
    }
    if previous is not None:
        payload["previousPublishedMessageId"] = previous
    return payload
