package org.socketioee.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.ConnectError;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Admin UI's side of the protocol, on the project's Java client: connects to {@code /admin} with an auth
 * payload and records every event the server sends, in order, as its name and its arguments' JSON text.
 */
final class AdminClient implements AutoCloseable {
    /** One event: its name and {@code [arg, …]} as JSON text. */
    record Received(String name, String args) {
    }

    final Socket socket;
    final CompletableFuture<String> connected = new CompletableFuture<>();
    final CompletableFuture<ConnectError> refused = new CompletableFuture<>();
    private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();

    AdminClient(String baseUrl, Map<String, Object> auth) {
        socket = IO.socket(baseUrl + "/admin", ClientOptions.defaults().withForceNew(true).withReconnection(false)
                .withAuth(auth).withAutoConnect(false));
        socket.onAny(e -> {
            JsonArrayBuilder a = Json.createArrayBuilder();
            for (int i = 0; i < e.argCount(); i++) {
                a.add(e.json(i));
            }
            events.add(new Received(e.name(), a.build().toString()));
        });
        socket.onConnect(() -> connected.complete(socket.id()));
        socket.onConnectError(refused::complete);
        socket.connect();
    }

    /** The next event that is not {@code server_stats} (those come every 2 s, whenever). */
    Received next() throws InterruptedException {
        while (true) {
            Received r = events.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no event from the admin namespace within 10 s");
            }
            if (!r.name().equals("server_stats")) {
                return r;
            }
        }
    }

    /** The next {@code server_stats}, skipping (and returning in {@code skipped}) the other events before it. */
    Received nextStats(List<Received> skipped) throws InterruptedException {
        while (true) {
            Received r = events.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no server_stats within 10 s");
            }
            if (r.name().equals("server_stats")) {
                return r;
            }
            skipped.add(r);
        }
    }

    /** The next {@code count} events that are not {@code server_stats}. */
    List<Received> next(int count) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    @Override
    public void close() {
        socket.io().close();
    }
}
