package org.socketioee.admin;

import org.socketioee.server.Namespace;
import org.socketioee.server.SocketIoServer;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the Socket.IO Admin UI on one server (Node's {@code instrument(io, opts)} of
 * {@code @socket.io/admin-ui} 0.5.1): the admin namespace with its authentication, the {@code config} and (in
 * development mode) {@code all_sockets} sent to each UI that connects, the UI's commands unless readonly,
 * {@code server_stats} every 2 s, and in development mode every socket, room and event as it happens.
 * <pre>{@code
 * AdminUi.instrument(io, AdminOptions.basic("admin", "$2b$10$…").withMode(AdminOptions.Mode.DEVELOPMENT));
 * }</pre>
 * Instrument before adding the application's handlers: the UI then hears of a socket before the rooms the
 * application makes it join (Node prepends its listeners). Stops with the server's engine.
 */
public final class AdminUi {
    private static final System.Logger LOG = System.getLogger(AdminUi.class.getName());
    private static final long STATS_INTERVAL_MS = 2000;

    private final ScheduledThreadPoolExecutor timer;

    private AdminUi(ScheduledThreadPoolExecutor timer) {
        this.timer = timer;
    }

    public static AdminUi instrument(SocketIoServer io, AdminOptions options) {
        Namespace admin = io.of(options.namespaceName());
        if (options.auth() == AdminOptions.Auth.BASIC) {
            admin.use(new BasicAuthentication(options.username(), options.passwordHash()));
        } else {
            LOG.log(Level.WARNING, "socket.io admin: authentication is disabled (socketio.admin.auth=none): anybody "
                    + "reaching the server can use the Admin UI");
        }
        boolean development = options.mode() == AdminOptions.Mode.DEVELOPMENT;
        List<String> features = new ArrayList<>();
        if (!options.readonly()) {
            for (Feature f : List.of(Feature.EMIT, Feature.JOIN, Feature.LEAVE, Feature.DISCONNECT, Feature.MJOIN,
                    Feature.MLEAVE, Feature.MDISCONNECT)) {
                features.add(f.name());
            }
        }
        features.add(Feature.AGGREGATED_EVENTS.name());
        VerboseListeners verbose = null;
        if (development) {
            features.add(Feature.ALL_EVENTS.name());
            // first, so that the UI hears of a socket before the application's listeners act on it
            verbose = new VerboseListeners(admin);
            io.onNewNamespace(verbose::register);
            io.namespaces().values().forEach(verbose::register);
        }
        List<String> supported = List.copyOf(features);
        admin.onConnection(socket -> {
            if (!options.readonly()) {
                AdminCommands.register(io, socket);
            }
            socket.emit("config", Map.of("supportedFeatures", supported));
            if (development) {
                allSockets(io).whenComplete((all, error) -> {
                    if (error != null) { // e.g. a cluster node that did not answer fetchSockets
                        LOG.log(Level.WARNING, "socket.io admin: all_sockets failed: " + error);
                    } else {
                        socket.emit("all_sockets", all);
                    }
                });
            }
        });

        ServerStats stats = new ServerStats(io, admin, options.serverId());
        io.observeConnections(stats);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "socket.io-admin-stats");
            t.setDaemon(true);
            return t;
        });
        VerboseListeners updates = verbose;
        timer.scheduleAtFixedRate(() -> {
            try {
                if (updates != null) {
                    updates.updates();
                }
                stats.emit();
            } catch (RuntimeException e) { // the next round may do better; a thrown exception would stop the timer
                LOG.log(Level.WARNING, "socket.io admin: server_stats failed: " + e);
            }
        }, 0, STATS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        AdminUi ui = new AdminUi(timer);
        io.engine().onShutdown(ui::close);
        LOG.log(Level.INFO, "socket.io admin UI on namespace {0} (auth {1}, {2} mode{3})", admin.name(),
                options.auth().name().toLowerCase(java.util.Locale.ROOT),
                options.mode().name().toLowerCase(java.util.Locale.ROOT), options.readonly() ? ", readonly" : "");
        return ui;
    }

    /** Every socket of every namespace, on every node (fetchSockets), namespaces by name. */
    private static CompletableFuture<List<Map<String, Object>>> allSockets(SocketIoServer io) {
        List<CompletableFuture<List<Map<String, Object>>>> parts = io.namespaces().values().stream()
                .sorted(Comparator.comparing(Namespace::name))
                .map(nsp -> nsp.fetchSockets().thenApply(sockets -> sockets.stream()
                        .map(s -> SerializedSocket.of(s, nsp.name())).toList()))
                .toList();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Map<String, Object>> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    /** Stops the stats timer (the server's engine does it when it shuts down). */
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS); // no thread outlives the web application
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
