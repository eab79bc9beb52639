"""The security review's attacks, replayed in real Chromium (Debian's, through Playwright): a page of
another origin (another loopback port) cannot change or read the server's state with ``fetch``
(``no-cors``, ``text/plain``), with a ``<form enctype="text/plain">``, nor by DNS rebinding (Chromium's
``--host-resolver-rules`` maps ``evil.example`` to 127.0.0.1), while the web inbox itself, in the same
browser, still replies STOP."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.helpers import request_number
from tests.server.conftest import SUCCESS, control
from tests.server.test_web_inbox import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, playwright_api

SECRET = "Your login code is 481516"

ATTACK = """<!doctype html><title>evil</title>
<form id=f method=POST enctype=text/plain action="{target}/_smsvoice/clock/advance">
<input name='{{"days": 400, "x": "' value='"}}'></form>
<script>
window.results = [];
async function attack() {{
  const t = "{target}";
  const plain = {{"Content-Type": "text/plain"}};
  const tries = [
    ["reset", {{}}],
    ["inbound", {{destination_number: "{number}", origination_number: "{customer}", message_body: "STOP"}}],
    ["faults", {{error: "ThrottlingException", operation: "SendTextMessage"}}],
    ["clock/advance", {{days: 400}}],
  ];
  for (const [path, body] of tries) {{
    await fetch(t + "/_smsvoice/" + path, {{method: "POST", mode: "no-cors", headers: plain,
      body: JSON.stringify(body)}}).catch(e => null);
    await fetch(t + "/_smsvoice/" + path, {{method: "POST", headers: {{"Content-Type": "application/json"}},
      body: JSON.stringify(body)}}).then(r => window.results.push("sent " + r.status),
      e => window.results.push("blocked"));
  }}
  await fetch(t + "/_smsvoice/sent-messages").then(r => r.text()).then(
    text => window.results.push("read " + text), e => window.results.push("unreadable"));
  window.done = true;
}}
</script>"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"]
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield launched
        launched.close()


@pytest.fixture
def evil_site(server: str, client: Any) -> Iterator[tuple[str, str]]:
    """A page of another origin (another loopback port) aimed at ``server``; ``(its URL, number)``."""
    number = request_number(client)
    client.send_text_message(
        DestinationPhoneNumber=SUCCESS,
        OriginationIdentity=number["PhoneNumberId"],
        MessageBody=SECRET,
    )
    page = ATTACK.format(target=server, number=number["PhoneNumber"], customer=SUCCESS).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/", number["PhoneNumber"]
    finally:
        site.shutdown()
        site.server_close()


def unchanged(server: str, number: str) -> None:
    """Nothing the attack tried happened: the message is there, no inbound text, no fault rule,
    the clock where it was."""
    sent = control(server, "GET", "sent-messages")[1]["SentMessages"]
    assert [m["message_body"] for m in sent] == [SECRET]
    assert control(server, "GET", "inbound-messages")[1] == {"InboundMessages": [], "Cursor": "0"}
    assert control(server, "GET", "faults")[1] == {"Faults": []}
    assert control(server, "GET", "clock")[1]["offset_seconds"] == 0


def attacked(browser: Any, url: str) -> Any:
    """A tab on the attacker's page ``url`` once its ``attack()`` has run to the end."""
    tab = browser.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.goto(url)
    tab.evaluate("attack()")
    tab.wait_for_function("window.done === true")
    return tab


def test_a_page_of_another_origin_cannot_change_or_read_anything(
    browser: Any, server: str, evil_site: tuple[str, str]
) -> None:
    """fetch in no-cors mode with a text/plain body, fetch with JSON (which needs a preflight the
    server never grants) and a text/plain form post all leave the state as it was, and the page
    cannot read the sent messages."""
    url, number = evil_site
    tab = attacked(browser, url)
    results = tab.evaluate("window.results")
    assert all(r in ("blocked", "unreadable") for r in results), results
    assert not any(SECRET in r for r in results)
    with tab.expect_navigation():
        tab.evaluate("document.getElementById('f').submit()")
    assert "cannot change this server's state" in tab.content()
    tab.close()
    unchanged(server, number)


def test_dns_rebinding_reads_nothing(browser: Any, server: str, evil_site: tuple[str, str]) -> None:
    """A name rebound to 127.0.0.1 (``evil.example``) reaches the server but is refused for its
    Host: its page reads no message, and its own-origin requests change nothing."""
    _, number = evil_site
    port = urlsplit(server).port
    tab = browser.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    answer = tab.goto(f"http://evil.example:{port}/_smsvoice/sent-messages")
    assert answer is not None
    assert answer.status == 403
    assert SECRET not in tab.content()
    assert "--allow-host" in tab.content()
    status = tab.evaluate(
        """() => fetch("/_smsvoice/reset", {method: "POST", headers: {"Content-Type": "application/json"},
        body: "{}"}).then(r => r.status)"""
    )
    assert status == 403
    tab.close()
    unchanged(server, number)


def test_the_inbox_itself_still_replies_stop_after_the_attack(
    browser: Any, server: str, evil_site: tuple[str, str]
) -> None:
    """The checks refuse other pages, not the server's own: after the attack, the web inbox in the
    same browser replies STOP from the end user's number, and the number is opted out."""
    url, number = evil_site
    attacked(browser, url).close()
    unchanged(server, number)
    tab = browser.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.goto(server)
    tab.get_by_text(SECRET).first.wait_for()
    tab.get_by_label(f"Reply as {SUCCESS}").fill("STOP")
    tab.get_by_role("button", name="Send").click()
    playwright_api.expect(tab.locator("#messages")).to_contain_text("You are now opted out")
    tab.close()
    inbound = control(server, "GET", "inbound-messages")[1]["InboundMessages"]
    assert [(m["origination_number"], m["message_body"]) for m in inbound] == [(SUCCESS, "STOP")]
