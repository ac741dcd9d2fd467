package org.socketioee.server;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineServer;
import org.socketioee.engine.InMemorySession;
import org.socketioee.testing.LogCapture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz target for the whole server behind the transports: Engine.IO session, Socket.IO decoder, client,
 * namespaces (static, dynamic, with a middleware), sockets, acknowledgements both ways, binding, rooms and
 * broadcasts, over an in-process session ({@link InMemorySession}) fed with any sequence of frames. The rule:
 * nothing a client sends is logged at SEVERE, and no WARNING carries a stack trace.
 * <p>
 * Under {@code mvn test} it replays its corpus ({@code src/test/resources/org/socketioee/server/
 * ServerFuzzTestInputs/session/}); {@code src/test/sh/fuzz.sh} fuzzes it (README, "Tests").
 */
class ServerFuzzTest {
    /** A public type for JSON-B to bind an event argument to. */
    public record Note(String text, int n, List<String> tags, byte[] data) {
    }

    private static final AtomicLong IDS = new AtomicLong();
    private static EngineServer engine;
    private static SocketIoServer io;
    private static LogCapture log;

    @BeforeAll
    static void start() {
        engine = new EngineServer(EngineOptions.defaults());
        io = new SocketIoServer(engine, ServerOptions.defaults().withConnectTimeout(Duration.ofSeconds(30)));
        io.onConnection(s -> s
                .on("echo", e -> e.ack(e.args().toArray()))
                .on("note", Note.class, (note, ack) -> ack.send(note == null ? null : note.text()))
                .on("join", e -> {
                    s.join(String.valueOf(e.arg(0, String.class)));
                    e.ack();
                })
                // String.valueOf: a missing room is the handler's to check, as any application's
                .on("to", e -> io.to(String.valueOf(e.arg(0, String.class))).emit("msg", e.args().toArray()))
                .on("ask", e -> s.timeout(Duration.ofMillis(50)).emitWithAck("question", e.args().toArray()))
                .on("bye", e -> s.disconnect()));
        io.of("/admin").use((s, next) -> {
            if ("s3cret".equals(String.valueOf(s.handshake().auth().get("token")))) {
                next.accept();
            } else {
                next.reject(new ConnectError("unauthorized", Map.of("code", 401)));
            }
        });
        io.of(Pattern.compile("/dyn-\\d+")).onConnection(s -> s.on("echo", e -> e.ack(e.args().toArray())));
        // every record of the project's loggers comes here, and not to the console: a fuzz run logs a line for
        // most inputs
        log = new LogCapture("org.socketioee");
        Logger.getLogger("org.socketioee").setUseParentHandlers(false);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("org.socketioee").setUseParentHandlers(true);
        log.close();
        io.close();
        engine.shutdown();
    }

    /**
     * A session: its frames, one per line; a line that starts with a NUL byte is a binary frame (the rest of the
     * line), any other line a text frame, a whole Engine.IO packet (type first: {@code 40}, {@code 42["echo",1]}).
     */
    @FuzzTest
    @DictionaryEntries({"40", "40/admin,", "40/dyn-1,", "{\"token\":\"s3cret\"}", "42[\"echo\",", "42[\"note\",",
            "42[\"join\",\"r\"]", "42[\"to\",\"r\",", "42[\"ask\",", "42[\"bye\"]", "43", "41", "451-", "461-",
            "{\"_placeholder\":true,\"num\":0}", "\"text\":", "\"data\":", "\"tags\":[", "1", "2", "3", "5", "6"})
    void session(byte[] input) {
        log.records.clear();
        log.lines.clear(); // both: a list kept over millions of inputs grew, and each add copied it (CopyOnWriteArrayList)
        InMemorySession session = InMemorySession.open(engine, "fuzz" + IDS.incrementAndGet());
        int start = 0;
        while (start <= input.length && session.isOpen()) {
            int end = start;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            if (end > start && input[start] == 0) {
                session.receive(Arrays.copyOfRange(input, start + 1, end));
            } else if (!session.receive(new String(input, start, end - start, StandardCharsets.UTF_8))) {
                break; // not an Engine.IO packet: the transport closes the session ("parse error")
            }
            start = end + 1;
        }
        session.drop();
        assertThat(log.at(Level.SEVERE)).isEmpty();
        assertThat(log.records).noneMatch(r -> r.getLevel() == Level.WARNING && r.getThrown() != null);
    }
}
