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


def _known(member: str, number: dict[str, Any]) -> Any:
    """Values that name resources that exist, so handlers run past their lookups."""
    if member in ("PhoneNumberId", "OriginationIdentity"):
        return number["PhoneNumberId"]
    if member in ("DestinationPhoneNumber", "OptedOutNumber", "PhoneNumber"):
        return "+14254147755"
    if member in ("OptOutListName",):
        return "Default"
    if member in ("ResourceArn",):
        return number["PhoneNumberArn"]
    return None


@pytest.mark.parametrize("flavour", ["plain", "e164", "last", "known"])
@pytest.mark.parametrize("name", sorted(load_handlers()))
def test_every_operation_answers_with_a_modeled_error_or_success(
    client: Any, name: str, flavour: str
) -> None:
    """Every emulated operation, given odd but well-typed input, answers success or a modeled error."""
    number = request_number(client)
    shape = service_model().operation_model(name).input_shape
    members = shape.required_members if shape is not None else []
    plain = "plain" if flavour == "known" else flavour
    params = {m: _value(shape.members[m], plain) for m in members}
    if flavour == "known":
        params.update({m: v for m in members if (v := _known(m, number)) is not None})
    code = None
    try:
        getattr(client, botocore.xform_name(name))(**params)
    except ClientError as error:
        code = error.response["Error"]["Code"]
    assert code is None or code in MODELED, code


def test_every_paginator_without_required_members_walks(client: Any) -> None:
    """Every paginator of the model whose operation needs no input walks to the end through boto3."""
    request_number(client)
    walked = []
    for name in sorted(client.meta.service_model.operation_names):
        method = botocore.xform_name(name)
        shape = client.meta.service_model.operation_model(name).input_shape
        if not client.can_paginate(method) or (shape is not None and shape.required_members):
            continue
        pages = list(client.get_paginator(method).paginate(PaginationConfig={"PageSize": 1}))
        assert pages, name
        walked.append(name)
    assert "DescribePhoneNumbers" in walked
    assert len(walked) >= 8, walked  # 8 in the oldest supported botocore, 15 and more in newer ones
