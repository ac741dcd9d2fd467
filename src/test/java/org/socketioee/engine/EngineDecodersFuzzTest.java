package org.socketioee.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;
import org.socketioee.engine.parser.PacketType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz targets for everything the Engine.IO layer parses from a client: WebSocket frames and polling
 * payloads ({@link PacketCodec}), query strings ({@link QueryString}) and the handshake gate
 * ({@link EngineServer#verify}). The rule: bad input raises only {@link EngineParseException} (the gate and the
 * query parser raise nothing: they answer an error code or keep the raw text), and what decodes encodes back to
 * the same packets.
 * <p>
 * Under {@code mvn test} each target replays its corpus ({@code src/test/resources/org/socketioee/engine/
 * EngineDecodersFuzzTestInputs/<target>/}); {@code src/test/sh/fuzz.sh} fuzzes them (README, "Tests").
 */
class EngineDecodersFuzzTest {
    private static final EngineServer ENGINE = new EngineServer(EngineOptions.defaults());

    @AfterAll
    static void stop() {
        ENGINE.shutdown();
    }

    /** One WebSocket text frame (or one part of a polling payload). */
    @FuzzTest
    void packet(byte[] input) {
        String frame = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        Packet p;
        try {
            p = PacketCodec.decode(frame);
        } catch (EngineParseException e) {
            return;
        }
        if (p.type() == PacketType.MESSAGE) {
            assertThat(p.isBinary() ? p.binary() : p.text()).isNotNull(); // listeners never see a null message
        }
        Packet again = decodeQuietly(p.pollingForm());
        assertThat(again.type()).isEqualTo(p.type());
        assertThat(again.text()).isEqualTo(p.text());
        assertThat(again.binary()).isEqualTo(p.binary());
    }

    /** One polling POST body: packets joined by the record separator. */
    @FuzzTest
    void payload(byte[] input) {
        String body = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        List<Packet> packets;
        try {
            packets = PacketCodec.decodePayload(body);
        } catch (EngineParseException e) {
            return;
        }
        assertThat(packets).isNotEmpty();
        List<Packet> again;
        try {
            again = PacketCodec.decodePayload(PacketCodec.encodePayload(packets));
        } catch (EngineParseException e) {
            throw new AssertionError("a decoded payload does not decode again: " + e.getMessage(), e);
        }
        assertThat(again).hasSameSizeAs(packets);
    }

    /** The request line's query and the headers the gate reads, for a handshake or a request with a sid. */
    @FuzzTest
    void handshake(FuzzedDataProvider data) {
        String method = data.pickValue(new String[] {"GET", "POST", "PUT", "OPTIONS", "get"});
        boolean upgrade = data.consumeBoolean();
        String origin = data.consumeBoolean() ? null : data.consumeString(64);
        String host = data.consumeBoolean() ? null : data.consumeString(64);
        String raw = data.consumeRemainingAsString();
        Map<String, List<String>> query = QueryString.parse(raw);
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            assertThat(e.getKey()).isNotNull();
            assertThat(e.getValue()).isNotEmpty().doesNotContainNull();
        }
        EngineError err = ENGINE.verify(method, query, origin, "http", host, upgrade);
        if (err == null) {
            // only a well-formed handshake (or a known sid, which a fuzzer cannot guess) passes the gate
            assertThat(QueryString.first(query, "EIO")).isEqualTo("4");
            assertThat(method).isEqualTo("GET");
        }
        Handshake h = new Handshake(query, Map.of(), "127.0.0.1", "/socket.io/?" + raw, false, java.time.Instant.EPOCH);
        assertThat(h.queryParam("transport")).isEqualTo(QueryString.first(query, "transport"));
    }

    private static Packet decodeQuietly(String frame) {
        try {
            return PacketCodec.decode(frame);
        } catch (EngineParseException e) {
            throw new AssertionError("a decoded packet does not decode again from " + frame + ": " + e.getMessage(), e);
        }
    }
}
