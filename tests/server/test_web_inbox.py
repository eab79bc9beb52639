"""The web inbox in a real browser: headless Chromium from the system (Debian's ``chromium``) driven by
Playwright for Python, against the session server. Screenshots go to ``$SMSVOICE_MOCK_ARTIFACTS``
(default: a temporary folder). Without Playwright or /usr/bin/chromium the tests are skipped, except in
CI (``CI=true``), where they fail."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import error_of, request_number, tool_or_skip
from tests.server.conftest import FAILURE, SUCCESS, control, server_client, sns_events

playwright_api = tool_or_skip("playwright.sync_api", "test")

CHROMIUM = os.environ.get("SMSVOICE_MOCK_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing; install it (apt-get install -y chromium).")
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install -y chromium); with CI=true this fails instead",
        allow_module_level=True,
    )

# Browser downloads are impossible here: the system Chromium, with nothing that calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: ``$SMSVOICE_MOCK_ARTIFACTS`` or a temporary folder."""
    folder = os.environ.get("SMSVOICE_MOCK_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("web-inbox")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Page:
    """A browser tab on the inbox that records script errors and dialogs (neither may happen)."""

    def __init__(self, browser: Any, width: int, height: int) -> None:
        self.tab = browser.new_page(viewport={"width": width, "height": height})
        self.tab.set_default_timeout(TIMEOUT_MS)
        self.problems: list[str] = []
        self.origin = ""
        self.tab.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.tab.on("dialog", self._dialog)
        self.tab.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.origin):
            self.problems.append(f"a request left the server: {request.url}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"a {dialog.type} dialog opened: {dialog.message}")
        dialog.dismiss()

    def open(self, url: str) -> Any:
        self.origin = "/".join(url.split("/", 3)[:3]) + "/"
        self.tab.goto(url)
        # A mark that a reload would erase: new messages must arrive without one.
        self.tab.evaluate("window.__notReloaded = true")
        return self.tab

    def still_the_same_page(self) -> bool:
        return bool(self.tab.evaluate("window.__notReloaded === true"))


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    opened = Page(browser, 1200, 760)
    yield opened
    opened.tab.close()
    assert opened.problems == []


def text(client: Any, number: dict[str, Any], body: str, to: str = SUCCESS) -> None:
    """Send ``body`` from ``number`` to ``to`` through boto3."""
    client.send_text_message(
        DestinationPhoneNumber=to, OriginationIdentity=number["PhoneNumberId"], MessageBody=body
    )


def thread(tab: Any) -> Any:
    return tab.locator("#messages")


def test_a_sent_message_appears_and_stop_in_the_page_opts_the_number_out(
    server: str, client: Any, page: Page, artifacts: Path
) -> None:
    """A message sent through boto3 appears in the open page without a reload; STOP typed in the
    thread's reply box goes through ``POST /_smsvoice/inbound`` (the keyword handling of
    ``simulate_inbound``), its opt-out confirmation shows in the thread, and the next boto3 send is
    refused with ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT."""
    number = request_number(client)
    tab = page.open(server)
    expect = playwright_api.expect
    expect(tab.locator("#no-conversations")).to_be_visible()
    text(client, number, "Your code is 481516")
    expect(thread(tab)).to_contain_text("Your code is 481516")
    assert page.still_the_same_page()
    tab.screenshot(path=str(artifacts / "1-message-arrived.png"))

    tab.get_by_label(f"Reply as {SUCCESS}").fill("STOP")
    tab.get_by_role("button", name="Send").click()
    expect(thread(tab)).to_contain_text("You are now opted out")
    expect(tab.locator("#thread-notes")).to_contain_text("Opted out on")
    tab.screenshot(path=str(artifacts / "2-stop-replied.png"))

    with pytest.raises(client.exceptions.ConflictException) as exc_info:
        client.send_text_message(
            DestinationPhoneNumber=SUCCESS,
            OriginationIdentity=number["PhoneNumberId"],
            MessageBody="Still there?",
        )
    assert error_of(exc_info)["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"

    tab.get_by_role("button", name="Resources").click()
    opt_outs = tab.get_by_role("table", name="Opt-out lists")
    expect(opt_outs).to_contain_text(SUCCESS)
    tab.screenshot(path=str(artifacts / "3-resources.png"), full_page=True)
    assert page.still_the_same_page()


def test_a_message_body_is_shown_as_text_never_as_markup(
    server: str, client: Any, page: Page, artifacts: Path
) -> None:
    """User text is escaped: a body of ``<script>alert(1)</script>`` (or an ``<img onerror>``) shows
    as those characters, and nothing runs (no dialog, no element made from it)."""
    number = request_number(client)
    bodies = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">']
    for body in bodies:
        text(client, number, body, to=FAILURE)
    tab = page.open(f"{server}/_smsvoice/ui")
    shown = tab.locator("#messages .body")
    playwright_api.expect(shown).to_have_text(bodies)
    assert tab.locator("#messages script, #messages img, #conversation-list img").count() == 0
    tab.get_by_label(f"Reply as {FAILURE}").fill("<b>bold?</b>")
    tab.get_by_label(f"Reply as {FAILURE}").press("Enter")
    playwright_api.expect(shown).to_have_text([*bodies, "<b>bold?</b>"])
    assert tab.locator("#messages b").count() == 0
    tab.screenshot(path=str(artifacts / "4-escaped.png"))


def test_the_page_is_usable_at_phone_width_with_the_keyboard(
    server: str, client: Any, browser: Any, artifacts: Path
) -> None:
    """At 375 pixels the list and the thread take turns, nothing scrolls sideways, and a keyboard
    alone opens a conversation, answers HELP and comes back to the list."""
    narrow = Page(browser, 375, 740)
    number = request_number(client)
    text(client, number, "Your table for 2 is ready. Reply HELP for help.")
    tab = narrow.open(server)
    expect = playwright_api.expect
    conversation = tab.get_by_role("button", name=re.compile(re.escape(SUCCESS)))
    expect(conversation).to_be_visible()
    expect(tab.locator("#thread")).to_be_hidden()
    conversation.focus()
    tab.keyboard.press("Enter")
    reply = tab.get_by_label(f"Reply as {SUCCESS}")
    expect(reply).to_be_focused()
    expect(conversation).to_be_hidden()
    tab.keyboard.type("HELP")
    tab.keyboard.press("Enter")
    expect(thread(tab)).to_contain_text("For assistance")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    tab.screenshot(path=str(artifacts / "5-phone-width.png"), full_page=True)
    tab.get_by_role("button", name="All conversations").press("Enter")
    expect(tab.get_by_role("button", name=re.compile(re.escape(SUCCESS)))).to_be_focused()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    narrow.tab.close()
    assert narrow.problems == []


def test_a_thread_shows_each_channel_with_its_events(
    server: str, client: Any, page: Page, artifacts: Path
) -> None:
    """A thread shows a text with its parts, status and events, a voice message as its transcript
    with the voice, a media message's files, and an inbound text with its keyword and the answer;
    this screenshot (``web-inbox.png``) is the one in docs/img/."""
    number = request_number(client, NumberCapabilities=["SMS", "MMS", "VOICE"])
    sns_events(client, "app", "delivery-receipts")
    client.put_keyword(
        OriginationIdentity=number["PhoneNumberId"],
        Keyword="HOURS",
        KeywordMessage="We are open 9am to 5pm, Monday to Friday.",
    )
    origin = {"OriginationIdentity": number["PhoneNumberId"], "ConfigurationSetName": "app"}
    client.send_text_message(
        DestinationPhoneNumber=FAILURE, MessageBody="Your parcel is on its way.", **origin
    )
    tab = page.open(server)
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        MessageBody="Your appointment is confirmed for Tuesday at 10:30. Reply HOURS for our opening times.",
        **origin,
    )
    client.send_voice_message(
        DestinationPhoneNumber=SUCCESS,
        MessageBody="Hello, this is a reminder of your appointment on Tuesday at 10:30.",
        VoiceId="JOANNA",
        **origin,
    )
    client.send_media_message(
        DestinationPhoneNumber=SUCCESS,
        MessageBody="Here is the map to our office.",
        MediaUrls=["s3://example-bucket/map.png"],
        **origin,
    )
    expect = playwright_api.expect
    expect(tab.locator("#conversation-list li")).to_have_count(2)
    tab.get_by_role("button", name=re.compile(re.escape(SUCCESS))).click()
    expect(thread(tab)).to_contain_text("Here is the map to our office.")
    control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "hours?",
        },
    )
    expect(thread(tab)).to_contain_text("We are open 9am to 5pm")
    messages = thread(tab).locator(":scope > li")
    expect(messages).to_have_count(5)
    expect(messages.nth(1)).to_contain_text("Voice call transcript (JOANNA, TEXT")
    expect(messages.nth(2).get_by_role("list", name="Media")).to_have_text(
        "s3://example-bucket/map.png"
    )
    expect(messages.nth(3)).to_contain_text("keyword HOURS")
    first = messages.nth(0)
    expect(first.get_by_text("1 part", exact=False)).to_be_visible()
    first.locator("summary").click()
    expect(first.locator(".events")).to_contain_text("TEXT_DELIVERED")
    expect(first.locator(".events")).to_contain_text("delivery-receipts")
    tab.get_by_label("Search by number or text").fill("parcel")
    expect(tab.get_by_role("button", name=re.compile(re.escape(SUCCESS)))).to_be_hidden()
    expect(tab.get_by_role("button", name=re.compile(re.escape(FAILURE)))).to_be_visible()
    tab.get_by_label("Search by number or text").fill("")
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.evaluate("document.activeElement.blur()")
    thread(tab).evaluate("list => { list.scrollTop = list.scrollHeight; }")
    tab.screenshot(path=str(artifacts / "web-inbox.png"))


def test_a_notify_message_names_its_template_and_no_number_means_no_reply(
    server: str, client: Any, page: Page
) -> None:
    """A Notify message shows its template; with no phone number in the account nothing can receive
    the end user's reply, so the reply box is disabled and says why."""
    config = client.create_notify_configuration(
        DisplayName="Acme",
        UseCase="CODE_VERIFICATION",
        EnabledChannels=["SMS"],
        DefaultTemplateId="nt-otp-en",
    )
    client.send_notify_text_message(
        NotifyConfigurationId=config["NotifyConfigurationId"],
        DestinationPhoneNumber="+12065550100",
        TemplateVariables={"code": "123456"},
    )
    tab = page.open(server)
    expect = playwright_api.expect
    expect(thread(tab)).to_contain_text("Your verification code is 123456")
    expect(thread(tab)).to_contain_text("Notify template nt-otp-en")
    expect(tab.get_by_label("Reply as +12065550100")).to_be_disabled()
    expect(tab.locator("#reply-hint")).to_have_text(
        "No phone number of the account can receive a reply."
    )


def test_the_controls_advance_the_clock_and_reset_everything(
    server: str, client: Any, number: dict[str, Any], page: Page
) -> None:
    """The page's Advance button is ``POST /_smsvoice/clock/advance`` and its Reset everything button,
    once confirmed, ``POST /_smsvoice/reset``: the clock moves, then no conversation and no resource
    is left; the resources view is searched by text."""
    text(client, number, "Hi")
    tab = page.open(server)
    expect = playwright_api.expect
    expect(thread(tab)).to_contain_text("Hi")
    tab.get_by_label("Advance the clock by").fill("2")
    tab.get_by_label("Unit").select_option("days")
    tab.get_by_role("button", name="Advance").click()
    expect(tab.get_by_role("status")).to_have_text("The clock moved 2 days forward.")
    assert control(server, "GET", "clock")[1]["offset_seconds"] == 2 * 86400
    tab.get_by_role("button", name="Resources").click()
    expect(tab.get_by_role("table", name="Phone numbers")).to_contain_text(number["PhoneNumber"])
    tab.get_by_label("Search by number or text").fill("no such thing")
    expect(tab.get_by_role("table", name="Phone numbers")).to_be_hidden()
    tab.get_by_role("button", name="Reset everything").click()
    tab.locator("#reset-confirm").click()
    expect(tab.locator("#resources")).to_contain_text("No resources yet")
    tab.get_by_role("button", name="Conversations").click()
    expect(tab.locator("#no-conversations")).to_be_visible()
    assert control(server, "GET", "sent-messages")[1] == {"SentMessages": [], "Cursor": "0"}


def test_the_thread_sets_what_the_next_message_to_its_number_does(
    server: str, client: Any, page: Page, artifacts: Path
) -> None:
    """The conversation's outcome control is ``POST /_smsvoice/deliveries/next`` for its number: the
    next text to it ends in the chosen event type, and the thread shows that outcome."""
    number = request_number(client)
    text(client, number, "First, delivered")
    tab = page.open(server)
    expect = playwright_api.expect
    tab.get_by_role("button", name=re.compile(re.escape(SUCCESS))).click()
    choice = tab.get_by_label(f"The next message to {SUCCESS} ends in")
    choice.select_option("TEXT_CARRIER_BLOCKED")
    tab.get_by_role("button", name="Set outcome").click()
    expect(tab.get_by_role("status")).to_have_text(
        f"The next text message to {SUCCESS} ends in TEXT_CARRIER_BLOCKED."
    )
    text(client, number, "Second, blocked by the carrier")
    last = thread(tab).locator("li.message").last
    expect(last).to_contain_text("Second, blocked by the carrier")
    expect(last).to_contain_text("CARRIER_BLOCKED")
    tab.screenshot(path=str(artifacts / "8-outcome-set.png"))
    assert control(server, "GET", "deliveries")[1]["Deliveries"][0]["seen"] == 1


def test_a_reply_typed_in_the_page_reaches_the_application_over_http(
    server: str, client: Any, page: Page
) -> None:
    """A reply typed in the thread of a two-way number whose TwoWayChannelArn is subscribed with
    ``POST /_smsvoice/sns-http`` reaches the application's URL as an SNS Notification."""
    from tests.server.sns_receiver import Receiver

    topic = "arn:aws:sns:us-east-1:123456789012:sms-inbound"
    number = request_number(client)
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"], TwoWayEnabled=True, TwoWayChannelArn=topic
    )
    receiver = Receiver()
    try:
        assert (
            control(server, "POST", "sns-http", {"topic_arn": topic, "url": receiver.url})[0] == 200
        )
        text(client, number, "Reply YES to confirm your appointment")
        tab = page.open(server)
        expect = playwright_api.expect
        expect(thread(tab)).to_contain_text("Reply YES to confirm")
        tab.get_by_label(f"Reply as {SUCCESS}").fill("YES see you then")
        tab.get_by_role("button", name="Send").click()
        expect(thread(tab)).to_contain_text("YES see you then")
        (document,) = receiver.documents(1)
        assert document["Type"] == "Notification"
        assert document["TopicArn"] == topic
        payload = json.loads(document["Message"])
        assert payload["messageBody"] == "YES see you then"
        assert payload["originationNumber"] == SUCCESS
        assert payload["destinationNumber"] == number["PhoneNumber"]
        sent = control(server, "GET", "sent-messages")[1]["SentMessages"]
        assert payload["previousPublishedMessageId"] == sent[0]["message_id"]
    finally:
        control(server, "DELETE", "sns-http")
        receiver.close()


def test_a_message_opens_in_its_own_view_and_its_link_survives_a_reload(
    server: str, client: Any, page: Page, artifacts: Path
) -> None:
    """Clicking a message opens its view: id, encoding, parts, price, context, status and its events
    as JSON; the address is ``#message/<id>``, which a reload opens again, and
    ``#conversation/<number>`` opens that conversation."""
    number = request_number(client)
    sns_events(client, "app", "receipts")
    out = client.send_text_message(
        DestinationPhoneNumber=FAILURE,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Your parcel is on its way.",
    )
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody="Über den Wolken: 481516",
        ConfigurationSetName="app",
        Context={"order": "42"},
    )
    sent = control(server, "GET", "sent-messages?destination=%2B14254147755")[1]["SentMessages"][0]
    tab = page.open(server)
    expect = playwright_api.expect
    tab.get_by_role("button", name=re.compile(re.escape(SUCCESS))).click()
    assert tab.evaluate("location.hash") == "#conversation/%2B14254147755"
    thread(tab).get_by_text("Über den Wolken: 481516").click()
    view = tab.locator("#message-view")
    expect(view).to_be_visible()
    fields = tab.locator("#message-fields")
    expect(fields.locator('[data-field="Message id"]')).to_have_text(sent["message_id"])
    expect(fields.locator('[data-field="Encoding"]')).to_have_text(sent["encoding"])
    expect(fields.locator('[data-field="Parts"]')).to_have_text("1")
    expect(fields.locator('[data-field="Price"]')).to_have_text(f"{sent['price']} USD")
    expect(fields.locator('[data-field="Status"]')).to_have_text("DELIVERED")
    expect(fields.locator('[data-field="Context"]')).to_contain_text('"order": "42"')
    events = tab.locator("#message-events")
    expect(events).to_contain_text('"event_type": "TEXT_DELIVERED"')
    expect(events).to_contain_text('"messageStatus": "DELIVERED"')
    assert tab.evaluate("location.hash") == f"#message/{sent['message_id']}"
    tab.screenshot(path=str(artifacts / "9-message-view.png"))

    tab.reload()
    expect(view).to_be_visible()
    expect(fields.locator('[data-field="Message id"]')).to_have_text(sent["message_id"])
    tab.get_by_role("button", name=f"Back to {SUCCESS}").click()
    expect(view).to_be_hidden()
    expect(tab.locator("#thread-heading")).to_have_text(SUCCESS)

    tab.goto(f"{server}/#conversation/{FAILURE.replace('+', '%2B')}")
    tab.reload()
    expect(tab.locator("#thread-heading")).to_have_text(FAILURE)
    expect(thread(tab)).to_contain_text("Your parcel is on its way.")
    assert out["MessageId"] in thread(tab).locator("li.message").first.get_attribute(
        "data-message-id"
    )


def test_reset_everything_asks_first(server: str, client: Any, page: Page) -> None:
    """ "Reset everything" opens a confirmation; Cancel (or Escape) resets nothing, Reset resets."""
    number = request_number(client)
    text(client, number, "Keep me")
    tab = page.open(server)
    expect = playwright_api.expect
    expect(thread(tab)).to_contain_text("Keep me")
    dialog = tab.get_by_role("dialog", name="Reset everything?")
    tab.get_by_role("button", name="Reset everything").click()
    expect(dialog).to_be_visible()
    tab.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(tab.get_by_role("status")).to_have_text("Nothing was reset.")
    tab.get_by_role("button", name="Reset everything").click()
    tab.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert len(control(server, "GET", "sent-messages")[1]["SentMessages"]) == 1
    tab.get_by_role("button", name="Reset everything").click()
    dialog.get_by_role("button", name="Reset", exact=True).click()
    expect(tab.locator("#no-conversations")).to_be_visible()
    assert control(server, "GET", "sent-messages")[1]["SentMessages"] == []


def test_refused_calls_show_in_their_conversation_and_in_a_list(
    server: str, client: Any, page: Page, artifacts: Path
) -> None:
    """A send refused because the number opted out shows in that number's thread, with its error
    and Reason, and in the list of refused calls (``GET /_smsvoice/calls?refused=true``); its text
    is shown as text."""
    number = request_number(client)
    text(client, number, "Before STOP")
    control(
        server,
        "POST",
        "inbound",
        {
            "destination_number": number["PhoneNumber"],
            "origination_number": SUCCESS,
            "message_body": "STOP",
        },
    )
    tab = page.open(server)
    expect = playwright_api.expect
    expect(thread(tab)).to_contain_text("You are now opted out")
    with pytest.raises(client.exceptions.ConflictException):
        text(client, number, "<b>After STOP</b>")
    refused = thread(tab).locator("li.refused")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("<b>After STOP</b>")
    expect(refused).to_contain_text("400 ConflictException")
    expect(refused).to_contain_text("DESTINATION_PHONE_NUMBER_OPTED_OUT")
    assert tab.locator("#messages b").count() == 0
    expect(thread(tab).locator(":scope > li").last).to_have_class(re.compile("refused"))
    tab.screenshot(path=str(artifacts / "10-refused-in-thread.png"))
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_pool(PoolId="pool-nope")
    tab.get_by_role("button", name=re.compile("Refused calls")).click()
    calls = tab.get_by_role("table", name="Refused calls")
    expect(calls.locator("tbody tr")).to_have_count(2)
    expect(calls.locator("tbody tr").first).to_contain_text("DeletePool")
    expect(calls.locator("tbody tr").last).to_contain_text("DESTINATION_PHONE_NUMBER_OPTED_OUT")
    expect(tab.locator("#refused-count")).to_have_text("(2)")
    tab.screenshot(path=str(artifacts / "11-refused-calls.png"))
    calls.get_by_role("link", name=SUCCESS).click()
    expect(tab.locator("#conversations-view")).to_be_visible()
    expect(tab.locator("#thread-heading")).to_have_text(SUCCESS)


def test_an_empty_inbox_says_how_to_connect(server: str, page: Page) -> None:
    """With no message yet the page shows the server's endpoint with a boto3 line and an AWS CLI
    line that point at it, each with a Copy button; the hint goes once a message comes."""
    tab = page.open(server)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    expect = playwright_api.expect
    hint = tab.get_by_role("region", name="How to connect")
    expect(hint).to_be_visible()
    expect(tab.locator("#endpoint")).to_have_text(server)
    boto3_line = tab.locator("#boto3-line")
    expect(boto3_line).to_have_text(
        'client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1", '
        f'endpoint_url="{server}", aws_access_key_id="test", aws_secret_access_key="test")'
    )
    expect(tab.locator("#cli-line")).to_contain_text(f"--endpoint-url {server}")
    tab.get_by_role("button", name="Copy the boto3 line").click()
    expect(tab.get_by_role("status")).to_have_text(re.compile("Copied|selected"))
    if "Copied" in tab.get_by_role("status").inner_text():
        assert tab.evaluate("navigator.clipboard.readText()") == boto3_line.inner_text()
    client = server_client(server)
    text(client, request_number(client), "Hello")
    expect(hint).to_be_hidden()
