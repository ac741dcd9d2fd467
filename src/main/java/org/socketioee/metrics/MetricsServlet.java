package org.socketioee.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The Prometheus scrape endpoint ({@code socketio.metrics.path}, {@code /metrics}). Metrics tell an outsider how
 * busy the server is and which events it handles, so nobody reads them unasked: with {@code socketio.metrics.token}
 * a scrape must carry {@code Authorization: Bearer <token>} (else 401); without one, only a request from this
 * machine (a loopback address) and not relayed by a proxy (no {@code Forwarded} / {@code X-Forwarded-For}: a proxy
 * on this machine would make every outsider look local) is answered (else 403).
 */
final class MetricsServlet extends HttpServlet {
    private static final System.Logger LOG = System.getLogger(MetricsServlet.class.getName());
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;
    private final byte[] expectedAuthorization; // null: no token, loopback only

    MetricsServlet(PrometheusMeterRegistry registry, String token) {
        this.registry = registry;
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (expectedAuthorization != null) {
            String given = req.getHeader("Authorization");
            // constant time: the comparison does not tell how much of a guess was right
            if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
                refuse(req, resp, HttpServletResponse.SC_UNAUTHORIZED, "no or wrong bearer token");
                return;
            }
        } else if (!fromThisMachine(req)) {
            refuse(req, resp, HttpServletResponse.SC_FORBIDDEN, "without a token, only from this machine and not through a proxy");
            return;
        }
        resp.setContentType(CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(registry.scrape());
    }

    private static boolean fromThisMachine(HttpServletRequest req) {
        if (req.getHeader("Forwarded") != null || req.getHeader("X-Forwarded-For") != null) {
            return false;
        }
        try {
            return InetAddress.getByName(req.getRemoteAddr()).isLoopbackAddress(); // a literal: no name lookup
        } catch (IOException e) {
            return false;
        }
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse resp, int status, String why)
            throws IOException {
        LOG.log(Level.WARNING, "metrics scrape from {0} refused: {1}", req.getRemoteAddr(), why);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"socket.io metrics\"");
        }
        resp.sendError(status);
    }
}
