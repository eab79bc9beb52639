"""Tags as the service takes them: a list of ``{Key, Value}`` in, a dict per resource inside."""

from __future__ import annotations

from typing import Any

from smsvoice_mock.errors import ServiceQuotaExceededException
from smsvoice_mock.models.account import TAGS_PER_RESOURCE


def merge_tags(current: dict[str, str], given: list[dict[str, Any]] | None) -> dict[str, str]:
    """Add ``given`` to ``current`` (a later key wins) and enforce the per-resource tag quota."""
    merged = dict(current)
    for tag in given or ():
        merged[tag["Key"]] = tag["Value"]
    if len(merged) > TAGS_PER_RESOURCE:
        raise ServiceQuotaExceededException(
            f"A resource can have at most {TAGS_PER_RESOURCE} tags; this request would leave {len(merged)}.",
            reason="TAGS_PER_RESOURCE",
        )
    return merged


def tags_to_api(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in tags.items()]
