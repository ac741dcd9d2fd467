package org.socketioee.client;

import org.junit.jupiter.api.Test;
import org.socketioee.client.example.ChatCli;
import org.socketioee.testing.WebappTomcat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
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

/** The command-line chat client against the WAR's chat application, with a second (Java client) user. */
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
            assertThat(joined.get(0)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("nick", "bob");

            PipedWriter typing = new PipedWriter();
            BufferedReader stdin = new BufferedReader(new PipedReader(typing));
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
            CompletableFuture<Void> cli = CompletableFuture.runAsync(() -> {
                try {
                    ChatCli.run(url, "carol", "general", stdin, out);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // typed at once, before the connection and the join are done: sent once carol is in the room
            typing.write("hello from the terminal\n");
            typing.flush();
            await().atMost(10, TimeUnit.SECONDS).until(() -> screen.toString(StandardCharsets.UTF_8)
                    .contains("* joined general as carol"));
            Object received = bobSees.poll(10, TimeUnit.SECONDS);
            assertThat(received).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("nick", "carol").containsEntry("text", "hello from the terminal");
            bob.emit("message", Map.of("text", "hi carol"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> screen.toString(StandardCharsets.UTF_8)
                    .contains("bob: hi carol"));
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("carol: hello from the terminal");
            typing.close(); // Ctrl-D
            cli.get(10, TimeUnit.SECONDS);
            bob.io().close();
        }
    }
}
