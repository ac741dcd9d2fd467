package org.socketioee.server;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.socketioee.adapter.RecoveryOptions;
import org.socketioee.adapter.redis.RedisAdapterOptions;
import org.socketioee.adapter.redis.RedisCluster;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineServer;
import org.socketioee.metrics.MetricsEndpoint;

import java.lang.System.Logger.Level;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;

/**
 * Starts the WAR's Engine.IO and Socket.IO servers from the {@code socketio.*} context-params (each overridable by
 * a system property), publishes them as context attributes, installs the annotated handlers and runs the
 * configurers. Started by {@link SocketIoInitializer}, and registered by it as a listener to stop with the
 * application.
 */
public class SocketIoBootstrap implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(SocketIoBootstrap.class.getName());
    private final Set<Class<?>> classes;
    private SocketIoServer io;
    private RedisCluster cluster; // with socketio.adapter=redis: closed after the server, on undeploy

    SocketIoBootstrap(Set<Class<?>> classes) {
        this.classes = classes;
    }

    void start(ServletContext ctx) {
        EngineServer engine = new EngineServer(EngineOptions.load(ctx));
        ServerOptions options = serverOptions(ctx);
        String adapter = param(ctx, "socketio.adapter");
        if ("redis".equals(adapter) || "redis-sharded".equals(adapter) || "redis-streams".equals(adapter)) {
            cluster = RedisCluster.connect(RedisAdapterOptions.load(name -> param(ctx, name)));
            options = options.withAdapter(switch (adapter) {
                case "redis" -> cluster.adapterFactory(options.recovery());
                case "redis-sharded" -> cluster.shardedAdapterFactory(options.recovery());
                default -> cluster.streamsAdapterFactory(options.recovery());
            });
        } else if (adapter != null && !"memory".equals(adapter)) {
            throw new IllegalArgumentException(
                    "socketio.adapter must be memory, redis, redis-sharded or redis-streams: " + adapter);
        }
        io = new SocketIoServer(engine, options);
        if (Boolean.parseBoolean(param(ctx, "socketio.metrics.enabled"))) {
            // only here is the metrics package (and Micrometer with it) loaded: off, it costs nothing
            MetricsEndpoint.install(ctx, engine, io, name -> param(ctx, name));
        }
        engine.attach(ctx);
        ctx.setAttribute(EngineServer.CONTEXT_ATTRIBUTE, engine);
        ctx.setAttribute(SocketIoServer.CONTEXT_ATTRIBUTE, io);
        classes.stream().sorted(Comparator.comparing(Class::getName)).forEach(c -> {
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                return;
            }
            try {
                if (c.isAnnotationPresent(SocketNamespace.class)) {
                    AnnotatedHandlers.install(io, c);
                }
                if (SocketIoConfigurer.class.isAssignableFrom(c)) {
                    ((SocketIoConfigurer) c.getConstructor().newInstance()).configure(io, ctx);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot start " + c.getName(), e);
            }
        });
        LOG.log(Level.INFO, "socket.io ready at {0} (recovery {1}, adapter {2})", engine.options().path(),
                io.options().recovery() == null ? "off" : "on", cluster == null ? "memory"
                        : adapter + " " + cluster.options().uri() + " prefix " + cluster.options().prefix()
                        + ("redis-sharded".equals(adapter) ? " subscriptionMode " + cluster.options().subscriptionMode().wireName() : ""));
    }

    static ServerOptions serverOptions(ServletContext ctx) {
        ServerOptions o = ServerOptions.defaults();
        String timeout = param(ctx, "socketio.connectTimeout");
        if (timeout != null) {
            o = o.withConnectTimeout(Duration.ofMillis(Long.parseLong(timeout)));
        }
        String recovery = param(ctx, "socketio.recovery.maxDisconnectionDuration");
        if (recovery != null && Long.parseLong(recovery) > 0) {
            RecoveryOptions d = RecoveryOptions.defaults();
            String skip = param(ctx, "socketio.recovery.skipMiddlewares");
            o = o.withRecovery(new RecoveryOptions(Duration.ofMillis(Long.parseLong(recovery)),
                    skip == null ? d.skipMiddlewares() : Boolean.parseBoolean(skip), d.maxStoredPackets()));
        }
        return o;
    }

    /** A {@code socketio.*} option: the system property of that name when set (not blank), else the context-param. */
    public static String param(ServletContext ctx, String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = ctx.getInitParameter(name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (io != null) {
            io.close();
            io.engine().shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
