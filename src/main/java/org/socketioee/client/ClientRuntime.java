package org.socketioee.client;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the transports of every {@link Manager} share, with the threads behind it: the threads that connect and
 * close WebSockets (both block: {@code socketio-client-connect-N}), the Tyrus client and its executors, and the
 * polling transport's HttpClients. Started by the first Manager that opens, stopped when the last open Manager
 * closes, and started anew by the next one, so that a program whose Managers are all closed has none of the
 * client's threads left (its {@code main} can end; {@code mvn exec:java} and application servers find nothing
 * lingering).
 * <p>
 * Why a count of Managers and not Tyrus' own count of sessions: Tyrus shuts its executors down when its open
 * sessions drop to zero, and a session opening at that moment picks up an executor being shut down (see
 * {@link TyrusClientManager}). Here nothing a live Manager can reach is ever stopped: a runtime is stopped only once
 * no Manager holds it, and the next Manager gets a new one. Each WebSocket has its own Grizzly transport (one
 * selector and two worker threads, shut down by Tyrus with the connection): Tyrus' shared one is stopped by an idle
 * timer whose thread never ends.
 */
final class ClientRuntime {
    private static final System.Logger LOG = System.getLogger(ClientRuntime.class.getName());
    private static final AtomicInteger RUNTIMES = new AtomicInteger();
    /** How long the stop waits for WebSockets being opened or closed before shutting Tyrus' executors down. */
    private static final Duration CLOSING = Duration.ofSeconds(30);
    /** The runtime of the open Managers, and their number; guarded by ClientRuntime.class. */
    private static ClientRuntime current;
    private static int holders;

    /** Connecting and closing a WebSocket block: never on a Manager's event loop. */
    final ExecutorService blocking;
    final TyrusClientManager tyrus = new TyrusClientManager();

    {
        // a Grizzly transport per connection, shut down with it (Tyrus' default, said explicitly: see above)
        tyrus.getProperties().put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER, false);
    }
    /** HTTP/1.1: an HTTP/2 "Upgrade: h2c" request is taken for a WebSocket upgrade by Node's http server. */
    private HttpClient http;
    /**
     * Clients for the connections with their own TLS context ({@link ClientOptions#sslContext()}), one per context
     * (each HttpClient has a selector thread); the few most recently used are kept.
     */
    private final Map<SSLContext, HttpClient> withTls = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SSLContext, HttpClient> eldest) {
            boolean full = size() > 8;
            if (full) {
                close(eldest.getValue());
            }
            return full;
        }
    };

    private ClientRuntime() {
        int n = RUNTIMES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        blocking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "socketio-client-connect-" + (n == 1 ? "" : n + "-") + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The runtime, started if no Manager holds one; a Manager holds it until {@link #release()}. */
    static synchronized ClientRuntime acquire() {
        if (current == null) {
            current = new ClientRuntime();
        }
        holders++;
        return current;
    }

    /** A Manager holding this runtime closed: the last one stops it. */
    void release() {
        synchronized (ClientRuntime.class) {
            if (current != this || holders == 0) {
                throw new IllegalStateException("released more often than acquired");
            }
            if (--holders > 0) {
                return;
            }
            current = null;
        }
        stop();
    }

    /** The HttpClient for a polling transport with this TLS context (null: the JVM's default). */
    synchronized HttpClient http(SSLContext tls) {
        if (tls != null) {
            return withTls.computeIfAbsent(tls, c -> builder().sslContext(c).build());
        }
        if (http == null) {
            http = builder().build();
        }
        return http;
    }

    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    /**
     * The WebSockets' connect and close tasks already handed over still run (the last Manager's close has just
     * queued its own); then Tyrus' executors stop, off the caller's thread (a Manager's event loop).
     */
    private void stop() {
        blocking.shutdown();
        List<HttpClient> clients;
        synchronized (this) {
            clients = new ArrayList<>(withTls.values());
            if (http != null) {
                clients.add(http);
            }
            withTls.clear();
            http = null;
        }
        Thread stopper = new Thread(() -> {
            clients.forEach(ClientRuntime::close);
            try {
                if (!blocking.awaitTermination(CLOSING.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "socket.io client: WebSocket connects/closes still running after "
                            + CLOSING.toSeconds() + " s, stopping anyway");
                    blocking.shutdownNow();
                }
            } catch (InterruptedException e) {
                blocking.shutdownNow();
            }
            tyrus.stop();
        }, "socketio-client-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /**
     * Java 21+: HttpClient.shutdown(), a second for the requests under way (the engine's last POST, its CLOSE
     * packet), then shutdownNow() for what is left (a long-polling GET the server holds). On Java 17-20 the client's
     * threads end once it is garbage, which dropping every reference to it here allows.
     */
    private static void close(HttpClient client) {
        try {
            HttpClient.class.getMethod("shutdown").invoke(client);
            HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(client, Duration.ofSeconds(1));
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException e) {
            // Java 17-20
        } catch (ReflectiveOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "socket.io client: shutting an HttpClient down", e);
        }
    }
}
