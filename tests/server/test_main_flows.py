"""The project's own boto3 tests of the main flows, run once more through the server.

The test functions are imported from their modules and collected here a second time, with ``client``
replaced by a client whose ``endpoint_url`` is the session server (reset before each test): the same
bodies, the other door. Only tests that need nothing but the client are chosen, since the in-process
handle (``sms``) would answer in-process instead of the server.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.conftest import server_client
from tests.test_keywords import (
    number,
    test_delete_keyword_returns_it,
    test_describe_keywords_filter_and_pages,
    test_new_number_has_help_and_stop,
    test_put_keyword_creates_and_overwrites,
)
from tests.test_opt_outs import (
    test_create_and_describe,
    test_delete_list_in_use_is_refused,
    test_put_opted_out_number,
)
from tests.test_phone_numbers import (
    test_describe_filters,
    test_pagination,
    test_release_with_deletion_protection,
    test_request_returns_pending_number_with_defaults,
)
from tests.test_pools import (
    pool,
    test_associate_phone_number,
    test_delete_protected_pool_conflicts,
)
from tests.test_sending import (
    simulator,
    test_capability_mismatch,
    test_simulator_reaches_only_its_countrys_simulators,
    test_unknown_identity_is_not_found,
)

__all__ = [
    "number",
    "pool",
    "simulator",
    "test_associate_phone_number",
    "test_capability_mismatch",
    "test_create_and_describe",
    "test_delete_keyword_returns_it",
    "test_delete_list_in_use_is_refused",
    "test_delete_protected_pool_conflicts",
    "test_describe_filters",
    "test_describe_keywords_filter_and_pages",
    "test_new_number_has_help_and_stop",
    "test_pagination",
    "test_put_keyword_creates_and_overwrites",
    "test_put_opted_out_number",
    "test_release_with_deletion_protection",
    "test_request_returns_pending_number_with_defaults",
    "test_simulator_reaches_only_its_countrys_simulators",
    "test_unknown_identity_is_not_found",
]


@pytest.fixture
def client(server: str) -> Any:
    """A boto3 client of the session server (fresh state), in place of the in-process one."""
    return server_client(server)


@pytest.fixture
def sms() -> None:
    """No in-process mock here: it would answer the client's calls before they reach the server."""
    pytest.fail("A test that needs the in-process handle (sms) cannot run through the server.")
