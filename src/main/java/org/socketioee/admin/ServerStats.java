package org.socketioee.admin;

import org.socketioee.engine.EngineSession;
import org.socketioee.server.ConnectionObserver;
import org.socketioee.server.DisconnectReason;
import org.socketioee.server.Namespace;
import org.socketioee.server.SocketIoServer;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code server_stats}, sent to the admin namespace every 2 s (admin-ui's {@code initStatsEmitter}):
 * {@code {serverId, hostname, pid, uptime, clientsCount, pollingClientsCount, aggregatedEvents, namespaces}}, the
 * aggregated events counted from the connection observer ({@code rawConnection}, {@code rawDisconnection},
 * {@code packetsIn/Out}, {@code bytesIn/Out}: Socket.IO's message packets, where Node also counts Engine.IO's open
 * packet and upgrade probes).
 */
final class ServerStats implements ConnectionObserver {
    private final SocketIoServer io;
    private final Namespace admin;
    private final String serverId;
    private final String hostname = AdminOptions.defaultServerId();
    private final EventBuffer events = new EventBuffer();

    ServerStats(SocketIoServer io, Namespace admin, String serverId) {
        this.io = io;
        this.admin = admin;
        this.serverId = serverId;
    }

    void emit() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("serverId", serverId);
        stats.put("hostname", hostname);
        stats.put("pid", ProcessHandle.current().pid());
        stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0); // process.uptime(), seconds
        stats.put("clientsCount", io.engine().sessionCount());
        stats.put("pollingClientsCount",
                io.engine().sessions().stream().filter(s -> "polling".equals(s.transportName())).count());
        stats.put("aggregatedEvents", events.valuesAndClear());
        List<Map<String, Object>> namespaces = io.namespaces().values().stream()
                .sorted(Comparator.comparing(Namespace::name))
                .map(n -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", n.name());
                    m.put("socketsCount", n.sockets().size());
                    return m;
                }).toList();
        stats.put("namespaces", namespaces);
        admin.emit("server_stats", stats);
    }

    @Override
    public void onConnection(EngineSession session) {
        events.push("rawConnection", null, 1);
    }

    @Override
    public void onPacket(EngineSession session, int bytes) {
        events.push("packetsIn", null, 1);
        events.push("bytesIn", null, bytes);
    }

    @Override
    public void onPacketCreate(EngineSession session, int bytes) {
        events.push("packetsOut", null, 1);
        events.push("bytesOut", null, bytes);
    }

    @Override
    public void onClose(EngineSession session, DisconnectReason reason) {
        events.push("rawDisconnection", reason.text(), 1);
    }
}
