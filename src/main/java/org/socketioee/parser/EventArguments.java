package org.socketioee.parser;

import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.util.List;

/**
 * The name and arguments of a received EVENT, read as Java values or bound to Java types with JSON-B: what the
 * server's and the client's {@code Event} share.
 */
public abstract class EventArguments {
    private final SocketPacket packet;
    private final String name;
    private final List<JsonValue> args;

    protected EventArguments(SocketPacket packet) {
        this.packet = packet;
        this.name = packet.eventName();
        this.args = packet.args();
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

    /**
     * Argument {@code i} bound to {@code type} (records, beans, lists, maps, scalars, byte[] …; null when absent),
     * strictly: a value whose JSON type does not fit throws {@link ArgumentBindException}, whose message the
     * server sends back to a client that asked for an acknowledgement.
     */
    public <T> T arg(int i, Class<T> type) {
        return type.cast(arg(i, (Type) type));
    }

    /** Argument {@code i} bound to a generic type (e.g. the type of a {@code List<ChatMessage>} parameter). */
    public Object arg(int i, Type type) {
        return arg(i, ArgumentBinder.plan(type));
    }

    /** Argument {@code i} bound with a plan computed beforehand ({@link ArgumentBinder#plan(Type)}). */
    public Object arg(int i, TypeBinding plan) {
        return ArgumentBinder.bind(packet, i < args.size() ? args.get(i) : null, plan, "argument " + (i + 1));
    }

    /** Argument {@code i} as JSON (placeholders in place of binary), or null when absent. */
    public JsonValue json(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    protected SocketPacket packet() {
        return packet;
    }
}
