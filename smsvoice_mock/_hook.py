"""The botocore hooks: answer this service's requests in-process while a mock is active.

Registered once, at import, in botocore's built-in handler list, so every session and client created
after ``import smsvoice_mock`` carries them; they do nothing unless an activation is running.

- ``Session.create_client`` (wrapped): a client of this service created while a mock is active is
  built unsigned, so botocore runs no credential provider and never waits on instance metadata.
- ``choose-signer.pinpoint-sms-voice-v2``: requests are not signed, so clients created before the mock
  started need no credentials either.
- ``before-send.pinpoint-sms-voice-v2``: decode the JSON 1.0 request, validate it against the model,
  dispatch it and encode the answer as the service would; nothing reaches the network.
"""

from __future__ import annotations

import functools
import inspect
import sys
import weakref
from collections.abc import Callable
from types import MethodType, ModuleType
from typing import TYPE_CHECKING, Any, cast

import botocore
import botocore.handlers
from botocore.config import Config

from smsvoice_mock import _state

if TYPE_CHECKING:
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec

    from botocore.awsrequest import AWSPreparedRequest, AWSResponse

EVENT_SUFFIX = "pinpoint-sms-voice-v2"


def choose_signer(**_: Any) -> Any:
    return botocore.UNSIGNED if _state.active is not None else None


def _region(request: AWSPreparedRequest, state: _state.MockState) -> str:
    try:
        region = request.context["client_region"]
    except (AttributeError, KeyError, TypeError):
        region = None
    if type(region) is str and region:
        return region
    # Older botocore gives no request context: the region is in the endpoint's host name.
    host = request.url.split("/", 3)[2] if "://" in request.url else ""
    parts = host.split(".")
    if len(parts) > 2 and parts[0] == "sms-voice":
        return parts[1]
    return state.region


def before_send(request: AWSPreparedRequest, **_: Any) -> AWSResponse | None:
    state = _state.active
    if state is None:
        return None
    global _respond
    if _respond is None:  # the engine loads on the first mocked request, not with the package
        from smsvoice_mock._protocol import respond

        _respond = respond
    return _respond(state, request, _region(request, state))


_respond: Any = None


_HOOKS = (
    (f"choose-signer.{EVENT_SUFFIX}", choose_signer),
    (f"before-send.{EVENT_SUFFIX}", before_send),
)


_UNSIGNED = Config(signature_version=botocore.UNSIGNED)

# The session that last made a client of this service under the mock (its loader's cache holds the
# model and the partition data that client loaded: ``_model.data_loader``).
_client_session: weakref.ref[Any] | None = None


def client_session() -> Any:
    """The session that last made a client of this service under the mock, if it still exists."""
    return None if _client_session is None else _client_session()


def _create_client(
    wrapped: Any, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    if _state.active is not None:
        service = args[0] if args else kwargs.get("service_name")
        if service == EVENT_SUFFIX:
            global _client_session
            _ensure_hooks(instance)
            _client_session = weakref.ref(instance)
            if len(args) > 9:  # config given positionally (botocore's own order)
                args = (*args[:9], (args[9] or Config()).merge(_UNSIGNED), *args[10:])
            else:
                config = kwargs.get("config")
                kwargs["config"] = _UNSIGNED if config is None else config.merge(_UNSIGNED)
    return wrapped(*args, **kwargs)


def _ensure_hooks(session: Any) -> None:
    """Register the hooks on a session created before they joined the built-in handlers."""
    events = session.get_component("event_emitter")
    trie = getattr(getattr(events, "_emitter", events), "_handlers", None)
    found = trie.prefix_search(f"before-send.{EVENT_SUFFIX}") if trie is not None else ()
    if before_send not in found:
        for event, handler in _HOOKS:
            events.register(event, handler, unique_id=f"smsvoice_mock.{event}")


def _endpoint_send(
    wrapped: Any, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    """The last line: a request of this service about to leave while a mock is active (from a
    client whose session never got the hooks) is answered here instead."""
    request = args[0] if args else kwargs["request"]
    target = request.headers.get("X-Amz-Target") or b""
    if isinstance(target, bytes):
        target = target.decode()
    if _state.active is not None and target.startswith("PinpointSMSVoiceV2."):
        return before_send(request)
    return wrapped(*args, **kwargs)


def install() -> None:
    """Add the hooks to botocore's built-in handlers, which every session created from now on
    registers, and to boto3's default session if it exists already (idempotent)."""
    for hook in _HOOKS:
        if hook not in botocore.handlers.BUILTIN_HANDLERS:
            botocore.handlers.BUILTIN_HANDLERS.append(hook)
    session = getattr(sys.modules.get("boto3"), "DEFAULT_SESSION", None)
    if session is not None:
        _ensure_hooks(session._session)


_client_factory_wrapped = False


def _wrap_method(owner: type, name: str, wrapper: Any) -> None:
    """Replace the method ``owner.name`` by one calling ``wrapper(bound method, instance, args,
    kwargs)``, as ``wrapt.wrap_function_wrapper`` would (without importing wrapt, which brings asyncio
    with it: most of the first start's cost); a coroutine function stays one."""
    original = getattr(owner, name)
    replacement: Any
    if inspect.iscoroutinefunction(original):

        async def replacement(self: Any, *args: Any, **kwargs: Any) -> Any:
            return await wrapper(MethodType(original, self), self, args, kwargs)

    else:

        def replacement(self: Any, *args: Any, **kwargs: Any) -> Any:
            return wrapper(MethodType(original, self), self, args, kwargs)

    functools.update_wrapper(replacement, original)
    setattr(owner, name, replacement)


def _wrap_aiobotocore(module: Any) -> None:
    # AioSession._create_client takes the same arguments as botocore's create_client.
    _wrap_method(module.AioSession, "_create_client", _create_client)


class _AfterImport:
    """A finder on ``sys.meta_path`` that runs ``hook(module)`` once the module ``name`` has been
    imported (``wrapt.register_post_import_hook``'s job, for one module)."""

    def __init__(self, name: str, hook: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.hook = hook
        self.finding = False

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if fullname != self.name or self.finding:
            return None
        self.finding = True  # the other finders find the module; this one steps aside meanwhile
        try:
            spec = next(
                (
                    found
                    for finder in list(sys.meta_path)
                    if finder is not self and hasattr(finder, "find_spec")
                    for found in [finder.find_spec(fullname, path, target)]
                    if found is not None
                ),
                None,
            )
        finally:
            self.finding = False
        if spec is not None and spec.loader is not None:
            spec.loader = cast("Loader", _HookedLoader(spec.loader, self))
        return spec


class _HookedLoader:
    """A module's own loader, running the finder's hook after the module is executed."""

    def __init__(self, loader: Any, finder: _AfterImport) -> None:
        self._loader = loader
        self._finder = finder

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        if self._finder in sys.meta_path:  # once: a reload does not wrap again
            sys.meta_path.remove(self._finder)
            self._finder.hook(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_data, is_package, ...
        return getattr(self._loader, name)


def _after_import(name: str, hook: Callable[[ModuleType], None]) -> None:
    """Run ``hook(module)`` now if ``name`` is imported already, else once it is."""
    module = sys.modules.get(name)
    if module is not None:
        hook(module)
    else:
        sys.meta_path.insert(0, _AfterImport(name, hook))


def wrap_client_factory() -> None:
    """Wrap ``Session.create_client``, ``Endpoint._send`` and, once imported, aiobotocore's
    ``AioSession._create_client`` (once, when the first mock starts)."""
    global _client_factory_wrapped
    if not _client_factory_wrapped:
        import botocore.endpoint
        import botocore.session

        _wrap_method(botocore.session.Session, "create_client", _create_client)
        _wrap_method(botocore.endpoint.Endpoint, "_send", _endpoint_send)
        _after_import("aiobotocore.session", _wrap_aiobotocore)
        _client_factory_wrapped = True


install()
