package org.socketioee.adapter.redis;

import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A client of one node of a test cluster (this project's Java client), connected with auth {@code {name, room}}:
 * records every event it receives as {@code "name args"} (binary as {@code bin:<hex>}), answers an event with an
 * ack by {@code "<name> got <first arg>"}.
 */
final class ClusterClient implements AutoCloseable {
    final String name;
    final Socket socket;
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final CompletableFuture<String> disconnected = new CompletableFuture<>();

    ClusterClient(String url, String name, String room) throws Exception {
        this.name = name;
        ClientOptions o = ClientOptions.defaults().withReconnection(false)
                .withTransports(ClientOptions.Transport.WEBSOCKET)
                .withAuth(room == null ? Map.of("name", name) : Map.of("name", name, "room", room));
        socket = IO.socket(url, o);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.onConnect(() -> connected.complete(null));
        socket.onDisconnect(reason -> disconnected.complete(reason.text()));
        socket.onAny(e -> {
            events.add(e.name() + " " + render(e.args()));
            if (e.hasAck()) {
                e.ack(name + " got " + render(e.args().isEmpty() ? null : e.args().get(0)));
            }
        });
        socket.connect();
        connected.get(10, TimeUnit.SECONDS);
    }

    String id() {
        return socket.id();
    }

    /** The next event, within 10 s. */
    String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError(name + ": no event within 10 s");
        }
        return e;
    }

    /** Nothing more arrives within {@code ms} (after the events a test waited for were seen). */
    List<String> drain(long ms) throws InterruptedException {
        List<String> out = new ArrayList<>();
        String e;
        while ((e = events.poll(ms, TimeUnit.MILLISECONDS)) != null) {
            out.add(e);
        }
        return out;
    }

    static String render(Object v) {
        if (v instanceof byte[] b) {
            return "bin:" + HexFormat.of().formatHex(b);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ClusterClient::render).collect(Collectors.joining(",", "[", "]"));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(en -> en.getKey() + "=" + render(en.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return String.valueOf(v);
    }

    @Override
    public void close() {
        socket.close();
    }
}
