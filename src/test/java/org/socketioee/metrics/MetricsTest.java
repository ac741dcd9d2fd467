package org.socketioee.metrics;

import org.junit.jupiter.api.Test;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;
import org.socketioee.server.ServerMetrics;
import org.socketioee.testing.Http;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.WebappTomcat;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WAR with {@code socketio.metrics.enabled}: real clients talk to the chat namespace, then {@code /metrics} is
 * scraped over HTTP and its lines compared with what the clients sent and received, byte for byte. Off by default
 * (404), and refused without the token (401) or, with no token configured, from behind a proxy (403).
 */
class MetricsTest {
    private static final String TOKEN = "s3cret-token";
    private static final Map<String, String> WITH_TOKEN =
            Map.of("socketio.metrics.enabled", "true", "socketio.metrics.token", TOKEN);

    @Test
    void offByDefaultAndNotEvenLoaded() throws Exception {
        try (WebappTomcat war = WebappTomcat.start()) {
            assertThat(Http.get(war.baseUrl() + "/metrics").statusCode()).isEqualTo(404);
            // the WAR's own class loader (it loads org.socketioee.* itself) has loaded the hooks' no-op listener but
            // nothing of the metrics package, the only one that refers to Micrometer
            ClassLoader webapp = war.context().getLoader().getClassLoader();
            Method loaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            loaded.setAccessible(true); // surefire's argLine opens java.lang
            assertThat(loaded.invoke(webapp, ServerMetrics.class.getName())).isNotNull();
            assertThat(loaded.invoke(webapp, MetricsEndpoint.class.getName())).isNull();
            assertThat(loaded.invoke(webapp, PrometheusMetrics.class.getName())).isNull();
        }
    }

    @Test
    void eventsAndTheirBytesInAndOutPerNamespace() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(0, null, WITH_TOKEN)) {
            String create1 = "2/chat,1[\"create room\",{\"name\":\"metrics\"}]";
            String create2 = "2/chat,2[\"create room\",{\"name\":5}]"; // refused by the binder: an error
            String upload = "51-/chat,[\"upload\",{\"_placeholder\":true,\"num\":0},\"été\"]"; // UTF-8: 2 bytes per é
            String created;
            try (RawSocketIo raw = RawSocketIo.open(war.port())) {
                assertThat(raw.connect("/chat", null)).startsWith("0/chat,{\"sid\":\"");
                raw.send(create1);
                List<String> got = List.of(raw.next(), raw.next()); // the broadcast and the ack, in either order
                created = got.stream().filter(p -> p.startsWith("2/chat,[\"room created\"")).findFirst().orElseThrow();
                raw.send(create2);
                assertThat(raw.next()).startsWith("3/chat,2[{\"error\":");
                raw.send(upload);
                raw.sendBinary(new byte[] {1, 2, 3});

                long createBytes = utf8(create1) + utf8(create2);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape(war)).contains(
                        "socket_io_connected{namespace=\"/chat\"} 1.0",
                        "socket_io_connect_total{namespace=\"/chat\"} 1.0",
                        "socket_io_events_received_total{event=\"create room\",namespace=\"/chat\"} 2.0",
                        "socket_io_recieve_bytes_total{event=\"create room\",namespace=\"/chat\"} " + createBytes + ".0",
                        "socket_io_events_received_total{event=\"upload\",namespace=\"/chat\"} 1.0",
                        "socket_io_recieve_bytes_total{event=\"upload\",namespace=\"/chat\"} " + (utf8(upload) + 3) + ".0",
                        "socket_io_events_sent_total{event=\"room created\",namespace=\"/chat\"} 1.0",
                        "socket_io_transmit_bytes_total{event=\"room created\",namespace=\"/chat\"} " + utf8(created) + ".0",
                        "socket_io_errors_total{namespace=\"/chat\"} 1.0",
                        "socket_io_engine_connected{transport=\"websocket\"} 1.0",
                        "socket_io_engine_connect_total{transport=\"websocket\"} 1.0"));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape(war)).contains(
                    "socket_io_connected{namespace=\"/chat\"} 0.0",
                    "socket_io_disconnect_total{namespace=\"/chat\",reason=\"transport close\"} 1.0",
                    "socket_io_engine_connected{transport=\"websocket\"} 0.0",
                    "socket_io_engine_disconnect_total{reason=\"transport close\",transport=\"websocket\"} 1.0"));
        }
    }

    @Test
    void transportsAndUpgrades() throws Exception {
        try (WebappTomcat war = WebappTomcat.start(0, null, WITH_TOKEN)) {
            Socket socket = IO.socket(war.baseUrl() + "/chat",
                    ClientOptions.defaults().withForceNew(true).withTransports(ClientOptions.Transport.POLLING, ClientOptions.Transport.WEBSOCKET));
            try {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape(war)).contains(
                        "socket_io_engine_connect_total{transport=\"polling\"} 1.0",
                        "socket_io_engine_upgrade_total{from=\"polling\",to=\"websocket\"} 1.0",
                        "socket_io_engine_connected{transport=\"polling\"} 0.0",
                        "socket_io_engine_connected{transport=\"websocket\"} 1.0",
                        "socket_io_connected{namespace=\"/chat\"} 1.0"));
                socket.timeout(Duration.ofSeconds(10)).emitWithAck("rooms").get(15, TimeUnit.SECONDS);
                assertThat(scrape(war)).contains("socket_io_events_received_total{event=\"rooms\",namespace=\"/chat\"} 1.0");
            } finally {
                socket.disconnect();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape(war)).contains(
                    "socket_io_disconnect_total{namespace=\"/chat\",reason=\"client namespace disconnect\"} 1.0"));
        }
    }

    @Test
    void aScrapeWithoutTheTokenIsRefused() {
        try (WebappTomcat war = WebappTomcat.start(0, null, WITH_TOKEN)) {
            String url = war.baseUrl() + "/metrics";
            HttpResponse<String> none = Http.get(url);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"socket.io metrics\"");
            assertThat(none.body()).doesNotContain("socket_io");
            assertThat(Http.get(url, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(Http.get(url, "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = Http.get(url, "Authorization", "Bearer " + TOKEN);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/plain;version=0.0.4;charset=utf-8");
        }
    }

    @Test
    void withoutATokenOnlyThisMachineNotThroughAProxy() {
        try (WebappTomcat war = WebappTomcat.start(0, null, Map.of("socketio.metrics.enabled", "true"))) {
            String url = war.baseUrl() + "/metrics";
            assertThat(Http.get(url).statusCode()).isEqualTo(200); // the test runs on the server's machine
            assertThat(Http.get(url, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(403);
            assertThat(Http.get(url, "Forwarded", "for=203.0.113.7").statusCode()).isEqualTo(403);
        }
    }

    private static String scrape(WebappTomcat war) {
        HttpResponse<String> res = Http.get(war.baseUrl() + "/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
