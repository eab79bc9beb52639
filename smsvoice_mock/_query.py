"""The one pagination helper and the one filter helper every Describe/List operation uses.

- ``NextToken`` is opaque: it names the operation and the offset of the next item. A token that was not
  minted by the same operation is ``ValidationException`` INVALID_NEXT_TOKEN.
- ``MaxResults`` is bounded by the model (the validator enforces the maximum); omitted, a page holds the
  model's maximum.
- Filters: AND across filters, OR across a filter's values, exact string match; booleans are "true" or
  "false"; a list-valued attribute matches when any element equals any value. A value outside the
  filter's enum is ValidationException INVALID_FILTER_VALUES.
"""

from __future__ import annotations

import base64
import binascii
import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from smsvoice_mock._model import operation_model
from smsvoice_mock.errors import invalid

T = TypeVar("T")


@functools.cache
def _max_page(operation: str) -> int:
    shape = operation_model(operation).input_shape.members.get("MaxResults")
    return int(shape.metadata.get("max", 100)) if shape is not None else 100


def _token(operation: str, offset: int) -> str:
    raw = json.dumps({"op": operation, "offset": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _offset(operation: str, token: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        offset = data["offset"] if data["op"] == operation else None
    except (ValueError, binascii.Error, KeyError, TypeError):
        offset = None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise invalid(
            "INVALID_NEXT_TOKEN", "NextToken", "The NextToken is not valid for this request."
        )
    return offset


def paginate(
    operation: str,
    params: dict[str, Any],
    items: Iterable[T],
    key: str,
    render: Callable[[T], Any],
    **extra: Any,
) -> dict[str, Any]:
    """One page of ``items`` under ``key``, plus ``NextToken`` when more remain, plus ``extra``.

    ``items`` that are not a sequence (``filtered``'s) are read up to the end of the page and one
    more, to know whether a ``NextToken`` is due: a page costs what comes before its end, not what
    comes after it. The page and the token are those of the list of every item."""
    size = params.get("MaxResults") or _max_page(operation)
    token = params.get("NextToken")
    start = _offset(operation, token) if token else 0
    if type(items) is list or isinstance(items, Sequence):  # a list without the ABC's check
        page = items[start : start + size]
        more = start + size < len(items)
    else:
        read = list(itertools.islice(items, start, start + size + 1))
        page, more = read[:size], len(read) > size
    result: dict[str, Any] = dict(extra)
    result[key] = [render(item) for item in page]
    if more:
        result["NextToken"] = _token(operation, start + size)
    return result


# A filter spec: filter name -> allowed values (None: any value).
FilterSpec = dict[str, "frozenset[str] | None"]
BOOLEAN = frozenset({"true", "false"})


def _as_strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [s for v in value for s in _as_strings(v)]
    return [str(value)]


def apply_filters(
    items: Iterable[T],
    filters: list[dict[str, Any]] | None,
    spec: FilterSpec,
    values_of: Callable[[T], dict[str, Any]],
) -> list[T]:
    """Keep the items that satisfy every filter; ``values_of`` maps an item to its filter values."""
    return list(filtered(items, filters, spec, values_of))


def filtered(
    items: Iterable[T],
    filters: list[dict[str, Any]] | None,
    spec: FilterSpec,
    values_of: Callable[[T], dict[str, Any]],
) -> Iterable[T]:
    """``apply_filters`` for ``paginate``: the filters are checked now (an INVALID_FILTER_VALUES
    comes before any item is read), the items as the page reads them."""
    if not filters:
        return items
    _check_filters(filters, spec)
    return _matching(items, filters, values_of)


def _check_filters(filters: list[dict[str, Any]], spec: FilterSpec) -> None:
    for i, f in enumerate(filters):
        allowed = spec.get(f["Name"])
        if allowed is not None:
            bad = [v for v in f["Values"] if v not in allowed]
            if bad:
                raise invalid(
                    "INVALID_FILTER_VALUES",
                    f"Filters[{i}].Values",
                    f"Filter {f['Name']!r} doesn't accept {', '.join(bad)}; "
                    f"valid values are {', '.join(sorted(allowed))}.",
                )


def _matching(
    items: Iterable[T], filters: list[dict[str, Any]], values_of: Callable[[T], dict[str, Any]]
) -> Iterator[T]:
    for item in items:
        values = values_of(item)
        if all(set(_as_strings(values.get(f["Name"]))) & set(f["Values"]) for f in filters):
            yield item


def select(
    params: dict[str, Any],
    ids_member: str,
    lookup: Callable[[Any], T],
    every: Iterable[T],
) -> Iterable[T]:
    """The resources a Describe call names: each of ``ids_member`` looked up (a resource named twice
    comes once), none for ``Owner=SHARED`` (one account shares nothing), else ``every`` one, as it is
    (``paginate`` reads a store's values only up to the end of its page, not a copy of them all)."""
    check_owner_exclusive(params, ids_member)
    if params.get("Owner") == "SHARED":
        return []
    if params.get(ids_member):
        return list({id(found): found for found in map(lookup, params[ids_member])}.values())
    return every


def check_owner_exclusive(params: dict[str, Any], ids_member: str) -> None:
    """ "The Owner and <ids> parameters can't be used at the same time." """
    if params.get("Owner") is not None and params.get(ids_member):
        raise invalid(
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            "Owner",
            f"The Owner and {ids_member} parameters can't be used at the same time.",
        )
