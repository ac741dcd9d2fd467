package org.socketioee.metrics;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.server.AckTimeoutException;
import org.socketioee.server.Socket;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.SocketIoFixture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The hooks that a chat session does not reach, on a server of the test's own: an acknowledgement that never comes,
 * a send queue that overflows.
 */
class MeterHooksTest extends SocketIoFixture {
    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @Test
    void anUnansweredEmitWithAckIsAnAckTimeout() throws Exception {
        io.metrics(metrics);
        try (RawSocketIo raw = RawSocketIo.open(server.port())) {
            raw.connect("/", null);
            Socket socket = nextSocket();
            CompletableFuture<?> answer = socket.timeout(Duration.ofMillis(200)).emitWithAck("question");
            assertThat(raw.next()).isEqualTo("20[\"question\"]"); // read, never answered
            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AckTimeoutException.class);
            assertThat(metrics.registry().scrape()).contains("socket_io_ack_timeouts_total{namespace=\"/\"} 1.0");
        }
    }

    @Test
    void aFullSendQueueIsAnOverflow() {
        // a polling session between two GETs keeps what it is sent: the sixth packet does not fit in five
        try (EmbeddedTomcat small = EmbeddedTomcat.start(EngineOptions.defaults().withMaxBufferedPackets(5), engine -> {
            engine.metrics(metrics);
            engine.onConnection(session -> {
                for (int i = 0; i < 6; i++) {
                    session.send("tick " + i);
                }
            });
        })) {
            EngineClient.open("http://localhost:" + small.port(), "/socket.io/");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(metrics.registry().scrape()).contains(
                    "socket_io_send_queue_overflow_total 1.0",
                    "socket_io_engine_disconnect_total{reason=\"transport error\",transport=\"polling\"} 1.0",
                    "socket_io_engine_connected{transport=\"polling\"} 0.0"));
        }
    }
}
