"""Pools of origination identities.

(The pool rules — inheritance from the first identity, membership and matching — are added with the
pool operations.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smsvoice_mock.models.keyword import KeywordSet
from smsvoice_mock.models.tags import tags_to_api


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
        self.keywords = KeywordSet(owner_type="pool", owner_id=self.id, quota_reason="KEYWORDS_PER_POOL")

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


def join_pool(backend: Any, pool: Pool, number: Any) -> None:
    """Make a phone number a member of ``pool`` (the matching rules come with the pool operations)."""
    number.pool_id = pool.id
    pool.members.append(number.arn)
