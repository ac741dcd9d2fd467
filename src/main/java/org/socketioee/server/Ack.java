package org.socketioee.server;

/**
 * The acknowledgement of a received event: call it once with the response arguments (JSON-B, binary allowed);
 * later calls are ignored. Never null: when the client asked for none, it is {@link #NONE}, whose
 * {@link #requested()} is false and which sends nothing. The client's {@code org.socketioee.client.Ack} has the
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

    /** Whether the client asked for this acknowledgement (it waits for it). */
    default boolean requested() {
        return true;
    }
}
