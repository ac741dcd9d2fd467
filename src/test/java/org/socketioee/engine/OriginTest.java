package org.socketioee.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Http;
import org.socketioee.testing.WsClient;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CORS on polling and the same origin rule on the WebSocket handshake: closed unless configured open. */
class OriginTest {
    static final String HANDSHAKE = "/socket.io/?EIO=4&transport=polling";

    @Test
    void byDefaultOnlyTheSameOriginIsAllowed() {
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults())) {
            HttpResponse<String> none = Http.get(server.baseUrl() + HANDSHAKE);
            assertThat(none.statusCode()).isEqualTo(200);
            assertThat(none.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> same = Http.get(server.baseUrl() + HANDSHAKE, "Origin", server.baseUrl());
            assertThat(same.statusCode()).isEqualTo(200);

            HttpResponse<String> foreign = Http.get(server.baseUrl() + HANDSHAKE, "Origin", "https://evil.example");
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            HttpResponse<String> preflight = Http.method("OPTIONS", server.baseUrl() + HANDSHAKE,
                    "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
            assertThat(preflight.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void configuredOriginsGetCorsHeaders() {
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults()
                .withAllowedOrigins("https://app.example"))) {
            HttpResponse<String> ok = Http.get(server.baseUrl() + HANDSHAKE, "Origin", "https://app.example");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
            assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(ok.headers().firstValue("Vary")).hasValue("Origin");

            HttpResponse<String> preflight = Http.method("OPTIONS", server.baseUrl() + HANDSHAKE,
                    "Origin", "https://app.example", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "content-type");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");

            assertThat(Http.get(server.baseUrl() + HANDSHAKE, "Origin", "https://other.example").statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void wildcardAllowsAnyOrigin() {
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults().withAllowedOrigins("*"))) {
            HttpResponse<String> ok = Http.get(server.baseUrl() + HANDSHAKE, "Origin", "https://anywhere.example");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }

    @ParameterizedTest(name = "websocket {0}")
    @ValueSource(strings = {EngineOptions.WEBSOCKET_ENDPOINT, EngineOptions.WEBSOCKET_UPGRADE})
    void webSocketHandshakeFollowsTheSameRule(String webSocket) throws Exception {
        try (EmbeddedTomcat server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withWebSocket(webSocket), e -> { })) {
            String url = "ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket";
            try (WsClient same = WsClient.connect(url, Map.of("Origin", server.baseUrl()))) {
                assertThat(same.nextText()).startsWith("0{");
            }
            assertThatThrownBy(() -> WsClient.connect(url, Map.of("Origin", "https://evil.example")))
                    .hasStackTraceContaining("403");
            assertThat(server.engine().sessionCount()).isZero();
        }
    }
}
