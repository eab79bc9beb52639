"""The rules a test adds: what the service refuses (faults) and what the end user's network does with
a message (delivery outcomes), in one matching language.

A rule matches a call or a message; ``times`` is how many more times it applies (``None``: no end),
``every`` applies it only to every Nth match, ``when`` only where the predicate accepts the call's
parameters; a delivery rule also narrows by ``to`` (the destination number) and ``channel``. The
first rule that fires decides; a rule that has run out stays listed (``times`` 0) until cleared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smsvoice_mock.errors import ServiceError


@dataclass(kw_only=True)
class Rule:
    """How often and for which calls a rule applies (``times``, ``every``, ``when``)."""

    times: int | None = 1
    every: int | None = None
    when: Callable[[dict[str, Any]], bool] | None = None
    seen: int = 0

    def _counts(self, params: dict[str, Any]) -> bool:
        """Whether this match fires the rule (and so uses up one of its ``times``)."""
        if self.when is not None and not self.when(params):
            return False
        self.seen += 1
        if self.every is not None and self.seen % self.every != 0:
            return False
        if self.times is not None:
            if self.times <= 0:
                return False
            self.times -= 1
        return True


@dataclass(kw_only=True)
class FaultRule(Rule):
    """Fail calls of ``operation`` (``None``: any) with ``error``."""

    operation: str | None
    error: ServiceError

    def fires(self, operation: str, params: dict[str, Any]) -> bool:
        if self.operation is not None and self.operation != operation:
            return False
        return self._counts(params)


@dataclass(kw_only=True)
class DeliveryRule(Rule):
    """End messages (to ``to``, on ``channel``, when given) in ``event_type``, ``delay_seconds``
    after they were sent."""

    event_type: str
    channel: str  # the channel of event_type: SMS, VOICE, MMS or RCS
    to: str | None = None
    delay_seconds: float = 0

    def fires(self, channel: str, destination: str, params: dict[str, Any]) -> bool:
        if channel != self.channel or (self.to is not None and self.to != destination):
            return False
        return self._counts(params)


def injected_fault(
    rules: list[FaultRule], operation: str, params: dict[str, Any]
) -> ServiceError | None:
    for rule in rules:
        if rule.fires(operation, params):
            return rule.error
    return None


def chosen_delivery(
    rules: list[DeliveryRule], channel: str, destination: str, params: dict[str, Any]
) -> DeliveryRule | None:
    for rule in rules:
        if rule.fires(channel, destination, params):
            return rule
    return None
