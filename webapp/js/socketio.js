// A small Engine.IO v4 / Socket.IO v5 client of socketio-ee, as an ES module (no build step, no dependency).
// Long-polling first, then upgraded to WebSocket when it works (WebSocket blocked: stays on polling);
// heartbeat; reconnection with exponential backoff (not after a refusal, CONNECT_ERROR, nor a disconnection by the
// server: as socket.io-client, the socket then stays off until connect()); acknowledgements; emits buffered while disconnected;
// connection state recovery (pid/offset) when the server has it on. Text only: no binary attachments.
//
//   import { connect } from "./socketio.js";
//   const socket = connect("/chat", { auth: {}, transports: ["polling", "websocket"] });
//   socket.on("connect", () => ...); socket.on("message", msg => ...);
//   const answer = await socket.emitWithAck("join", { room: "general", nick: "ann" });

const SEP = "\x1e";

class Emitter {
  #handlers = new Map();
  on(ev, fn) { (this.#handlers.get(ev) ?? this.#handlers.set(ev, []).get(ev)).push(fn); return this; }
  off(ev, fn) { const l = this.#handlers.get(ev); if (l) this.#handlers.set(ev, l.filter(f => f !== fn)); return this; }
  fire(ev, ...args) {
    for (const fn of [...(this.#handlers.get(ev) ?? [])]) {
      try { fn(...args); } catch (e) { console.error(e); }
    }
  }
}

// ---- Engine.IO ---------------------------------------------------------------------------------------------

function query(params) {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

class Polling extends Emitter {
  name = "polling";
  #url; #polling = false; #posting = false; #paused = false; #onPaused = null; #closed = false;
  constructor(url) { super(); this.#url = url; }
  sid = null;
  url() { return `${this.#url}${this.sid && !this.#url.includes("&sid=") ? `&sid=${encodeURIComponent(this.sid)}` : ""}&t=${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`; }
  open() { this.#poll(); }
  async #poll() {
    if (this.#closed || this.#paused) return;
    this.#polling = true;
    try {
      const res = await fetch(this.url(), { cache: "no-store", credentials: "same-origin" });
      const body = await res.text();
      if (!res.ok) throw new Error(`polling GET ${res.status}: ${body}`);
      this.#polling = false;
      for (const p of body.split(SEP)) if (!this.#closed) this.fire("packet", p);
    } catch (e) {
      this.#polling = false;
      this.#fail(e);
      return;
    }
    this.#checkPaused();
    this.#poll();
  }
  get writable() { return !this.#posting && !this.#closed; }
  async send(packets) {
    this.#posting = true;
    try {
      const res = await fetch(this.url(), {
        method: "POST", body: packets.join(SEP), cache: "no-store", credentials: "same-origin",
        headers: { "Content-Type": "text/plain;charset=UTF-8" },
      });
      await res.text();
      if (!res.ok) throw new Error(`polling POST ${res.status}`);
    } catch (e) {
      this.#posting = false;
      this.#fail(e);
      return;
    }
    this.#posting = false;
    this.#checkPaused();
    this.fire("drain");
  }
  /** Stops polling once the requests in flight are done (before an upgrade). */
  pause(done) {
    this.#paused = true;
    this.#onPaused = done;
    this.#checkPaused();
  }
  #checkPaused() {
    if (this.#paused && !this.#polling && !this.#posting && this.#onPaused) {
      const done = this.#onPaused;
      this.#onPaused = null;
      done();
    }
  }
  #fail(e) { if (!this.#closed) { this.#closed = true; this.fire("error", e); } }
  close() { this.#closed = true; }
}

class WebSocketTransport extends Emitter {
  name = "websocket";
  #ws; #closed = false;
  constructor(url) { super(); this.wsUrl = url.replace(/^http/, "ws"); }
  open() {
    const ws = this.#ws = new WebSocket(this.wsUrl);
    ws.onopen = () => this.fire("open");
    ws.onmessage = e => { if (typeof e.data === "string") this.fire("packet", e.data); };
    ws.onerror = () => this.#fail(new Error("websocket error"));
    ws.onclose = () => this.#fail(new Error("websocket closed"));
  }
  get writable() { return !this.#closed && this.#ws?.readyState === WebSocket.OPEN; }
  send(packets) {
    for (const p of packets) this.#ws.send(p);
    queueMicrotask(() => this.fire("drain"));
  }
  #fail(e) { if (!this.#closed) { this.#closed = true; this.fire("error", e); } }
  close() { this.#closed = true; try { this.#ws?.close(); } catch { /* closing */ } }
}

/** One Engine.IO session. Events: open, message(text), close(reason). */
class EngineSocket extends Emitter {
  readyState = "opening";
  transport = null;
  #base; #transports; #sid = null; #buffer = []; #pingTimer = null; #pingInterval = 25000; #pingTimeout = 20000;
  #upgrading = false;

  constructor(base, path, transports) {
    super();
    this.#base = `${base}${path}?`;
    this.#transports = transports;
    const first = transports.includes("polling") ? "polling" : "websocket";
    this.#setTransport(this.#create(first));
    this.transport.open();
  }
  #create(name, sid) {
    const url = this.#base + query({ EIO: 4, transport: name, ...(sid ? { sid } : {}) });
    return name === "polling" ? new Polling(url) : new WebSocketTransport(url);
  }
  #setTransport(t) {
    this.transport?.close();
    this.transport = t;
    t.on("packet", p => this.#onPacket(p));
    t.on("drain", () => this.#flush());
    t.on("error", e => this.#close("transport error", e));
  }
  #onPacket(p) {
    if (this.readyState === "closed" || p === "") return;
    const type = p[0], data = p.slice(1);
    this.#resetPingTimer();
    switch (type) {
      case "0": {
        const hs = JSON.parse(data);
        this.#sid = hs.sid;
        this.transport.sid = hs.sid;
        this.#pingInterval = hs.pingInterval;
        this.#pingTimeout = hs.pingTimeout;
        this.readyState = "open";
        this.#resetPingTimer();
        this.fire("open");
        this.#flush();
        if (this.transport.name === "polling" && this.#transports.includes("websocket")
            && (hs.upgrades ?? []).includes("websocket")) this.#probe();
        break;
      }
      case "1": this.#close("transport close"); break;
      case "2": this.#write(["3" + data]); break;
      case "4": this.fire("message", data); break;
      default: break; // 3 pong, 6 noop
    }
  }
  #probe() {
    const t = this.#create("websocket", this.#sid);
    let done = false;
    const fail = () => { if (!done) { done = true; t.close(); this.#upgrading = false; this.#flush(); } };
    t.on("open", () => t.send(["2probe"]));
    t.on("error", fail);
    t.on("packet", p => {
      if (done) return;
      if (p !== "3probe") return fail();
      done = true;
      this.#upgrading = true;
      this.transport.pause(() => {
        if (this.readyState !== "open") return t.close();
        t.send(["5"]);
        this.#setTransport(t);
        this.#upgrading = false;
        this.fire("upgrade", t.name);
        this.#flush();
      });
    });
    t.open();
  }
  #resetPingTimer() {
    clearTimeout(this.#pingTimer);
    if (this.readyState === "open") {
      this.#pingTimer = setTimeout(() => this.#close("ping timeout"), this.#pingInterval + this.#pingTimeout);
    }
  }
  send(text) { this.#write(["4" + text]); }
  #write(packets) {
    if (this.readyState === "closed") return;
    this.#buffer.push(...packets);
    this.#flush();
  }
  #flush() {
    if (this.readyState !== "open" || this.#upgrading || !this.#buffer.length || !this.transport.writable) return;
    const packets = this.#buffer;
    this.#buffer = [];
    this.transport.send(packets);
  }
  close() {
    if (this.readyState === "open" && this.transport.writable) this.transport.send(["1"]);
    this.#close("forced close");
  }
  #close(reason, err) {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    clearTimeout(this.#pingTimer);
    this.transport.close();
    this.fire("close", reason, err);
  }
}

// ---- Socket.IO -----------------------------------------------------------------------------------------------

/** One Socket.IO namespace over a reconnecting Engine.IO connection. */
export class Socket extends Emitter {
  connected = false;
  recovered = false;
  id = null;
  active = true;
  /** Reconnection attempt in progress (0 when connected). */
  attempts = 0;
  #nsp; #opts; #engine = null; #ackId = 0; #acks = new Map(); #sendBuffer = []; #pid = null; #offset = null;
  #timer = null;

  constructor(nsp, opts = {}) {
    super();
    this.#nsp = nsp;
    this.#opts = {
      url: location.origin, path: "/socket.io/", transports: ["polling", "websocket"], auth: {},
      reconnectionDelay: 1000, reconnectionDelayMax: 5000, randomizationFactor: 0.5, ...opts,
    };
    this.#open();
  }
  get transport() { return this.#engine?.transport?.name; }
  set auth(value) { this.#opts.auth = value; }

  #open() {
    const engine = this.#engine = new EngineSocket(this.#opts.url, this.#opts.path, this.#opts.transports);
    engine.on("open", () => {
      const auth = { ...(typeof this.#opts.auth === "function" ? this.#opts.auth() : this.#opts.auth) };
      if (this.#pid) Object.assign(auth, { pid: this.#pid, offset: this.#offset });
      this.#packet("0", JSON.stringify(auth));
    });
    engine.on("upgrade", name => this.fire("upgrade", name));
    engine.on("message", text => this.#onPacket(text));
    engine.on("close", reason => this.#onClose(reason));
  }
  #packet(type, json, id = "") {
    const nsp = this.#nsp === "/" ? "" : this.#nsp + ",";
    this.#engine.send(type + nsp + id + (json ?? ""));
  }
  #onPacket(text) {
    const type = text[0];
    let i = 1, nsp = "/";
    if (text[i] === "/") {
      const comma = text.indexOf(",", i);
      nsp = comma < 0 ? text.slice(i) : text.slice(i, comma);
      i = comma < 0 ? text.length : comma + 1;
    }
    if (nsp !== this.#nsp) return;
    let id = "";
    while (i < text.length && text[i] >= "0" && text[i] <= "9") id += text[i++];
    const data = i < text.length ? JSON.parse(text.slice(i)) : undefined;
    switch (type) {
      case "0": {
        this.id = data.sid;
        this.recovered = Boolean(data.pid && data.pid === this.#pid);
        this.#pid = data.pid ?? null;
        this.connected = true;
        this.attempts = 0;
        this.fire("connect");
        const buffered = this.#sendBuffer;
        this.#sendBuffer = [];
        for (const [json, ackId] of buffered) this.#packet("2", json, ackId);
        break;
      }
      case "1": this.#onClose("io server disconnect"); break;
      case "2": {
        const [ev, ...args] = data;
        if (this.#pid && args.length && typeof args[args.length - 1] === "string") this.#offset = args[args.length - 1];
        if (id !== "") args.push((...res) => this.#packet("3", JSON.stringify(res), id));
        this.fire(ev, ...args);
        break;
      }
      case "3": {
        const cb = this.#acks.get(Number(id));
        this.#acks.delete(Number(id));
        cb?.(null, ...data);
        break;
      }
      case "4": {
        // refused (a middleware's next(err)): as socket.io-client, this socket gives up; connect() tries again
        this.active = false;
        clearTimeout(this.#timer);
        this.#timer = null;
        const err = new Error(data?.message ?? "connect error");
        err.data = data?.data;
        this.fire("connect_error", err);
        this.#engine.close();
        break;
      }
      default: break;
    }
  }
  /** Emits an event; a last function argument receives the acknowledgement. Buffered while disconnected. */
  emit(ev, ...args) {
    let cb = null;
    if (typeof args[args.length - 1] === "function") cb = args.pop();
    let id = "";
    if (cb) {
      id = String(this.#ackId++);
      this.#acks.set(Number(id), (err, ...res) => (err ? null : cb(...res)));
    }
    const json = JSON.stringify([ev, ...args]);
    if (this.connected) this.#packet("2", json, id);
    else this.#sendBuffer.push([json, id]);
    return this;
  }
  /** Emits only when connected now (typing indicators and the like). */
  volatileEmit(ev, ...args) { if (this.connected) this.emit(ev, ...args); return this; }
  /** Promise of the acknowledgement's first argument; rejected after {@code timeout} ms or on disconnection. */
  emitWithAck(ev, ...args) {
    const timeout = this.#opts.ackTimeout ?? 10000;
    return new Promise((resolve, reject) => {
      const id = this.#ackId++;
      const timer = setTimeout(() => { this.#acks.delete(id); reject(new Error("ack timeout")); }, timeout);
      this.#acks.set(id, (err, res) => { clearTimeout(timer); err ? reject(err) : resolve(res); });
      const json = JSON.stringify([ev, ...args]);
      if (this.connected) this.#packet("2", json, String(id));
      else this.#sendBuffer.push([json, String(id)]);
    });
  }
  #onClose(reason) {
    const wasConnected = this.connected;
    this.connected = false;
    // answers of the lost connection will not come: fail those still awaited
    for (const cb of this.#acks.values()) cb(new Error("disconnected"));
    this.#acks.clear();
    if (reason === "io server disconnect") {
      this.active = false; // the server ended it: no reconnection (socket.io-client's rule)
      this.#engine.close();
    }
    if (wasConnected) this.fire("disconnect", reason);
    if (this.active) this.#reconnect();
  }
  #reconnect() {
    if (this.#timer) return;
    const base = Math.min(this.#opts.reconnectionDelayMax, this.#opts.reconnectionDelay * 2 ** this.attempts);
    const jitter = base * this.#opts.randomizationFactor * (Math.random() * 2 - 1);
    const delay = Math.min(this.#opts.reconnectionDelayMax, Math.max(0, Math.round(base + jitter)));
    this.attempts++;
    this.fire("reconnecting", this.attempts, delay);
    this.#timer = setTimeout(() => { this.#timer = null; if (this.active) this.#open(); }, delay);
  }
  /** Connects again after a refusal, a disconnection by the server or {@link disconnect}. */
  connect() {
    if (this.active) return this;
    this.active = true;
    this.attempts = 0;
    this.#open();
    return this;
  }
  disconnect() {
    this.active = false;
    clearTimeout(this.#timer);
    if (this.connected) this.#packet("1");
    this.#engine?.close();
  }
}

export function connect(nsp = "/", opts = {}) {
  return new Socket(nsp, opts);
}
