# pyright: strict
"""``find``/``one`` with lambda predicates, as users write them: CI runs pyright (strict, by the
comment above) and ``mypy --strict`` on this file; neither may ask for the lambda to be annotated."""

from __future__ import annotations

from smsvoice_mock import InboundMessage, SentMessage, mock_smsvoice


def codes() -> list[SentMessage]:
    with mock_smsvoice() as sms:
        found = sms.sent_messages.find(message_body=lambda body: "code" in body, channel="SMS")
        replies: list[InboundMessage] = sms.inbound_messages.find(
            origination_number=lambda number: number.startswith("+1")
        )
        assert not replies
        return found
