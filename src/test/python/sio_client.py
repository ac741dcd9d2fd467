"""Drives the interop server (org.socketioee.testing.InteropHandlers) with the python-socketio client.

    /usr/bin/python3 sio_client.py BASE_URL MODE SCENARIO

MODE: websocket (websocket only), polling (polling only), upgrade (polling, then the client's upgrade).
SCENARIO: namespaces, acks, binary, rooms, middleware, recovery.

Prints one JSON line with what the client observed (the Java test asserts it) and exits 0; on a failure or a
timeout it prints {"ok": false, "error": ...} and exits non-zero. Every wait has a deadline, and a watchdog
ends the process after HARD_TIMEOUT seconds whatever happens. Binary values are reported as
{"$bytes": [ints]}, tuples as lists, so that the observation is plain JSON.
"""
import json
import os
import sys
import threading
import time
import traceback

WAIT = 10.0  # seconds, for any one thing the client waits for
HARD_TIMEOUT = 40.0  # seconds, for the whole run


def finish(result, code):
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    # the clients' threads are not daemons: leave without waiting for them
    os._exit(code)


def watchdog():
    finish({"ok": False, "error": "hard timeout after %ss" % HARD_TIMEOUT}, 3)


_timer = threading.Timer(HARD_TIMEOUT, watchdog)
_timer.daemon = True
_timer.start()

try:
    import socketio  # noqa: E402  (after the watchdog: an import that hangs still ends)
except ImportError as e:  # the Java side checks first; this is for running the script by hand
    finish({"ok": False, "error": "python-socketio is not installed: %s" % e}, 4)


class Failure(Exception):
    pass


def enc(v):
    """A received value as plain JSON: bytes become {"$bytes": [...]}, tuples lists."""
    if isinstance(v, (bytes, bytearray)):
        return {"$bytes": list(v)}
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    return v


class Recorder:
    """Events one client received, per namespace and name, in arrival order; waits have deadlines."""

    def __init__(self):
        self.cond = threading.Condition()
        self.events = []  # (namespace, name, [args])

    def add(self, ns, name, args):
        with self.cond:
            self.events.append((ns, name, enc(list(args))))
            self.cond.notify_all()

    def all(self, ns, name):
        with self.cond:
            return [a for (n, e, a) in self.events if n == ns and e == name]

    def wait(self, ns, name, count=1):
        deadline = time.monotonic() + WAIT
        with self.cond:
            while True:
                got = [a for (n, e, a) in self.events if n == ns and e == name]
                if len(got) >= count:
                    return got[count - 1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Failure("timed out waiting for %r #%d on %s; got %r" % (name, count, ns, self.events))
                self.cond.wait(left)


class Future:
    """One acknowledgement's arguments."""

    def __init__(self, what):
        self.what = what
        self.done = threading.Event()
        self.args = None

    def __call__(self, *args):
        self.args = enc(list(args))
        self.done.set()

    def get(self):
        if not self.done.wait(WAIT):
            raise Failure("timed out waiting for the ack of " + self.what)
        return self.args


TRANSPORTS = {"websocket": ["websocket"], "polling": ["polling"], "upgrade": None}
clients = []


def client(rec, namespaces, reconnection=False):
    sio = socketio.Client(reconnection=reconnection, reconnection_delay=0.2, reconnection_delay_max=1,
                          handle_sigint=False, request_timeout=WAIT)
    for ns in namespaces:
        sio.on("*", (lambda n: lambda event, *args: rec.add(n, event, args))(ns), namespace=ns)
        sio.on("connect", (lambda n: lambda: rec.add(n, "connect", [sio.get_sid(n)]))(ns), namespace=ns)
        sio.on("disconnect", (lambda n: lambda: rec.add(n, "disconnect", []))(ns), namespace=ns)
        sio.on("connect_error", (lambda n: lambda *args: rec.add(n, "connect_error", args))(ns), namespace=ns)
    clients.append(sio)
    return sio


def connect(sio, url, mode, namespaces, auth=None, wait=True):
    sio.connect(url, auth=auth, transports=TRANSPORTS[mode], namespaces=namespaces, wait=wait,
                wait_timeout=WAIT)


def emit_with_ack(sio, event, args, ns="/"):
    f = Future(event)
    sio.emit(event, args, namespace=ns, callback=f)
    return f.get()


def scenario_namespaces(url, mode):
    rec = Recorder()
    sio = client(rec, ["/", "/custom"])
    connect(sio, url, mode, ["/", "/custom"], auth={"user": "py", "n": 1, "list": [True, None]})
    return {
        "transport": sio.transport(),
        "engineSid": sio.sid,
        "ids": {"/": sio.get_sid("/"), "/custom": sio.get_sid("/custom")},
        "auth": {"/": rec.wait("/", "auth"), "/custom": rec.wait("/custom", "auth")},
    }


def scenario_acks(url, mode):
    rec = Recorder()
    sio = client(rec, ["/"])

    def question(*args):
        rec.add("/", "question", args)
        return "py-answer", {"n": 2}

    sio.on("question", question)
    connect(sio, url, mode, ["/"])
    ack = emit_with_ack(sio, "message-with-ack", ("a", 1, {"k": [True, None, 2.5]}, "é😀"))
    sio.emit("ask-client", {"q": "who?"})
    return {
        "transport": sio.transport(),
        "ack": ack,
        "question": rec.wait("/", "question"),
        "clientAnswered": rec.wait("/", "client-answered"),
    }


def scenario_binary(url, mode):
    rec = Recorder()
    sio = client(rec, ["/"])
    connect(sio, url, mode, ["/"])
    sio.emit("message", (b"\x01\x02\x03", {"a": b"\x04\x05", "list": [b"\x06", {"deep": b"\xff\x00"}], "s": "x"}))
    back = rec.wait("/", "message-back")
    sio.emit("binary-deep")
    return {"transport": sio.transport(), "messageBack": back, "binaryBack": rec.wait("/", "binary-back")}


def scenario_rooms(url, mode):
    recs = {name: Recorder() for name in ("a", "b", "c")}
    socks = {}
    for name, rec in recs.items():
        socks[name] = client(rec, ["/"])
        connect(socks[name], url, mode, ["/"])
    joined = [emit_with_ack(socks[n], "join", "py-room") for n in ("a", "b")]
    socks["a"].emit("room-broadcast", ("py-room", {"from": "a", "bin": b"\x07"}))
    got = {n: recs[n].wait("/", "room-message") for n in ("a", "b")}
    # c is not in the room: a round trip after a and b got theirs, then c must still have none
    ping = emit_with_ack(socks["c"], "message-with-ack", "ping")
    return {
        "transport": socks["a"].transport(),
        "joined": joined,
        "roomMessage": got,
        "ping": ping,
        "counts": {n: len(recs[n].all("/", "room-message")) for n in recs},
    }


def scenario_middleware(url, mode):
    refused = {}
    for label, auth in (("none", None), ("wrong", {"token": "nope"})):
        rec = Recorder()
        sio = client(rec, ["/secret"])
        connect(sio, url, mode, ["/secret"], auth=auth, wait=False)
        refused[label] = rec.wait("/secret", "connect_error")
        refused[label + "Connected"] = "/secret" in sio.namespaces
        sio.disconnect()
    rec = Recorder()
    sio = client(rec, ["/secret"])
    connect(sio, url, mode, ["/secret"], auth={"token": "s3cret"})
    return {"transport": sio.transport(), "refused": refused, "welcome": rec.wait("/secret", "welcome"),
            "connectErrors": len(rec.all("/secret", "connect_error"))}


def scenario_recovery(url, mode):
    rec = Recorder()
    sio = client(rec, ["/"], reconnection=True)
    connect(sio, url, mode, ["/"])
    before = {"transport": sio.transport(), "join": emit_with_ack(sio, "join", "r"),
              "whoami": emit_with_ack(sio, "whoami", None)}
    read_loop = sio.eio.read_loop_task
    sio.emit("drop-and-emit", ("r", 3))
    rec.wait("/", "disconnect")
    # the engine.io read loop ends after the drop; by then the client has decided whether to reconnect
    read_loop.join(WAIT)
    if read_loop.is_alive():
        raise Failure("the read loop did not end after the drop")
    result = {"before": before, "reconnectScheduled": sio._reconnect_task is not None}
    if result["reconnectScheduled"]:
        rec.wait("/", "connect", 2)
        result["after"] = {"transport": sio.transport(), "whoami": emit_with_ack(sio, "whoami", None)}
    result["connects"] = rec.all("/", "connect")
    result["disconnects"] = len(rec.all("/", "disconnect"))
    result["missed"] = rec.all("/", "missed")
    return result


SCENARIOS = {
    "namespaces": scenario_namespaces,
    "acks": scenario_acks,
    "binary": scenario_binary,
    "rooms": scenario_rooms,
    "middleware": scenario_middleware,
    "recovery": scenario_recovery,
}


def versions(dist):
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:  # noqa: BLE001  (informative only)
        return None


def close_all():
    for sio in clients:
        try:
            sio.disconnect()
            task = getattr(sio.eio, "write_loop_task", None)
            if task is not None:
                task.join(2)  # lets the CLOSE packet reach the server
        except Exception:  # noqa: BLE001  (best effort: the result is already known)
            pass


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in TRANSPORTS or sys.argv[3] not in SCENARIOS:
        finish({"ok": False, "error": "usage: sio_client.py BASE_URL websocket|polling|upgrade "
                + "|".join(SCENARIOS)}, 2)
    url, mode, scenario = sys.argv[1:]
    try:
        result = SCENARIOS[scenario](url, mode)
    except Exception as e:  # noqa: BLE001  (reported to the Java side)
        close_all()
        finish({"ok": False, "error": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()}, 1)
    close_all()
    result["ok"] = True
    result["versions"] = {name: versions(name) for name in ("python-socketio", "python-engineio")}
    finish(result, 0)


if __name__ == "__main__":
    main()
