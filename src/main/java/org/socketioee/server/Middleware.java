package org.socketioee.server;

/**
 * Runs for each socket joining a namespace, before "connection" (Node's {@code namespace.use}). Call
 * {@code next.accept()} to go on, or {@code next.reject(new ConnectError(...))}. May finish asynchronously, on
 * any thread; a middleware that throws rejects with the exception's message.
 */
@FunctionalInterface
public interface Middleware {
    void handle(Socket socket, Next next);

    interface Next {
        void accept();

        void reject(ConnectError error);
    }
}
