"""Fault injection: answer chosen calls with a modeled error so tests can exercise error handling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smsvoice_mock.errors import ServiceError


@dataclass(kw_only=True)
class FaultRule:
    """Fail calls of ``operation`` (``None``: any) with ``error``.

    ``times``: how many failures are left (``None``: no end). ``every``: fail only every Nth matching
    call. ``when``: fail only calls whose parameters satisfy the predicate.
    """

    operation: str | None
    error: ServiceError
    times: int | None = 1
    every: int | None = None
    when: Callable[[dict[str, Any]], bool] | None = None
    seen: int = 0

    def fires(self, operation: str, params: dict[str, Any]) -> bool:
        if self.operation is not None and self.operation != operation:
            return False
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


def injected_fault(
    rules: list[FaultRule], operation: str, params: dict[str, Any]
) -> ServiceError | None:
    for rule in rules:
        if rule.fires(operation, params):
            return rule.error
    return None
