package org.socketioee.engine.ws;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.RawWebSocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frame reader alone: the same byte stream cut into pieces anywhere gives the same calls, and limits are
 * checked before payloads arrive. (The wire-level cases, with the close codes a client sees, are in
 * {@link WebSocketConformanceTest}.)
 */
class WebSocketReaderTest {
    /** Every call, as text: "text:…", "binary:<base64>", "ping:…", "pong:…", "close:<code>:<reason>". */
    static final class Calls implements WebSocketReader.FrameCallback {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onText(String text) {
            calls.add("text:" + text);
        }

        @Override
        public void onBinary(byte[] data) {
            calls.add("binary:" + Base64.getEncoder().encodeToString(data));
        }

        @Override
        public void onPing(byte[] payload) {
            calls.add("ping:" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onPong(byte[] payload) {
            calls.add("pong:" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(int code, String reason) {
            calls.add("close:" + code + ":" + reason);
        }
    }

    static byte[] stream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(RawWebSocket.text("héllo €😀"));
        s.writeBytes(RawWebSocket.frame(false, 0x1, new byte[] {'a', (byte) 0xe2}));
        s.writeBytes(RawWebSocket.frame(true, 0x9, "ping".getBytes(StandardCharsets.UTF_8)));
        s.writeBytes(RawWebSocket.frame(false, 0x0, new byte[] {(byte) 0x82}));
        s.writeBytes(RawWebSocket.frame(true, 0xa, new byte[0]));
        s.writeBytes(RawWebSocket.frame(true, 0x0, new byte[] {(byte) 0xac, 'z'}));
        s.writeBytes(RawWebSocket.frame(true, 0x2, new byte[300]));
        s.writeBytes(RawWebSocket.frame(true, 0x2, new byte[70_000]));
        s.writeBytes(RawWebSocket.frame(true, 0x1, new byte[0]));
        s.writeBytes(RawWebSocket.frame(true, 0x8,
                RawWebSocket.closePayload(1001, "gone".getBytes(StandardCharsets.UTF_8))));
        s.writeBytes(RawWebSocket.text("after the close: not read"));
        return s.toByteArray();
    }

    static List<String> read(byte[] bytes, int[] cuts) throws WebSocketProtocolException {
        Calls calls = new Calls();
        WebSocketReader reader = new WebSocketReader(calls, 100_000);
        int from = 0;
        for (int cut : cuts) {
            reader.feed(bytes, from, cut - from);
            from = cut;
        }
        reader.feed(bytes, from, bytes.length - from);
        return calls.calls;
    }

    @Test
    void theSameStreamCutAnywhereGivesTheSameCalls() throws Exception {
        byte[] bytes = stream();
        List<String> whole = read(bytes, new int[0]);
        assertThat(whole).hasSize(8);
        assertThat(whole.get(0)).isEqualTo("text:héllo €😀");
        assertThat(whole.get(1)).isEqualTo("ping:ping");
        assertThat(whole.get(2)).isEqualTo("pong:");
        assertThat(whole.get(3)).isEqualTo("text:a€z"); // fragmented, a character split across three fragments
        assertThat(whole.get(6)).isEqualTo("text:");
        assertThat(whole.get(7)).isEqualTo("close:1001:gone");

        Random random = new Random(6455);
        for (int round = 0; round < 300; round++) {
            int[] cuts = random.ints(random.nextInt(40), 0, bytes.length).sorted().toArray();
            assertThat(read(bytes, cuts)).as("cut at %s", java.util.Arrays.toString(cuts)).isEqualTo(whole);
        }
        int[] everyByte = new int[bytes.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(read(bytes, everyByte)).isEqualTo(whole);
    }

    /**
     * Random frames (any header bits, lengths of every encoding, mask mostly set, random payload), fed in random
     * pieces: the reader either reads them or fails with a close code of the RFC, never anything else, and never
     * holds more than the limit. A fuzzer's harness would drive the same entry point ({@code feed}).
     */
    @Test
    void randomFramesEndInACloseCodeOrAreRead() {
        Random random = new Random(13);
        for (int round = 0; round < 5_000; round++) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            int frames = 1 + random.nextInt(4);
            for (int i = 0; i < frames; i++) {
                int b0 = random.nextInt(4) == 0 ? random.nextInt(256)
                        : (random.nextBoolean() ? 0x80 : 0) | random.nextInt(3);
                byte[] payload = new byte[random.nextInt(4) == 0 ? 126 + random.nextInt(300) : random.nextInt(20)];
                random.nextBytes(payload);
                byte[] f = RawWebSocket.frame(b0, random.nextInt(10) != 0, payload);
                if (random.nextInt(20) == 0) {
                    f[1] = (byte) (0x80 | 127); // a 64-bit length, any value
                    s.write(f, 0, 2);
                    byte[] len = new byte[8];
                    random.nextBytes(len);
                    s.writeBytes(len);
                    s.write(f, 2, f.length - 2);
                } else {
                    s.writeBytes(f);
                }
            }
            byte[] bytes = s.toByteArray();
            int[] cuts = random.ints(random.nextInt(5), 0, bytes.length).sorted().toArray();
            try {
                read(bytes, cuts);
            } catch (WebSocketProtocolException e) {
                assertThat(e.closeCode()).isIn(1002, 1007, 1009);
            }
        }
    }

    @Test
    void anAnnouncedLengthOverTheLimitFailsBeforeThePayload() {
        WebSocketReader reader = new WebSocketReader(new Calls(), 10);
        byte[] f = RawWebSocket.frame(true, 0x2, new byte[11]);
        assertThatThrownBy(() -> reader.feed(f, 0, 6)) // the header with its mask, no payload
                .isInstanceOfSatisfying(WebSocketProtocolException.class,
                        e -> assertThat(e.closeCode()).isEqualTo(1009));
        assertThat(reader.isDone()).isTrue();
    }

    @Test
    void aMessageExactlyAtTheLimitPasses() throws Exception {
        Calls calls = new Calls();
        WebSocketReader reader = new WebSocketReader(calls, 10);
        byte[] a = RawWebSocket.frame(false, 0x2, new byte[4]);
        byte[] b = RawWebSocket.frame(true, 0x0, new byte[6]);
        reader.feed(a, 0, a.length);
        reader.feed(b, 0, b.length);
        assertThat(calls.calls).containsExactly("binary:AAAAAAAAAAAAAA==");
    }

    @Test
    void serverFramesUseTheShortestLengthField() {
        assertThat(WebSocketWriter.frame(0x1, new byte[125])).hasSize(2 + 125);
        assertThat(WebSocketWriter.frame(0x1, new byte[126])).hasSize(4 + 126);
        assertThat(WebSocketWriter.frame(0x1, new byte[65_535])).hasSize(4 + 65_535);
        assertThat(WebSocketWriter.frame(0x2, new byte[65_536])).hasSize(10 + 65_536);
        assertThat(WebSocketWriter.textFrame("€")).containsExactly(0x81, 3, 0xe2, 0x82, 0xac);
        assertThat(WebSocketWriter.closeFrame(1000, "")).containsExactly(0x88, 2, 0x03, 0xe8);
        assertThat(WebSocketWriter.closeFrame(1002, "é".repeat(100))).as("a reason too long is left out")
                .containsExactly(0x88, 2, 0x03, 0xea);
    }
}
