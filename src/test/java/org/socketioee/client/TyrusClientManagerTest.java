package org.socketioee.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Executors handed out while a session is open keep running after the last session closes (tyrus#640). */
class TyrusClientManagerTest {
    @Test
    void executorsSurviveTheLastSessionClosing() throws Exception {
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults())) {
            TyrusClientManager manager = new TyrusClientManager();
            CompletableFuture<CloseReason> closed = new CompletableFuture<>();
            Session s = manager.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                }

                @Override
                public void onClose(Session session, CloseReason reason) {
                    closed.complete(reason);
                }
            }, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/socket.io/?EIO=4&transport=websocket"));
            ExecutorService executor = manager.getExecutorService();
            ScheduledExecutorService scheduler = manager.getScheduledExecutorService();

            s.close(); // the manager's last session: a stock ClientManager shuts both executors down here
            closed.get(5, TimeUnit.SECONDS);

            assertThat(executor.isShutdown()).isFalse();
            assertThat(scheduler.isShutdown()).isFalse();
            assertThat(manager.getScheduledExecutorService()).isSameAs(scheduler);
            assertThat(scheduler.schedule(() -> "ran", 1, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        }
    }
}
