"""The send-time pipeline shared by the Send* operations (behaviors §3.5), step by step:

1. resolve the configuration set and the origination identity (phone number by E.164, id or ARN;
   sender ID; pool, which picks a member that can reach the destination; or, when none is given, a
   suitable identity of the account);
2. the identity must be ACTIVE and have the channel's capability;
3. simulator numbers send only to destination simulator numbers of their country; other identities
   reach their own country (Canada and Puerto Rico are not the United States) unless international
   sending is enabled;
4. a destination on the identity's opt-out list is refused: "If you attempt to send a message to a
   destination number that is on an opt-out list … AWS End User Messaging SMS doesn't attempt to send
   the message";
5. in the sandbox only verified destination numbers and simulator numbers are reachable, and voice
   calls have daily, per-recipient and per-minute limits;
6. MaxPrice and the monthly spend limit;
7. DryRun stops here: "the message is checked and validated, but isn't sent"; otherwise the message is
   recorded and charged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsvoice_mock.errors import (
    ConflictException,
    ServiceQuotaExceededException,
    ThrottlingException,
    invalid,
    not_found,
)
from smsvoice_mock.models.countries import country_of, is_destination_simulator
from smsvoice_mock.models.phone_number import PhoneNumber
from smsvoice_mock.models.protect import account_default as account_default_protect
from smsvoice_mock.models.registration import US_REGISTRATION_TYPES, registration_required
from smsvoice_mock.models.sender_id import (
    SENDER_ID_REGISTRATION_COUNTRIES,
    SENDER_ID_UNSUPPORTED_COUNTRIES,
    find_sender_id,
)

if TYPE_CHECKING:
    from smsvoice_mock.backend import Backend
    from smsvoice_mock.inbox import SentMessage
    from smsvoice_mock.models.configuration_set import ConfigurationSet
    from smsvoice_mock.models.pool import Pool
    from smsvoice_mock.models.protect import ProtectConfiguration
    from smsvoice_mock.models.rcs import RcsAgent
    from smsvoice_mock.models.sender_id import SenderId

NANP = frozenset({"US", "CA", "PR"})
US_TERRITORIES = frozenset({"PR", "GU", "VI", "AS"})
# A pool with SharedRoutesEnabled sends where none of its members can over a shared route, except in
# these countries ("such as the United States"; the North American numbering plan, the mock's choice).
SHARED_ROUTES_BANNED = NANP
SHARED_ROUTE = "shared route"
SPEND_LIMITS = {
    "SMS": ("TEXT_MESSAGE_MONTHLY_SPEND_LIMIT", "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT"),
    "VOICE": ("VOICE_MESSAGE_MONTHLY_SPEND_LIMIT", "MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE"),
    "MMS": ("MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT", "MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA"),
    "RCS": ("RCS_MESSAGE_MONTHLY_SPEND_LIMIT", "MONTHLY_SPEND_LIMIT_REACHED_FOR_RCS"),
    "NOTIFY": ("NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT", "MONTHLY_SPEND_LIMIT_REACHED_FOR_NOTIFY"),
}


@dataclass(slots=True)
class Origin:
    """The identity a message goes out from, once resolved."""

    arn: str | None  # None for a configuration set's default sender ID the account doesn't own
    display: str  # the E.164 number or the sender ID the end user sees
    iso_country_code: str | None
    opt_out_list_name: str | None
    phone: PhoneNumber | None = None
    sender_id: SenderId | None = None
    pool: Pool | None = None
    rcs_agent: RcsAgent | None = None


def same_region(a: str | None, b: str | None) -> bool:
    """Whether an identity of country ``a`` reaches country ``b`` without international sending.

    Each country is its own, the North American numbering plan included: VA Notify's sends from US
    numbers to Puerto Rico and Ontario raised ValidationException (real-clients.md 4.2, observed live).
    """
    if a is None or b is None:
        return True
    return a == b


def configuration_set(backend: Backend, value: str | None) -> ConfigurationSet | None:
    return None if value is None else backend.configuration_set(value)


def protect_configuration(backend: Backend, value: str | None) -> ProtectConfiguration | None:
    """ProtectConfigurationId (id or ARN) must name a protect configuration of the account:
    ResourceNotFoundException protect-configuration otherwise."""
    if value is None:
        return None
    return backend.protect_configuration(value)


def check_protect(
    backend: Backend,
    requested: ProtectConfiguration | None,
    config: ConfigurationSet | None,
    channel: str,
    destination: str,
) -> tuple[ProtectConfiguration | None, str | None]:
    """Step 4b, after the opt-out check ("If a phone number is in the opt-out list then the message
    is not sent regardless if there is an override to allow"): the request's protect configuration,
    else the configuration set's, else the account default judges the message. An override of the
    number in force wins over the country rule; BLOCK refuses the message, MONITOR and FILTER send.
    Answers the protect configuration that applied, if any, and the status it gave the message."""
    chosen = requested
    if chosen is None and config is not None and config.protect_configuration_id is not None:
        chosen = backend.protect_configurations.get(config.protect_configuration_id)
    if chosen is None:
        chosen = account_default_protect(backend)
    if chosen is None:
        return None, None
    return chosen, chosen.check(channel, destination, backend.now())


def is_international_send(origin: Origin, destination: str) -> bool:
    """Whether the message leaves the identity's country (``isInternationalSend`` of its events)."""
    dest_country = country_of(destination)
    return (
        origin.iso_country_code is not None
        and dest_country is not None
        and origin.iso_country_code != dest_country
    )


def _reaches(phone: PhoneNumber, dest_country: str | None) -> bool:
    """A number reaches its own country; a US toll-free number also the US territories ("recipients in
    the United States or the US territories of Puerto Rico, US Virgin Islands, Guam and American
    Samoa", user guide, toll-free registration)."""
    if phone.international_sending_enabled or same_region(phone.iso_country_code, dest_country):
        return True
    return (
        phone.number_type == "TOLL_FREE"
        and phone.iso_country_code == "US"
        and dest_country in US_TERRITORIES
    )


def _needs_registration(backend: Backend, phone: PhoneNumber, channel: str) -> bool:
    return channel in ("SMS", "MMS") and registration_required(backend, phone)


def _phone_can_send(backend: Backend, phone: PhoneNumber, channel: str, destination: str) -> bool:
    return (
        phone.status == "ACTIVE"
        and channel in phone.number_capabilities
        and _reaches(phone, country_of(destination))
        and (phone.number_type != "SIMULATOR" or is_destination_simulator(destination))
        and not _needs_registration(backend, phone, channel)
    )


def _from_phone(phone: PhoneNumber, pool: Pool | None = None) -> Origin:
    # Origin(arn=..., ...) field by field: the class call cost more than the rest of resolving.
    origin = _new_origin(Origin)
    origin.arn = phone.arn
    origin.display = phone.phone_number
    origin.iso_country_code = phone.iso_country_code
    origin.opt_out_list_name = (
        pool.opt_out_list_name if pool is not None else phone.opt_out_list_name
    )
    origin.phone = phone
    origin.sender_id = None
    origin.pool = pool
    origin.rcs_agent = None
    return origin


_new_origin = object.__new__


def _from_sender_id(sender: SenderId, pool: Pool | None = None) -> Origin:
    return Origin(
        arn=sender.arn,
        display=sender.sender_id,
        iso_country_code=sender.iso_country_code,
        opt_out_list_name=pool.opt_out_list_name if pool is not None else None,
        sender_id=sender,
        pool=pool,
    )


def _from_rcs_agent(
    backend: Backend, agent: RcsAgent, channel: str, destination: str, pool: Pool | None = None
) -> Origin:
    """An RCS agent sends text over RCS only: no voice, no media, and only while it may reach the
    destination (``RcsAgent.check_can_send``)."""
    if channel == "VOICE":
        raise invalid(
            "VOICE_CAPABILITY_NOT_AVAILABLE",
            "OriginationIdentity",
            f"RCS agent {agent.id} can't make voice calls.",
        )
    if channel == "MMS":
        raise ConflictException(
            f"RCS agent {agent.id} sends RCS messages, not MMS.",
            reason="NUMBER_CAPABILITIES_MISMATCH",
            resource_type="rcs-agent",
            resource_id=agent.id,
        )
    agent.check_can_send(backend, destination)
    return Origin(
        arn=agent.arn,
        display=agent.id,
        iso_country_code=None,
        opt_out_list_name=pool.opt_out_list_name if pool is not None else agent.opt_out_list_name,
        pool=pool,
        rcs_agent=agent,
    )


def _pool_rcs_agent(backend: Backend, pool: Pool, channel: str, destination: str) -> Origin | None:
    """ "the service attempts RCS first and automatically falls back to SMS from the same pool";
    an RCS send (channel RCS) has no fallback."""
    agents = [a for a in backend.rcs_agents.values() if a.arn in pool.members]
    for agent in agents:
        if agent.can_reach(backend, destination):
            return _from_rcs_agent(backend, agent, channel, destination, pool)
    if channel != "RCS":
        return None
    raise ConflictException(
        f"Pool {pool.id} has no RCS agent that can send to {destination}.",
        reason="NO_ORIGINATION_IDENTITIES_FOUND",
        resource_type="pool",
        resource_id=pool.id,
    )


def _pool_member(backend: Backend, pool: Pool, channel: str, destination: str) -> Origin:
    """ "A pool maps each message to an appropriate identity for the destination country." When no
    member can send (its country, the simulator rule, status or a missing capability: whatever the
    reason), the answer is ConflictException NO_ORIGINATION_IDENTITIES_FOUND, as GC Notify saw when
    its pool met the Guam number +16715550123 and VA Notify when its pool met a Canadian recipient;
    the direct-identity errors are for sends that name the identity itself."""
    if channel in ("SMS", "RCS"):
        rcs = _pool_rcs_agent(backend, pool, channel, destination)
        if rcs is not None:
            return rcs
    for arn in pool.members:
        phone = pool.member_phone(backend, arn)
        if phone is not None:
            if _phone_can_send(backend, phone, channel, destination):
                return _from_phone(phone, pool)
            continue
        sender = pool.member_sender_id(backend, arn)
        if (
            sender is not None
            and channel == "SMS"
            and same_region(sender.iso_country_code, country_of(destination))
        ):
            return _from_sender_id(sender, pool)
    dest_country = country_of(destination)
    if pool.shared_routes_enabled and channel == "SMS" and dest_country not in SHARED_ROUTES_BANNED:
        # "your messages are sent using phone numbers or sender IDs (depending on the country) that
        # are shared with other users. In some countries, such as the United States, senders aren't
        # allowed to use shared routes."
        return Origin(
            arn=pool.arn,
            display=SHARED_ROUTE,
            iso_country_code=dest_country,
            opt_out_list_name=pool.opt_out_list_name,
            pool=pool,
        )
    raise ConflictException(
        f"Pool {pool.id} has no origination identity that can send to {destination}.",
        reason="NO_ORIGINATION_IDENTITIES_FOUND",
        resource_type="pool",
        resource_id=pool.id,
    )


def _sender_id(backend: Backend, value: str, destination: str) -> SenderId:
    """A sender ID by ARN, or by name: the one of the destination's country, else any of that name."""
    if value.startswith("arn:"):
        return find_sender_id(backend, value, None, "OriginationIdentity")
    candidates = [s for key, s in backend.sender_ids.items() if key[0] == value.upper()]
    iso_dest = country_of(destination)
    found = next((s for s in candidates if s.iso_country_code == iso_dest), None) or next(
        iter(candidates), None
    )
    if found is None:
        raise not_found("sender-id", value)
    return found


def _default_sender_id(
    backend: Backend, config: ConfigurationSet | None, destination: str
) -> Origin | None:
    """ "Use SetDefaultSenderId to set the default sender ID of a configuration set": a sender ID of
    the account with that name that can reach the destination's country."""
    if config is None or not config.default_sender_id:
        return None
    dest_country = country_of(destination)
    for (name, iso), sender in backend.sender_ids.items():
        if name == config.default_sender_id.upper() and same_region(iso, dest_country):
            return _from_sender_id(sender)
    return None


def _account_sender_id(backend: Backend, destination: str) -> Origin | None:
    """A registered sender ID of the account in the destination's country."""
    dest_country = country_of(destination)
    for (_, iso), sender in backend.sender_ids.items():
        if iso == dest_country:
            return _from_sender_id(sender)
    return None


def _unowned_default_sender_id(config: ConfigurationSet | None, destination: str) -> Origin | None:
    """SetDefaultSenderId: "When sending a text message to a destination country that supports sender
    IDs, the default sender ID on the configuration set specified will be used if no dedicated
    origination phone numbers or registered sender IDs are available in your account." Countries
    whose sender IDs need a registration are left out (the mock's choice)."""
    if config is None or not config.default_sender_id:
        return None
    dest_country = country_of(destination)
    if dest_country is None or dest_country in (
        SENDER_ID_UNSUPPORTED_COUNTRIES | SENDER_ID_REGISTRATION_COUNTRIES
    ):
        return None
    return Origin(
        arn=None,
        display=config.default_sender_id,
        iso_country_code=dest_country,
        opt_out_list_name=None,
    )


def resolve_origin(
    backend: Backend,
    value: str | None,
    channel: str,
    destination: str,
    config: ConfigurationSet | None = None,
) -> Origin:
    """Step 1: the origination identity named by ``value`` (or chosen when it is ``None``: the
    account's sender ID named by the configuration set's DefaultSenderId, else a phone number of the
    account that can reach the destination, else a sender ID of the account in the destination's
    country, else the DefaultSenderId itself where the country supports sender IDs, else
    ConflictException NO_ORIGINATION_IDENTITIES_FOUND)."""
    if value is None:
        default = _default_sender_id(backend, config, destination) if channel == "SMS" else None
        if default is not None:
            return default
        for phone in backend.phone_numbers.values():
            if _phone_can_send(backend, phone, channel, destination):
                return _from_phone(
                    phone, backend.pools.get(phone.pool_id) if phone.pool_id else None
                )
        if channel == "SMS":
            chosen = _account_sender_id(backend, destination) or _unowned_default_sender_id(
                config, destination
            )
            if chosen is not None:
                return chosen
        raise ConflictException(
            f"No origination identity in the account can send to {destination}; "
            "request a phone number or pass OriginationIdentity.",
            reason="NO_ORIGINATION_IDENTITIES_FOUND",
            resource_type="account",
            resource_id=backend.account_id,
        )
    if value.startswith("phone-"):  # the common case, which no ARN and no pool id starts with
        phone = backend.phone_numbers.get(value) or backend.phone_number(
            value, "OriginationIdentity"
        )
        return _from_phone(phone, backend.pools.get(phone.pool_id) if phone.pool_id else None)
    kind = (
        value.split(":", 5)[5].partition("/")[0]
        if value.startswith("arn:") and value.count(":") >= 5
        else None
    )
    if kind == "pool" or (kind is None and value.startswith("pool-")):
        pool = backend.pool(value, "OriginationIdentity")
        return _pool_member(backend, pool, channel, destination)
    if kind == "phone-number" or (kind is None and value.startswith("+")):  # an id returned above
        phone = backend.phone_number(value, "OriginationIdentity")
        return _from_phone(phone, backend.pools.get(phone.pool_id) if phone.pool_id else None)
    if kind == "rcs-agent" or (kind is None and value.startswith("rcs-") and len(value) > 11):
        agent = backend.rcs_agent(value, "OriginationIdentity")
        return _from_rcs_agent(backend, agent, channel, destination)
    if kind == "sender-id" or kind is None:
        return _from_sender_id(_sender_id(backend, value, destination))
    raise invalid(
        "INVALID_ARN", "OriginationIdentity", f"A {kind} can't be an origination identity."
    )


def check_origin(backend: Backend, origin: Origin, channel: str, destination: str) -> None:
    """Steps 2 and 3: status, capability, registration, simulator and country rules."""
    phone = origin.phone
    dest_country = country_of(destination)
    if phone is not None:
        if phone.status != "ACTIVE":
            raise ConflictException(
                f"Phone number {phone.id} is {phone.status}, not ACTIVE.",
                reason="RESOURCE_NOT_ACTIVE",
                resource_type="phone-number",
                resource_id=phone.id,
            )
        if channel == "VOICE" and "VOICE" not in phone.number_capabilities:
            raise invalid(
                "VOICE_CAPABILITY_NOT_AVAILABLE",
                "OriginationIdentity",
                f"Phone number {phone.id} has capabilities {', '.join(phone.number_capabilities)}, not VOICE.",
            )
        if channel not in phone.number_capabilities:
            raise ConflictException(
                f"Phone number {phone.id} has capabilities {', '.join(phone.number_capabilities)}, not {channel}.",
                reason="NUMBER_CAPABILITIES_MISMATCH",
                resource_type="phone-number",
                resource_id=phone.id,
            )
        if phone.number_type == "SIMULATOR":
            if not is_destination_simulator(destination) or dest_country != phone.iso_country_code:
                raise invalid(
                    "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY",
                    "DestinationPhoneNumber",
                    "A simulator phone number can only send to the destination simulator phone numbers "
                    f"of its own country ({phone.iso_country_code}).",
                )
            return
        if _needs_registration(backend, phone, channel):
            raise ConflictException(
                f"{phone.number_type} number {phone.id} sends text and media once its "
                f"{US_REGISTRATION_TYPES[phone.number_type]} is approved; its registration is "
                f"{phone.registration_id or 'missing'} (tests: "
                "sms.backend().complete_registration(phone_number_id) in process, or "
                'POST /_smsvoice/registrations/complete {"phone_number_id": ...} on the server).',
                reason="REGISTRATION_NOT_COMPLETE",
                resource_type="phone-number",
                resource_id=phone.id,
            )
        if not _reaches(phone, dest_country):
            raise invalid(
                "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY",
                "DestinationPhoneNumber",
                f"Phone number {phone.id} ({phone.iso_country_code}) can't send to {dest_country} without "
                "InternationalSendingEnabled.",
            )
    elif origin.sender_id is not None:
        sender = origin.sender_id
        if channel == "VOICE":
            raise invalid(
                "VOICE_CAPABILITY_NOT_AVAILABLE",
                "OriginationIdentity",
                "Sender IDs can't send voice messages.",
            )
        if not same_region(sender.iso_country_code, dest_country):
            raise invalid(
                "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY",
                "DestinationPhoneNumber",
                f"Sender ID {sender.sender_id} is registered for {sender.iso_country_code} and can't send "
                f"to {dest_country}.",
            )


def check_opt_out(backend: Backend, origin: Origin, destination: str) -> None:
    """Step 4."""
    name = origin.opt_out_list_name
    opt_out_list = backend.opt_out_lists.get(name) if name else None
    if opt_out_list is not None and opt_out_list.contains(destination):
        raise ConflictException(
            f"{destination} is opted out on opt-out list {name}.",
            reason="DESTINATION_PHONE_NUMBER_OPTED_OUT",
            resource_type="opted-out-number",
            resource_id=destination,
        )


def check_sandbox(backend: Backend, destination: str) -> None:
    """Step 5: "You can only send messages to verified destination numbers when your account is in
    the sandbox." Destination simulator numbers are always reachable."""
    if backend.settings.tier != "SANDBOX" or is_destination_simulator(destination):
        return
    verified = any(
        v.destination_phone_number == destination and v.status == "VERIFIED"
        for v in backend.verified_destination_numbers.values()
    )
    if not verified:
        raise ConflictException(
            f"The account is in the sandbox and {destination} is not a verified destination number.",
            reason="DESTINATION_PHONE_NUMBER_NOT_VERIFIED",
            resource_type="verified-destination-number",
            resource_id=destination,
        )


# Voice in the sandbox (user guide, "SMS and voice sandbox"): at most 20 calls a day, 5 a day to one
# recipient, 5 a minute, and each call lasts at most 30 seconds.
VOICE_SANDBOX_PER_DAY = 20
VOICE_SANDBOX_PER_RECIPIENT_PER_DAY = 5
VOICE_SANDBOX_PER_MINUTE = 5
VOICE_SANDBOX_CALL_SECONDS = 30


def check_voice_sandbox(backend: Backend, sent: Iterable[SentMessage], destination: str) -> None:
    """Step 5 for voice in the sandbox: the daily (UTC day of the mock clock), per-recipient and
    per-minute call limits. Over the per-recipient limit → DAILY_DESTINATION_CALL_LIMIT; over the
    daily limit → ServiceQuotaExceededException without a Reason (no modeled Reason names it); over
    the per-minute limit → ThrottlingException."""
    if backend.settings.tier != "SANDBOX":
        return
    now = backend.now()
    calls = [
        m
        for m in sent
        if m.channel == "VOICE"
        and m.source == "API"
        and m.account_id == backend.account_id
        and m.region == backend.region
    ]
    today = [m for m in calls if m.sent_at.date() == now.date()]
    if sum(m.destination_phone_number == destination for m in today) >= (
        VOICE_SANDBOX_PER_RECIPIENT_PER_DAY
    ):
        raise ServiceQuotaExceededException(
            f"The sandbox allows {VOICE_SANDBOX_PER_RECIPIENT_PER_DAY} voice messages a day to "
            f"{destination}.",
            reason="DAILY_DESTINATION_CALL_LIMIT",
        )
    if len(today) >= VOICE_SANDBOX_PER_DAY:
        raise ServiceQuotaExceededException(
            f"The sandbox allows {VOICE_SANDBOX_PER_DAY} voice messages a day."
        )
    if sum(now - m.sent_at < timedelta(minutes=1) for m in calls) >= VOICE_SANDBOX_PER_MINUTE:
        raise ThrottlingException(
            f"The sandbox allows {VOICE_SANDBOX_PER_MINUTE} voice messages a minute."
        )


def month_key(backend: Backend, now: datetime | None = None) -> str:
    """``"YYYY-MM"`` of the clock (of ``now``, when the caller has read the clock already)."""
    if now is None:
        now = backend.now()
    months = now.year * 12 + now.month
    key = _MONTH_KEYS.get(months)
    if key is None:
        key = _MONTH_KEYS[months] = f"{now.year:04d}-{now.month:02d}"
    return key


# The month keys made so far (formatting one cost more than the rest of the spend check).
_MONTH_KEYS: dict[int, str] = {}


_ZERO = Decimal(0)


def check_price(
    backend: Backend,
    channel: str,
    price: Decimal,
    max_price: str | None,
    member: str,
    *,
    month: str | None = None,
) -> None:
    """Step 6: MaxPrice, then the monthly spend limit of the channel (``month``: the clock's
    ``month_key``, when the caller has it)."""
    if max_price is not None and price > Decimal(max_price):
        raise invalid(
            "PRICE_OVER_THRESHOLD",
            member,
            f"The message costs {price} USD, more than the {member} of {max_price} USD.",
        )
    limit_name, reason = SPEND_LIMITS[channel]
    spent = backend.spend.get((limit_name, month or month_key(backend)), _ZERO)
    enforced = backend.settings.enforced_limit(limit_name)
    if spent + price > enforced:
        raise ServiceQuotaExceededException(
            f"Sending would bring this month's {channel} spend to {spent + price} USD, over the "
            f"{enforced} USD limit.",
            reason=reason,
        )


def charge(backend: Backend, channel: str, price: Decimal, *, month: str | None = None) -> None:
    key = (SPEND_LIMITS[channel][0], month or month_key(backend))
    backend.spend[key] = backend.spend.get(key, _ZERO) + price


def message_type(
    params: dict[str, Any], config: ConfigurationSet | None, origin: Origin
) -> str | None:
    """The request's MessageType, else the configuration set's default, else the identity's."""
    if params.get("MessageType"):
        return str(params["MessageType"])
    if config is not None and config.default_message_type:
        return config.default_message_type
    if origin.phone is not None:
        return origin.phone.message_type
    return origin.pool.message_type if origin.pool is not None else None
