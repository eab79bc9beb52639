"""A stateful fuzz (hypothesis ``RuleBasedStateMachine``) over opt-out lists, configuration sets and
phone numbers: after every step, each Describe agrees with a simple reference model of the account."""

from __future__ import annotations

import os
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.helpers import missing_tool

if os.environ.get("CI") != "true":  # with CI=true a missing hypothesis fails instead
    pytest.importorskip("hypothesis", reason=missing_tool("hypothesis", "test"))

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)

import tests.fuzzing  # noqa: F401  (loads the hypothesis profile)
from smsvoice_mock import mock_smsvoice
from tests.helpers import make_client, request_number

LISTS = st.sampled_from(["alpha", "beta", "gamma"])
SETS = st.sampled_from(["one", "two"])
NUMBERS = st.sampled_from(["+14254147701", "+14254147702", "+14254147703"])


def _code(call: Any, /, **params: Any) -> str | None:
    """Call, and return the error code (``None`` for success)."""
    try:
        call(**params)
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return None


class Account(RuleBasedStateMachine):
    """Three families, their conflicts and their not-founds, against dictionaries."""

    numbers = Bundle("numbers")

    def __init__(self) -> None:
        super().__init__()
        self.mock = mock_smsvoice().start()
        self.client = make_client()
        self.opt_outs: dict[str, set[str]] = {}  # list name -> opted-out numbers
        self.deleted_once: set[tuple[str, str]] = set()  # (list, number): 30 days before again
        self.sets: set[str] = set()
        self.phone_numbers: dict[str, bool] = {}  # id -> deletion protection

    def teardown(self) -> None:
        self.mock.stop()

    # -- opt-out lists ---------------------------------------------------------------------------

    @rule(name=LISTS)
    def create_opt_out_list(self, name: str) -> None:
        code = _code(self.client.create_opt_out_list, OptOutListName=name)
        assert code == ("ConflictException" if name in self.opt_outs else None)
        self.opt_outs.setdefault(name, set())

    @rule(name=LISTS)
    def delete_opt_out_list(self, name: str) -> None:
        code = _code(self.client.delete_opt_out_list, OptOutListName=name)
        assert code == (None if name in self.opt_outs else "ResourceNotFoundException")
        if self.opt_outs.pop(name, None) is not None:
            self.deleted_once = {(n, x) for n, x in self.deleted_once if n != name}

    @rule(name=LISTS, number=NUMBERS)
    def put_opted_out_number(self, name: str, number: str) -> None:
        code = _code(self.client.put_opted_out_number, OptOutListName=name, OptedOutNumber=number)
        assert code == (None if name in self.opt_outs else "ResourceNotFoundException")
        if name in self.opt_outs:
            self.opt_outs[name].add(number)

    @rule(name=LISTS, number=NUMBERS)
    def delete_opted_out_number(self, name: str, number: str) -> None:
        code = _code(
            self.client.delete_opted_out_number, OptOutListName=name, OptedOutNumber=number
        )
        if number not in self.opt_outs.get(name, ()):
            assert code == "ResourceNotFoundException"
        elif (name, number) in self.deleted_once:
            assert code == "ValidationException"
        else:
            assert code is None
            self.opt_outs[name].discard(number)
            self.deleted_once.add((name, number))

    @invariant()
    def opt_out_lists_agree(self) -> None:
        lists = self.client.describe_opt_out_lists()["OptOutLists"]
        described = {row["OptOutListName"] for row in lists} - {"Default"}
        assert described == set(self.opt_outs)
        for name, numbers in self.opt_outs.items():
            rows = self.client.describe_opted_out_numbers(OptOutListName=name)["OptedOutNumbers"]
            assert {row["OptedOutNumber"] for row in rows} == numbers

    # -- configuration sets ----------------------------------------------------------------------

    @rule(name=SETS)
    def create_configuration_set(self, name: str) -> None:
        code = _code(self.client.create_configuration_set, ConfigurationSetName=name)
        assert code == ("ConflictException" if name in self.sets else None)
        self.sets.add(name)

    @rule(name=SETS)
    def delete_configuration_set(self, name: str) -> None:
        code = _code(self.client.delete_configuration_set, ConfigurationSetName=name)
        assert code == (None if name in self.sets else "ResourceNotFoundException")
        self.sets.discard(name)

    @invariant()
    def configuration_sets_agree(self) -> None:
        rows = self.client.describe_configuration_sets()["ConfigurationSets"]
        assert {row["ConfigurationSetName"] for row in rows} == self.sets

    # -- phone numbers ---------------------------------------------------------------------------

    @rule(target=numbers, protected=st.booleans())
    def request_phone_number(self, protected: bool) -> str:
        number = request_number(self.client, DeletionProtectionEnabled=protected)
        self.phone_numbers[number["PhoneNumberId"]] = protected
        return str(number["PhoneNumberId"])

    @rule(number_id=numbers, protected=st.booleans())
    def update_deletion_protection(self, number_id: str, protected: bool) -> None:
        code = _code(
            self.client.update_phone_number,
            PhoneNumberId=number_id,
            DeletionProtectionEnabled=protected,
        )
        known = number_id in self.phone_numbers
        assert code == (None if known else "ResourceNotFoundException")
        if known:
            self.phone_numbers[number_id] = protected

    @rule(number_id=consumes(numbers))
    def release_phone_number(self, number_id: str) -> None:
        code = _code(self.client.release_phone_number, PhoneNumberId=number_id)
        if number_id not in self.phone_numbers:
            assert code == "ResourceNotFoundException"
        elif self.phone_numbers[number_id]:
            assert code == "ConflictException"
        else:
            assert code is None
            del self.phone_numbers[number_id]

    @invariant()
    def phone_numbers_agree(self) -> None:
        rows = self.client.describe_phone_numbers()["PhoneNumbers"]
        assert {r["PhoneNumberId"]: r["DeletionProtectionEnabled"] for r in rows} == (
            self.phone_numbers
        )


def test_describes_agree_with_a_reference_model() -> None:
    """Creates, deletes, conflicts and not-founds of three families leave every Describe equal to a
    reference model of the account (opt-out numbers deleted once wait 30 days to be deleted again)."""
    run_state_machine_as_test(Account)
