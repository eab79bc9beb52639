"""One module per resource family, one thin function per operation; importing registers them."""

from smsvoice_mock.handlers import (
    account,
    configuration_sets,
    keywords,
    messaging,
    notify,
    opt_outs,
    phone_numbers,
    policies,
    pools,
    protect,
    rcs,
    registrations,
    sender_ids,
    tags,
    verified,
)

__all__ = [
    "account",
    "configuration_sets",
    "keywords",
    "messaging",
    "notify",
    "opt_outs",
    "phone_numbers",
    "policies",
    "pools",
    "protect",
    "rcs",
    "registrations",
    "sender_ids",
    "tags",
    "verified",
]
