"""Resources addressed by ARN alone (tags and resource-based policies), and their policies.

- Every ARN resource type of the service except ``message`` carries tags.
- "A shared resource can be a Pool, Opt-out list, Sender Id, or Phone number": only those take a
  resource-based policy; any other ARN is ``ValidationException`` INVALID_ARN.
- An ARN of another account or region names a resource this backend cannot see
  (``ResourceNotFoundException``); a malformed ARN is ``ValidationException`` INVALID_ARN.
- A policy document must be a JSON object: unparsable text is CANNOT_PARSE, other JSON values are
  INVALID_PARAMETER.
- A resource without a policy (never put, or deleted) answers ``Policy`` ``"{}"`` (observed live by
  Terraform's resource policy acceptance tests); ResourceNotFoundException is for a missing resource.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from smsvoice_mock.backend import parse_arn
from smsvoice_mock.errors import invalid, not_found

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend


class Taggable(Protocol):
    arn: str
    tags: dict[str, str]


def _sender_id(backend: Backend, local: str) -> Taggable | None:
    sender, _, iso = local.partition("/")
    return backend.sender_ids.get((sender.upper(), iso.upper()))


def _not_emulated(backend: Backend, local: str) -> Taggable | None:
    return None


# ARN resource type -> how to find the resource by the local part of its ARN.
_LOOKUPS: dict[str, Callable[[Backend, str], Taggable | None]] = {
    "phone-number": lambda b, local: b.phone_numbers.get(local),
    "pool": lambda b, local: b.pools.get(local),
    "sender-id": _sender_id,
    "opt-out-list": lambda b, local: b.opt_out_lists.get(local),
    "configuration-set": lambda b, local: b.configuration_sets.get(local),
    "verified-destination-number": lambda b, local: b.verified_destination_numbers.get(local),
    "registration": lambda b, local: b.registrations.get(local),
    "registration-attachment": lambda b, local: b.registration_attachments.get(local),
    "protect-configuration": lambda b, local: b.protect_configurations.get(local),
    "rcs-agent": lambda b, local: b.rcs_agents.get(local),
    "notify-configuration": lambda b, local: b.notify_configurations.get(local),
}
TAGGABLE_TYPES = frozenset(_LOOKUPS)
SHAREABLE_TYPES = frozenset({"phone-number", "pool", "sender-id", "opt-out-list"})


def resolve(
    backend: Backend, arn: str, kinds: frozenset[str] = TAGGABLE_TYPES, name: str = "ResourceArn"
) -> Taggable:
    """The resource ``arn`` names, if it is one of ``kinds`` in this account and region."""
    parsed = parse_arn(arn, name)
    if parsed.resource_type not in kinds:
        raise invalid(
            "INVALID_ARN",
            name,
            f"{arn!r} is a {parsed.resource_type} ARN; {name} must name one of: "
            f"{', '.join(sorted(kinds))}.",
        )
    found = None
    if parsed.region == backend.region and parsed.account_id == backend.account_id:
        found = _LOOKUPS[parsed.resource_type](backend, parsed.resource_id)
    if found is None:
        raise not_found(parsed.resource_type, arn)
    return found


def check_policy_document(text: str) -> None:
    """A resource-based policy is a JSON object."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise invalid("CANNOT_PARSE", "Policy", f"The policy is not valid JSON: {exc}.") from None
    if not isinstance(document, dict):
        raise invalid(
            "INVALID_PARAMETER",
            "Policy",
            f"The policy must be a JSON object, not a JSON {type(document).__name__}.",
        )


@dataclass(slots=True, kw_only=True)
class ResourcePolicy:
    """The policy attached to ``resource``; it is void once that resource is gone."""

    resource: Taggable
    policy: str
    created_timestamp: datetime

    def to_api(self) -> dict[str, Any]:
        return {
            "ResourceArn": self.resource.arn,
            "Policy": self.policy,
            "CreatedTimestamp": self.created_timestamp,
        }


NO_POLICY = "{}"


def attached_policy(backend: Backend, resource: Taggable) -> dict[str, Any]:
    """The API view of the policy on ``resource``: ``Policy`` ``"{}"`` when it has none."""
    found = backend.resource_policies.get(resource.arn)
    if not isinstance(found, ResourcePolicy) or found.resource is not resource:
        # A policy left by a deleted resource of the same ARN does not carry over to a new one.
        backend.resource_policies.pop(resource.arn, None)
        return {"ResourceArn": resource.arn, "Policy": NO_POLICY}
    return found.to_api()
