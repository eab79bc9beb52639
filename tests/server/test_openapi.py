"""The control API's OpenAPI 3.1 document: every route is in it, everything in it is served, and a
short schemathesis run finds no 500 and no answer outside the document.

The run makes 5 examples per operation; the long profile of the fuzzing suite
(``SMSVOICE_FUZZ_PROFILE=long``) makes 300, and ``SMSVOICE_MOCK_SCHEMATHESIS_EXAMPLES`` sets any
other number, e.g. ``SMSVOICE_FUZZ_PROFILE=long pytest tests/server/test_openapi.py``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smsvoice_mock.server import SmsVoiceServer, control, openapi
from tests.server.conftest import control as call

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

LONG = os.environ.get("SMSVOICE_FUZZ_PROFILE") == "long"
EXAMPLES = int(os.environ.get("SMSVOICE_MOCK_SCHEMATHESIS_EXAMPLES", "300" if LONG else "5"))


def test_every_route_is_documented_and_nothing_else() -> None:
    """Each ``(METHOD, PATH)`` of the route registry has its entry in the document's specs, and each
    entry names a route."""
    assert openapi.undocumented() == []
    document = openapi.document()
    listed = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert listed == set(control.ROUTES)
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


_CURL = re.compile(r"""curl\b(?P<options>[^"\n]*)"\$S(?P<path>/_smsvoice/[\w./-]*)""")


def test_every_route_has_a_curl_example_in_the_server_docs() -> None:
    """docs/server.md shows each ``(METHOD, PATH)`` of the route registry with curl (issue 16: "every
    endpoint has a curl example"), and shows no endpoint the server lacks; the docs' tests run
    those lines against a real ``serve``."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "server.md").read_text()
    shown = set()
    for match in _CURL.finditer(text):
        method = re.search(r"-X\s+(\w+)", match["options"])
        shown.add((method[1] if method else "GET", match["path"]))
    assert sorted(set(control.ROUTES) - shown) == []
    assert sorted(shown - set(control.ROUTES)) == []


def test_every_documented_route_is_served(server: str) -> None:
    """``GET /_smsvoice/openapi.json`` answers the document, and each operation in it is answered
    by its endpoint (never the control API's 404 for an unknown endpoint)."""
    status, document = call(server, "GET", "openapi.json")
    assert (status, document["openapi"]) == (200, "3.1.0")
    assert document == json.loads(json.dumps(openapi.document()))
    for path, item in document["paths"].items():
        for method in item:
            status, body = call(server, method.upper(), path.removeprefix(control.PREFIX))
            assert (status, body.get("__type")) != (404, "NotFound"), f"{method} {path}: {body}"


@pytest.fixture(scope="module")
def fuzzed_server() -> Iterator[str]:
    """A server of its own: the run moves the clock, adds fault rules and resets at random."""
    with SmsVoiceServer(port=0) as running:
        yield running.url


# Loaded from the document as generated in this process (the test above proves the server serves
# the same one). Not schemathesis.pytest.from_fixture: its lazy loader reads the ``_nodeid`` that
# pytest 9 no longer has.
schema = schemathesis.openapi.from_dict(openapi.document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_control_api_conforms_to_its_document(case: Any, fuzzed_server: str) -> None:
    """Generated requests of every operation get no 500, and each answer's status, content type and
    body are the ones the document gives for it."""
    case.call_and_validate(
        base_url=fuzzed_server,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
