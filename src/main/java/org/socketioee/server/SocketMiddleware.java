package org.socketioee.server;

/**
 * Runs for each event a socket receives, after the catch-all ({@code onAny}) listeners and before the event's own
 * listeners (Node's {@code socket.use}). Call {@code next.accept()} to go on, or {@code next.reject(error)}: the
 * event is dropped (no listener runs, no acknowledgement is sent) and the socket's {@code onError} listeners get
 * the error. May finish asynchronously, on any thread (the event's listeners then run on that thread); a
 * middleware that throws rejects with its exception.
 */
@FunctionalInterface
public interface SocketMiddleware {
    void handle(Event event, Next next);

    interface Next {
        void accept();

        void reject(Exception error);
    }
}
