package org.socketioee.engine.ws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineSession;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.RawHttp;
import org.socketioee.testing.RawWebSocket;
import org.socketioee.testing.RawWebSocket.Frame;
import org.socketioee.testing.Recorder;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketioee.testing.RawWebSocket.closePayload;
import static org.socketioee.testing.RawWebSocket.frame;
import static org.socketioee.testing.RawWebSocket.text;

/**
 * RFC 6455 on the wire, against the upgrade transport in a real Tomcat: hand-written frames, hostile ones
 * included, each answered with the close code the RFC gives, and the session closed with the reason Node gives.
 */
class WebSocketConformanceTest {
    static final String PATH = "/socket.io/?EIO=4&transport=websocket";
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xa;

    EmbeddedTomcat server;
    Recorder rec = new Recorder();

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withMaxPayload(1000).withAllowedOrigins("http://ok.test")
                .withWebSocket(EngineOptions.WEBSOCKET_UPGRADE), e -> e.onConnection(rec));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A connection past the handshake and the open packet; its session is the recorder's next. */
    RawWebSocket open() throws Exception {
        RawWebSocket ws = RawWebSocket.connect(server.port(), PATH);
        assertThat(ws.responseHead()).startsWith("HTTP/1.1 101");
        assertThat(ws.next().text()).startsWith("0{\"sid\":\"");
        return ws;
    }

    /** Sends {@code bytes}, expects a close frame with {@code code}, the socket closed, the session ended. */
    void refused(int code, byte[]... bytes) throws Exception {
        try (RawWebSocket ws = open()) {
            EngineSession s = rec.nextConnection();
            ws.send(bytes);
            Frame close = ws.nextControl();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(code);
            assertThat(ws.awaitEndOfStream()).as("the server closes the TCP connection").isTrue();
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_ERROR);
        }
    }

    @Test
    void handshakeAnswersWithTheAcceptKeyAndNoExtension() {
        // RFC 6455 1.3's example key and accept value
        String head = RawHttp.upgrade(server.port(), PATH,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
        assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket")
                .containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        assertThat(WebSocketProtocol.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void otherVersionsGet426WithTheVersionSupported() {
        String head = RawHttp.exchange(server.port(), "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 8\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 426").containsIgnoringCase("Sec-WebSocket-Version: 13");
    }

    @Test
    void missingOrMalformedKeyIs400() {
        String missing = RawHttp.exchange(server.port(), "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertThat(missing).startsWith("HTTP/1.1 400");
        String shortKey = RawHttp.exchange(server.port(), "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        assertThat(shortKey).startsWith("HTTP/1.1 400");
        assertThat(rec.connections).isEmpty();
    }

    @Test
    void foreignOriginIsRefusedByTheEngineRuleAndAllowedOneAccepted() {
        String foreign = RawHttp.upgrade(server.port(), PATH, "Origin: http://evil.test");
        assertThat(foreign).startsWith("HTTP/1.1 403").endsWith("{\"code\":4,\"message\":\"Forbidden\"}");
        String allowed = RawHttp.upgrade(server.port(), PATH, "Origin: http://ok.test");
        assertThat(allowed).startsWith("HTTP/1.1 101");
    }

    @Test
    void unmaskedClientFrameIs1002() throws Exception {
        refused(1002, frame(0x81, false, "4hi".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "RSV bits {0}")
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void reservedBitsAre1002(int rsv) throws Exception {
        refused(1002, frame(0x80 | rsv | TEXT, true, "4hi".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {0x3, 0x7, 0xb, 0xf})
    void unknownOpcodesAre1002(int opcode) throws Exception {
        refused(1002, frame(true, opcode, new byte[0]));
    }

    @Test
    void controlFrameOver125BytesIs1002() throws Exception {
        refused(1002, frame(true, PING, new byte[126]));
    }

    @Test
    void fragmentedControlFrameIs1002() throws Exception {
        refused(1002, frame(false, PING, new byte[2]));
    }

    @Test
    void continuationWithoutAMessageIs1002() throws Exception {
        refused(1002, frame(true, CONTINUATION, "4x".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void newDataFrameInsideAFragmentedMessageIs1002() throws Exception {
        refused(1002, frame(false, TEXT, "4a".getBytes(StandardCharsets.UTF_8)),
                frame(true, TEXT, "4b".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8TextIs1007() throws Exception {
        refused(1007, frame(true, TEXT, new byte[] {'4', (byte) 0xc3, 0x28}));
    }

    @Test
    void invalidUtf8AcrossFragmentsIs1007() throws Exception {
        // a valid lead byte, then a fragment that does not continue it
        refused(1007, frame(false, TEXT, new byte[] {'4', (byte) 0xe2, (byte) 0x82}),
                frame(true, CONTINUATION, new byte[] {'x'}));
    }

    @Test
    void encodedSurrogateIs1007() throws Exception {
        refused(1007, frame(true, TEXT, new byte[] {'4', (byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    }

    @Test
    void lengthWithTheTopBitSetIs1002() throws Exception {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4};
        refused(1002, header);
    }

    @Test
    void messageOverMaxPayloadIs1009BeforeItsPayloadArrives() throws Exception {
        byte[] whole = frame(true, TEXT, ("4" + "x".repeat(1500)).getBytes(StandardCharsets.UTF_8));
        refused(1009, java.util.Arrays.copyOf(whole, 8)); // the header alone announces too much
    }

    @Test
    void fragmentsAddingUpOverMaxPayloadAre1009() throws Exception {
        byte[] part = "x".repeat(600).getBytes(StandardCharsets.UTF_8);
        refused(1009, frame(false, BINARY, part), frame(true, CONTINUATION, part));
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000})
    void invalidCloseCodesAre1002(int code) throws Exception {
        refused(1002, frame(true, CLOSE, closePayload(code)));
    }

    @Test
    void closeWithAOneBytePayloadIs1002() throws Exception {
        refused(1002, frame(true, CLOSE, new byte[] {3}));
    }

    @Test
    void closeReasonThatIsNotUtf8Is1007() throws Exception {
        refused(1007, frame(true, CLOSE, closePayload(1000, (byte) 0xff)));
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1000, 1001, 1003, 1011, 3000, 4999})
    void closeIsEchoedThenTheSocketClosesAsATransportClose(int code) throws Exception {
        try (RawWebSocket ws = open()) {
            EngineSession s = rec.nextConnection();
            ws.send(frame(true, CLOSE, closePayload(code, "bye".getBytes(StandardCharsets.UTF_8))));
            Frame echo = ws.nextControl();
            assertThat(echo.opcode()).isEqualTo(CLOSE);
            assertThat(echo.closeCode()).isEqualTo(code);
            assertThat(ws.awaitEndOfStream()).isTrue();
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_CLOSE);
        }
    }

    @Test
    void emptyCloseIsAnsweredWithAnEmptyClose() throws Exception {
        try (RawWebSocket ws = open()) {
            EngineSession s = rec.nextConnection();
            ws.send(frame(true, CLOSE, new byte[0]));
            Frame echo = ws.nextControl();
            assertThat(echo.opcode()).isEqualTo(CLOSE);
            assertThat(echo.payload()).isEmpty();
            assertThat(ws.awaitEndOfStream()).isTrue();
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.TRANSPORT_CLOSE);
        }
    }

    @Test
    void pingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        try (RawWebSocket ws = open()) {
            rec.nextConnection();
            ws.send(frame(true, PING, "are you there".getBytes(StandardCharsets.UTF_8)));
            Frame pong = ws.nextControl();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void fragmentedMessageWithAPingInsideIsReassembledAndThePingAnsweredMidMessage() throws Exception {
        try (RawWebSocket ws = open()) {
            EngineSession s = rec.nextConnection();
            byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // split between fragments: valid once whole
            ws.send(frame(false, TEXT, new byte[] {'4', 'h', euro[0]}));
            ws.send(frame(true, PING, "mid".getBytes(StandardCharsets.UTF_8)));
            Frame pong = ws.nextControl();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("mid");
            assertThat(rec.messages).isEmpty(); // the message is not complete yet
            ws.send(frame(false, CONTINUATION, new byte[] {euro[1], euro[2]}),
                    frame(true, CONTINUATION, "llo".getBytes(StandardCharsets.UTF_8)));
            assertThat(rec.nextMessage()).isEqualTo("h€llo");
            // and a binary message in three fragments, one of them empty
            ws.send(frame(false, BINARY, new byte[] {1, 2}), frame(false, CONTINUATION, new byte[0]),
                    frame(true, CONTINUATION, new byte[] {3}));
            assertThat((byte[]) rec.nextMessage()).containsExactly(1, 2, 3);
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void framesSplitAtEveryByteAreReadAsWhole() throws Exception {
        try (RawWebSocket ws = open()) {
            rec.nextConnection();
            byte[] f = text("4one byte at a time: é€😀");
            for (byte b : f) {
                ws.send(new byte[] {b});
            }
            assertThat(rec.nextMessage()).isEqualTo("one byte at a time: é€😀");
        }
    }

    @Test
    void lengthsOfEveryEncodingArrive() throws Exception {
        try (RawWebSocket ws = open()) {
            rec.nextConnection();
            for (int n : new int[] {0, 125, 126, 999}) {
                ws.send(frame(true, BINARY, new byte[n]));
                assertThat((byte[]) rec.nextMessage()).hasSize(n);
            }
            // a 64-bit length field for a small payload is legal too
            byte[] payload = "4long form".getBytes(StandardCharsets.UTF_8);
            byte[] f = new byte[14 + payload.length];
            f[0] = (byte) 0x81;
            f[1] = (byte) (0x80 | 127);
            f[9] = (byte) payload.length;
            System.arraycopy(payload, 0, f, 14, payload.length); // mask key 0: payload as is
            ws.send(f);
            assertThat(rec.nextMessage()).isEqualTo("long form");
        }
    }

    @Test
    void serverFramesAreUnmaskedAndLargeOnesUseTheExtendedLengths() throws Exception {
        try (RawWebSocket ws = open()) {
            EngineSession s = rec.nextConnection();
            s.send("x".repeat(200));
            s.send(new byte[70_000]);
            Frame medium = ws.next(); // next() fails on a masked frame
            assertThat(medium.opcode()).isEqualTo(TEXT);
            assertThat(medium.text()).isEqualTo("4" + "x".repeat(200));
            Frame large = ws.next();
            assertThat(large.opcode()).isEqualTo(BINARY);
            assertThat(large.payload()).hasSize(70_000);
        }
    }

    @Test
    void serverCloseSendsACloseFrameAndTheSocketEndsOnThePeersReply() throws Exception {
        try (RawWebSocket ws = open()) {
            EngineSession s = rec.nextConnection();
            s.close();
            Frame close = ws.nextControl();
            assertThat(close.closeCode()).isEqualTo(1000);
            ws.send(frame(true, CLOSE, closePayload(1000)));
            assertThat(ws.awaitEndOfStream()).isTrue();
            assertThat(rec.closeReason(s.id())).isEqualTo(CloseReason.FORCED_CLOSE);
        }
    }

    @Test
    void oneHostileConnectionLeavesTheOthersAlone() throws Exception {
        try (RawWebSocket good = open(); RawWebSocket bad = open()) {
            EngineSession g = rec.nextConnection();
            rec.nextConnection();
            bad.send(frame(0x81, false, new byte[] {'4'}));
            assertThat(bad.nextControl().closeCode()).isEqualTo(1002);
            good.send(text("4still here"));
            assertThat(rec.nextMessage()).isEqualTo("still here");
            assertThat(g.isOpen()).isTrue();
        }
    }
}
