package org.socketioee.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketioee.engine.EngineOptions;
import org.socketioee.server.SocketHandshake;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Query parameters and extra headers of the client reach the server's handshake, on every transport. */
class ClientHandshakeTest {
    @ParameterizedTest
    @EnumSource(ClientOptions.Transport.class)
    void queryAndExtraHeadersReachTheServer(ClientOptions.Transport transport) throws Exception {
        BlockingQueue<SocketHandshake> seen = new LinkedBlockingQueue<>();
        SocketIoServer[] io = new SocketIoServer[1];
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io[0] = SocketIoServer.attach(engine);
            io[0].onConnection(s -> seen.add(s.handshake()));
        })) {
            Socket s = IO.socket(server.baseUrl(), ClientOptions.defaults().withTransports(transport)
                    .withQuery(Map.of("room", "lobby", "v", "é 1"))
                    .withHeader("X-Client-Version", "7")
                    .withAuth(Map.of("token", "t")));
            try {
                SocketHandshake h = seen.poll(10, TimeUnit.SECONDS);
                assertThat(h).isNotNull();
                assertThat(h.queryParam("room")).isEqualTo("lobby");
                assertThat(h.queryParam("v")).isEqualTo("é 1");
                assertThat(h.queryParam("EIO")).isEqualTo("4");
                assertThat(h.header("x-client-version")).isEqualTo("7");
                assertThat(h.auth()).isEqualTo(Map.of("token", "t"));
            } finally {
                s.disconnect();
                io[0].close();
            }
        }
    }
}
