package org.socketioee.server;

import jakarta.json.JsonValue;
import org.socketioee.parser.ArgumentBinder;
import org.socketioee.parser.SocketPacket;

import java.lang.reflect.Type;
import java.util.List;

/** One event received from a client: its name, its arguments, and the acknowledgement when one was asked for. */
public final class Event {
    private final Socket socket;
    private final SocketPacket packet;
    private final String name;
    private final List<JsonValue> args;
    private final Ack ack;

    Event(Socket socket, SocketPacket packet, Ack ack) {
        this.socket = socket;
        this.packet = packet;
        this.name = packet.eventName();
        List<JsonValue> all = packet.args();
        // with recovery the server appends offsets to what it sends; clients send none, so args are as they came
        this.args = all;
        this.ack = ack;
    }

    public Socket socket() {
        return socket;
    }

    public String name() {
        return name;
    }

    public int argCount() {
        return args.size();
    }

    /** All arguments as Java values: Map, List, String, Number, Boolean, null, byte[] for binary. */
    public List<Object> args() {
        return packet.javaArgs();
    }

    /** Argument {@code i} bound to {@code type} with JSON-B (null when absent). */
    public <T> T arg(int i, Class<T> type) {
        return type.cast(arg(i, (Type) type));
    }

    /** Argument {@code i} bound to a generic type (e.g. a {@code List<ChatMessage>} parameter's type). */
    public Object arg(int i, Type type) {
        return ArgumentBinder.bind(packet, i < args.size() ? args.get(i) : null, type);
    }

    /** Whether the client asked for an acknowledgement. */
    public boolean hasAck() {
        return ack != null;
    }

    /** Sends the acknowledgement (once; later calls are ignored). No-op when none was asked for. */
    public void ack(Object... response) {
        if (ack != null) {
            ack.send(response);
        }
    }

    Ack ackOrNull() {
        return ack;
    }

    SocketPacket packet() {
        return packet;
    }
}
