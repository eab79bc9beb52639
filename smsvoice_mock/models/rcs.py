"""RCS agents: an origination identity that "delivers over RCS only with no fallback".

Documented rules enforced here:
- CreateRcsAgent: a new agent is CREATED ("The AWS RCS Agent resource has been created … but no
  registration has been submitted yet"); deletion protection, two-way messaging and self-managed
  opt-outs are off ("By default this is set to false"); the opt-out list must exist.
- UpdateRcsAgent: "You can update the opt-out list, deletion protection, two-way messaging settings,
  and self-managed opt-outs configuration." Inbound media needs two-way messaging ("Two-way messaging
  must be enabled on the agent"); UNSET_RCS_MEDIA_CONFIGURATION, passed "for both this field and
  TwoWayMediaS3Role", removes the media configuration; the event type ALL "must be the sole element".
- DeleteRcsAgent: "If deletion protection is enabled, an error is returned." The user guide adds: "you
  must first delete all associated registrations (both testing and country launch registrations)".
  The response reports the agent DELETED; it is gone afterwards.
- Sending: a TESTING agent "restricts message delivery to registered test devices only" (verified
  destination numbers created with its RcsAgentId); PARTIAL and ACTIVE agents reach the countries
  whose launch is ACTIVE (any country while the agent has no country launch recorded); CREATED and
  PENDING agents send nothing.

There is no registration workflow for RCS in the mock: a test moves an agent through its lifecycle
with ``set_status`` and records country launches with ``launch``, e.g.
``sms.backend().rcs_agents[agent_id].set_status("ACTIVE")``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsvoice_mock._model import enum_values
from smsvoice_mock.backend import new_id, parse_arn
from smsvoice_mock.errors import (
    ConflictException,
    check_quota,
    invalid,
)
from smsvoice_mock.models.countries import country_of
from smsvoice_mock.models.keyword import KeywordSet
from smsvoice_mock.models.tags import merge_tags, tags_to_api

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend

RESOURCE = "rcs-agent"
# The mock's choices; the docs name the quota (RCS_AGENTS_PER_ACCOUNT) and a price, not their value.
RCS_AGENTS_PER_ACCOUNT = 10
PRICE_PER_RCS_MESSAGE = Decimal("0.00581")
UNSET_MEDIA = "UNSET_RCS_MEDIA_CONFIGURATION"
SENDING_STATUSES = frozenset({"TESTING", "PARTIAL", "ACTIVE"})
# UpdateRcsAgent member -> RcsAgent attribute, for the settings copied as given.
_UPDATABLE = (
    ("DeletionProtectionEnabled", "deletion_protection_enabled"),
    ("SelfManagedOptOutsEnabled", "self_managed_opt_outs_enabled"),
    ("TwoWayEnabled", "two_way_enabled"),
    ("TwoWayChannelArn", "two_way_channel_arn"),
    ("TwoWayChannelRole", "two_way_channel_role"),
    ("TwoWayMediaS3KeyPrefix", "two_way_media_s3_key_prefix"),
)


@dataclass(slots=True, kw_only=True)
class CountryLaunch:
    """One row of DescribeRcsAgentCountryLaunchStatus."""

    iso_country_code: str
    status: str
    registration_id: str
    rcs_platform_id: str | None = None
    carriers: dict[str, str] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        return {
            "IsoCountryCode": self.iso_country_code,
            "Status": self.status,
            "RcsPlatformId": self.rcs_platform_id,
            "RegistrationId": self.registration_id,
            "CarrierStatus": [
                {"CarrierName": name, "Status": status} for name, status in self.carriers.items()
            ],
        }


@dataclass(slots=True, kw_only=True)
class RcsAgent:
    id: str
    arn: str
    created_timestamp: datetime
    status: str = "CREATED"
    deletion_protection_enabled: bool = False
    opt_out_list_name: str = "Default"
    self_managed_opt_outs_enabled: bool = False
    two_way_enabled: bool = False
    two_way_channel_arn: str | None = None
    two_way_channel_role: str | None = None
    two_way_media_s3_bucket_name: str | None = None
    two_way_media_s3_key_prefix: str | None = None
    two_way_media_s3_role: str | None = None
    two_way_rcs_events_enabled: list[str] | None = None
    pool_id: str | None = None
    testing_agent: dict[str, str] | None = None
    launches: dict[str, CountryLaunch] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    keywords: KeywordSet = field(init=False)

    def __post_init__(self) -> None:
        self.keywords = KeywordSet(
            owner_type=RESOURCE, owner_id=self.id, quota_reason="KEYWORDS_PER_PHONE_NUMBER"
        )

    @property
    def iso_country_code(self) -> str | None:
        """An agent has no country of its own (pool membership rows need the attribute)."""
        return None

    @classmethod
    def create(cls, backend: Backend, params: dict[str, Any]) -> RcsAgent:
        """CreateRcsAgent: a CREATED agent on the given (or the Default) opt-out list."""
        check_quota(
            len(backend.rcs_agents),
            RCS_AGENTS_PER_ACCOUNT,
            "RCS_AGENTS_PER_ACCOUNT",
            f"The account already has {RCS_AGENTS_PER_ACCOUNT} RCS agents.",
        )
        opt_out_list = backend.opt_out_list(params.get("OptOutListName", "Default"))
        agent_id = new_id("rcs")
        agent = cls(
            id=agent_id,
            arn=backend.arn(RESOURCE, agent_id),
            created_timestamp=backend.now(),
            opt_out_list_name=opt_out_list.name,
            deletion_protection_enabled=params.get("DeletionProtectionEnabled", False),
            tags=merge_tags({}, params.get("Tags")),
        )
        backend.rcs_agents[agent_id] = agent
        return agent

    def to_api(self) -> dict[str, Any]:
        """Every member of RcsAgentInformation (plus Tags); each output shape keeps its own."""
        return {
            "RcsAgentArn": self.arn,
            "RcsAgentId": self.id,
            "Status": self.status,
            "CreatedTimestamp": self.created_timestamp,
            "DeletionProtectionEnabled": self.deletion_protection_enabled,
            "OptOutListName": self.opt_out_list_name,
            "SelfManagedOptOutsEnabled": self.self_managed_opt_outs_enabled,
            "TwoWayChannelArn": self.two_way_channel_arn,
            "TwoWayChannelRole": self.two_way_channel_role,
            "TwoWayEnabled": self.two_way_enabled,
            "TwoWayMediaS3BucketName": self.two_way_media_s3_bucket_name,
            "TwoWayMediaS3KeyPrefix": self.two_way_media_s3_key_prefix,
            "TwoWayMediaS3Role": self.two_way_media_s3_role,
            "TwoWayRcsEventsEnabled": self.two_way_rcs_events_enabled,
            "PoolId": self.pool_id,
            "TestingAgent": self.testing_agent,
            "Tags": tags_to_api(self.tags),
        }

    def filter_values(self) -> dict[str, Any]:
        """Values of the DescribeRcsAgents filters."""
        return {
            "status": self.status,
            "two-way-enabled": self.two_way_enabled,
            "self-managed-opt-outs-enabled": self.self_managed_opt_outs_enabled,
            "opt-out-list-name": self.opt_out_list_name,
            "deletion-protection-enabled": self.deletion_protection_enabled,
            "two-way-channel-arn": self.two_way_channel_arn,
        }

    # -- lifecycle hooks for tests ----------------------------------------------------------

    def set_status(self, status: str, *, registration_id: str | None = None) -> None:
        """Move the agent to ``status`` as an approved registration would.

        TESTING also gives the agent an ACTIVE testing agent (tied to ``registration_id``, or a
        made-up registration id).
        """
        allowed = [s for s in enum_values("RcsAgentStatus") if s != "DELETED"]
        if status not in allowed:
            raise ValueError(
                f"An RCS agent status is one of {', '.join(allowed)}, not {status!r} "
                "(DeleteRcsAgent deletes an agent)."
            )
        if status == "TESTING":
            self.testing_agent = {
                "Status": "ACTIVE",
                "TestingAgentId": new_id("testingagent"),
                "RegistrationId": registration_id or new_id("registration"),
            }
        self.status = status

    def launch(
        self,
        iso_country_code: str = "US",
        *,
        status: str = "ACTIVE",
        registration_id: str | None = None,
        carriers: dict[str, str] | None = None,
    ) -> CountryLaunch:
        """Record a country launch; the agent becomes ACTIVE when every launch is, PARTIAL when
        some are, PENDING when none is yet."""
        if status not in enum_values("CountryLaunchStatus"):
            raise ValueError(
                f"A country launch status is one of {', '.join(enum_values('CountryLaunchStatus'))}, "
                f"not {status!r}."
            )
        carrier_status = "ACTIVE" if status == "ACTIVE" else "PENDING"
        entry = CountryLaunch(
            iso_country_code=iso_country_code,
            status=status,
            registration_id=registration_id or new_id("registration"),
            rcs_platform_id=f"{self.id}-{iso_country_code.lower()}",
            carriers=dict(carriers) if carriers is not None else {"DEFAULT": carrier_status},
        )
        self.launches[iso_country_code] = entry
        active = [c for c in self.launches.values() if c.status == "ACTIVE"]
        if len(active) == len(self.launches):
            self.status = "ACTIVE"
        elif active:
            self.status = "PARTIAL"
        else:
            self.status = "PENDING"
        return entry

    # -- rules --------------------------------------------------------------------------------

    def update(self, backend: Backend, params: dict[str, Any]) -> None:
        """UpdateRcsAgent: a partial update of the agent's settings."""
        opt_out_list = (
            backend.opt_out_list(params["OptOutListName"]) if "OptOutListName" in params else None
        )
        channel = params.get("TwoWayChannelArn", self.two_way_channel_arn)
        two_way = params.get("TwoWayEnabled", self.two_way_enabled)
        if params.get("TwoWayEnabled") and not channel:
            raise invalid(
                "TWO_WAY_CHANNEL_NOT_PRESENT",
                "TwoWayChannelArn",
                "Two-way messaging needs a TwoWayChannelArn to deliver inbound messages to.",
            )
        bucket, role = params.get("TwoWayMediaS3BucketName"), params.get("TwoWayMediaS3Role")
        if (bucket == UNSET_MEDIA) != (role == UNSET_MEDIA) and UNSET_MEDIA in (bucket, role):
            raise invalid(
                "INVALID_PARAMETER",
                "TwoWayMediaS3Role" if bucket == UNSET_MEDIA else "TwoWayMediaS3BucketName",
                f"To remove the media configuration pass {UNSET_MEDIA} for both "
                "TwoWayMediaS3BucketName and TwoWayMediaS3Role.",
            )
        if bucket is not None and bucket != UNSET_MEDIA and not two_way:
            raise invalid(
                "TWO_WAY_NOT_ENABLED",
                "TwoWayMediaS3BucketName",
                f"Two-way messaging must be enabled on RCS agent {self.id} to store inbound media.",
            )
        events = params.get("TwoWayRcsEventsEnabled")
        if events is not None and "ALL" in events and len(events) > 1:
            raise invalid(
                "INVALID_PARAMETER",
                "TwoWayRcsEventsEnabled",
                "The event type ALL must be the sole element of TwoWayRcsEventsEnabled.",
            )
        if opt_out_list is not None:
            self.opt_out_list_name = opt_out_list.name
        for member, attribute in _UPDATABLE:
            if member in params:
                setattr(self, attribute, params[member])
        if bucket == UNSET_MEDIA:
            self.two_way_media_s3_bucket_name = None
            self.two_way_media_s3_role = None
            self.two_way_media_s3_key_prefix = None
        else:
            if bucket is not None:
                self.two_way_media_s3_bucket_name = bucket
            if role is not None:
                self.two_way_media_s3_role = role
        if events is not None:
            self.two_way_rcs_events_enabled = list(events)

    def delete(self, backend: Backend) -> None:
        """DeleteRcsAgent: refused while protected, pooled, or holding a registration."""
        if self.deletion_protection_enabled:
            raise self._conflict(
                "DELETION_PROTECTION_ENABLED",
                f"RCS agent {self.id} has deletion protection enabled; disable it with "
                "UpdateRcsAgent before deleting the agent.",
            )
        if self.pool_id is not None:
            raise self._conflict(
                "RCS_AGENT_ASSOCIATED_TO_POOL",
                f"RCS agent {self.id} is associated with pool {self.pool_id}; disassociate it first.",
            )
        held = [r for r in self.registration_ids() if r in backend.registrations]
        if held:
            raise self._conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                f"RCS agent {self.id} still has registrations {', '.join(held)}; delete them first.",
            )
        del backend.rcs_agents[self.id]
        self.status = "DELETED"

    def registration_ids(self) -> list[str]:
        """The testing and country launch registrations of the agent."""
        ids = [launch.registration_id for launch in self.launches.values()]
        if self.testing_agent is not None:
            ids.insert(0, self.testing_agent["RegistrationId"])
        return ids

    def can_reach(self, backend: Backend, destination: str) -> bool:
        """Whether the agent may deliver to ``destination`` now."""
        try:
            self.check_can_send(backend, destination)
        except (ConflictException, ValueError):
            return False
        return True

    def check_can_send(self, backend: Backend, destination: str) -> None:
        """A sending status; a registered test device while TESTING; an ACTIVE country launch."""
        if self.status not in SENDING_STATUSES:
            raise self._conflict(
                "RESOURCE_NOT_ACTIVE",
                f"RCS agent {self.id} is {self.status}; it sends once a registration makes it "
                "TESTING, PARTIAL or ACTIVE.",
            )
        if self.status == "TESTING":
            if not any(
                v.rcs_agent_id == self.id
                and v.destination_phone_number == destination
                and v.status == "VERIFIED"
                for v in backend.verified_destination_numbers.values()
            ):
                raise self._conflict(
                    "RESOURCE_NOT_ACTIVE",
                    f"RCS agent {self.id} is TESTING and reaches only its verified test devices, "
                    f"not {destination}.",
                )
            return
        country = country_of(destination)
        launch = self.launches.get(country or "")
        if self.launches and (launch is None or launch.status != "ACTIVE"):
            raise self._conflict(
                "RESOURCE_NOT_ACTIVE",
                f"RCS agent {self.id} is not launched in {country or 'the destination country'}.",
            )

    def _conflict(self, reason: str, message: str) -> ConflictException:
        return ConflictException(
            message, reason=reason, resource_type=RESOURCE, resource_id=self.id
        )


# -- SendRcsMessage ----------------------------------------------------------------------------

# Members the model types as free strings but documents with a closed list of values.
_CHOICES = {
    "CardOrientation": frozenset({"HORIZONTAL", "VERTICAL"}),
    "ThumbnailImageAlignment": frozenset({"LEFT", "RIGHT"}),
    "CardWidth": frozenset({"SMALL", "MEDIUM"}),
    "Application": frozenset({"BROWSER", "WEBVIEW"}),
    "WebviewViewMode": frozenset({"FULL", "HALF", "TALL"}),
}
_CARD_HEIGHTS = frozenset({"SHORT", "MEDIUM", "TALL"})
_CAROUSEL_HEIGHTS = frozenset({"SHORT", "MEDIUM"})
TRAFFIC_TYPES = frozenset(
    {"AUTHENTICATION", "TRANSACTION", "PROMOTION", "SERVICE_REQUEST", "ACKNOWLEDGEMENT"}
)
CONTENT_TYPES = ("TextMessage", "FileMessage", "RichCard", "Carousel")
ACTION_TYPES = (
    "Reply",
    "OpenUrl",
    "DialPhone",
    "ShowLocation",
    "RequestLocation",
    "CreateCalendarEvent",
)


@dataclass(frozen=True, slots=True)
class RcsContent:
    """What SendRcsMessage records: the text body (if any), the media files, the rest."""

    body: str | None
    media_urls: tuple[str, ...]
    extra: dict[str, Any]


def _exactly_one(value: dict[str, Any], kinds: tuple[str, ...], path: str, what: str) -> str:
    given = [k for k in kinds if value.get(k) is not None]
    if not given:
        raise invalid(
            "MISSING_PARAMETER", path, f"{path} needs exactly one {what}: {', '.join(kinds)}."
        )
    if len(given) > 1:
        raise invalid(
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            path,
            f"{path} holds {' and '.join(given)}; exactly one {what} is allowed.",
        )
    return given[0]


def _choice(value: dict[str, Any], member: str, allowed: frozenset[str], path: str) -> None:
    given = value.get(member)
    if given is not None and given not in allowed:
        raise invalid(
            "FIELD_VALIDATION_FAILED",
            f"{path}.{member}",
            f"{path}.{member} is {given!r}; valid values are {', '.join(sorted(allowed))}.",
        )


def _check_actions(actions: list[dict[str, Any]], path: str) -> None:
    for index, action in enumerate(actions):
        where = f"{path}[{index}]"
        kind = _exactly_one(action, ACTION_TYPES, where, "suggested action")
        detail = action[kind]
        if kind == "OpenUrl":
            _choice(detail, "Application", _CHOICES["Application"], f"{where}.OpenUrl")
            _choice(detail, "WebviewViewMode", _CHOICES["WebviewViewMode"], f"{where}.OpenUrl")
            if detail.get("WebviewViewMode") and detail.get("Application") != "WEBVIEW":
                raise invalid(
                    "INVALID_PARAMETER",
                    f"{where}.OpenUrl.WebviewViewMode",
                    "WebviewViewMode is only applicable when Application is WEBVIEW.",
                )
        if kind == "CreateCalendarEvent" and detail["EndTime"] <= detail["StartTime"]:
            raise invalid(
                "INVALID_PARAMETER",
                f"{where}.CreateCalendarEvent.EndTime",
                "The calendar event must end after it starts.",
            )


def _card(card: dict[str, Any], path: str, heights: frozenset[str], urls: list[str]) -> None:
    media = card.get("Media")
    if media is not None:
        _choice(media, "Height", heights, f"{path}.Media")
        urls.append(media["FileUrl"])
    _check_actions(card.get("Suggestions") or [], f"{path}.Suggestions")


def check_rcs_message(params: dict[str, Any]) -> RcsContent:
    """The documented rules of RcsMessageContent, MessageTrafficType and FallbackConfiguration."""
    message = params.get("RcsMessageContent")
    if message is None:
        raise invalid(
            "MISSING_PARAMETER", "RcsMessageContent", "SendRcsMessage needs RcsMessageContent."
        )
    path = "RcsMessageContent.Content"
    content = message["Content"]
    kind = _exactly_one(content, CONTENT_TYPES, path, "content type")
    urls: list[str] = []
    body = None
    if kind == "TextMessage":
        body = content[kind]["Body"]
    elif kind == "FileMessage":
        urls.append(content[kind]["FileUrl"])
    elif kind == "RichCard":
        card = content[kind]
        where = f"{path}.RichCard"
        _choice(card, "CardOrientation", _CHOICES["CardOrientation"], where)
        _choice(card, "ThumbnailImageAlignment", _CHOICES["ThumbnailImageAlignment"], where)
        if card.get("ThumbnailImageAlignment") and card["CardOrientation"] != "HORIZONTAL":
            raise invalid(
                "INVALID_PARAMETER",
                f"{where}.ThumbnailImageAlignment",
                "ThumbnailImageAlignment is only applicable when CardOrientation is HORIZONTAL.",
            )
        _card(card["CardContent"], f"{where}.CardContent", _CARD_HEIGHTS, urls)
    else:
        carousel = content[kind]
        where = f"{path}.Carousel"
        _choice(carousel, "CardWidth", _CHOICES["CardWidth"], where)
        for index, card in enumerate(carousel["CardContents"]):
            _card(card, f"{where}.CardContents[{index}]", _CAROUSEL_HEIGHTS, urls)
    _check_actions(message.get("Suggestions") or [], "RcsMessageContent.Suggestions")
    _choice(params, "MessageTrafficType", TRAFFIC_TYPES, "SendRcsMessage")
    fallback = params.get("FallbackConfiguration")
    if fallback is not None:
        _check_fallback(fallback)
    return RcsContent(
        body=body,
        media_urls=tuple(urls),
        extra={
            "rcs_content": message,
            "message_traffic_type": params.get("MessageTrafficType"),
            "fallback_configuration": fallback,
        },
    )


def _check_fallback(fallback: dict[str, Any]) -> None:
    where = "FallbackConfiguration"
    urls = fallback.get("MediaUrls")
    if fallback["Channel"] == "SMS":
        if fallback.get("MessageBody") is None:
            raise invalid(
                "MISSING_PARAMETER", f"{where}.MessageBody", "An SMS fallback needs a MessageBody."
            )
        if urls:
            raise invalid(
                "INVALID_PARAMETER",
                f"{where}.MediaUrls",
                "MediaUrls are only valid when the fallback Channel is MMS.",
            )
    elif fallback.get("MessageBody") is None and not urls:
        raise invalid(
            "MISSING_PARAMETER",
            f"{where}.MessageBody",
            "An MMS fallback needs a MessageBody, MediaUrls, or both.",
        )
    identity = fallback.get("OriginationIdentity")
    if identity is not None and (identity.startswith("pool-") or ":pool/" in identity):
        raise invalid(
            "INVALID_PARAMETER",
            f"{where}.OriginationIdentity",
            "Pool IDs and pool ARNs are not accepted as the fallback origination identity.",
        )


def check_rcs_origination(value: str) -> None:
    """SendRcsMessage: "This can be either the RcsAgentId, RcsAgentArn, PoolId, or PoolArn." """
    kind = (
        parse_arn(value, "OriginationIdentity").resource_type if value.startswith("arn:") else None
    )
    if kind in ("rcs-agent", "pool") or (
        kind is None and (value.startswith("pool-") or value.startswith("rcs-"))
    ):
        return
    raise invalid(
        "INVALID_PARAMETER",
        "OriginationIdentity",
        f"{value!r} is not an RCS agent or pool; SendRcsMessage sends from an RcsAgentId, "
        "RcsAgentArn, PoolId or PoolArn.",
    )
