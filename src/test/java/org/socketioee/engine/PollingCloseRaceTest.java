package org.socketioee.engine;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketioee.testing.Background;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.Node;
import org.socketioee.testing.RawHttp;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A polling GET and a POST carrying the client's close packet ({@code 1}), in both orders and at the same moment,
 * in raw HTTP: this server and the Node.js engine.io 6.6 server (under socket.io 4.8.4, polling only) must answer
 * the same status, content type and body. Node answers a pending GET with a noop ({@code 6}) and any GET after the
 * close with {@code 400 {"code":1,"message":"Session ID unknown"}} (engine.io's {@code Polling.onClose} and
 * {@code abortRequest}).
 */
class PollingCloseRaceTest {
    private static final Pattern SID = Pattern.compile("^0\\{\"sid\":\"([^\"]+)\"");
    private static final String OK = "200 text/html ok";
    private static final String NOOP = "200 text/plain;charset=utf-8 6";
    private static final String UNKNOWN_SID = "400 application/json {\"code\":1,\"message\":\"Session ID unknown\"}";
    private static final Duration HELD = Duration.ofMillis(300);

    private static EmbeddedTomcat ours;

    @BeforeAll
    static void start() {
        ours = EmbeddedTomcat.start(EngineOptions.defaults());
    }

    @AfterAll
    static void stop() {
        ours.close();
    }

    @Test
    void pendingGetThenPostCloseAnswersTheGetWithANoopAndLaterGetsWithUnknownSid() {
        assertThat(getPendingThenPostClose(ours.port())).containsExactly(OK, NOOP, UNKNOWN_SID);
    }

    @Test
    void postCloseFirstThenGetAnswersUnknownSid() {
        assertThat(postCloseThenGet(ours.port())).containsExactly(OK, UNKNOWN_SID, UNKNOWN_SID);
    }

    @Test
    void getAndPostCloseAtTheSameMomentEndEitherWayAsNodeAndNeverHang() {
        sameMoment(ours.port(), 40);
    }

    @Test
    void nodeEngineIoAnswersTheSame() {
        try (Background node = Node.start(Duration.ofSeconds(30), "socketio-server.mjs", "0", "polling")) {
            int port = Json.createReader(new StringReader(node.firstLine())).readObject().getInt("port");
            assertThat(getPendingThenPostClose(port)).containsExactly(OK, NOOP, UNKNOWN_SID);
            assertThat(postCloseThenGet(port)).containsExactly(OK, UNKNOWN_SID, UNKNOWN_SID);
            sameMoment(port, 10);
        }
    }

    /** GET held by the server, then the POST with the close packet, then one more GET. */
    private static List<String> getPendingThenPostClose(int port) {
        String url = handshake(port);
        try (RawHttp.Pending get = RawHttp.send(port, RawHttp.get(port, url))) {
            assertThat(get.heldFor(HELD)).isTrue();
            String post = RawHttp.exchange(port, RawHttp.post(port, url, "1"));
            return List.of(normal(post), normal(get.response()), normal(RawHttp.exchange(port, RawHttp.get(port, url))));
        }
    }

    /** The POST with the close packet is answered before the GET is sent; then a second GET. */
    private static List<String> postCloseThenGet(int port) {
        String url = handshake(port);
        String post = RawHttp.exchange(port, RawHttp.post(port, url, "1"));
        String get = RawHttp.exchange(port, RawHttp.get(port, url));
        String again = RawHttp.exchange(port, RawHttp.get(port, url));
        return List.of(normal(post), normal(get), normal(again));
    }

    /**
     * Both requests written back to back on two connections, many times: whichever the server handles first, the
     * POST is answered "ok" and the GET either with a noop (it was pending) or with "Session ID unknown" (it came
     * after the close), each within the read timeout.
     */
    private static void sameMoment(int port, int rounds) {
        List<String> gets = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String url = handshake(port);
            try (RawHttp.Pending get = RawHttp.send(port, RawHttp.get(port, url));
                 RawHttp.Pending post = RawHttp.send(port, RawHttp.post(port, url, "1"))) {
                assertThat(normal(post.response())).isEqualTo(OK);
                gets.add(normal(get.response()));
            }
        }
        assertThat(gets).allSatisfy(g -> assertThat(g).isIn(NOOP, UNKNOWN_SID));
    }

    /** Opens a polling session; returns the path and query of its requests. */
    private static String handshake(int port) {
        String base = "/socket.io/?EIO=4&transport=polling";
        String res = RawHttp.exchange(port, RawHttp.get(port, base));
        Matcher m = SID.matcher(RawHttp.body(res));
        assertThat(m.find()).as(res).isTrue();
        return base + "&sid=" + m.group(1);
    }

    /**
     * Status, content type and body of a raw response. The content type is compared without spaces and in lower
     * case (Tomcat writes {@code text/plain;charset=UTF-8}, Node {@code text/plain; charset=UTF-8}); the status line's
     * reason phrase and the other headers (date, keep-alive, CORS) differ between the servers and are not compared.
     */
    private static String normal(String response) {
        String type = RawHttp.contentType(response);
        return RawHttp.status(response) + " " + (type == null ? "-" : type.replace(" ", "").toLowerCase(Locale.ROOT))
                + " " + RawHttp.body(response);
    }
}
