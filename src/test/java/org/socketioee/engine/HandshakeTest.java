package org.socketioee.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Http;
import org.socketioee.testing.WsClient;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {
    static final Pattern OPEN = Pattern.compile(
            "0\\{\"sid\":\"([A-Za-z0-9_-]{20})\",\"upgrades\":\\[(.*)],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    static EmbeddedTomcat server;

    @BeforeAll
    static void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pollingHandshakeAnswersTheOpenPacketAndOffersWebSocket() {
        HttpResponse<String> res = Http.get(server.baseUrl() + "/socket.io/?EIO=4&transport=polling");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        Matcher m = OPEN.matcher(res.body());
        assertThat(m.matches()).as(res.body()).isTrue();
        assertThat(m.group(2)).isEqualTo("\"websocket\"");
        assertThat(server.engine().session(m.group(1))).isNotNull();
    }

    @Test
    void queryParameterOrderDoesNotMatter() {
        HttpResponse<String> res = Http.get(server.baseUrl() + "/socket.io/?transport=polling&EIO=4&t=abc");
        assertThat(OPEN.matcher(res.body()).matches()).as(res.body()).isTrue();
    }

    @Test
    void sessionIdsAreDistinctAnd120BitsOfBase64Url() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Matcher m = OPEN.matcher(Http.get(server.baseUrl() + "/socket.io/?EIO=4&transport=polling").body());
            assertThat(m.matches()).isTrue();
            ids.add(m.group(1));
        }
        assertThat(ids).hasSize(50);
    }

    @Test
    void webSocketHandshakeSendsTheOpenPacketWithoutUpgrades() throws Exception {
        try (WsClient ws = WsClient.connect("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket")) {
            Matcher m = OPEN.matcher(ws.nextText());
            assertThat(m.matches()).isTrue();
            assertThat(m.group(2)).isEmpty();
            assertThat(server.engine().session(m.group(1)).transportName()).isEqualTo("websocket");
        }
    }
}
