package org.socketioee.client;

/**
 * The acknowledgement of a received event: call it once with the response arguments (JSON-B, binary allowed);
 * later calls are ignored. Never null: when the server asked for none, it is {@link #NONE}, whose
 * {@link #requested()} is false and which sends nothing. The server's {@code org.socketioee.server.Ack} has the
 * same shape.
 */
@FunctionalInterface
public interface Ack {
    /** The acknowledgement of an event that asked for none: sends nothing. */
    Ack NONE = new Ack() {
        @Override
        public void send(Object... args) {
        }

        @Override
        public boolean requested() {
            return false;
        }
    };

    void send(Object... args);

    /** Whether the server asked for this acknowledgement (it waits for it). */
    default boolean requested() {
        return true;
    }
}
