package org.socketioee.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.socketioee.parser.ArgumentBinder;
import org.socketioee.parser.EncodedPacket;
import org.socketioee.parser.PacketDecoder;
import org.socketioee.parser.PacketEncoder;
import org.socketioee.parser.PacketFactory;
import org.socketioee.parser.SocketPacket;
import org.socketioee.parser.SocketParseException;
import org.socketioee.parser.TypeBinding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO packet codec on typical packets: Java values → wire text (what every emit and ack costs before
 * the transport) and wire text → packet → Java values (what every incoming event costs before its handler).
 * The same packets, byte for byte, are timed in Node's socket.io-parser by {@code src/bench/node/codec.mjs}:
 * {@code src/bench/codec.sh} runs both and prints the ratios (README "Performance", "The JSON path").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {
    /** A chat message as a handler would send it: a record, through JSON-B. */
    public record Message(String room, String user, String text, long ts) {
    }

    static final String TEXT = "x".repeat(100);
    static final Map<String, Object> MAP = new LinkedHashMap<>();
    static final Message RECORD = new Message("lobby", "ada", "hello, how are you all doing today?", 1765000000000L);
    static final byte[] BINARY = new byte[1024];

    static {
        MAP.put("room", "lobby");
        MAP.put("user", "ada");
        MAP.put("text", "hello, how are you all doing today?");
        MAP.put("ts", 1765000000000L);
    }

    /** The wire forms decoded below, as encoded above (and as socket.io-parser encodes them: see codec.mjs). */
    static final String WIRE_STRING = "2[\"msg\",\"" + TEXT + "\"]";
    static final String WIRE_MAP = "2[\"msg\",{\"room\":\"lobby\",\"user\":\"ada\","
            + "\"text\":\"hello, how are you all doing today?\",\"ts\":1765000000000}]";
    static final String WIRE_ACK = "37[{\"ok\":true,\"id\":42}]";

    private final TypeBinding messagePlan = ArgumentBinder.plan(Message.class);

    @Benchmark
    public String encodeEventString() {
        return PacketEncoder.encode(PacketFactory.event("/", "msg", TEXT)).text();
    }

    @Benchmark
    public String encodeEventMap() {
        return PacketEncoder.encode(PacketFactory.event("/", "msg", MAP)).text();
    }

    @Benchmark
    public String encodeEventRecord() {
        return PacketEncoder.encode(PacketFactory.event("/", "msg", RECORD)).text();
    }

    @Benchmark
    public EncodedPacket encodeEventBinary() {
        return PacketEncoder.encode(PacketFactory.event("/", "file", "a.bin", BINARY));
    }

    @Benchmark
    public String encodeAck() {
        return PacketEncoder.encode(PacketFactory.ack("/", 7, Map.of("ok", true, "id", 42))).text();
    }

    @Benchmark
    public List<Object> decodeEventString() throws SocketParseException {
        return new PacketDecoder().decode(WIRE_STRING).javaArgs();
    }

    @Benchmark
    public List<Object> decodeEventMap() throws SocketParseException {
        return new PacketDecoder().decode(WIRE_MAP).javaArgs();
    }

    /** As a typed handler receives it: the argument bound to a record. */
    @Benchmark
    public Object decodeEventToRecord() throws SocketParseException {
        SocketPacket p = new PacketDecoder().decode(WIRE_MAP);
        return ArgumentBinder.bind(p, p.args().get(0), messagePlan, "message");
    }

    @Benchmark
    public List<Object> decodeAck() throws SocketParseException {
        return new PacketDecoder().decode(WIRE_ACK).javaArgs();
    }
}
