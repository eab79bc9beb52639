// The web inbox of smsvoice_mock: reads and drives the emulator through the control API only.
// Every piece of data goes into the page as text (textContent, attributes), never as HTML.
"use strict";

const API = "/_smsvoice/";
const POLL_MS = 1000;
// The final statuses of a message that reached the end user (the others are shown as warnings).
const GOOD_STATUSES = new Set(["DELIVERED", "COMPLETED", "SUCCESSFUL", "READ", "ANSWERED"]);

const state = {
  cursor: "",
  conversations: [],
  selected: null, // the end-user number whose thread is open
  view: "conversations",
  query: "",
  resourcesText: "",
  resources: [],
  eventTypes: null, // the final event types a delivery rule may name, by channel
  refused: [], // the refused calls (GET calls?refused=true), oldest first
  callsCursor: "0", // the call log's Cursor after the last refused call read
  messageId: null, // the message whose view is open
  hashApplied: false, // whether the link the page was opened with has been followed
  region: "us-east-1", // the server's default region (GET health)
};

const $ = (id) => document.getElementById(id);

// el("li", {class: "x"}, "text", child): an element with attributes and children (strings become text).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (method !== "GET") {
    // The server refuses a state change that is not JSON (a page of another site cannot send one).
    init.body = JSON.stringify(body === undefined ? {} : body);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(API + path, init);
  const data = await response.json();
  if (!response.ok) throw new Error(data.Message || `${method} ${path}: ${response.status}`);
  return data;
}

function say(text) {
  $("status").textContent = text;
}

// ISO 8601 -> "2026-12-01 23:41:07 UTC"
function when(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().slice(0, 19).replace("T", " ") + " UTC";
}

function timeEl(iso) {
  return el("time", { datetime: iso }, when(iso));
}

// -- search -----------------------------------------------------------------------------------------

function matches(text) {
  const q = state.query;
  if (!q) return true;
  const hay = String(text || "").toLowerCase();
  if (hay.includes(q)) return true;
  const digits = q.replace(/[^0-9]/g, "");
  return digits.length >= 3 && /^[+\d\s().-]+$/.test(q) && hay.replace(/[^0-9]/g, "").includes(digits);
}

function conversationMatches(conv) {
  return matches(conv.number) || conv.messages.some((m) => matches(m.message_body));
}

// -- conversations ----------------------------------------------------------------------------------

function preview(message) {
  if (message.channel === "VOICE") return "Voice call: " + (message.message_body || "");
  if (message.message_body) return message.message_body;
  if (message.media_urls && message.media_urls.length) return `${message.media_urls.length} media file(s)`;
  return message.channel || "";
}

function renderList() {
  const list = $("conversation-list");
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.number : undefined;
  const shown = state.conversations.filter(conversationMatches);
  list.replaceChildren(
    ...shown.map((conv) => {
      const last = conv.messages[conv.messages.length - 1];
      const button = el(
        "button",
        {
          type: "button",
          class: "conversation",
          "data-number": conv.number,
          "aria-current": conv.number === state.selected ? "true" : null,
        },
        el("span", { class: "who" }, conv.number),
        conv.opted_out.length ? el("span", { class: "badge warn" }, "opted out") : null,
        el("span", { class: "when" }, timeEl(conv.last_at)),
        el("span", { class: "snippet" }, (last.direction === "inbound" ? "↩ " : "") + preview(last)),
      );
      button.addEventListener("click", () => select(conv.number, true));
      return el("li", {}, button);
    }),
  );
  $("no-conversations").hidden = shown.length > 0;
  $("connect-hint").hidden = state.conversations.length > 0;
  $("no-conversations").textContent = state.conversations.length
    ? "No conversation matches the search."
    : "No messages yet. Send one through the API and it appears here.";
  if (focused) {
    const again = list.querySelector(`button[data-number="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

function badge(text, kind) {
  return el("span", { class: "badge" + (kind ? " " + kind : "") }, text);
}

function safeLink(url) {
  // Only web links are clickable; anything else (s3://, javascript:) stays text.
  return /^https?:\/\//i.test(url) ? el("a", { href: url, rel: "noopener noreferrer" }, url) : el("code", {}, url);
}

function outboundBody(m) {
  const parts = [];
  if (m.channel === "VOICE") {
    const details = [m.voice_id, m.message_body_text_type, m.duration_seconds ? `about ${m.duration_seconds} s` : null]
      .filter(Boolean).join(", ");
    parts.push(el("p", { class: "label" }, `Voice call transcript (${details})`));
  }
  if (m.message_body !== null && m.message_body !== undefined) {
    parts.push(el("p", { class: "body" }, m.message_body));
  }
  if (m.media_urls && m.media_urls.length) {
    parts.push(el("ul", { class: "media", "aria-label": "Media" }, m.media_urls.map((u) => el("li", {}, safeLink(u)))));
  }
  if (m.source === "NOTIFY" && m.extra) {
    parts.push(el("p", { class: "label" }, `Notify template ${m.extra.template_id || "?"} of ${m.extra.notify_configuration_id || "?"}`));
  } else if (m.channel === "RCS" && m.extra && Object.keys(m.extra).length) {
    parts.push(el("details", { class: "rcs" }, el("summary", {}, "RCS content"), el("pre", {}, JSON.stringify(m.extra, null, 2))));
  }
  return parts;
}

function eventsOf(m) {
  if (!m.events || !m.events.length) return null;
  return el(
    "details",
    { class: "events" },
    el("summary", {}, `${m.events.length} event${m.events.length === 1 ? "" : "s"}`),
    el(
      "ul",
      {},
      m.events.map((e) =>
        el(
          "li",
          {},
          el("strong", {}, e.event_type),
          e.status ? ` · ${e.status}` : "",
          ` → ${e.event_destination_name} (${e.destination_type}) at `,
          el("time", { datetime: e.timestamp, title: when(e.timestamp) }, when(e.timestamp).slice(11, 19)),
        ),
      ),
    ),
  );
}

function renderMessage(m) {
  if (m.direction === "inbound") {
    const notes = [];
    if (m.keyword) notes.push(badge(`keyword ${m.keyword}${m.action ? " · " + m.action : ""}`));
    if (m.opted_out) notes.push(badge("opted out", "warn"));
    if (m.opted_in) notes.push(badge("opted in", "ok"));
    return el(
      "li",
      { class: "message inbound", "data-message-id": m.message_id },
      el("article", { "aria-label": `Text from ${m.origination_number}` },
        el("p", { class: "meta" }, `From the end user to ${m.destination_number} · `, timeEl(m.at)),
        el("p", { class: "body" }, m.message_body),
        notes.length ? el("p", { class: "notes" }, notes) : null,
      ),
    );
  }
  const source = m.source === "KEYWORD_RESPONSE" ? badge("keyword response")
    : m.source === "NOTIFY" ? badge("Notify") : null;
  const statusKind = GOOD_STATUSES.has(m.status) ? "ok" : "warn";
  return el(
    "li",
    { class: "message outbound", "data-message-id": m.message_id },
    el("article", { "aria-label": `${m.channel} message from ${m.origination_identity || "the service"}` },
      el("p", { class: "meta" },
        badge(m.channel, "channel"), " ", source, source ? " " : "",
        `From ${m.origination_identity || "the service"} · `, timeEl(m.at),
        m.channel !== "VOICE" ? ` · ${m.parts} part${m.parts === 1 ? "" : "s"}` : "",
        m.message_type ? ` · ${m.message_type}` : "",
      ),
      outboundBody(m),
      el("p", { class: "notes" }, badge(m.status, statusKind),
        m.message_feedback_status ? badge(`feedback ${m.message_feedback_status}`) : null,
        m.configuration_set_name ? badge(`configuration set ${m.configuration_set_name}`) : null),
      eventsOf(m),
      el("p", { class: "open" }, el("button", { type: "button", class: "details-link", "data-open-message": m.message_id }, "Details")),
    ),
  );
}

// -- refused calls ----------------------------------------------------------------------------------

function refusedTo(number) {
  return state.refused.filter((c) => c.parameters && c.parameters.DestinationPhoneNumber === number);
}

function renderRefusedCall(c) {
  const body = c.parameters && typeof c.parameters.MessageBody === "string" ? c.parameters.MessageBody : null;
  return el(
    "li",
    { class: "message refused", "data-request-id": c.request_id },
    el("article", { "aria-label": `Refused ${c.operation}` },
      el("p", { class: "meta" }, badge("refused", "warn"), ` ${c.operation} · `, timeEl(c.called_at)),
      body !== null ? el("p", { class: "body" }, body) : null,
      el("p", { class: "notes" }, badge(`${c.status_code} ${c.error_code}`, "warn"), c.reason ? badge(c.reason, "warn") : null),
      el("p", { class: "error-message" }, c.error_message || ""),
    ),
  );
}

function renderCalls() {
  const root = $("calls");
  $("refused-count").textContent = state.refused.length ? `(${state.refused.length})` : "";
  if (!state.refused.length) {
    root.replaceChildren(el("p", { class: "empty" }, "No call was refused."));
    return;
  }
  const numbers = new Set(state.conversations.map((c) => c.number));
  const rows = state.refused.slice().reverse().map((c) => {
    const to = c.parameters ? c.parameters.DestinationPhoneNumber : undefined;
    const where = typeof to === "string"
      ? (numbers.has(to) ? el("a", { href: "#conversation/" + encodeURIComponent(to) }, to) : to)
      : "—";
    return [timeEl(c.called_at), c.operation || "(no operation)", where, `${c.status_code} ${c.error_code}`,
      c.reason || "—", c.error_message || ""];
  });
  root.replaceChildren(table("Refused calls", ["Time", "Operation", "Destination", "Error", "Reason", "Message"], rows)
    || el("p", { class: "empty" }, "No refused call matches the search."));
}

async function loadRefused() {
  const data = await call("GET", "calls?refused=true&after=" + encodeURIComponent(state.callsCursor));
  if (Number(data.Cursor) < Number(state.callsCursor)) {
    // The log was reset since the last read: read it again from the start.
    state.callsCursor = "0";
    state.refused = [];
    await loadRefused();
    renderThread();
    renderCalls();
    return;
  }
  state.callsCursor = data.Cursor;
  if (data.Calls.length) {
    state.refused.push(...data.Calls);
    renderThread();
    renderCalls();
  }
}

// -- one message ------------------------------------------------------------------------------------

function findMessage(id) {
  for (const conv of state.conversations) {
    const m = conv.messages.find((x) => x.message_id === id);
    if (m) return [conv, m];
  }
  return [null, null];
}

function json(value) {
  return JSON.stringify(value === undefined ? null : value, null, 2);
}

function renderMessageView() {
  const [conv, m] = findMessage(state.messageId);
  if (!m) return false;
  $("message-heading").textContent = `Message ${m.message_id}`;
  const rows = m.direction === "inbound"
    ? [["Message id", m.message_id], ["Direction", "inbound: from the end user"], ["From", m.origination_number],
      ["To", m.destination_number], ["Body", m.message_body], ["Keyword", m.keyword || "—"], ["Action", m.action || "—"],
      ["Received", when(m.at)]]
    : [["Message id", m.message_id], ["Direction", "outbound: to the end user"], ["Channel", m.channel],
      ["From", m.origination_identity || "the service"], ["To", m.destination_phone_number], ["Body", m.message_body ?? "—"],
      ["Encoding", m.encoding || "—"], ["Parts", String(m.parts)], ["Price", `${m.price} USD`], ["Status", m.status],
      ["Message type", m.message_type || "—"], ["Configuration set", m.configuration_set_name || "—"],
      ["Context", json(m.context)], ["Source", m.source], ["Sent", when(m.at)]];
  $("message-fields").replaceChildren(...rows.flatMap(([name, value]) => [
    el("dt", {}, name), el("dd", { "data-field": name }, name === "Context" ? el("pre", { class: "json" }, value) : value)]));
  $("message-close").textContent = `← Back to ${conv.number}`;
  $("message-events").textContent = json(m.events || []);
  return true;
}

async function loadMessageEvents(id) {
  // The events in full, as GET /_smsvoice/events answers them (the thread holds a summary).
  const data = await call("GET", "events?message_id=" + encodeURIComponent(id));
  if (state.messageId === id) $("message-events").textContent = json(data.Events);
}

function openMessage(id) {
  const [conv] = findMessage(id);
  if (!conv) {
    say(`Message ${id} is not in the inbox.`);
    return;
  }
  state.selected = conv.number;
  state.messageId = id;
  setHash("#message/" + encodeURIComponent(id));
  show("message");
  renderMessageView();
  loadMessageEvents(id).catch((error) => say(error.message));
  $("message-close").focus({ preventScroll: true });
}

function closeMessage() {
  const id = state.messageId;
  state.messageId = null;
  show("conversations");
  if (state.selected) setHash("#conversation/" + encodeURIComponent(state.selected));
  const item = $("messages").querySelector(`li[data-message-id="${CSS.escape(id || "")}"] .details-link`);
  if (item) item.focus();
}

// -- links ------------------------------------------------------------------------------------------

function setHash(hash) {
  if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
}

function followHash() {
  const found = /^#(conversation|message)\/(.+)$/.exec(location.hash);
  if (!found) return;
  let value;
  try {
    value = decodeURIComponent(found[2]);
  } catch {
    return;
  }
  if (found[1] === "message") {
    openMessage(value);
  } else if (state.conversations.some((c) => c.number === value)) {
    if (state.view === "message") state.messageId = null;
    show("conversations");
    select(value, false);
  } else {
    say(`No conversation with ${value} yet.`);
  }
}

function renderThread() {
  const thread = $("thread");
  const conv = state.conversations.find((c) => c.number === state.selected);
  $("split").classList.toggle("thread-open", Boolean(conv));
  if (!conv) {
    thread.hidden = true;
    return;
  }
  thread.hidden = false;
  $("thread-heading").textContent = conv.number;
  $("thread-notes").textContent = conv.opted_out.length
    ? `Opted out on ${conv.opted_out.join(", ")}: sends to this number are refused.`
    : "";
  const messages = $("messages");
  const atBottom = messages.scrollTop + messages.clientHeight >= messages.scrollHeight - 40;
  const items = conv.messages.map((m) => [Date.parse(m.at), renderMessage(m)]);
  for (const c of refusedTo(conv.number)) items.push([Date.parse(c.called_at), renderRefusedCall(c)]);
  items.sort((a, b) => a[0] - b[0]); // stable: messages of one time keep their order
  messages.replaceChildren(...items.map((item) => item[1]));
  const reply = conv.reply;
  const input = $("reply-text");
  $("reply-label").textContent = `Reply as ${conv.number}`;
  if (reply) {
    $("reply-hint").textContent = `Texts ${reply.destination_number} (${reply.account_id}, ${reply.region}); keywords such as STOP and HELP are handled as the service does.`;
    input.disabled = false;
    $("reply-send").disabled = false;
  } else {
    $("reply-hint").textContent = "No phone number of the account can receive a reply.";
    input.disabled = true;
    $("reply-send").disabled = true;
  }
  $("outcome-label").textContent = `The next message to ${conv.number} ends in`;
  if (atBottom) messages.scrollTop = messages.scrollHeight; // once the reply box has its height
}

async function loadEventTypes() {
  const data = await call("GET", "deliveries");
  state.eventTypes = data.EventTypes;
  const select = $("outcome-type");
  select.replaceChildren(...Object.entries(data.EventTypes).map(([channel, types]) =>
    el("optgroup", { label: channel }, ...types.map((type) => el("option", { value: type }, type)))));
}

function select(number, focus) {
  state.selected = number;
  setHash("#conversation/" + encodeURIComponent(number));
  renderList();
  renderThread();
  if (focus) $("reply-text").focus({ preventScroll: true });
  const messages = $("messages");
  messages.scrollTop = messages.scrollHeight;
}

function applyConversations(data) {
  const before = new Set(state.conversations.flatMap((c) => c.messages.map((m) => m.message_id)));
  state.cursor = data.cursor;
  state.conversations = data.conversations;
  $("clock").textContent = when(data.clock.now);
  $("clock").setAttribute("datetime", data.clock.now);
  if (state.selected && !state.conversations.some((c) => c.number === state.selected)) state.selected = null;
  if (!state.selected && state.conversations.length && window.matchMedia("(min-width: 48em)").matches) {
    state.selected = state.conversations[0].number;
  }
  renderList();
  renderThread();
  renderCalls();
  if (!state.hashApplied) {
    state.hashApplied = true;
    followHash();
  } else if (state.view === "message" && !renderMessageView()) {
    closeMessage();
  }
  const fresh = state.conversations.flatMap((c) => c.messages.filter((m) => !before.has(m.message_id)).map((m) => [c, m]));
  if (before.size && fresh.length === 1) {
    const [conv, m] = fresh[0];
    say(m.direction === "inbound" ? `New text from ${conv.number}.` : `New ${m.channel} message to ${conv.number}.`);
  } else if (before.size && fresh.length > 1) {
    say(`${fresh.length} new messages.`);
  }
}

// -- resources --------------------------------------------------------------------------------------

function table(caption, columns, rows) {
  if (!rows.length) return state.query ? null : el("p", { class: "none" }, `${caption}: none.`);
  const shown = rows.filter((row) => matches(row.map((cell) => (typeof cell === "string" ? cell : cell.textContent)).join(" ")));
  if (!shown.length) return null;
  return el(
    "div", { class: "table-wrap" },
    el("table", {},
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c)))),
      el("tbody", {}, shown.map((row) => el("tr", {}, row.map((cell, i) => el("td", { "data-label": columns[i] }, cell))))),
    ),
  );
}

function keywordList(keywords) {
  return el("ul", { class: "plain" }, (keywords || []).map((k) =>
    el("li", {}, el("strong", {}, k.Keyword), ` (${k.KeywordAction}): `, k.KeywordMessage)));
}

function yesNo(value) {
  return value ? "yes" : "no";
}

function renderResources() {
  const root = $("resources");
  if (!state.resources.length) {
    root.replaceChildren(el("p", { class: "empty" }, "No resources yet: request a phone number, seed the server, or send a message."));
    return;
  }
  root.replaceChildren(...state.resources.map((b) => {
    const tables = [
      table("Phone numbers", ["Number", "Id", "Type", "Status", "Capabilities", "Pool", "Opt-out list", "Two-way", "Keywords"],
        b.phone_numbers.map((p) => [p.PhoneNumber, p.PhoneNumberId, `${p.IsoCountryCode} ${p.NumberType}`, p.Status,
          (p.NumberCapabilities || []).join(", "), p.PoolId || "—", p.OptOutListName, yesNo(p.TwoWayEnabled), keywordList(p.Keywords)])),
      table("Sender IDs", ["Sender ID", "Country", "Message types", "Registered"],
        b.sender_ids.map((s) => [s.SenderId, s.IsoCountryCode, (s.MessageTypes || []).join(", "), yesNo(s.Registered)])),
      table("Pools", ["Pool", "Status", "Members", "Opt-out list", "Self-managed opt-outs", "Keywords"],
        b.pools.map((p) => [p.PoolId, p.Status, el("ul", { class: "plain" }, p.Members.map((a) => el("li", {}, a.split("/").pop()))),
          p.OptOutListName, yesNo(p.SelfManagedOptOutsEnabled), keywordList(p.Keywords)])),
      table("Opt-out lists", ["Name", "Opted-out numbers"],
        b.opt_out_lists.map((o) => [o.OptOutListName, o.OptedOutNumbers.length
          ? el("ul", { class: "plain" }, o.OptedOutNumbers.map((n) => el("li", {}, n.OptedOutNumber,
            n.EndUserOptedOut ? " (by the end user) " : " ", timeEl(n.OptedOutTimestamp))))
          : "none"])),
      table("Configuration sets", ["Name", "Default sender ID", "Default message type", "Event destinations"],
        b.configuration_sets.map((c) => [c.ConfigurationSetName, c.DefaultSenderId || "—", c.DefaultMessageType || "—",
          c.EventDestinations.length
            ? el("ul", { class: "plain" }, c.EventDestinations.map((d) => el("li", {}, el("strong", {}, d.EventDestinationName),
              ` ${d.Enabled ? "" : "(disabled) "}${(d.MatchingEventTypes || []).join(", ")}`)))
            : "none"])),
    ].filter(Boolean);
    return el("section", { class: "backend", "aria-label": `Account ${b.account_id} in ${b.region}` },
      el("h3", {}, `Account ${b.account_id} · ${b.region}`),
      tables.length ? tables : el("p", { class: "empty" }, "Nothing matches the search."));
  }));
}

async function loadResources() {
  const data = await call("GET", "resources");
  const text = JSON.stringify(data.Backends);
  if (text !== state.resourcesText) {
    state.resourcesText = text;
    state.resources = data.Backends;
    renderResources();
  }
}

// -- polling and controls ---------------------------------------------------------------------------

let timer = null;

async function poll() {
  clearTimeout(timer);
  try {
    const data = await call("GET", "conversations?after=" + encodeURIComponent(state.cursor));
    if (data.changed) applyConversations(data);
    await loadRefused();
    if (state.view === "resources") await loadResources();
    document.body.classList.remove("offline");
  } catch (error) {
    document.body.classList.add("offline");
    say(`The server does not answer (${error.message}); retrying.`);
  }
  timer = setTimeout(poll, document.hidden ? 5 * POLL_MS : POLL_MS);
}

function show(view) {
  state.view = view;
  $("conversations-view").hidden = view !== "conversations";
  $("message-view").hidden = view !== "message";
  $("resources-view").hidden = view !== "resources";
  $("calls-view").hidden = view !== "calls";
  $("tab-conversations").setAttribute("aria-pressed", String(view === "conversations" || view === "message"));
  $("tab-resources").setAttribute("aria-pressed", String(view === "resources"));
  $("tab-calls").setAttribute("aria-pressed", String(view === "calls"));
  if (view === "resources") loadResources().catch((error) => say(error.message));
}

async function act(work, done) {
  let outcome = done;
  try {
    await work();
  } catch (error) {
    outcome = error.message;
  }
  state.cursor = "";
  await poll();
  say(outcome);
}

function start() {
  $("tab-conversations").addEventListener("click", () => show("conversations"));
  $("tab-resources").addEventListener("click", () => show("resources"));
  $("tab-calls").addEventListener("click", () => show("calls"));
  $("message-close").addEventListener("click", closeMessage);
  $("messages").addEventListener("click", (event) => {
    if (event.target.closest("a, summary, details > ul")) return;
    const item = event.target.closest("li[data-message-id]");
    if (item) openMessage(item.dataset.messageId);
  });
  for (const button of document.querySelectorAll("button.copy")) {
    button.addEventListener("click", () => copyLine(button.dataset.copy));
  }
  window.addEventListener("hashchange", followHash);
  $("back").addEventListener("click", () => {
    const number = state.selected;
    state.selected = null;
    renderList();
    renderThread();
    const button = $("conversation-list").querySelector(`button[data-number="${CSS.escape(number || "")}"]`);
    if (button) button.focus();
  });
  $("search-form").addEventListener("submit", (event) => event.preventDefault());
  $("search").addEventListener("input", () => {
    state.query = $("search").value.trim().toLowerCase();
    renderList();
    renderResources();
  });
  $("reply-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const conv = state.conversations.find((c) => c.number === state.selected);
    const input = $("reply-text");
    const text = input.value;
    if (!conv || !conv.reply || !text) return;
    act(async () => {
      await call("POST", "inbound", {
        destination_number: conv.reply.destination_number,
        origination_number: conv.number,
        message_body: text,
        account_id: conv.reply.account_id,
        region: conv.reply.region,
      });
      input.value = "";
    }, `Texted ${conv.reply.destination_number} as ${conv.number}.`);
  });
  $("outcome-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const number = state.selected;
    const type = $("outcome-type").value;
    if (!number || !type) return;
    act(() => call("POST", "deliveries/next", { event_type: type, to: number }),
      `The next ${type.split("_")[0].toLowerCase()} message to ${number} ends in ${type}.`);
  });
  $("clock-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const amount = Number($("advance-amount").value);
    const unit = $("advance-unit").value;
    act(() => call("POST", "clock/advance", { [unit]: amount }), `The clock moved ${amount} ${unit} forward.`);
  });
  $("reset").addEventListener("click", () => {
    const dialog = $("reset-dialog");
    dialog.returnValue = "";
    dialog.showModal();
  });
  $("reset-dialog").addEventListener("close", () => {
    if ($("reset-dialog").returnValue !== "reset") {
      say("Nothing was reset.");
      return;
    }
    state.selected = null;
    state.messageId = null;
    state.refused = [];
    state.callsCursor = "0";
    setHash("");
    if (state.view === "message") show("conversations");
    act(() => call("POST", "reset"), "Everything was reset: resources, messages, events, calls, faults and the clock.");
  });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
  loadEventTypes().catch((error) => say(error.message));
  connectHint();
  call("GET", "health").then((health) => {
    state.region = health.region || state.region;
    connectHint();
  }).catch((error) => say(error.message));
  poll();
}

// -- the empty inbox: how to connect ----------------------------------------------------------------

function connectHint() {
  const endpoint = location.origin;
  $("endpoint").textContent = endpoint;
  $("boto3-line").textContent = `client = boto3.client("pinpoint-sms-voice-v2", region_name="${state.region}", `
    + `endpoint_url="${endpoint}", aws_access_key_id="test", aws_secret_access_key="test")`;
  $("cli-line").textContent = "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws pinpoint-sms-voice-v2 "
    + `describe-phone-numbers --region ${state.region} --endpoint-url ${endpoint}`;
}

async function copyLine(id) {
  const line = $(id);
  try {
    await navigator.clipboard.writeText(line.textContent);
    say("Copied to the clipboard.");
  } catch {
    // No clipboard for this page (an insecure origin, a refused permission): select the line instead.
    const range = document.createRange();
    range.selectNodeContents(line);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    say("The browser refused the clipboard: the line is selected, press Ctrl+C (⌘C) to copy it.");
  }
}

start();
