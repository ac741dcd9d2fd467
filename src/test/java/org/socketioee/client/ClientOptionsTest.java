package org.socketioee.client;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** socket.io-client's defaults, and each {@code with…} changing its own component only. */
class ClientOptionsTest {
    @Test
    void defaultsAreSocketIoClientDefaults() {
        ClientOptions o = ClientOptions.defaults();
        assertThat(o.path()).isEqualTo("/socket.io/");
        assertThat(o.transports()).containsExactly(ClientOptions.Transport.WEBSOCKET, ClientOptions.Transport.POLLING);
        assertThat(o.upgrade()).isTrue();
        assertThat(o.reconnection()).isTrue();
        assertThat(o.reconnectionAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(o.reconnectionDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.reconnectionDelayMax()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.randomizationFactor()).isEqualTo(0.5);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.autoConnect()).isTrue();
        assertThat(o.forceNew()).isFalse();
        assertThat(o.multiplex()).isTrue();
        assertThat(o.auth().get()).isNull();
        assertThat(o.ackTimeout()).isNull();
        assertThat(o.retries()).isZero();
        assertThat(o.sslContext()).isNull();
        assertThat(o.withCredentials()).isFalse();
    }

    @Test
    void eachWithChangesItsOwnComponent() throws Exception {
        ClientOptions d = ClientOptions.defaults();
        SSLContext tls = SSLContext.getDefault();
        ClientOptions o = d.withPath("custom").withTransports(ClientOptions.Transport.POLLING).withUpgrade(false)
                .withReconnection(false).withReconnectionAttempts(3)
                .withReconnectionDelay(Duration.ofMillis(10), Duration.ofMillis(20), 0.1).withTimeout(Duration.ofSeconds(2))
                .withAutoConnect(false).withForceNew(true).withMultiplex(false).withAuth(Map.of("t", 1))
                .withQuery(Map.of("q", "1")).withHeader("X-A", "a").withHeader("X-B", "b")
                .withAckTimeout(Duration.ofSeconds(3)).withMaxBufferedEmits(7).withRetries(2).withSslContext(tls)
                .withCredentials(true);
        assertThat(o).isEqualTo(new ClientOptions("/custom/", List.of(ClientOptions.Transport.POLLING), false, false, 3,
                Duration.ofMillis(10), Duration.ofMillis(20), 0.1, Duration.ofSeconds(2), false, true, false, o.auth(),
                Map.of("q", "1"), Map.of("X-A", List.of("a"), "X-B", List.of("b")), Duration.ofSeconds(3), 7, 2, tls, true));
        assertThat(o.auth().get()).isEqualTo(Map.of("t", 1));
        assertThat(d).isEqualTo(ClientOptions.defaults()); // immutable: the defaults did not move
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> ClientOptions.defaults().withTransports()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.defaults().withReconnectionDelay(Duration.ZERO, Duration.ZERO, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.defaults().withRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
