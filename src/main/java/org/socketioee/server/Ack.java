package org.socketioee.server;

/** The acknowledgement a client asked for: call it once with the response arguments (JSON-B, binary allowed). */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
