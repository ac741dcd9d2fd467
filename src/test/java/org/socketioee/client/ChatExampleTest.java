package org.socketioee.client;

import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.examples.ChatHandlers;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat launch (server side of the ChatCli example) with two Java clients. */
class ChatExampleTest {
    @Test
    void chatMessagesReachEveryone() throws Exception {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(EngineOptions.defaults(),
                engine -> ChatHandlers.install(new SocketIoServer(engine, org.socketioee.server.ServerOptions.defaults())))) {
            String url = tomcat.baseUrl() + ChatHandlers.NAMESPACE;
            BlockingQueue<String> alice = new LinkedBlockingQueue<>();
            BlockingQueue<String> bob = new LinkedBlockingQueue<>();
            CountDownLatch connected = new CountDownLatch(2);
            Socket a = IO.socket(url, ClientOptions.defaults().withForceNew(true).withAutoConnect(false));
            Socket b = IO.socket(url, ClientOptions.defaults().withForceNew(true).withAutoConnect(false));
            a.on("chat message", String.class, alice::add).onConnect(connected::countDown).connect();
            b.on("chat message", String.class, bob::add).onConnect(connected::countDown).connect();
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            a.emit("chat message", "alice: hi");
            assertThat(alice.poll(10, TimeUnit.SECONDS)).isEqualTo("alice: hi");
            assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("alice: hi");
            a.io().close();
            b.io().close();
        }
    }
}
