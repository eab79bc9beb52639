"""The OpenAPI 3.1 document of the control API, served at ``GET /_smsvoice/openapi.json``.

The paths are the control route registry's (``control.ROUTES``): each operation takes its description
from the route function's docstring and its parameters, body and answer from ``SPECS``, keyed by the
same ``(METHOD, PATH)``. A route without an entry in ``SPECS`` is still listed (with a bare object as
its answer) and named in ``undocumented()``, which the tests require to be empty; an entry without a
route is not listed. Adding an endpoint is adding its route and its entry here.
"""

from __future__ import annotations

import inspect
from typing import Any

from smsvoice_mock import errors
from smsvoice_mock.server import control

__all__ = ["SPECS", "document", "undocumented"]

Schema = dict[str, Any]


def _obj(
    properties: dict[str, Schema] | None = None,
    required: tuple[str, ...] = (),
    *,
    closed: bool = False,
) -> Schema:
    schema: Schema = {"type": "object"}
    if properties:
        schema["properties"] = properties
    if required:
        schema["required"] = list(required)
    if closed:
        schema["additionalProperties"] = False
    return schema


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


_STR: Schema = {"type": "string"}
_TEXT: Schema = {"type": "string", "minLength": 1}
_ACCOUNT: Schema = {"type": "string", "pattern": "^[0-9]{12}$", "description": "12 digits"}
_REGION: Schema = {"type": "string", "description": "a region of the service, e.g. us-east-1"}
_WHERE: dict[str, Schema] = {"account_id": _ACCOUNT, "region": _REGION}
_NUMBER: Schema = {"type": "number"}
_RECORDS = {"type": "array", "items": {"type": "object"}}


def _final_types() -> list[str]:
    from smsvoice_mock.models.events import final_event_types

    return [t for types in final_event_types().values() for t in types]


_FINAL_TYPES = _final_types()

COMPONENTS: dict[str, Schema] = {
    "Error": _obj(
        {"__type": _STR, "Message": _STR},
        ("__type", "Message"),
    ),
    "Clock": _obj(
        {"now": {"type": "string", "format": "date-time"}, "offset_seconds": _NUMBER},
        ("now", "offset_seconds"),
    ),
    "Fault": _obj(
        {
            "operation": {"type": ["string", "null"]},
            "error": _obj({"__type": _STR, "Message": _STR}, ("__type",)),
            "times": {"type": ["integer", "null"]},
            "every": {"type": ["integer", "null"]},
            "match": {"type": ["object", "null"]},
            "seen": {"type": "integer"},
        },
        ("operation", "error", "times", "every", "match", "seen"),
    ),
    "Delivery": _obj(
        {
            "event_type": _STR,
            "channel": _STR,
            "to": {"type": ["string", "null"]},
            "times": {"type": ["integer", "null"]},
            "every": {"type": ["integer", "null"]},
            "match": {"type": ["object", "null"]},
            "delay_seconds": _NUMBER,
            "seen": {"type": "integer"},
        },
        ("event_type", "channel", "to", "times", "every", "match", "delay_seconds", "seen"),
    ),
    "SnsHttpSubscription": _obj(
        {"topic_arn": _STR, "url": _STR, "subscription_arn": _STR},
        ("topic_arn", "url", "subscription_arn"),
    ),
    "SnsHttpDelivery": _obj(
        {
            "message_id": _STR,
            "topic_arn": _STR,
            "url": _STR,
            "source": {"type": "string", "enum": ["inbound", "event"]},
            "queued_at": _STR,
            "status": {"type": "string", "enum": ["pending", "delivered", "failed"]},
            "attempts": {"type": "integer"},
            "http_status": {"type": ["integer", "null"]},
            "error": {"type": ["string", "null"]},
        },
        ("message_id", "topic_arn", "url", "source", "status", "attempts"),
    ),
    "Resource": {
        "type": "object",
        "description": "The resource as the service's Describe operation shows it (PascalCase).",
    },
}


def _query(name: str, description: str, *, required: bool = False) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": {"type": "string"},
        "description": description,
    }


_FILTERS = [
    _query("destination", "the destination phone number (E.164; + as %2B)"),
    _query("origination", "the origination identity or number"),
]
# The log endpoints that long-poll: the records after a cursor, waiting for one to come.
_WAITING = [
    *_FILTERS,
    _query("after", "leave out the first N records (the Cursor of an earlier answer)"),
    _query("wait", "hold the request up to this many seconds (0 to 25) until a record matches"),
]
_CURSOR: Schema = {"type": "string", "pattern": "^[0-9]+$", "description": "records in the log"}


def _log(name: str) -> Schema:
    return _obj({name: _RECORDS, "Cursor": _CURSOR}, (name, "Cursor"))


def _answer(schema: Schema) -> Schema:
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


# Per (METHOD, PATH) of control.ROUTES: "query" (parameters), "body" (the JSON object's schema),
# "answer" (the 200 answer's schema).
SPECS: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/_smsvoice/health"): {
        "answer": _obj({"status": _STR, "account_id": _STR, "region": _STR}, ("status",)),
    },
    ("GET", "/_smsvoice/openapi.json"): {
        "summary": "This document.",
        "answer": _obj({"openapi": _STR, "paths": {"type": "object"}}, ("openapi", "paths")),
    },
    ("GET", "/_smsvoice/sent-messages"): {
        "query": _WAITING,
        "answer": _log("SentMessages"),
    },
    ("GET", "/_smsvoice/dry-runs"): {
        "query": _FILTERS,
        "answer": _obj({"DryRuns": _RECORDS}, ("DryRuns",)),
    },
    ("GET", "/_smsvoice/events"): {
        "query": _WAITING,
        "answer": _log("Events"),
    },
    ("GET", "/_smsvoice/calls"): {
        "query": [
            *_WAITING,
            _query("refused", "true: only the refused calls; false: only the accepted ones"),
            _query("operation", "the API name, e.g. SendTextMessage"),
        ],
        "answer": _log("Calls"),
    },
    ("GET", "/_smsvoice/inbound-messages"): {
        "query": _WAITING,
        "answer": _log("InboundMessages"),
    },
    ("POST", "/_smsvoice/inbound"): {
        "body": _obj(
            {
                "destination_number": _STR,
                "origination_number": _STR,
                "message_body": _STR,
                **_WHERE,
            },
            ("destination_number", "origination_number", "message_body"),
            closed=True,
        ),
        "answer": {"type": "object", "description": "The InboundMessage record."},
    },
    ("GET", "/_smsvoice/verification-code"): {
        "query": [
            _query("destination", "the verified destination number", required=True),
            _query("account_id", "12 digits (default: the server's)"),
            _query("region", "a region of the service (default: the server's)"),
        ],
        "answer": _obj({"VerificationCode": _STR}, ("VerificationCode",)),
    },
    ("POST", "/_smsvoice/faults"): {
        "body": _obj(
            {
                "error": {
                    "type": "string",
                    "enum": [n for n in errors.__all__ if n != "ServiceError"],
                },
                "message": _STR,
                "operation": {"type": ["string", "null"], "description": "an API name"},
                "times": {"type": ["integer", "null"], "minimum": 1},
                "every": {"type": ["integer", "null"], "minimum": 1},
                "match": {"type": ["object", "null"]},
                "reason": _STR,
                "resource_type": _STR,
                "resource_id": _STR,
                "fields": {"type": "array", "items": {"type": "object"}},
                "request_id": _STR,
            },
            ("error",),
            closed=True,
        ),
        "answer": _ref("Fault"),
    },
    ("GET", "/_smsvoice/faults"): {
        "answer": _obj({"Faults": {"type": "array", "items": _ref("Fault")}}, ("Faults",)),
    },
    ("DELETE", "/_smsvoice/faults"): {"summary": "Drop every fault rule.", "answer": _obj()},
    ("POST", "/_smsvoice/deliveries"): {
        "body": _obj(
            {
                "event_type": {"type": "string", "enum": _FINAL_TYPES},
                "to": _STR,
                "channel": {
                    "type": ["string", "null"],
                    "enum": ["SMS", "VOICE", "MMS", "RCS", None],
                },
                "times": {"type": ["integer", "null"], "minimum": 1},
                "every": {"type": ["integer", "null"], "minimum": 1},
                "match": {"type": ["object", "null"]},
                "delay_seconds": {"type": "number", "minimum": 0},
            },
            ("event_type",),
        ),
        "answer": _ref("Delivery"),
    },
    ("POST", "/_smsvoice/deliveries/next"): {
        "body": _obj(
            {
                "event_type": {"type": "string", "enum": _FINAL_TYPES},
                "to": _STR,
                "times": {"type": "integer", "minimum": 1},
            },
            ("event_type",),
        ),
        "answer": _ref("Delivery"),
    },
    ("GET", "/_smsvoice/deliveries"): {
        "answer": _obj(
            {
                "Deliveries": {"type": "array", "items": _ref("Delivery")},
                "EventTypes": {"type": "object", "description": "final event types by channel"},
            },
            ("Deliveries", "EventTypes"),
        ),
    },
    ("DELETE", "/_smsvoice/deliveries"): {"summary": "Drop every delivery rule.", "answer": _obj()},
    ("GET", "/_smsvoice/clock"): {"summary": "The mock's clock.", "answer": _ref("Clock")},
    ("POST", "/_smsvoice/clock/advance"): {
        "body": _obj(
            {
                unit: _NUMBER
                for unit in (
                    "weeks",
                    "days",
                    "hours",
                    "minutes",
                    "seconds",
                    "milliseconds",
                    "microseconds",
                )
            },
            closed=True,
        ),
        "answer": _ref("Clock"),
    },
    ("POST", "/_smsvoice/reset"): {
        "body": _obj({"account_id": _ACCOUNT, "logs_only": {"type": "boolean"}}, closed=True),
        "answer": _obj(),
    },
    ("POST", "/_smsvoice/seed"): {
        "body": {"type": "object", "description": "A seed (docs/seeding.md)."},
        "answer": {"type": "object", "description": "The snapshot after the seed."},
    },
    ("GET", "/_smsvoice/snapshot"): {
        "answer": {"type": "object", "description": "The resources in the seed format."},
    },
    ("POST", "/_smsvoice/limits"): {
        "body": _obj(
            {"name": _STR, "max": {"type": "integer", "minimum": 0}, **_WHERE},
            ("name", "max"),
            closed=True,
        ),
        "answer": _obj(
            {"Limits": {"type": "object", "additionalProperties": {"type": "integer"}}},
            ("Limits",),
        ),
    },
    ("POST", "/_smsvoice/auto-activate"): {
        "body": _obj(
            {"auto_activate": {"type": "boolean"}, **_WHERE}, ("auto_activate",), closed=True
        ),
        "answer": _obj({"auto_activate": {"type": "boolean"}}, ("auto_activate",)),
    },
    ("POST", "/_smsvoice/phone-numbers/status"): {
        "body": _obj(
            {"phone_number_id": _TEXT, "status": _STR, **_WHERE},
            ("phone_number_id", "status"),
            closed=True,
        ),
        "answer": _ref("Resource"),
    },
    ("POST", "/_smsvoice/pools/status"): {
        "body": _obj(
            {"pool_id": _TEXT, "status": _STR, **_WHERE}, ("pool_id", "status"), closed=True
        ),
        "answer": _ref("Resource"),
    },
    ("POST", "/_smsvoice/registrations/complete"): {
        "body": _obj({"phone_number_id": _TEXT, **_WHERE}, ("phone_number_id",), closed=True),
        "answer": _obj({"RegistrationId": _STR}, ("RegistrationId",)),
    },
    ("POST", "/_smsvoice/registrations/review"): {
        "body": _obj(
            {
                "registration_id": _TEXT,
                "action": {
                    "type": "string",
                    "enum": list(control._REVIEW_ACTIONS),
                },
                "complete": {"type": "boolean"},
                "reasons": {
                    "type": "array",
                    "items": {"anyOf": [_STR, {"type": "object"}]},
                },
                **_WHERE,
            },
            ("registration_id", "action"),
            closed=True,
        ),
        "answer": _ref("Resource"),
    },
    ("POST", "/_smsvoice/rcs-agents/status"): {
        "body": _obj(
            {"rcs_agent_id": _TEXT, "status": _STR, "registration_id": _TEXT, **_WHERE},
            ("rcs_agent_id", "status"),
            closed=True,
        ),
        "answer": _ref("Resource"),
    },
    ("POST", "/_smsvoice/rcs-agents/launch"): {
        "body": _obj(
            {
                "rcs_agent_id": _TEXT,
                "iso_country_code": {"type": "string", "minLength": 2, "maxLength": 2},
                "status": _STR,
                "registration_id": _TEXT,
                "carriers": {"type": "object", "additionalProperties": _STR},
                **_WHERE,
            },
            ("rcs_agent_id",),
            closed=True,
        ),
        "answer": _ref("Resource"),
    },
    ("POST", "/_smsvoice/notify-configurations/status"): {
        "body": _obj(
            {
                "notify_configuration_id": _TEXT,
                "status": _STR,
                "rejection_reason": _STR,
                **_WHERE,
            },
            ("notify_configuration_id", "status"),
            closed=True,
        ),
        "answer": _ref("Resource"),
    },
    ("GET", "/_smsvoice/conversations"): {
        "query": [_query("after", "the cursor of an earlier answer")],
        "answer": _obj(
            {
                "cursor": _STR,
                "changed": {"type": "boolean"},
                "clock": _ref("Clock"),
                "conversations": _RECORDS,
            },
            ("cursor", "changed"),
        ),
    },
    ("POST", "/_smsvoice/sns-http"): {
        "body": _obj(
            {
                "topic_arn": {"type": "string", "description": "an SNS topic ARN"},
                "url": {"type": "string", "description": "an http or https URL"},
            },
            ("topic_arn", "url"),
            closed=True,
        ),
        "answer": _ref("SnsHttpSubscription"),
    },
    ("GET", "/_smsvoice/sns-http"): {
        "answer": _obj(
            {
                "Subscriptions": {"type": "array", "items": _ref("SnsHttpSubscription")},
                "Deliveries": {"type": "array", "items": _ref("SnsHttpDelivery")},
            },
            ("Subscriptions", "Deliveries"),
        ),
    },
    ("DELETE", "/_smsvoice/sns-http"): {"answer": _obj()},
    ("GET", "/_smsvoice/resources"): {
        "answer": _obj({"clock": _ref("Clock"), "Backends": _RECORDS}, ("clock", "Backends")),
    },
}


def _error(description: str) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _operation(method: str, path: str, route: control.Route) -> Schema:
    spec = SPECS.get((method, path), {})
    doc = inspect.cleandoc(route.__doc__ or "")
    summary = spec.get("summary") or doc.split("\n\n")[0].replace("\n", " ") or f"{method} {path}"
    operation: Schema = {
        "operationId": route.__name__,
        "summary": summary,
        "responses": {
            **_answer(spec.get("answer", {"type": "object"})),
            "400": _error("The request cannot be carried out: the sentence says what to do."),
        },
    }
    if doc and doc != summary:
        operation["description"] = doc
    if "query" in spec:
        operation["parameters"] = spec["query"]
    if method not in ("GET", "HEAD"):
        operation["responses"]["415"] = _error("The body was not sent as application/json.")
        operation["responses"]["4XX"] = _error(
            "A service error of the engine (e.g. ResourceNotFoundException), in its own status."
        )
        body = spec.get("body")
        if body is not None:
            operation["requestBody"] = {
                "required": False,
                "content": {"application/json": {"schema": body}},
            }
    return operation


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route in ``control.ROUTES``."""
    paths: dict[str, dict[str, Any]] = {}
    for (method, path), route in control.ROUTES.items():
        paths.setdefault(path, {})[method.lower()] = _operation(method, path, route)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "smsvoice_mock control API",
            "version": "1",
            "description": "Inspect and drive the emulator over HTTP; each endpoint calls the "
            "in-process handle's own method (docs/server.md).",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": COMPONENTS},
    }


def undocumented() -> list[str]:
    """``METHOD PATH`` of each route without an entry in ``SPECS``, and of each entry without a route."""
    routes, specs = set(control.ROUTES), set(SPECS)
    return sorted(f"{m} {p}" for m, p in routes ^ specs)
