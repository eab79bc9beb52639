"""Who may talk to the server: only the hosts it serves, and only its own pages or real clients.

A server on a developer's machine sits beside their browser, and any web page can make that browser
send requests to ``127.0.0.1``. Two checks keep such pages out (docs/server.md, "Security"):

- **The Host header** must name this machine: a loopback name (``localhost``, ``*.localhost``) or
  address (``127.0.0.0/8``, ``::1``), the address the server is bound to, or a name given with
  ``--allow-host`` (or ``SMSVOICE_MOCK_ALLOW_HOSTS``, comma-separated). A page whose name was rebound
  to ``127.0.0.1`` (DNS rebinding) still sends its own name, and is refused before anything is read.
- **A request that can change state** (any method but GET, HEAD and OPTIONS) is refused when the
  browser says it comes from elsewhere: an ``Origin`` that is not the server's own (nor one named with
  ``--cors-origin``), or ``Sec-Fetch-Site: cross-site``/``same-site`` (a page on another port of
  ``127.0.0.1`` is same-site). The SDKs, the AWS CLI and curl send neither header.

Control requests that change state must also be ``Content-Type: application/json`` (checked in
``control``), which a browser cannot send to another origin without a preflight that is never
granted: no CORS header is sent unless ``--cors-origin`` names the origin.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Iterable

from smsvoice_mock.server._http import Answer, HttpRequest

ALLOW_HOSTS_ENV = "SMSVOICE_MOCK_ALLOW_HOSTS"
CORS_ORIGINS_ENV = "SMSVOICE_MOCK_CORS_ORIGINS"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_UNSPECIFIED = frozenset({"", "0.0.0.0", "::"})


def host_name(host_header: str) -> str:
    """The name or address of a ``Host`` header, without its port, lower-case (``""`` if none)."""
    value = host_header.strip().lower()
    if value.startswith("["):  # [::1]:4566
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def is_loopback(name: str) -> bool:
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _names(values: Iterable[str], env: str) -> list[str]:
    names = [v.strip() for v in values if v.strip()]
    names += [v.strip() for v in os.environ.get(env, "").split(",") if v.strip()]
    return names


class Guard:
    """The two checks of this module for one server."""

    def __init__(
        self, bound_host: str, allow_hosts: Iterable[str] = (), cors_origins: Iterable[str] = ()
    ) -> None:
        hosts = {host_name(name) for name in _names(allow_hosts, ALLOW_HOSTS_ENV)}
        bound = host_name(bound_host) if ":" not in bound_host else bound_host.strip("[]").lower()
        if bound not in _UNSPECIFIED:
            hosts.add(bound)
        self.allow_hosts = frozenset(hosts)
        self.cors_origins = frozenset(o.rstrip("/") for o in _names(cors_origins, CORS_ORIGINS_ENV))

    def host_allowed(self, name: str) -> bool:
        return bool(name) and (name in self.allow_hosts or is_loopback(name))

    def refusal(self, request: HttpRequest) -> str | None:
        """Why ``request`` is refused (a sentence), or ``None`` when it may go on."""
        host = request.headers.get("host") or ""
        if not self.host_allowed(host_name(host)):
            shown = host or "(none)"
            return (
                f"The Host {shown!r} is not one this server serves (loopback names and addresses "
                "and the bound address); start it with --allow-host NAME to serve that name."
            )
        if request.method in _SAFE_METHODS:
            return None
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") not in self._own_origins(host):
            return (
                f"A request from the page {origin!r} cannot change this server's state; only its "
                "own pages and non-browser clients can (start it with --cors-origin ORIGIN to "
                "allow that page)."
            )
        site = (request.headers.get("sec-fetch-site") or "").lower()
        if origin is None and site in ("cross-site", "same-site"):
            return (
                "A request from another site's page cannot change this server's state; only its "
                "own pages and non-browser clients can."
            )
        return None

    def _own_origins(self, host: str) -> frozenset[str]:
        return self.cors_origins | {f"http://{host.strip().lower()}"}

    def cors_headers(self, request: HttpRequest) -> dict[str, str]:
        """``Access-Control-*`` headers for an origin named with ``--cors-origin``; else none."""
        origin = request.headers.get("origin")
        if origin is None or origin.rstrip("/") not in self.cors_origins:
            return {}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
            "Access-Control-Allow-Headers": (
                "Content-Type, X-Amz-Target, X-Amz-Date, Authorization, "
                "X-Amz-Security-Token, X-Amz-User-Agent, Amz-Sdk-Invocation-Id, Amz-Sdk-Request"
            ),
            "Access-Control-Expose-Headers": "x-amzn-RequestId",
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        }


def forbidden(message: str) -> Answer:
    """The answer to a refused request: 403 in a shape both the SDKs and control clients read."""
    body = json.dumps({"__type": "AccessDeniedException", "Message": message}).encode()
    return 403, {"Content-Type": "application/json", "Connection": "close"}, body
