package org.socketioee.client;

import jakarta.json.JsonValue;
import org.socketioee.parser.ArgumentBinder;
import org.socketioee.parser.SocketPacket;

import java.lang.reflect.Type;
import java.util.List;

/**
 * One event received from the server: its name, its arguments, and the acknowledgement when one was asked for.
 * <p>
 * As with socket.io-client, when the server has connection state recovery on, the events it sends carry their
 * offset (a string) as last argument.
 */
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
        this.args = packet.args();
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

    /** All arguments as plain Java values: Map, List, String, Integer/Long/Double, Boolean, null, byte[] for binary. */
    public List<Object> args() {
        return packet.javaArgs();
    }

    /** Argument {@code i} bound to {@code type} with JSON-B (records, beans, byte[] …; null when absent). */
    public <T> T arg(int i, Class<T> type) {
        return type.cast(arg(i, (Type) type));
    }

    /** Argument {@code i} bound to a generic type (e.g. the type of a {@code List<ChatMessage>}). */
    public Object arg(int i, Type type) {
        return ArgumentBinder.bind(packet, i < args.size() ? args.get(i) : null, type);
    }

    /** Argument {@code i} as JSON (placeholders in place of binary). */
    public JsonValue json(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** Whether the server asked for an acknowledgement. */
    public boolean hasAck() {
        return ack != null;
    }

    /** Sends the acknowledgement (once; later calls are ignored). No-op when none was asked for. */
    public void ack(Object... response) {
        if (ack != null) {
            ack.send(response);
        }
    }

    /** The acknowledgement, or null when none was asked for. */
    public Ack ackFunction() {
        return ack;
    }

    @Override
    public String toString() {
        return "Event[" + packet + "]";
    }
}
