// The chat page, live: joins the room of the page, renders messages, presence and typing, queues messages while
// offline. Every piece of user text goes through textContent, never innerHTML.
import { connect } from "./socketio.js";

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const room = document.body.dataset.room;
const transports = params.get("transports") ? params.get("transports").split(",") : ["polling", "websocket"];
let nick = params.get("nick") || localStorage.getItem("chat.nick") || "";
let joined = false;
let replaced = false;        // this page's nickname was taken over by another tab or window of this browser
let refused = null;          // the server refused the connection (CONNECT_ERROR): its reason; no retrying then
let everConnected = false;   // "connecting…" until the first connection, "reconnecting…" after
let rateLimited = false;     // the server asked us to slow down: queued messages go out more slowly
const maxLength = Number(document.body.dataset.maxLength) || 1000;

/** 128 random bits as hex (crypto.randomUUID needs a secure context; this works on plain http too). */
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
// The browser's nickname token, sent with every join: a reload or another tab of this browser takes its nickname
// over from a stale connection (the server refuses it to anybody else).
const token = localStorage.getItem("chat.token") || randomId();
localStorage.setItem("chat.token", token);
const outbox = [];            // {clientId, text, li}: shown as pending until the server stored them
const byId = new Map();       // message id -> <li>
const typing = new Map();     // nick -> timer

for (const li of document.querySelectorAll("#messages li.msg")) {
  byId.set(Number(li.dataset.id), li);
  localTime(li.querySelector("time"));
  li.style.setProperty("--hue", hue(li.dataset.nick));
}
// messages are grouped by author whatever adds them (history, live, pending, older pages)
new MutationObserver(regroup).observe($("messages"), { childList: true });
regroup();
scrollDown();

const socket = connect("/chat", { transports });
window.chat = { socket, outbox };   // for tests and the curious

// ---- connection ---------------------------------------------------------------------------------------------

socket.on("connect", () => { everConnected = true; if (nick) join(); else askNick(); status(); });
socket.on("upgrade", status);
socket.on("disconnect", () => { joined = false; members(null); status(); }); // the input stays usable: messages queue
socket.on("reconnecting", status);
socket.on("connect_error", err => {
  if (!socket.active) refused = err.message;
  status();
});
addEventListener("online", status);
addEventListener("offline", status);

function status() {
  const el = $("status");
  const queued = outbox.length ? ` · ${outbox.length} queued` : "";
  let state, text;
  if (replaced) { state = "replaced"; text = "open in another tab"; }
  else if (refused) { state = "refused"; text = `refused: ${refused}`; }
  else if (socket.connected && joined) {
    state = "connected";
    text = `connected · ${socket.transport}${rateLimited ? " · slowed down by the server" : ""}`;
  }
  else if (socket.connected && $("login").open) { state = "login"; text = "choose a nickname"; }
  else if (socket.connected) { state = "joining"; text = "joining…"; }
  else if (!everConnected && socket.attempts <= 3) { state = "connecting"; text = "connecting…"; }
  else if (!navigator.onLine || socket.attempts > 3) { state = "offline"; text = "offline"; }
  else { state = "reconnecting"; text = "reconnecting…"; }
  // the banner: offline after having been online, and what becomes of what is typed meanwhile
  const offline = !socket.connected && everConnected && !replaced && !refused;
  $("offline").hidden = !offline;
  const n = outbox.length;
  $("offline").textContent = !offline ? ""
    : n ? `You are offline: ${n} message${n === 1 ? "" : "s"} will be sent when the connection is back.`
    : "You are offline: what you send now will be sent when the connection is back.";
  el.className = `status ${state}`;
  el.dataset.state = state;
  el.textContent = text + queued;
}

async function join() {
  const last = lastId();
  let res;
  try {
    res = await socket.emitWithAck("join", { room, nick, token, ...(last ? { after: last } : {}) });
  } catch { return; } // disconnected meanwhile: joins again on connect
  if (res.error) {
    askNick(res.error);
    return;
  }
  joined = true;
  nick = res.nick;
  localStorage.setItem("chat.nick", nick);
  $("me").textContent = nick;
  $("input").disabled = false;
  members(res.members);
  for (const m of res.messages) addMessage(m);
  if (!last) $("load-older").hidden = !res.hasMore;
  status();
  scrollDown();
  flushOutbox();
  refreshRooms();
}

function askNick(error = "") {
  $("login-error").textContent = error;
  $("nick").value = nick;
  if (!$("login").open) $("login").showModal();
  status();
}

$("login-form").addEventListener("submit", () => {
  nick = $("nick").value.trim();
  if (socket.connected) join();
  status();
});

// ---- messages -----------------------------------------------------------------------------------------------

socket.on("message", m => { if (m.room === room) { addMessage(m); stopTyping(m.nick); scrollDown(); } });
socket.on("private", m => { addLine("private", m.sentAt, `${m.from} → ${m.to}`, m.text); scrollDown(); });
socket.on("user joined", e => notice(`${e.nick} joined`));
socket.on("replaced", e => {
  // this browser joined as the same nickname elsewhere (another tab, or this page reloaded): that one has it now
  replaced = true;
  joined = false;
  socket.disconnect();
  $("input").disabled = true;
  members(null);
  notice(`You are ${e.nick} in #${e.room} in another tab or window now; this one is disconnected (reload it to chat here).`);
  status();
});
socket.on("user left", e => { notice(`${e.nick} left`); stopTyping(e.nick); });
socket.on("presence", e => { if (e.room === room) members(e.members); });
socket.on("typing", e => (e.typing ? startTyping(e.nick) : stopTyping(e.nick)));

function lastId() {
  let max = 0;
  for (const id of byId.keys()) max = Math.max(max, id);
  return max;
}

function messageItem(m) {
  const li = document.createElement("li");
  li.className = "msg";
  li.dataset.nick = m.nick;
  li.style.setProperty("--hue", hue(m.nick));
  const time = document.createElement("time");
  time.setAttribute("datetime", new Date(m.sentAt ?? Date.now()).toISOString());
  localTime(time);
  const who = document.createElement("span");
  who.className = "nick";
  who.textContent = m.nick;
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = m.text;
  li.append(who, " ", time, " ", text);
  return li;
}

/** A nickname's colour: a hue from a stable hash of the name (case-insensitive, as nicknames are unique). */
function hue(name = "") {
  let h = 0;
  for (const c of name.toLowerCase()) h = (Math.imul(h, 31) + c.codePointAt(0)) >>> 0;
  return h % 360;
}

/**
 * Groups messages by author: a message right after one of the same author (within 5 minutes; not a private one,
 * nor after a notice) continues the group (class cont) and shows its text only.
 */
function regroup() {
  const GROUP_MS = 5 * 60 * 1000;
  let prev = null, prevAt = 0;
  for (const li of $("messages").children) {
    const grouped = li.classList.contains("msg") && !li.classList.contains("private");
    const at = grouped ? Date.parse(li.querySelector("time").getAttribute("datetime")) : 0;
    li.classList.toggle("cont", grouped && prev !== null && prev.dataset.nick === li.dataset.nick
      && at - prevAt < GROUP_MS);
    prev = grouped ? li : null;
    prevAt = at;
  }
}

/** Inserts a stored message in id order (once). */
function addMessage(m, li = messageItem(m)) {
  if (byId.has(m.id)) { if (li.isConnected && byId.get(m.id) !== li) li.remove(); return; }
  li.dataset.id = m.id;
  li.classList.remove("pending");
  byId.set(m.id, li);
  const list = $("messages");
  let next = null;
  for (const other of list.querySelectorAll("li.msg[data-id]")) {
    if (Number(other.dataset.id) > m.id && other !== li) { next = other; break; }
  }
  if (!next) next = list.querySelector("li.pending");
  list.insertBefore(li, next);
}

function addLine(cls, at, who, text) {
  const li = messageItem({ sentAt: at, nick: who, text });
  li.classList.add(cls);
  $("messages").append(li);
}

function notice(text) {
  const li = document.createElement("li");
  li.className = "notice";
  li.textContent = text;
  $("messages").append(li);
  scrollDown();
}

function localTime(el) {
  const d = new Date(el.getAttribute("datetime"));
  el.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  el.title = d.toLocaleString();
}

function scrollDown() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

/** Characters as the server counts them (code points), so the page refuses exactly what the server would. */
const length = text => [...text].length;

/** The counter under the input: shown near and over the server's limit; over it, sending is refused. */
function countChars() {
  const n = length($("input").value);
  const over = n > maxLength;
  $("count").textContent = n > maxLength * 0.8 ? `${n}/${maxLength}` : "";
  $("count").className = over ? "over" : "";
  $("composer").classList.toggle("too-long", over);
  return over;
}

$("composer").addEventListener("submit", e => {
  e.preventDefault();
  const input = $("input");
  const text = input.value;
  if (!text.trim()) return;
  if (countChars()) {
    // never cut a message silently: it stays in the input, and the user is told by how much it is too long
    $("count").textContent = `too long: ${length(text)}/${maxLength} characters, not sent`;
    return;
  }
  input.value = "";
  countChars();
  sendTyping(false);
  const pm = /^\/msg\s+(\S+)\s+([\s\S]+)$/.exec(text);
  if (pm) {
    socket.emitWithAck("private", { to: pm[1], text: pm[2] })
      .then(res => (res.error ? notice(res.error) : addLine("private", res.sentAt, `${nick} → ${res.to}`, pm[2])))
      .catch(() => notice("not sent (offline)"));
    return;
  }
  const item = { clientId: randomId(), text };
  item.li = messageItem({ nick, text });
  item.li.classList.add("pending");
  $("messages").append(item.li);
  outbox.push(item);
  scrollDown();
  status();
  flushOutbox();
});

let flushing = false;
/** Sends the queued messages in order; each leaves the queue once the server acknowledged it stored. */
async function flushOutbox() {
  if (flushing) return;
  flushing = true;
  try {
    while (outbox.length && socket.connected && joined) {
      const item = outbox[0];
      let res;
      try {
        res = await socket.emitWithAck("message", { text: item.text, clientId: item.clientId });
      } catch { break; } // disconnected: stays queued, sent again (same clientId) after reconnection
      if (res.error?.startsWith("rate limit")) {
        // still queued, and said so: sent again (same clientId) once the server's rate allows
        rateLimited = true;
        status();
        await sleep(1000);
        continue;
      }
      outbox.shift();
      rateLimited = false;
      if (res.error) {
        item.li.classList.replace("pending", "failed");
        item.li.title = res.error;
        notice(`not sent: ${res.error}`);
      } else {
        addMessage(res.message, item.li);
      }
      status();
    }
  } finally {
    flushing = false;
  }
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

// ---- older pages ----------------------------------------------------------------------------------------------

$("load-older").addEventListener("click", async () => {
  const ids = [...byId.keys()];
  const before = ids.length ? Math.min(...ids) : undefined;
  const res = await socket.emitWithAck("history", { before }).catch(() => ({ error: "offline" }));
  if (res.error) return notice(res.error);
  const list = $("messages");
  const first = list.firstChild;
  for (const m of res.messages) if (!byId.has(m.id)) {
    const li = messageItem(m);
    li.dataset.id = m.id;
    byId.set(m.id, li);
    list.insertBefore(li, first);
  }
  $("load-older").hidden = !res.hasMore;
});

// ---- presence, typing, rooms ----------------------------------------------------------------------------------

/** The Online list; null while offline: who is online then is unknown, so nobody is shown. */
function members(nicks) {
  const ul = $("members");
  ul.classList.toggle("unknown", nicks === null);
  if (nicks === null) {
    const li = document.createElement("li");
    li.className = "unknown";
    li.textContent = "unknown while offline";
    ul.replaceChildren(li);
    return;
  }
  ul.replaceChildren(...nicks.map(n => {
    const li = document.createElement("li");
    li.textContent = n;
    li.style.setProperty("--hue", hue(n));
    if (n === nick) li.className = "self";
    return li;
  }));
}

function startTyping(who) {
  clearTimeout(typing.get(who));
  typing.set(who, setTimeout(() => stopTyping(who), 5000));
  renderTyping();
}

function stopTyping(who) {
  clearTimeout(typing.get(who));
  if (typing.delete(who)) renderTyping();
}

function renderTyping() {
  const names = [...typing.keys()];
  $("typing").textContent = names.length === 0 ? ""
    : `${names.join(", ")} ${names.length === 1 ? "is" : "are"} typing…`;
}

let typingSent = false, typingSentAt = 0, typingTimer = null;
function sendTyping(on) {
  clearTimeout(typingTimer);
  if (on) typingTimer = setTimeout(() => sendTyping(false), 2000);
  // volatile notices may be dropped (a busy connection): while typing, one goes again every 1.5 s (peers expire
  // a notice after 5 s)
  const now = Date.now();
  if (joined && (on !== typingSent || (on && now - typingSentAt > 1500))) {
    typingSent = on;
    typingSentAt = now;
    socket.volatileEmit("typing", on);
  }
}
$("input").addEventListener("input", () => { countChars(); sendTyping($("input").value.length > 0); });

function roomItem(name) {
  let li = document.querySelector(`#rooms li[data-room="${CSS.escape(name)}"]`);
  if (!li) {
    li = document.createElement("li");
    li.dataset.room = name;
    const a = document.createElement("a");
    a.href = `?room=${encodeURIComponent(name)}`;
    a.textContent = `#${name}`;
    const unread = document.createElement("span");
    unread.className = "unread";
    unread.title = "unread messages";
    const online = document.createElement("span");
    online.className = "online";
    online.title = "online";
    li.append(a, " ", unread, " ", online);
    $("rooms").append(li);
  }
  return li;
}

function roomOnline(r) {
  roomItem(r.name).querySelector(".online").textContent = r.online ? String(r.online) : "";
}

async function refreshRooms() {
  const res = await socket.emitWithAck("rooms").catch(() => null);
  res?.rooms?.forEach(roomOnline);
}
socket.on("room created", roomOnline);

// Unread messages of the other rooms (the server tells every connection outside a room of its new messages); kept
// for this tab across its page loads, cleared for the room one opens.
const unread = JSON.parse(sessionStorage.getItem("chat.unread") || "{}");
delete unread[room];
function renderUnread() {
  sessionStorage.setItem("chat.unread", JSON.stringify(unread));
  for (const li of document.querySelectorAll("#rooms li[data-room]")) {
    const n = unread[li.dataset.room] || 0;
    li.classList.toggle("has-unread", n > 0);
    li.querySelector(".unread").textContent = n ? String(n) : "";
  }
}
socket.on("room activity", e => {
  if (e.name === room) return;
  roomItem(e.name);
  unread[e.name] = (unread[e.name] || 0) + 1;
  renderUnread();
});
renderUnread();
socket.on("room online", roomOnline);

$("new-room").addEventListener("submit", async e => {
  e.preventDefault();
  const name = $("new-room-name").value.trim().toLowerCase();
  const res = await socket.emitWithAck("create room", { name }).catch(() => ({ error: "offline" }));
  if (res.error) return notice(res.error);
  $("new-room-name").value = "";
  location.search = `?room=${encodeURIComponent(res.room.name)}`;
});

$("toggle-sidebar").addEventListener("click", () => document.body.classList.toggle("show-sidebar"));
status();
