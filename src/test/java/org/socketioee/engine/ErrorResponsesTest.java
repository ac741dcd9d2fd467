package org.socketioee.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Http;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal answers like Node's engine.io: status 400 and {"code":N,"message":"…"}. */
class ErrorResponsesTest {
    static EmbeddedTomcat server;

    @BeforeAll
    static void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "GET ?{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "transport=polling                         | {\"code\":5,\"message\":\"Unsupported protocol version\"}",
            "EIO=3&transport=polling                   | {\"code\":5,\"message\":\"Unsupported protocol version\"}",
            "EIO=4                                     | {\"code\":0,\"message\":\"Transport unknown\"}",
            "EIO=4&transport=carrier-pigeon            | {\"code\":0,\"message\":\"Transport unknown\"}",
            "EIO=4&transport=polling&sid=nope          | {\"code\":1,\"message\":\"Session ID unknown\"}",
            "EIO=4&transport=websocket                 | {\"code\":3,\"message\":\"Bad request\"}",
    })
    void refusedGet(String query, String body) {
        HttpResponse<String> res = Http.get(server.baseUrl() + "/socket.io/?" + query);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(res.body()).isEqualTo(body);
    }

    @Test
    void handshakeWithPostIsABadHandshakeMethod() {
        HttpResponse<String> res = Http.post(server.baseUrl() + "/socket.io/?EIO=4&transport=polling", "4x");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    }

    @Test
    void handshakeWithPutIsABadHandshakeMethod() {
        HttpResponse<String> res = Http.method("PUT", server.baseUrl() + "/socket.io/?EIO=4&transport=polling");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    }

    @Test
    void unsupportedMethodOnASessionIsABadRequest() {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        HttpResponse<String> res = Http.method("PUT", c.url());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    }

    @Test
    void postToAnUnknownSessionIsRefused() {
        HttpResponse<String> res = Http.post(server.baseUrl() + "/socket.io/?EIO=4&transport=polling&sid=abc", "4x");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void disabledTransportIsUnknown() {
        try (EmbeddedTomcat wsOnly = EmbeddedTomcat.start(EngineOptions.defaults().withTransports("websocket"))) {
            HttpResponse<String> res = Http.get(wsOnly.baseUrl() + "/socket.io/?EIO=4&transport=polling");
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(res.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
        }
    }
}
