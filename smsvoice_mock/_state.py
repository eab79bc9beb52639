"""The state one activation (and every activation nested in it) shares, and which one is active."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smsvoice_mock._faults import FaultRule
    from smsvoice_mock.backend import Backend

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"


class MockState:
    """Backends per (account, region), the clock, and the end user's side of every message."""

    def __init__(self, *, account_id: str, region: str, sandbox: bool) -> None:
        # Imported when the first mock starts, not when the package is imported.
        from smsvoice_mock.backend import Backend, Clock
        from smsvoice_mock.inbox import InboundMessage, MessageEvent, MessageLog, SentMessage
        from smsvoice_mock.models.account import PRODUCTION, SANDBOX

        self._new_backend = Backend
        self._tier = SANDBOX if sandbox else PRODUCTION
        self.account_id = account_id
        self.region = region
        self.clock = Clock()
        self.backends: dict[tuple[str, str], Backend] = {}
        self.sent_messages: MessageLog[SentMessage] = MessageLog(SentMessage, "Sent messages")
        self.inbound_messages: MessageLog[InboundMessage] = MessageLog(
            InboundMessage, "Inbound messages"
        )
        self.faults: list[FaultRule] = []
        self.events: MessageLog[MessageEvent] = MessageLog(MessageEvent, "Message events")
        self.dry_runs: MessageLog[SentMessage] = MessageLog(SentMessage, "Dry-run messages")
        # One request (or handle call) changes the state at a time: threads of one process and the
        # server's connections never see a torn resource or lose a record.
        self.lock = threading.RLock()

    def backend(self, account_id: str | None = None, region: str | None = None) -> Backend:
        key = (account_id or self.account_id, region or self.region)
        found = self.backends.get(key)
        if found is None:
            found = self._new_backend(
                account_id=key[0],
                region=key[1],
                clock=self.clock,
                account_tier=self._tier,
            )
            self.backends[key] = found
        return found

    def reset(self) -> None:
        self.backends.clear()
        self.sent_messages._clear()
        self.inbound_messages._clear()
        self.faults.clear()
        self.events._clear()
        self.dry_runs._clear()
        self.clock.offset = type(self.clock.offset)(0)


# The state of the outermost active activation, or None when the mock is not active.
active: MockState | None = None
