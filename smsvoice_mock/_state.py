"""The state every active activation shares, which one is active, and whose options apply where.

One ``MockState`` serves every activation that overlaps it (nested, or in other threads and asyncio
tasks); each activation keeps its own options (account, region, sandbox): a request's default account
and region are those of the innermost activation of the thread or task that sends it (a
``ContextVar``), or the outermost one's where that thread or task started none.
"""

from __future__ import annotations

import threading
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    from smsvoice_mock._faults import DeliveryRule, FaultRule
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.inbox import MessageLog

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"


def is_account_id(value: Any) -> TypeGuard[str]:
    """An AWS account id: a string of 12 digits."""
    return isinstance(value, str) and len(value) == 12 and value.isdigit()


@dataclass(frozen=True, slots=True, eq=False)
class Options:
    """One activation's options (compared by identity: each activation pushes its own)."""

    account_id: str = DEFAULT_ACCOUNT_ID
    region: str = DEFAULT_REGION
    sandbox: bool = False


# The activations of this thread or asyncio task, innermost last.
current: ContextVar[tuple[Options, ...]] = ContextVar("smsvoice_mock_activations", default=())


class MockState:
    """Backends per (account, region), the clock, and the end user's side of every message."""

    def __init__(self, options: Options) -> None:
        # Imported when the first mock starts, not when the package is imported.
        from smsvoice_mock._sns_http import SnsHttp
        from smsvoice_mock.backend import Backend, Clock
        from smsvoice_mock.inbox import (
            ApiCall,
            InboundMessage,
            MessageEvent,
            MessageLog,
            SentMessage,
        )

        self._new_backend = Backend
        self.options = options
        # The tier of each account an activation named (sandbox or production).
        self.sandboxed: dict[str, bool] = {options.account_id: options.sandbox}
        self.activations: list[Options] = [options]  # the running ones, oldest first
        self.clock = Clock()
        self.backends: dict[tuple[str, str], Backend] = {}
        self.sent_messages: MessageLog[SentMessage] = MessageLog(SentMessage, "Sent messages")
        self.inbound_messages: MessageLog[InboundMessage] = MessageLog(
            InboundMessage, "Inbound messages"
        )
        self.faults: list[FaultRule] = []
        self.events: MessageLog[MessageEvent] = MessageLog(MessageEvent, "Message events")
        self.dry_runs: MessageLog[SentMessage] = MessageLog(SentMessage, "Dry-run messages")
        # What the end user's network does with the next messages (sms.add_delivery), and the event
        # records a delay holds until the clock reaches them (oldest due first).
        self.deliveries: list[DeliveryRule] = []
        self.scheduled_events: MessageLog[MessageEvent] = MessageLog(
            MessageEvent, "Scheduled events"
        )
        # Every request of the service answered (``_protocol.answer``), refusals included.
        self.calls: MessageLog[ApiCall] = MessageLog(ApiCall, "API calls")
        for log in (self.sent_messages, self.inbound_messages, self.events, self.dry_runs):
            log._refresh = self.deliver_due
        self.clock.on_advance = self.deliver_due
        # One request (or handle call) changes the state at a time: threads of one process and the
        # server's connections never see a torn resource or lose a record.
        self.lock = threading.RLock()
        # Topics delivered to your application over HTTP, as SNS delivers to an HTTP/S subscriber
        # (``serve --sns-http``, ``/_smsvoice/sns-http``); kept across reset, as server settings are.
        self.sns_http = SnsHttp()

    @property
    def defaults(self) -> Options:
        """The options of the innermost activation of this thread or task (else the outermost's)."""
        for options in reversed(current.get()):
            if options in self.activations:  # Options compare by identity
                return options
        return self.options

    @property
    def account_id(self) -> str:
        return self.defaults.account_id

    @property
    def region(self) -> str:
        return self.defaults.region

    def join(self, options: Options) -> None:
        """Admit another activation's options, or say why they can't apply to this state."""
        with self.lock:
            known = self.sandboxed.setdefault(options.account_id, options.sandbox)
            if known == options.sandbox:
                self.activations.append(options)
        if known != options.sandbox:
            tiers = {True: "the sandbox", False: "production"}
            raise RuntimeError(
                f"Another active mock_smsvoice runs account {options.account_id} in "
                f"{tiers[known]}; an overlapping one can't put it in {tiers[options.sandbox]}: "
                "give this one another account_id, or stop the other one first."
            )

    def leave(self, options: Options) -> None:
        with self.lock:
            self.activations = [o for o in self.activations if o is not options]

    def backend(self, account_id: str | None = None, region: str | None = None) -> Backend:
        if not (account_id and region):
            defaults = self.defaults
            account_id, region = account_id or defaults.account_id, region or defaults.region
        key = (account_id, region)
        found = self.backends.get(key)
        if found is None:
            from smsvoice_mock.models.account import PRODUCTION, SANDBOX

            with self.lock:
                found = self.backends.get(key)
                if found is None:
                    found = self._new_backend(
                        account_id=key[0],
                        region=key[1],
                        clock=self.clock,
                        account_tier=SANDBOX
                        if self.sandboxed.get(key[0], self.options.sandbox)
                        else PRODUCTION,
                    )
                    self.backends[key] = found
        return found

    def deliver_due(self) -> None:
        """Move the scheduled event records the clock has reached into ``events`` (and to moto)."""
        scheduled = self.scheduled_events
        if not len(scheduled):
            return
        from smsvoice_mock import _moto_bridge

        with self.lock:
            now = self.clock.now()
            due = sorted((e for e in scheduled if e.timestamp <= now), key=lambda e: e.timestamp)
            if not due:
                return
            later = [e for e in scheduled if e.timestamp > now]
            scheduled._clear()
            for event in later:
                scheduled._append(event)
            for event in due:
                self.events._append(event)
                _moto_bridge.deliver_event(event)
                self.sns_http.event(event)

    def reset(self, account_id: str | None = None, logs_only: bool = False) -> None:
        """Everything; or, with ``logs_only``, the message logs and the call log only; with
        ``account_id``, only that account's resources (every region) and records."""
        if account_id is not None or logs_only:
            with self.lock:
                self._reset_part(account_id, logs_only)
            return
        with self.lock:
            self.backends.clear()
            self.sent_messages._clear()
            self.inbound_messages._clear()
            self.faults.clear()
            self.deliveries.clear()
            self.scheduled_events._clear()
            self.events._clear()
            self.dry_runs._clear()
            self.sns_http.forget_deliveries()
            self.calls._clear()
            self.clock.offset = type(self.clock.offset)(0)

    def _reset_part(self, account_id: str | None, logs_only: bool) -> None:
        logs: tuple[MessageLog[Any], ...] = (
            self.sent_messages,
            self.inbound_messages,
            self.events,
            self.dry_runs,
            self.scheduled_events,
            self.calls,
        )
        for log in logs:
            kept = [] if account_id is None else [r for r in log if r.account_id != account_id]
            log._clear()
            for record in kept:
                log._append(record)
        if not logs_only:
            for key in [key for key in self.backends if key[0] == account_id]:
                del self.backends[key]


# The state of the outermost active activation, or None when the mock is not active.
active: MockState | None = None
