package org.socketioee.metrics;

import jakarta.servlet.ServletContext;
import org.socketioee.engine.EngineServer;
import org.socketioee.server.SocketIoServer;

import java.lang.System.Logger.Level;
import java.util.function.UnaryOperator;

/**
 * Turns the metrics on ({@code socketio.metrics.enabled=true}): the Prometheus registry listens to both servers and
 * {@link MetricsServlet} serves it at {@code socketio.metrics.path} ({@code /metrics}), protected by
 * {@code socketio.metrics.token} or, without one, answering this machine only. Called by the bootstrap only when
 * enabled: until then neither this class nor Micrometer is loaded.
 */
public final class MetricsEndpoint {
    private static final System.Logger LOG = System.getLogger(MetricsEndpoint.class.getName());

    private MetricsEndpoint() {
    }

    /** {@code param}: a {@code socketio.*} option's value (context-param or system property), or null. */
    public static void install(ServletContext ctx, EngineServer engine, SocketIoServer io, UnaryOperator<String> param) {
        String path = param.apply("socketio.metrics.path");
        path = path == null ? "/metrics" : path;
        String token = param.apply("socketio.metrics.token");
        PrometheusMetrics metrics = new PrometheusMetrics();
        engine.metrics(metrics);
        io.metrics(metrics);
        ctx.addServlet("socketio-metrics", new MetricsServlet(metrics.registry(), token)).addMapping(path);
        LOG.log(Level.INFO, "socket.io metrics at {0} ({1})", path, token != null ? "bearer token"
                : "this machine only: set socketio.metrics.token to scrape from elsewhere");
    }
}
