package org.socketioee.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineOptionsTest {
    @AfterEach
    void clear() {
        System.clearProperty("socketio.pingInterval");
        System.clearProperty("socketio.cors.origins");
    }

    @Test
    void defaultsAreNodes() {
        EngineOptions o = EngineOptions.load(name -> null);
        assertThat(o.path()).isEqualTo("/socket.io/");
        assertThat(o.pingInterval()).isEqualTo(25_000);
        assertThat(o.pingTimeout()).isEqualTo(20_000);
        assertThat(o.maxPayload()).isEqualTo(1_000_000);
        assertThat(o.upgradeTimeout()).isEqualTo(10_000);
        assertThat(o.allowedOrigins()).isEmpty();
        assertThat(o.transports()).isEqualTo(Set.of("polling", "websocket"));
        assertThat(o.webSocket()).isEqualTo("upgrade");
        assertThat(o.upgradeWebSocket()).isTrue();
        assertThat(o.maxBufferedPackets()).isEqualTo(10_000);
        assertThat(o.maxBufferedBytes()).isEqualTo(4_000_000);
        assertThat(o.sendTimeout()).isEqualTo(30_000);
        assertThat(o.webSocketInline()).isFalse();
        EngineOptions set = EngineOptions.load(Map.of("socketio.maxBufferedBytes", "1000",
                "socketio.sendTimeout", "500")::get);
        assertThat(set.maxBufferedBytes()).isEqualTo(1000);
        assertThat(set.sendTimeout()).isEqualTo(500);
    }

    @Test
    void theContainersEndpointIsChosenByName() {
        EngineOptions o = EngineOptions.load(Map.of("socketio.websocket", "endpoint")::get);
        assertThat(o.webSocket()).isEqualTo("endpoint");
        assertThat(o.upgradeWebSocket()).isFalse();
    }

    @Test
    void inlineReadsAreAskedForByName() {
        assertThat(EngineOptions.load(Map.of("socketio.websocket.inline", "true")::get).webSocketInline()).isTrue();
        assertThat(EngineOptions.load(Map.of("socketio.websocket.inline", "FALSE")::get).webSocketInline()).isFalse();
        assertThat(EngineOptions.defaults().withWebSocketInline(true).withPath("/x").webSocketInline()).isTrue();
    }

    @Test
    void contextParamsAreOverriddenBySystemProperties() {
        Map<String, String> params = Map.of("socketio.pingInterval", "1000", "socketio.pingTimeout", "500",
                "socketio.path", "engine", "socketio.cors.origins", "https://a.example, https://b.example",
                "socketio.transports", "websocket");
        EngineOptions o = EngineOptions.load(params::get);
        assertThat(o.pingInterval()).isEqualTo(1000);
        assertThat(o.path()).isEqualTo("/engine/");
        assertThat(o.allowedOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(o.transports()).containsExactly("websocket");

        System.setProperty("socketio.pingInterval", "300");
        System.setProperty("socketio.cors.origins", "*");
        EngineOptions over = EngineOptions.load(params::get);
        assertThat(over.pingInterval()).isEqualTo(300);
        assertThat(over.pingTimeout()).isEqualTo(500);
        assertThat(over.allowedOrigins()).containsExactly("*");
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> EngineOptions.load(Map.of("socketio.pingInterval", "soon")::get))
                .hasMessageContaining("not a number: soon");
        assertThatThrownBy(() -> EngineOptions.load(Map.of("socketio.transports", "flash")::get))
                .hasMessageContaining("unknown transport: flash");
        assertThatThrownBy(() -> EngineOptions.load(Map.of("socketio.websocket", "jsr")::get))
                .hasMessageContaining("socketio.websocket must be endpoint or upgrade: jsr");
        assertThatThrownBy(() -> EngineOptions.load(Map.of("socketio.websocket.inline", "yes")::get))
                .hasMessageContaining("not true or false: yes");
        assertThatThrownBy(() -> EngineOptions.defaults().withHeartbeat(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
