package org.socketioee.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.RawSocketIo;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed packets over a real session (embedded Tomcat, WebSocket and polling): the session that sent one
 * closes, with exactly one WARNING line naming it and no stack trace; nothing is logged at SEVERE; another client
 * connected all along still gets its acknowledgements. The inputs include the regressions the fuzzers found
 * (an empty Engine.IO message {@code 4} reached the Socket.IO decoder as null: a SEVERE NullPointerException).
 */
class MalformedInputTest {
    private static EmbeddedTomcat server;
    private static SocketIoServer io;
    private static RawSocketIo bystander;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io = SocketIoServer.attach(engine);
            io.onConnection(s -> s.on("echo", e -> e.ack(e.args().toArray()))
                    .on("number", Integer.class, (n, ack) -> ack.send(n + 1)));
        });
        bystander = RawSocketIo.open(server.port());
        assertThat(bystander.connect("/", null)).startsWith("0{\"sid\":");
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.close();
        io.close();
        server.close();
    }

    @BeforeEach
    void bystanderWorks() throws Exception {
        assertBystanderAnswers();
    }

    /** Engine.IO text frames (with their type digit) sent after a successful CONNECT to "/". */
    @ParameterizedTest
    @ValueSource(strings = {
            "4",                                                // empty message: was a SEVERE NPE at PacketDecoder.parse
            "42[",                                              // invalid JSON
            "4z",                                               // unknown Socket.IO packet type
            "42[\"echo\"]]",                                    // trailing data after the JSON value
            "451-[\"echo\",{\"_placeholder\":true,\"num\":3}]", // placeholder beyond the announced attachments
            "499999999999999999999999[\"x\"]",                  // no such packet type, huge ack id
            "x",                                                // unknown Engine.IO packet type
    })
    void overWebSocket(String frame) throws Exception {
        try (LogCapture log = new LogCapture("");
             RawSocketIo client = RawSocketIo.open(server.port())) {
            assertThat(client.connect("/", null)).startsWith("0{\"sid\":");
            client.ws.send(frame);
            client.ws.awaitClose();
            assertOneWarningFor(log, client.engineId);
        }
        assertBystanderAnswers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "4\u001e42[\"echo\",1]", "42[\"echo\"", "b!!!"})
    void overPolling(String body) throws Exception {
        try (LogCapture log = new LogCapture("")) {
            EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
            assertThat(c.post("40").body()).isEqualTo("ok");
            assertThat(c.get().body()).startsWith("40{\"sid\":");
            c.post(body);
            // closed: the next GET carries the close packet (forced close), or the session is gone already
            // (an Engine.IO parse error ends it at once); the one after always finds it gone
            HttpResponse<String> next = c.get();
            assertThat(next.statusCode() == 400 || next.body().endsWith("1")).as(next.body()).isTrue();
            assertThat(c.get().body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
            assertOneWarningFor(log, c.sid);
        }
        assertBystanderAnswers();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void binaryFrameNobodyAnnounced(int size) throws Exception {
        try (LogCapture log = new LogCapture("");
             RawSocketIo client = RawSocketIo.open(server.port())) {
            assertThat(client.connect("/", null)).startsWith("0{\"sid\":");
            client.sendBinary(new byte[size]);
            client.ws.awaitClose();
            assertOneWarningFor(log, client.engineId);
        }
        assertBystanderAnswers();
    }

    @Test
    void anArgumentThatCannotBeBoundIsAnsweredWithAnErrorAndOneWarningAndTheSessionLives() throws Exception {
        try (LogCapture log = new LogCapture("");
             RawSocketIo client = RawSocketIo.open(server.port())) {
            String sid = RawSocketIo.sid(client.connect("/", null));
            client.send("25[\"number\",{\"not\":\"a number\"}]");
            assertThat(client.next()).isEqualTo("35[{\"error\":\"argument 1: expected an integer, got an object\"}]");
            client.send("26[\"number\",41]");
            assertThat(client.next()).isEqualTo("36[42]");
            List<String> warnings = log.at(Level.WARNING);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(sid, "\"number\"", "expected an integer").doesNotContain("[thrown:");
            assertThat(log.at(Level.SEVERE)).isEmpty();
        }
    }

    @Test
    void anAckWithoutAnIdIsIgnoredAsNodeDoes() throws Exception {
        // regression (ServerFuzzTest): "3[...]" without an id was a SEVERE NullPointerException per packet
        try (LogCapture log = new LogCapture("");
             RawSocketIo client = RawSocketIo.open(server.port())) {
            client.connect("/", null);
            client.send("3[\"x\"]");
            client.send("61-[{\"_placeholder\":true,\"num\":0}]");
            client.sendBinary(new byte[] {1});
            client.send("21[\"echo\",1]");
            assertThat(client.next()).isEqualTo("31[1]");
            assertThat(log.at(Level.SEVERE)).isEmpty();
            assertThat(log.at(Level.WARNING)).isEmpty();
        }
    }

    private static void assertOneWarningFor(LogCapture log, String engineId) {
        List<String> warnings = log.at(Level.WARNING);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains(engineId).doesNotContain("[thrown:");
        assertThat(log.at(Level.SEVERE)).isEmpty();
    }

    private static void assertBystanderAnswers() throws Exception {
        bystander.send("27[\"echo\",\"still here\"]");
        assertThat(bystander.next()).isEqualTo("37[\"still here\"]");
    }
}
