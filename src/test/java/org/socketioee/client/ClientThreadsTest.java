package org.socketioee.client;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.InteropHandlers;
import org.socketioee.testing.Node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client stops every thread it started once the last Manager is closed (a program's main ends cleanly, as
 * {@code mvn exec:java} and application servers expect), and starts them again for the next one.
 * {@link LastCloseProgram} runs in a JVM of its own: this one has other tests' clients alive.
 */
class ClientThreadsTest {
    @Test
    void noClientThreadIsLeftAfterTheLastManagerCloses() {
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults(), InteropHandlers::install)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Node.Result r = Node.exec(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LastCloseProgram.class.getName(), "http://localhost:" + server.port() + "/"), Duration.ofMinutes(3));
            System.out.println(r.stdout());
            assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isZero();
            // a Manager must keep the client's threads until its transports are closed (the WebSocket's close runs
            // on them, after the CLOSE packet drained)
            assertThat(r.stderr()).doesNotContain("close refused");
            List<String> lines = r.stdout().lines().toList();
            assertThat(lines).contains("websocket: [websocket]", "polling: [polling]",
                    "polling after the first close: [still here]", "again: [again]",
                    "closing while opening, answered: 20 of 20");
            assertThat(line(lines, "both open")).as("the client's threads while connected")
                    .anyMatch(n -> n.startsWith("socketio-client-connect-")).anyMatch(n -> n.contains("tyrus"));
            assertThat(line(lines, "after the last close"))
                    .noneMatch(n -> LastCloseProgram.CLIENT_THREAD.matcher(n).matches());
            assertThat(line(lines, "after the second last close"))
                    .noneMatch(n -> LastCloseProgram.CLIENT_THREAD.matcher(n).matches());
        }
    }

    private static List<String> line(List<String> lines, String step) {
        String line = lines.stream().filter(l -> l.startsWith(step + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + step + " in " + lines));
        String list = line.substring(step.length() + 3, line.length() - 1);
        return list.isEmpty() ? List.of() : List.of(list.split(", "));
    }
}
