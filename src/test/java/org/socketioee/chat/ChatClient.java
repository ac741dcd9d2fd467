package org.socketioee.chat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.socketioee.testing.RawSocketIo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A raw Socket.IO client of the /chat namespace for the server tests: emits with acks, collects events. */
final class ChatClient implements AutoCloseable {
    private final RawSocketIo io;
    private final List<String> seen = new ArrayList<>();
    private int nextAck = 1;

    private ChatClient(RawSocketIo io) {
        this.io = io;
    }

    static ChatClient connect(int port) throws Exception {
        ChatClient c = new ChatClient(RawSocketIo.open(port));
        String answer = c.io.connect("/chat", null);
        if (!answer.startsWith("0/chat,{\"sid\"")) {
            throw new AssertionError("not connected: " + answer);
        }
        return c;
    }

    /** Emits {@code event} with a JSON argument (raw text, or none when null) and returns the acknowledgement. */
    JsonValue ask(String event, String jsonArg) throws Exception {
        int id = nextAck++;
        io.send("2/chat," + id + "[\"" + event + "\"" + (jsonArg == null ? "" : "," + jsonArg) + "]");
        String prefix = "3/chat," + id + "[";
        while (true) {
            String p = next();
            if (p.startsWith(prefix)) {
                JsonArray args = Json.createReader(new StringReader(p.substring(prefix.length() - 1))).readArray();
                return args.isEmpty() ? JsonValue.NULL : args.get(0);
            }
        }
    }

    JsonObject askObject(String event, String jsonArg) throws Exception {
        return ask(event, jsonArg).asJsonObject();
    }

    void emit(String event, String jsonArg) throws Exception {
        io.send("2/chat,[\"" + event + "\"" + (jsonArg == null ? "" : "," + jsonArg) + "]");
    }

    /** The first argument of the next {@code event} received (events before it are kept in {@link #seen}). */
    JsonValue await(String event) throws Exception {
        String prefix = "2/chat,[\"" + event + "\",";
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).startsWith(prefix)) {
                return arg(seen.remove(i), prefix);
            }
        }
        while (true) {
            String p = io.next();
            if (p.startsWith(prefix)) {
                return arg(p, prefix);
            }
            seen.add(p);
        }
    }

    /** Whether an {@code event} arrived (among the packets received so far, then within {@code millis}). */
    boolean received(String event, long millis) throws Exception {
        String prefix = "2/chat,[\"" + event + "\",";
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Object f = io.ws.poll(50);
            if (f instanceof String s && s.startsWith("4")) {
                seen.add(s.substring(1));
            } else if ("2".equals(f)) {
                io.ws.send("3");
            }
        }
        return seen.stream().anyMatch(p -> p.startsWith(prefix));
    }

    /** Waits for the server's DISCONNECT of the namespace (events before it are kept in {@link #seen}). */
    void awaitDisconnect() throws Exception {
        while (!next().startsWith("1/chat,")) {
            // an event: kept
        }
    }

    private String next() throws Exception {
        String p = io.next();
        if (p.startsWith("2")) {
            seen.add(p);
        }
        return p;
    }

    private static JsonValue arg(String packet, String prefix) {
        return Json.createReader(new StringReader("[" + packet.substring(prefix.length()))).readArray().get(0);
    }

    @Override
    public void close() throws Exception {
        io.close();
    }
}
