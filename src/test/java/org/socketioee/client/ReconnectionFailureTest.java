package org.socketioee.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff and giving up, against a port nobody listens on. */
class ReconnectionFailureTest {
    @Test
    void attemptsThenGivesUp() throws Exception {
        int port = JavaServerClientTest.freePort();
        Socket s = IO.socket("http://localhost:" + port, ClientOptions.defaults().withForceNew(true)
                .withAutoConnect(false).withReconnectionAttempts(3)
                .withReconnectionDelay(Duration.ofMillis(50), Duration.ofMillis(200), 0.5));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        s.onConnectError(e -> events.add("connect_error " + e.fromServer()));
        s.io().onReconnectAttempt(n -> events.add("attempt " + n));
        s.io().onReconnectError(e -> events.add("reconnect_error"));
        s.io().onReconnectFailed(() -> events.add("reconnect_failed"));
        s.connect();
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("event " + i + " after " + seen).isNotNull();
            seen.add(e);
        }
        // as socket.io-client: the last failed attempt gives up (reconnect_failed) before reporting its error
        assertThat(seen).containsExactly(
                "connect_error false",
                "attempt 1", "connect_error false", "reconnect_error",
                "attempt 2", "connect_error false", "reconnect_error",
                "attempt 3", "connect_error false", "reconnect_failed", "reconnect_error");
        assertThat(s.connected()).isFalse();
        s.io().close();
    }

    @Test
    void backoffDoublesWithinJitterUpToTheMaximum() {
        Backoff b = new Backoff(100, 1000, 0.5);
        long[] base = {100, 200, 400, 800, 1000, 1000};
        for (long expected : base) {
            long d = b.duration();
            assertThat(d).isBetween(Math.min(expected, 1000) / 2, 1000L);
        }
        b.reset();
        Backoff exact = new Backoff(100, 1000, 0);
        assertThat(List.of(exact.duration(), exact.duration(), exact.duration(), exact.duration(), exact.duration()))
                .containsExactly(100L, 200L, 400L, 800L, 1000L);
    }

    @Test
    void emitsWhileDisconnectedAreBoundedAndTheOldestDropped() throws Exception {
        int port = JavaServerClientTest.freePort();
        Socket s = IO.socket("http://localhost:" + port, ClientOptions.defaults().withForceNew(true)
                .withAutoConnect(false).withReconnection(false).withMaxBufferedEmits(2));
        CompletableFuture<List<Object>> first = s.emitWithAck("a");
        s.emit("b");
        s.emit("c");
        assertThat(first).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("send buffer full");
        s.io().close();
    }
}
