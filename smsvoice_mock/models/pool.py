"""Pools of origination identities: inheritance from the first identity, membership and matching.

Documented rules enforced here:
- CreatePool: "The new pool inherits its configuration from the specified origination identity. This
  includes keywords, message type, opt-out list, two-way configuration, and self-managed opt-out
  configuration. Deletion protection isn't inherited from the origination identity and defaults to
  false." The pool's MessageType is given and "can't be changed"; the identity must have it.
- "If the origination identity is a phone number and is already associated with another pool, an
  error is returned. A sender ID can be associated with multiple pools. If the origination identity
  configuration doesn't match the pool's configuration, an error is returned." Sender IDs are
  one-way, so only their message types are compared.
- DisassociateOriginationIdentity: "If the origination identity isn't associated with the specified
  pool, an error is returned." The last identity can't leave (delete the pool instead).
- DeletePool: "Deleting a pool disassociates all origination identities from that pool. If the pool
  status isn't active or if deletion protection is enabled, an error is returned."
- UpdatePool changes the pool's own settings; its members keep theirs.

Origination identities are phone numbers, sender IDs and RCS agents. "A phone number or an AWS RCS
Agent can belong to only one pool" (CloudFormation); an RCS agent is matched like a phone number on
its opt-out list, two-way and self-managed opt-out settings and keywords, and has no message type or
country of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from smsvoice_mock.backend import new_id, parse_arn
from smsvoice_mock.errors import (
    ConflictException,
    check_quota,
    invalid,
)
from smsvoice_mock.models.keyword import KeywordSet
from smsvoice_mock.models.phone_number import PhoneNumber
from smsvoice_mock.models.rcs import RcsAgent
from smsvoice_mock.models.sender_id import SenderId, country_mismatch, find_sender_id
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend

Identity = PhoneNumber | SenderId | RcsAgent
# Members that belong to one pool at a time and carry settings the pool must match.
Dedicated = PhoneNumber | RcsAgent
NAME = "OriginationIdentity"
# The mock's choice; the docs name the quota (ORIGINATION_IDENTITIES_PER_POOL) but not its value.
ORIGINATION_IDENTITIES_PER_POOL = 100
# UpdatePool member -> Pool attribute, for the settings UpdatePool copies as given.
_UPDATABLE = (
    ("TwoWayEnabled", "two_way_enabled"),
    ("TwoWayChannelArn", "two_way_channel_arn"),
    ("TwoWayChannelRole", "two_way_channel_role"),
    ("SelfManagedOptOutsEnabled", "self_managed_opt_outs_enabled"),
    ("SharedRoutesEnabled", "shared_routes_enabled"),
    ("DeletionProtectionEnabled", "deletion_protection_enabled"),
)


def resolve_identity(
    backend: Backend, value: str, iso: str | None, *, country_required: bool = False
) -> Identity:
    """The phone number (id or ARN) or sender ID (with IsoCountryCode, or ARN) ``value`` names.

    With ``country_required`` (Associate/DisassociateOriginationIdentity) a sender ID, even as an ARN,
    needs the call's IsoCountryCode: observed live (Terraform's pool tests, issue #50038), the service
    answers ValidationException INVALID_ARN with a ``Fields`` entry named ``senderId``.
    """
    kind = parse_arn(value, NAME).resource_type if value.startswith("arn:") else None
    if kind == "phone-number" or (kind is None and value.startswith("phone-")):
        number = backend.phone_number(value, NAME)
        if iso is not None and iso != number.iso_country_code:
            raise country_mismatch(iso, number.iso_country_code, value)
        return number
    if kind == "rcs-agent" or (kind is None and value.startswith("rcs-") and len(value) > 11):
        return backend.rcs_agent(value, NAME)
    if kind not in (None, "sender-id"):
        raise invalid("INVALID_ARN", NAME, f"A {kind} can't be an origination identity of a pool.")
    if country_required and iso is None:
        raise invalid(
            "INVALID_ARN",
            "senderId",
            f"The sender ID {value!r} needs the IsoCountryCode of the call to join or leave a pool.",
        )
    return find_sender_id(backend, value, iso, NAME)


def _member(backend: Backend, arn: str) -> Identity | None:
    """The phone number, sender ID or RCS agent of the account whose ARN is ``arn``: one lookup in
    its store, by the key the ARN ends with, whatever the size of the account; else, should the keys
    and ARNs of a store disagree (a test may build them by hand), the store scanned for the ARN."""
    kind, _, local = arn.split(":", 5)[-1].partition("/")
    found: Identity | None
    every: Iterable[Identity]
    if kind == "phone-number":
        found, every = backend.phone_numbers.get(local), backend.phone_numbers.values()
    elif kind == "sender-id":
        name, _, iso = local.partition("/")
        found, every = backend.sender_ids.get((name.upper(), iso)), backend.sender_ids.values()
    elif kind == "rcs-agent":
        found, every = backend.rcs_agents.get(local), backend.rcs_agents.values()
    else:
        return None
    if found is not None and found.arn == arn:
        return found
    return next((identity for identity in every if identity.arn == arn), None)


def _kind(identity: Identity) -> str:
    if isinstance(identity, RcsAgent):
        return "rcs-agent"
    return "phone-number" if isinstance(identity, PhoneNumber) else "sender-id"


def _id(identity: Identity) -> str:
    return identity.sender_id if isinstance(identity, SenderId) else identity.id


def _conflict(identity: Identity, reason: str, message: str) -> ConflictException:
    return ConflictException(
        message, reason=reason, resource_type=_kind(identity), resource_id=_id(identity)
    )


@dataclass(slots=True, kw_only=True)
class Pool:
    id: str
    arn: str
    message_type: str
    created_timestamp: datetime
    status: str = "CREATING"
    two_way_enabled: bool = False
    two_way_channel_arn: str | None = None
    two_way_channel_role: str | None = None
    self_managed_opt_outs_enabled: bool = False
    opt_out_list_name: str = "Default"
    shared_routes_enabled: bool = False
    deletion_protection_enabled: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    # Origination identity ARNs of the members, in the order they joined.
    members: list[str] = field(default_factory=list)
    keywords: KeywordSet = field(init=False)

    def __post_init__(self) -> None:
        self.keywords = KeywordSet(
            owner_type="pool", owner_id=self.id, quota_reason="KEYWORDS_PER_POOL"
        )

    @classmethod
    def create(cls, backend: Backend, identity: Identity, params: dict[str, Any]) -> Pool:
        """CreatePool: a CREATING pool that inherits ``identity``'s settings and holds it."""
        limit = backend.settings.limits["POOLS"]
        check_quota(
            len(backend.pools),
            limit,
            "POOLS_PER_ACCOUNT",
            f"The account already has {limit} pools.",
        )
        pool_id = new_id("pool")
        pool = cls(
            id=pool_id,
            arn=backend.arn("pool", pool_id),
            message_type=params["MessageType"],
            created_timestamp=backend.now(),
            deletion_protection_enabled=params.get("DeletionProtectionEnabled", False),
            tags=merge_tags({}, params.get("Tags")),
        )
        pool._check_free(identity)
        pool._check_message_type(identity)
        if not isinstance(identity, SenderId):
            pool.opt_out_list_name = identity.opt_out_list_name
            pool.two_way_enabled = identity.two_way_enabled
            pool.two_way_channel_arn = identity.two_way_channel_arn
            pool.two_way_channel_role = identity.two_way_channel_role
            pool.self_managed_opt_outs_enabled = identity.self_managed_opt_outs_enabled
            pool.keywords = identity.keywords.copy("pool", pool_id, "KEYWORDS_PER_POOL")
        pool._admit(identity)
        backend.pools[pool_id] = pool
        return pool

    def to_api(self) -> dict[str, Any]:
        return {
            "PoolArn": self.arn,
            "PoolId": self.id,
            "Status": self.status,
            "MessageType": self.message_type,
            "TwoWayEnabled": self.two_way_enabled,
            "TwoWayChannelArn": self.two_way_channel_arn,
            "TwoWayChannelRole": self.two_way_channel_role,
            "SelfManagedOptOutsEnabled": self.self_managed_opt_outs_enabled,
            "OptOutListName": self.opt_out_list_name,
            "SharedRoutesEnabled": self.shared_routes_enabled,
            "DeletionProtectionEnabled": self.deletion_protection_enabled,
            "Tags": tags_to_api(self.tags),
            "CreatedTimestamp": self.created_timestamp,
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribePools filters."""
        return {
            "status": self.status,
            "message-type": self.message_type,
            "two-way-enabled": self.two_way_enabled,
            "self-managed-opt-outs-enabled": self.self_managed_opt_outs_enabled,
            "opt-out-list-name": self.opt_out_list_name,
            "shared-routes-enabled": self.shared_routes_enabled,
            "deletion-protection-enabled": self.deletion_protection_enabled,
            "two-way-channel-arn": self.two_way_channel_arn,
        }

    # -- membership -------------------------------------------------------------------------

    def identities(self, backend: Backend) -> list[Identity]:
        """The members, in the order they joined."""
        found = (_member(backend, arn) for arn in self.members)
        return [identity for identity in found if identity is not None]

    def member_phone(self, backend: Backend, arn: str) -> PhoneNumber | None:
        """The phone number of this pool whose ARN is ``arn``, if there is one (a send picks a
        member by its ARN at the cost of one lookup, not of a dictionary of every number)."""
        found = _member(backend, arn)
        if isinstance(found, PhoneNumber) and found.pool_id == self.id:
            return found
        return None

    def member_sender_id(self, backend: Backend, arn: str) -> SenderId | None:
        """The sender ID of the account whose ARN is ``arn``, if there is one."""
        found = _member(backend, arn)
        return found if isinstance(found, SenderId) else None

    def echo(self, identity: Identity) -> dict[str, Any]:
        """The answer of AssociateOriginationIdentity and DisassociateOriginationIdentity."""
        return {
            "PoolArn": self.arn,
            "PoolId": self.id,
            "OriginationIdentityArn": identity.arn,
            "OriginationIdentity": _id(identity),
            "IsoCountryCode": identity.iso_country_code,
        }

    def join(self, identity: Identity) -> None:
        """AssociateOriginationIdentity (and RequestPhoneNumber with a PoolId)."""
        self._check_free(identity)
        check_quota(
            len(self.members),
            ORIGINATION_IDENTITIES_PER_POOL,
            "ORIGINATION_IDENTITIES_PER_POOL",
            f"Pool {self.id} already has {ORIGINATION_IDENTITIES_PER_POOL} origination identities.",
        )
        self._check_message_type(identity)
        if not isinstance(identity, SenderId):
            self._check_settings(identity)
        self._admit(identity)

    def leave(self, identity: Identity) -> None:
        """DisassociateOriginationIdentity."""
        if identity.arn not in self.members:
            raise _conflict(
                identity,
                "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL",
                f"{_kind(identity)} {_id(identity)} isn't associated with pool {self.id}.",
            )
        if len(self.members) == 1:
            raise ConflictException(
                f"{_id(identity)} is the last origination identity of pool {self.id}; "
                "delete the pool instead.",
                reason="LAST_PHONE_NUMBER",
                resource_type="pool",
                resource_id=self.id,
            )
        self.members.remove(identity.arn)
        if not isinstance(identity, SenderId):
            identity.pool_id = None

    def _admit(self, identity: Identity) -> None:
        if not isinstance(identity, SenderId):
            identity.pool_id = self.id
        self.members.append(identity.arn)

    def _check_free(self, identity: Identity) -> None:
        if identity.arn in self.members:
            raise _conflict(
                identity,
                "RESOURCE_ALREADY_ASSOCIATED",
                f"{_kind(identity)} {_id(identity)} is already associated with pool {self.id}.",
            )
        if not isinstance(identity, SenderId) and identity.pool_id is not None:
            rcs = isinstance(identity, RcsAgent)
            raise _conflict(
                identity,
                "RCS_AGENT_ASSOCIATED_TO_POOL" if rcs else "PHONE_NUMBER_ASSOCIATED_TO_POOL",
                f"{'RCS agent' if rcs else 'Phone number'} {identity.id} is already associated with "
                f"pool {identity.pool_id}; it can belong to only one pool.",
            )

    def _check_message_type(self, identity: Identity) -> None:
        if isinstance(identity, RcsAgent):
            return  # an RCS agent has no message type of its own
        types = (
            [identity.message_type] if isinstance(identity, PhoneNumber) else identity.message_types
        )
        if self.message_type not in types:
            raise _conflict(
                identity,
                "MESSAGE_TYPE_MISMATCH",
                f"{_kind(identity)} {_id(identity)} does not match the message type of pool "
                f"{self.id}: it is for {' and '.join(types) or 'no'} messages, not {self.message_type}.",
            )

    def _check_settings(self, number: Dedicated) -> None:
        """ "The configuration of every phone number that you add to a pool has to match"."""
        checks = (
            (
                "OPT_OUT_LIST_MISMATCH",
                number.opt_out_list_name == self.opt_out_list_name,
                f"its opt-out list is {number.opt_out_list_name}, the pool's {self.opt_out_list_name}",
            ),
            (
                "TWO_WAY_CONFIG_MISMATCH",
                (number.two_way_enabled, number.two_way_channel_arn)
                == (self.two_way_enabled, self.two_way_channel_arn),
                "its two-way configuration differs",
            ),
            (
                "SELF_MANAGED_OPT_OUTS_MISMATCH",
                number.self_managed_opt_outs_enabled == self.self_managed_opt_outs_enabled,
                f"self-managed opt-outs are {'on' if number.self_managed_opt_outs_enabled else 'off'} "
                "for it, not for the pool",
            ),
            ("KEYWORD_MISMATCH", number.keywords.same_as(self.keywords), "its keywords differ"),
        )
        for reason, matches, difference in checks:
            if not matches:
                raise _conflict(
                    number,
                    reason,
                    f"{_kind(number)} {number.id} does not match the configuration of pool "
                    f"{self.id}: {difference}.",
                )

    # -- settings and deletion --------------------------------------------------------------

    def update(self, backend: Backend, params: dict[str, Any]) -> None:
        """UpdatePool: the opt-out list (which must exist) and the two-way, opt-out, shared-route
        and deletion-protection settings."""
        opt_out_list = (
            backend.opt_out_list(params["OptOutListName"]) if "OptOutListName" in params else None
        )
        channel = params.get("TwoWayChannelArn", self.two_way_channel_arn)
        if params.get("TwoWayEnabled") and not channel:
            raise invalid(
                "TWO_WAY_CHANNEL_NOT_PRESENT",
                "TwoWayChannelArn",
                "Two-way messaging needs a TwoWayChannelArn to deliver inbound messages to.",
            )
        if opt_out_list is not None:
            self.opt_out_list_name = opt_out_list.name
        for member, attribute in _UPDATABLE:
            if member in params:
                setattr(self, attribute, params[member])

    def delete(self, backend: Backend) -> None:
        """DeletePool: refused unless ACTIVE and unprotected; disassociates every member."""
        if self.status != "ACTIVE":
            raise ConflictException(
                f"Pool {self.id} is {self.status}, not ACTIVE, and can't be deleted yet.",
                reason="RESOURCE_NOT_ACTIVE",
                resource_type="pool",
                resource_id=self.id,
            )
        if self.deletion_protection_enabled:
            raise ConflictException(
                f"Pool {self.id} has deletion protection enabled; disable it with UpdatePool "
                "before deleting the pool.",
                reason="DELETION_PROTECTION_ENABLED",
                resource_type="pool",
                resource_id=self.id,
            )
        user = next(
            (c for c in backend.notify_configurations.values() if c.pool_id == self.id), None
        )
        if user is not None:
            raise ConflictException(
                f"Pool {self.id} is the pool of notify configuration {user.id}; update that "
                "configuration first.",
                reason="POOL_ASSOCIATED_TO_NOTIFY_CONFIGURATION",
                resource_type="pool",
                resource_id=self.id,
            )
        for identity in self.identities(backend):
            if not isinstance(identity, SenderId):
                identity.pool_id = None
        self.members.clear()
        del backend.pools[self.id]
        self.status = "DELETING"


def origination_identity_row(identity: Identity) -> dict[str, Any]:
    """One item of ListPoolOriginationIdentities (a sender ID sends SMS only)."""
    if isinstance(identity, PhoneNumber):
        return {
            "OriginationIdentityArn": identity.arn,
            "OriginationIdentity": identity.id,
            "IsoCountryCode": identity.iso_country_code,
            "NumberCapabilities": list(identity.number_capabilities),
            "PhoneNumber": identity.phone_number,
        }
    if isinstance(identity, RcsAgent):
        # "IsoCountryCode … may not be present for origination identity types that are not
        # country-specific, such as RCS agents."
        return {
            "OriginationIdentityArn": identity.arn,
            "OriginationIdentity": identity.id,
            "NumberCapabilities": ["RCS"],
        }
    return {
        "OriginationIdentityArn": identity.arn,
        "OriginationIdentity": identity.sender_id,
        "IsoCountryCode": identity.iso_country_code,
        "NumberCapabilities": ["SMS"],
    }


def join_pool(backend: Backend, pool: Pool, identity: Identity) -> None:
    """Make ``identity`` a member of ``pool``, enforcing the membership and matching rules."""
    pool.join(identity)
