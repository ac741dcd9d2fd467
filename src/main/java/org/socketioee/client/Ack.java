package org.socketioee.client;

/** The acknowledgement the server asked for: call it once with the response arguments (JSON-B, binary allowed). */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
