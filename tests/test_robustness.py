"""Bad or unexpected input always gets the service's own error, never a Python traceback from the mock."""

from __future__ import annotations

from typing import Any

import botocore
import pytest
from botocore.exceptions import ClientError

from smsvoice_mock._dispatch import load_handlers
from smsvoice_mock._model import service_model
from tests.helpers import request_number

MODELED = {
    "AccessDeniedException",
    "ConflictException",
    "InternalServerException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ThrottlingException",
    "ValidationException",
}


def _value(shape: Any, flavour: str) -> Any:
    kind = shape.type_name
    if kind == "string":
        if shape.enum:
            return shape.enum[-1] if flavour == "last" else shape.enum[0]
        low = shape.metadata.get("min", 1) or 1
        e164 = "+14254147755" if low <= 12 else "x" * low
        return {"plain": "x" * low, "e164": e164, "last": "Z" * max(low, 2)}[flavour]
    if kind in ("integer", "long"):
        return shape.metadata.get("max" if flavour == "last" else "min", 1)
    if kind == "boolean":
        return flavour == "plain"
    if kind == "list":
        return [_value(shape.member, flavour)] * max(1, shape.metadata.get("min", 1))
    if kind == "map":
        return {}
    if kind == "structure":
        return {m: _value(shape.members[m], flavour) for m in shape.required_members}
    if kind == "timestamp":
        return 1_700_000_000
    if kind == "blob":
        return b"x"
    return None


@pytest.mark.parametrize("flavour", ["plain", "e164", "last"])
@pytest.mark.parametrize("name", sorted(load_handlers()))
def test_every_operation_answers_with_a_modeled_error_or_success(
    client: Any, name: str, flavour: str
) -> None:
    """Every emulated operation, given odd but well-typed input, answers success or a modeled error."""
    request_number(client)
    op = service_model().operation_model(name)
    params = (
        {m: _value(op.input_shape.members[m], flavour) for m in op.input_shape.required_members}
        if op.input_shape
        else {}
    )
    try:
        getattr(client, botocore.xform_name(name))(**params)
    except ClientError as error:
        assert error.response["Error"]["Code"] in MODELED, error
