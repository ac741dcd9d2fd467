package org.socketioee.client;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.socketioee.client.example.ChatCli;
import org.socketioee.testing.Background;
import org.socketioee.testing.WebappTomcat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command-line chat client against the WAR's chat application, with a second (Java client) user; and against
 * no server at all.
 */
class ChatExampleTest {
    @Test
    void theCommandLineClientChatsWithAnotherUser() throws Exception {
        try (WebappTomcat war = WebappTomcat.start()) {
            String url = war.baseUrl() + "/chat";
            BlockingQueue<Object> bobSees = new LinkedBlockingQueue<>();
            Socket bob = IO.socket(url, ClientOptions.defaults().withForceNew(true));
            bob.on("message", e -> bobSees.add(e.args().get(0)));
            List<Object> joined = bob.timeout(Duration.ofSeconds(10))
                    .emitWithAck("join", Map.of("room", "general", "nick", "bob")).get(10, TimeUnit.SECONDS);
            assertThat(joined.get(0)).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("nick", "bob");

            Terminal carol = Terminal.start(url, "carol");
            // typed at once, before the connection and the join are done: sent once carol is in the room
            carol.type("hello from the terminal");
            await().atMost(10, TimeUnit.SECONDS).until(() -> carol.screen().contains("* joined general as carol"));
            Object received = bobSees.poll(10, TimeUnit.SECONDS);
            assertThat(received).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("nick", "carol").containsEntry("text", "hello from the terminal");
            bob.emit("message", Map.of("text", "hi carol"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> carol.screen().contains("bob: hi carol"));
            assertThat(carol.screen()).contains("carol: hello from the terminal");
            carol.quit();
            bob.io().close();
        }
    }

    @Test
    void privateMessagesShowTheirSenderAndASentOneIsConfirmed() throws Exception {
        try (WebappTomcat war = WebappTomcat.start()) {
            String url = war.baseUrl() + "/chat";
            BlockingQueue<Object> bobsPrivate = new LinkedBlockingQueue<>();
            Socket bob = IO.socket(url, ClientOptions.defaults().withForceNew(true));
            bob.on("private", e -> bobsPrivate.add(e.args().get(0)));
            bob.timeout(Duration.ofSeconds(10)).emitWithAck("join", Map.of("room", "general", "nick", "bob"))
                    .get(10, TimeUnit.SECONDS);
            Terminal carol = Terminal.start(url, "carol");
            carol.awaitLine("* joined general as carol");

            carol.type("/msg bob just between us");
            assertThat(bobsPrivate.poll(10, TimeUnit.SECONDS)).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("from", "carol").containsEntry("text", "just between us");
            carol.awaitLine("(private to bob) just between us");

            List<Object> sent = bob.timeout(Duration.ofSeconds(10))
                    .emitWithAck("private", Map.of("to", "carol", "text", "got it")).get(10, TimeUnit.SECONDS);
            assertThat(sent.get(0)).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("ok", true);
            carol.awaitLine("(private) bob: got it");

            carol.type("/msg nobody hello?");
            carol.awaitLine("* not sent: nobody is not in general");
            carol.quit();
            bob.io().close();
        }
    }

    @Test
    void aRefusedConnectionIsExplainedInWords() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Terminal t = Terminal.start("http://localhost:" + port + "/chat", "dave");
        t.awaitLine("* cannot connect to localhost:" + port + ": connection refused. Is the server running? "
                + "(`mvn package cargo:run` starts it on port 8080)");
        assertThat(t.screen()).doesNotContain("java.net.ConnectException");
        t.quit();
    }

    /** The command-line chat on a piped stdin and a captured screen, in a thread of its own. */
    private record Terminal(PipedWriter keyboard, ByteArrayOutputStream out, CompletableFuture<Void> running) {
        static Terminal start(String url, String nick) throws Exception {
            PipedWriter keyboard = new PipedWriter();
            BufferedReader stdin = new BufferedReader(new PipedReader(keyboard));
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    ChatCli.run(url, nick, "general", stdin, out);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Background.THREAD_PER_TASK); // it blocks on its keyboard
            return new Terminal(keyboard, screen, running);
        }

        void type(String line) throws Exception {
            keyboard.write(line + "\n");
            keyboard.flush();
        }

        String screen() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Waits for a line that starts with {@code start}. */
        void awaitLine(String start) {
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(screen().lines())
                    .anyMatch(l -> l.startsWith(start)));
        }

        /** Ctrl-D: the chat disconnects and returns. */
        void quit() throws Exception {
            keyboard.close();
            running.get(10, TimeUnit.SECONDS);
        }
    }
}
