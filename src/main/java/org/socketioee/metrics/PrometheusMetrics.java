package org.socketioee.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.socketioee.engine.EngineMetrics;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.server.DisconnectReason;
import org.socketioee.server.ServerMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's meters in a Prometheus registry, named as the npm packages socket.io-prometheus(-metrics) name them
 * ({@code socket_io_connected}, {@code socket_io_connect_total}, … with a {@code namespace} label; Micrometer ends
 * every counter in {@code _total}, so their {@code socket_io_recieve_bytes} is {@code socket_io_recieve_bytes_total}
 * here, spelling kept), plus what Node's package cannot see: disconnect reasons, Engine.IO transports and upgrades,
 * send-queue overflows, acknowledgement timeouts.
 * <p>
 * Label values that clients choose (event names, dynamic namespaces) are capped ({@link LabelValues}): past the cap
 * they count as {@code _other}, so a client cannot grow the registry without bound.
 */
final class PrometheusMetrics implements ServerMetrics, EngineMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LabelValues namespaces = new LabelValues(100);
    private final LabelValues events = new LabelValues(500);
    private final Map<String, AtomicLong> connected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> engineConnected = new ConcurrentHashMap<>();

    PrometheusMeterRegistry registry() {
        return registry;
    }

    // ---- Socket.IO -------------------------------------------------------------------------------------------

    @Override
    public void connected(String namespace) {
        String nsp = namespaces.of(namespace);
        gauge(connected, "socket_io_connected", "Number of currently connected sockets", "namespace", nsp)
                .incrementAndGet();
        counter("socket_io_connect", "Total count of socket.io connection requests", Tags.of("namespace", nsp))
                .increment();
    }

    @Override
    public void disconnected(String namespace, DisconnectReason reason) {
        String nsp = namespaces.of(namespace);
        gauge(connected, "socket_io_connected", "Number of currently connected sockets", "namespace", nsp)
                .decrementAndGet();
        counter("socket_io_disconnect", "Total count of socket.io disconnections",
                Tags.of("namespace", nsp, "reason", reason.text())).increment();
    }

    @Override
    public void eventReceived(String namespace, String event, long bytes) {
        Tags tags = Tags.of("event", events.of(event), "namespace", namespaces.of(namespace));
        counter("socket_io_events_received", "Total count of socket.io received events", tags).increment();
        counter("socket_io_recieve_bytes", "Total socket.io bytes received", tags).increment(bytes);
    }

    @Override
    public void eventSent(String namespace, String event, long bytes) {
        Tags tags = Tags.of("event", events.of(event), "namespace", namespaces.of(namespace));
        counter("socket_io_events_sent", "Total count of socket.io sent events", tags).increment();
        counter("socket_io_transmit_bytes", "Total socket.io bytes transmitted", tags).increment(bytes);
    }

    @Override
    public void error(String namespace) {
        counter("socket_io_errors", "Total socket.io errors", Tags.of("namespace", namespaces.of(namespace)))
                .increment();
    }

    @Override
    public void ackTimeout(String namespace) {
        counter("socket_io_ack_timeouts", "Acknowledgements a socket did not send in time",
                Tags.of("namespace", namespaces.of(namespace))).increment();
    }

    // ---- Engine.IO -------------------------------------------------------------------------------------------

    @Override
    public void opened(String transport) {
        gauge(engineConnected, "socket_io_engine_connected", "Number of open Engine.IO connections", "transport",
                transport).incrementAndGet();
        counter("socket_io_engine_connect", "Engine.IO connections opened, by their first transport",
                Tags.of("transport", transport)).increment();
    }

    @Override
    public void upgraded(String from, String to) {
        engineGauge(from).decrementAndGet();
        engineGauge(to).incrementAndGet();
        counter("socket_io_engine_upgrade", "Engine.IO connections upgraded", Tags.of("from", from, "to", to))
                .increment();
    }

    @Override
    public void closed(String transport, CloseReason reason) {
        engineGauge(transport).decrementAndGet();
        counter("socket_io_engine_disconnect", "Engine.IO connections closed, by their last transport and reason",
                Tags.of("transport", transport, "reason", reason.text())).increment();
    }

    @Override
    public void sendQueueOverflow() {
        counter("socket_io_send_queue_overflow", "Connections closed because their send queue was full", Tags.empty())
                .increment();
    }

    private AtomicLong engineGauge(String transport) {
        return gauge(engineConnected, "socket_io_engine_connected", "Number of open Engine.IO connections",
                "transport", transport);
    }

    private Counter counter(String name, String help, Tags tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    /** The value behind a gauge of one label value, registered on first use (held here: gauges keep weak refs). */
    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String help, String label, String value) {
        return values.computeIfAbsent(value, v -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder(name, n, AtomicLong::get).description(help).tag(label, v).strongReference(true)
                    .register(registry);
            return n;
        });
    }
}
