"""One module per resource family, one thin function per operation; importing registers them."""

from smsvoice_mock.handlers import account, keywords, messaging, opt_outs, phone_numbers

__all__ = ["account", "keywords", "messaging", "opt_outs", "phone_numbers"]
