"""``mock_smsvoice``: one activation class for decorators, ``with``, ``async with`` and notebooks.

- ``@mock_smsvoice`` / ``@mock_smsvoice(sandbox=True)`` on a ``def``, an ``async def`` (awaited inside
  the mock), a ``unittest.TestCase`` (mocked from ``setUp`` to after ``tearDown``) or any other class
  (every ``test*`` method).
- ``with mock_smsvoice() as sms:`` / ``async with mock_smsvoice() as sms:``.
- ``sms = mock_smsvoice().start()`` … ``sms.stop()`` in a notebook.

Activations nest: an inner one shares the outer one's state, and the state is dropped when the
outermost one ends, even when it ends with an exception.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from smsvoice_mock import _hook, _state
from smsvoice_mock._state import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    MockState,
    Options,
    is_account_id,
)

if TYPE_CHECKING:
    import unittest

    from smsvoice_mock._faults import DeliveryRule, FaultRule
    from smsvoice_mock.backend import Backend, Clock
    from smsvoice_mock.errors import ServiceError
    from smsvoice_mock.inbox import ApiCall, InboundMessage, MessageEvent, MessageLog, SentMessage

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)
# A seed: a mapping in the format of docs/seeding.md, or the path of a JSON or YAML file holding one.
SeedSource = Mapping[str, Any] | str | os.PathLike[str]

OPTION_NAMES = ("account_id", "region", "sandbox", "seed")

# The model's E.164 pattern (PhoneNumber); a leading "+" may be left out, as simulate_inbound allows.
_E164 = re.compile(r"\+?[1-9][0-9]{1,18}")

_lock = threading.Lock()  # start and stop from many threads at once


def check_options(options: Mapping[str, Any], where: str = "mock_smsvoice") -> None:
    """Fail with a sentence naming the valid options when ``options`` has another one."""
    unknown = sorted(set(options) - set(OPTION_NAMES))
    if unknown:
        raise TypeError(
            f"{where} got unknown option(s) {', '.join(unknown)}; "
            f"it accepts {', '.join(OPTION_NAMES)}."
        )


def check_account_id(account_id: Any) -> str:
    if not is_account_id(account_id):
        raise TypeError(
            f"account_id must be a 12-digit string such as '123456789012', not {account_id!r}."
        )
    return account_id


def check_region(region: Any) -> str:
    if not isinstance(region, str) or not region:
        raise TypeError(f"region must be a region name such as 'us-east-1', not {region!r}.")
    return region


# A delay longer than this is a TTL expiry whatever the TimeToLive (259,200 s is its maximum).
_MAX_DELAY_SECONDS = 30 * 86400


def _check_rule(times: Any, every: Any, when: Any, what: str) -> None:
    """The options every rule takes (``add_fault``, ``add_delivery``): how often and for which."""
    _positive("times", times)
    _positive("every", every)
    if when is not None and not callable(when):
        raise TypeError(
            f"when must be a function of the {what}'s parameters (or None), not {when!r}."
        )


def _positive(name: str, value: Any) -> None:
    if value is not None and (type(value) is not int or value < 1):
        raise TypeError(f"{name} must be a whole number of 1 or more (or None), not {value!r}.")


class SmsVoiceMock:
    """An activation of the mock, and the handle a test inspects and drives it with."""

    def __init__(
        self,
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        region: str = DEFAULT_REGION,
        sandbox: bool = False,
        seed: SeedSource | None = None,
    ) -> None:
        if not isinstance(sandbox, bool):
            raise TypeError(f"sandbox must be True or False, not {sandbox!r}.")
        self._options = Options(
            account_id=check_account_id(account_id), region=check_region(region), sandbox=sandbox
        )
        self._seed: Mapping[str, Any] | None = None
        if seed is not None:
            from smsvoice_mock._seed import read_seed

            self._seed = read_seed(seed)  # read (and a bad path reported) here, once
        self._state: MockState | None = None

    # -- activation -----------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._state is not None

    def start(self) -> SmsVoiceMock:
        """Activate the mock (or join the active one) and return this handle.

        Every overlapping activation shares one state; each keeps its own account, region and
        sandbox for what its thread or task sends."""
        if self._state is not None:
            raise RuntimeError(
                "This mock_smsvoice is already started; call stop() before starting it again."
            )
        with _lock:
            if _state.active is None:
                _hook.install()
                _hook.wrap_client_factory()
                _state.active = MockState(self._options)
            else:
                _state.active.join(self._options)
            self._state = _state.active
        _state.current.set((*_state.current.get(), self._options))
        if self._seed is not None:
            try:
                self.seed(self._seed)
            except BaseException:
                self.stop()
                raise
        return self

    def stop(self) -> None:
        """Deactivate; the outermost activation's stop drops every resource and record."""
        if self._state is None:
            raise RuntimeError(
                "This mock_smsvoice is not started; call start() (or use it with 'with') first."
            )
        stack = _state.current.get()
        if self._options in stack:
            _state.current.set(tuple(o for o in stack if o is not self._options))
        with _lock:
            self._state.leave(self._options)
            if not self._state.activations:  # the last running activation drops the state
                _state.active = None
            self._state = None

    def __enter__(self) -> SmsVoiceMock:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> SmsVoiceMock:
        return self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- decorating -----------------------------------------------------------------------

    def __call__(self, target: F) -> F:
        if isinstance(target, type):
            return self._decorate_class(target)
        if not callable(target):
            raise TypeError(f"mock_smsvoice decorates functions and classes, not {target!r}.")
        return self._decorate_function(target)

    def _fresh(self) -> SmsVoiceMock:
        options = self._options
        return SmsVoiceMock(
            account_id=options.account_id,
            region=options.region,
            sandbox=options.sandbox,
            seed=self._seed,
        )

    def _decorate_function(self, func: F) -> F:
        """Mock every run of ``func``: a call, an awaited coroutine, or a (async) generator's whole
        iteration, not just its creation."""
        import wrapt

        fresh = self._fresh

        if inspect.isasyncgenfunction(func):

            @wrapt.decorator
            async def async_gen_wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
                async with fresh():
                    async for item in wrapped(*args, **kwargs):
                        yield item

            return cast(F, async_gen_wrapper(func))

        if inspect.isgeneratorfunction(func):

            @wrapt.decorator
            def gen_wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
                with fresh():
                    return (yield from wrapped(*args, **kwargs))

            return cast(F, gen_wrapper(func))

        if inspect.iscoroutinefunction(func):

            @wrapt.decorator
            async def async_wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
                async with fresh():
                    return await wrapped(*args, **kwargs)

            return cast(F, async_wrapper(func))

        @wrapt.decorator
        def wrapper(wrapped: Any, instance: Any, args: Any, kwargs: Any) -> Any:
            with fresh():
                return wrapped(*args, **kwargs)

        return cast(F, wrapper(func))

    def _decorate_class(self, cls: C) -> C:
        # A class can only be a TestCase if unittest was imported already: no need to import it here.
        unittest_module = sys.modules.get("unittest")
        if unittest_module is not None and issubclass(cls, unittest_module.TestCase):
            fresh = self._fresh
            original_setup = cast("type[unittest.TestCase]", cls).setUp

            @functools.wraps(original_setup)
            def setUp(test: unittest.TestCase) -> None:
                mock = fresh().start()
                test.addCleanup(mock.stop)
                original_setup(test)

            setattr(cls, "setUp", setUp)  # noqa: B010 (mypy forbids assigning a method)
            return cls
        for name, value in list(vars(cls).items()):
            if name.startswith("test") and callable(value):
                setattr(cls, name, self._decorate_function(value))
        return cls

    # -- the handle -----------------------------------------------------------------------

    @property
    def state(self) -> MockState:
        if self._state is None:
            raise RuntimeError(
                "This mock_smsvoice is not active; use it inside 'with mock_smsvoice() as sms:' "
                "or after sms = mock_smsvoice().start()."
            )
        return self._state

    @property
    def sent_messages(self) -> MessageLog[SentMessage]:
        """Every message the service accepted, oldest first (``.last``, ``.find()``, ``.one()``)."""
        return self.state.sent_messages

    @property
    def inbound_messages(self) -> MessageLog[InboundMessage]:
        """Every simulated text from an end user, oldest first."""
        return self.state.inbound_messages

    @property
    def events(self) -> MessageLog[MessageEvent]:
        """Every event record routed to an enabled event destination, oldest first.

        ``sms.events.find(destination_arn=topic_arn)`` is what that SNS topic (or Firehose stream, or
        log group) received; ``record`` holds the event JSON. A record a delivery rule's delay holds
        joins it when ``sms.clock`` reaches it.
        """
        state = self.state
        state.deliver_due()
        return state.events

    @property
    def dry_runs(self) -> MessageLog[SentMessage]:
        """Messages a ``DryRun=True`` request validated but did not send (nor charge)."""
        return self.state.dry_runs

    @property
    def calls(self) -> MessageLog[ApiCall]:
        """Every request of the service the mock answered, oldest first, refused ones included:
        ``sms.calls.one(operation="SendTextMessage").reason``."""
        return self.state.calls

    def verification_code(
        self,
        destination_phone_number: str,
        *,
        region: str | None = None,
        account_id: str | None = None,
    ) -> str:
        """The last verification code SendDestinationNumberVerificationCode sent to the number."""
        from smsvoice_mock.models.verified import last_code

        return last_code(self.backend(account_id, region), destination_phone_number)

    @property
    def clock(self) -> Clock:
        """The mock's clock; ``sms.clock.advance(days=31)`` moves every backend forward."""
        return self.state.clock

    def backend(self, account_id: str | None = None, region: str | None = None) -> Backend:
        """The resources of one account and region (defaults: the activation's options)."""
        options = self._options
        return self.state.backend(
            options.account_id if account_id is None else check_account_id(account_id),
            options.region if region is None else check_region(region),
        )

    def reset(self, *, account_id: str | None = None, logs_only: bool = False) -> None:
        """Drop every resource, record and fault rule, as if the mock had just started; with
        ``logs_only=True`` only the records (messages, events, calls), keeping resources, rules and
        the clock; with ``account_id``, only that account's resources and records."""
        if account_id is not None:
            check_account_id(account_id)
        if not isinstance(logs_only, bool):
            raise TypeError(f"logs_only must be True or False, not {logs_only!r}.")
        self.state.reset(account_id, logs_only)

    def seed(self, data: SeedSource) -> None:
        """Add the resources a seed describes: a dict, or the path of a JSON or YAML file.

        The format is docs/seeding.md's; a seed that breaks a rule of the service raises
        ``ValueError`` naming the entry (e.g. ``seed["phone_numbers"][1]: ...``) and adds nothing.
        """
        from smsvoice_mock._seed import apply_seed, read_seed

        state = self.state
        with state.lock:
            apply_seed(state, read_seed(data))

    def snapshot(self) -> dict[str, Any]:
        """The current resources in the seed format (JSON-ready): ``mock_smsvoice(seed=...)`` replays it."""
        from smsvoice_mock._seed import take_snapshot

        state = self.state
        with state.lock:
            return take_snapshot(state)

    def simulate_inbound(
        self,
        *,
        destination_number: str,
        origination_number: str,
        message_body: str,
        region: str | None = None,
        account_id: str | None = None,
    ) -> InboundMessage:
        """An end user at ``origination_number`` texts ``message_body`` to your ``destination_number``.

        The service's keyword handling runs: STOP and the other opt-out words add the sender to the
        number's opt-out list (unless self-managed opt-outs are on), OPT_IN keywords remove it, HELP and
        AUTOMATIC_RESPONSE keywords answer with their message (recorded in ``sent_messages``).
        """
        from smsvoice_mock.models.inbound import receive

        for name, value in (
            ("destination_number", destination_number),
            ("origination_number", origination_number),
        ):
            if not (isinstance(value, str) and _E164.fullmatch(value.strip())):
                raise TypeError(
                    f"{name} must be a phone number in E.164 format such as '+14254147755', "
                    f"not {value!r}."
                )
        if not isinstance(message_body, str):
            raise TypeError(f"message_body must be the text as a str, not {message_body!r}.")
        state = self.state
        with state.lock:
            return receive(
                state,
                self.backend(account_id, region),
                destination_number=destination_number,
                origination_number=origination_number,
                message_body=message_body,
            )

    def fail_next(self, operation: str | None, error: ServiceError, *, times: int = 1) -> FaultRule:
        """Answer the next ``times`` calls of ``operation`` (``None``: any operation) with ``error``."""
        return self.add_fault(operation, error, times=times)

    def add_fault(
        self,
        operation: str | None,
        error: ServiceError,
        *,
        times: int | None = None,
        every: int | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> FaultRule:
        """Answer calls of ``operation`` with ``error``: ``every`` Nth call, those ``when`` accepts,
        at most ``times`` times (``None``: for as long as the mock runs)."""
        from smsvoice_mock._faults import FaultRule
        from smsvoice_mock.errors import ServiceError

        _check_rule(times, every, when, "call")
        if not isinstance(error, ServiceError):
            raise TypeError(
                "error must be one of smsvoice_mock.errors (e.g. ThrottlingException()), "
                f"not {error!r}."
            )
        from smsvoice_mock._model import operation_names

        if operation is not None and operation not in operation_names():
            raise TypeError(
                f"{operation!r} is not an operation of pinpoint-sms-voice-v2; use its API name, e.g. 'SendTextMessage'."
            )
        rule = FaultRule(operation=operation, error=error, times=times, every=every, when=when)
        self.state.faults.append(rule)
        return rule

    def deliver_next(
        self, event_type: str, *, to: str | None = None, times: int = 1
    ) -> DeliveryRule:
        """The next ``times`` messages (to ``to``, an E.164 number, when given) on ``event_type``'s
        channel end in ``event_type``, e.g. ``sms.deliver_next("TEXT_BLOCKED")``."""
        return self.add_delivery(event_type, to=to, times=times)

    def add_delivery(
        self,
        event_type: str,
        *,
        to: str | None = None,
        channel: str | None = None,
        times: int | None = None,
        every: int | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
        delay_seconds: float = 0,
    ) -> DeliveryRule:
        """Messages end in ``event_type`` (a final event type such as ``TEXT_SPAM``,
        ``VOICE_NO_ANSWER``, ``MEDIA_FILE_INACCESSIBLE``): those to ``to``, ``every`` Nth one, those
        whose send parameters ``when`` accepts, at most ``times`` (``None``: for as long as the mock
        runs). ``delay_seconds`` holds the final record that long on ``sms.clock``; a delay past the
        message's ``TimeToLive`` ends it in ``*_TTL_EXPIRED`` instead (docs/inspecting.md)."""
        from smsvoice_mock._faults import DeliveryRule
        from smsvoice_mock.models.events import channel_of, final_event_types

        _check_rule(times, every, when, "send")
        finals = final_event_types()
        if channel is not None and channel not in finals:
            raise TypeError(
                f"channel must be one of {', '.join(finals)} (or None), not {channel!r}."
            )
        found = channel_of(event_type) if isinstance(event_type, str) else None
        if found is None or (channel is not None and found != channel):
            valid = (
                finals[channel] if channel is not None else [t for c in finals.values() for t in c]
            )
            where = f"{channel} " if channel is not None else ""
            raise TypeError(
                f"{event_type!r} is not a final {where}event type; use one of {', '.join(valid)}."
            )
        if to is not None and not (isinstance(to, str) and to[:1] == "+" and _E164.fullmatch(to)):
            raise TypeError(
                f"to must be a phone number in E.164 format such as '+14254147755', not {to!r}."
            )
        if (
            isinstance(delay_seconds, bool)
            or not isinstance(delay_seconds, (int, float))
            or not 0 <= delay_seconds <= _MAX_DELAY_SECONDS
        ):
            raise TypeError(
                f"delay_seconds must be a number of seconds from 0 to {_MAX_DELAY_SECONDS} "
                f"(the longest TimeToLive), not {delay_seconds!r}."
            )
        rule = DeliveryRule(
            event_type=event_type,
            channel=found,
            to=to,
            times=times,
            every=every,
            when=when,
            delay_seconds=delay_seconds,
        )
        self.state.deliveries.append(rule)
        return rule

    def _repr_html_(self) -> str:
        """In a notebook: the default backend's resources and the logs, as tables."""
        if self._state is None:
            from html import escape

            return f"<p>mock_smsvoice (inactive) {escape(str(self._options))}</p>"
        logs = (self.sent_messages, self.inbound_messages, self.events)
        return self.backend()._repr_html_() + "".join(log._repr_html_() for log in logs)

    def __str__(self) -> str:
        """``print(sms)``: the same tables as ``_repr_html_``, as text; inactive, the one-line repr.

        ``repr(sms)`` stays one line, for error messages and debuggers.
        """
        if self._state is None:
            return repr(self)
        logs = (self.sent_messages, self.inbound_messages, self.events)
        return "\n\n".join([repr(self.backend()), *(repr(log) for log in logs)])

    def __repr__(self) -> str:
        if self._state is None:
            return f"<mock_smsvoice inactive {self._options}>"
        return (
            f"<mock_smsvoice active account={self._options.account_id} region={self._options.region} "
            f"sent={len(self._state.sent_messages)} inbound={len(self._state.inbound_messages)}>"
        )


@overload
def mock_smsvoice(target: F, /) -> F: ...
@overload
def mock_smsvoice(
    *, account_id: str = ..., region: str = ..., sandbox: bool = ..., seed: SeedSource | None = ...
) -> SmsVoiceMock: ...
def mock_smsvoice(target: Any = None, /, **options: Any) -> Any:
    """Mock AWS End User Messaging SMS and Voice v2: a decorator, a context manager or a handle."""
    check_options(options)
    mock = SmsVoiceMock(**options)
    return mock if target is None else mock(target)


def current_mock() -> SmsVoiceMock:
    """A handle on the active mock, for code decorated with ``@mock_smsvoice``."""
    if _state.active is None:
        raise RuntimeError("No mock_smsvoice is active.")
    handle = SmsVoiceMock()
    handle._options = _state.active.defaults
    handle._state = _state.active
    return handle
