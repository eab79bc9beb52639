"""python -m smsvoice_mock demo: a narrated scenario under the mock, printed as tables."""

from __future__ import annotations

import sys
from typing import Any

from smsvoice_mock import mock_smsvoice

CUSTOMER = "+14254147755"  # the AWS destination simulator number that always succeeds


def _say(text: str) -> None:
    print(f"\n>> {text}")


def demo() -> int:
    from botocore.config import Config
    from botocore.session import get_session

    _survive_any_terminal()
    with mock_smsvoice() as sms:
        client: Any = get_session().create_client(
            "pinpoint-sms-voice-v2",
            region_name="us-east-1",
            config=Config(retries={"total_max_attempts": 1}),
        )
        _say("Request a US simulator number (no AWS account, credentials or network involved).")
        number = client.request_phone_number(
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS"],
            NumberType="SIMULATOR",
        )
        print(f"   {number['PhoneNumber']}  {number['PhoneNumberId']}  status {number['Status']}")
        print(
            "   A new number starts PENDING; AWS makes it ACTIVE after a while, the mock at its next"
            " call, so it can send at once."
        )

        _say("Give it a keyword; HELP and STOP are already there.")
        client.put_keyword(
            OriginationIdentity=number["PhoneNumberId"],
            Keyword="HOURS",
            KeywordMessage="We are open 9-5, Monday to Friday.",
        )
        for kw in client.describe_keywords(OriginationIdentity=number["PhoneNumberId"])["Keywords"]:
            print(f"   {kw['Keyword']:<6} {kw['KeywordAction']:<19} {kw['KeywordMessage']}")

        _say(f"Send two messages to the customer at {CUSTOMER}.")
        for body in ("Your order #1042 has shipped.", "Your order #1042 was delivered. Enjoy! 📦"):
            out = client.send_text_message(
                DestinationPhoneNumber=CUSTOMER,
                OriginationIdentity=number["PhoneNumber"],
                MessageBody=body,
            )
            print(f"   accepted, MessageId {out['MessageId']}")

        _say("The customer texts HOURS, then STOP.")
        for text in ("hours?", "STOP"):
            inbound = sms.simulate_inbound(
                destination_number=number["PhoneNumber"],
                origination_number=CUSTOMER,
                message_body=text,
            )
            reply = inbound.response.message_body if inbound.response else "(no reply)"
            print(f"   {text!r} -> keyword {inbound.keyword} ({inbound.action}); the whole reply:")
            print(f"      {reply}")

        _say("The next send is refused by the service, as AWS would refuse it.")
        try:
            client.send_text_message(
                DestinationPhoneNumber=CUSTOMER,
                OriginationIdentity=number["PhoneNumber"],
                MessageBody="Sale!",
            )
        except client.exceptions.ConflictException as error:
            print(
                f"   ConflictException, Reason {error.response['Reason']}: {error.response['Message']}"
            )

        _say("What the customer's phone received:")
        print(sms.sent_messages)
        _say("What the customer sent:")
        print(sms.inbound_messages)
    _say("Next, try:")
    print("   python -m smsvoice_mock serve      then open http://127.0.0.1:4566 (the web inbox)")
    print("   def test_...(smsvoice_mock): ...   the pytest fixture (docs/pytest.md)")
    return 0


def _survive_any_terminal() -> None:
    """On a terminal that cannot show every character (cp1252), print ? rather than fail."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
