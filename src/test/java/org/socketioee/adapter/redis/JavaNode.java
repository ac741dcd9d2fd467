package org.socketioee.adapter.redis;

import org.socketioee.engine.EngineOptions;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Java node of a test cluster: an embedded Tomcat whose server uses the Redis adapter. A client's auth
 * {@code {name, room}}: {@code socket.data().name} = name and the socket joins room; each node answers the
 * server-side event {@code who} with its name and records the server-side events it gets.
 */
final class JavaNode implements AutoCloseable {
    final String name;
    final RedisCluster cluster;
    final EmbeddedTomcat tomcat;
    SocketIoServer io;
    final List<String> serverSide = new CopyOnWriteArrayList<>();

    JavaNode(String name, RedisAdapterOptions options) {
        this(name, options, false);
    }

    /** @param sharded the sharded adapter ({@code createShardedAdapter}'s protocol), else the classic one */
    JavaNode(String name, RedisAdapterOptions options, boolean sharded) {
        this(name, options, sharded ? "sharded" : "classic", null);
    }

    /**
     * @param protocol {@code classic}, {@code sharded} or {@code streams} ({@code @socket.io/redis-streams-adapter})
     * @param recovery connection state recovery (null: off)
     */
    JavaNode(String name, RedisAdapterOptions options, String protocol, org.socketioee.adapter.RecoveryOptions recovery) {
        this.name = name;
        this.cluster = RedisCluster.connect(options);
        this.tomcat = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            org.socketioee.server.ServerOptions o = org.socketioee.server.ServerOptions.defaults();
            if (recovery != null) {
                o = o.withRecovery(recovery);
            }
            io = new SocketIoServer(engine, o.withAdapter(switch (protocol) {
                case "sharded" -> cluster.shardedAdapterFactory(recovery);
                case "streams" -> cluster.streamsAdapterFactory(recovery);
                default -> cluster.adapterFactory(recovery);
            }));
            io.onConnection(this::connected);
            io.sockets().onServerSideEmitWithAck("who", (args, ack) -> {
                serverSide.add("who " + args);
                ack.send(name);
            });
            io.sockets().onServerSideEmit("note", args -> serverSide.add("note " + args));
        });
    }

    private void connected(Socket socket) {
        Map<String, Object> auth = socket.handshake().auth();
        if (auth.get("name") != null) {
            socket.data().put("name", auth.get("name"));
        }
        if (auth.get("room") instanceof String room) {
            socket.join(room);
        }
    }

    String url() {
        return tomcat.baseUrl();
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        io.close();
        tomcat.close();
        cluster.close();
    }
}
