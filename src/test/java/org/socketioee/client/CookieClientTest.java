package org.socketioee.client;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketioee.client.ClientContractTest.Mode;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineSession;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * withCredentials: the cookie a load balancer sets on the handshake (sticky sessions) comes back with every later
 * request of the Manager — polling GETs and POSTs, the upgrade, and the handshakes of its reconnections.
 */
class CookieClientTest {
    /** One line per Engine.IO request: "METHOD transport handshake|session cookie". */
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();

    private EmbeddedTomcat server(SocketIoServer[] io) {
        Filter stickyCookie = (req, res, chain) -> {
            HttpServletRequest r = (HttpServletRequest) req;
            boolean handshake = r.getParameter("sid") == null;
            requests.add(r.getMethod() + " " + r.getParameter("transport") + " " + (handshake ? "handshake" : "session")
                    + " " + r.getHeader("Cookie"));
            if (handshake) {
                ((HttpServletResponse) res).addHeader("Set-Cookie", "lb=node-1; Path=/; HttpOnly");
            }
            chain.doFilter(req, res);
        };
        return EmbeddedTomcat.start(EngineOptions.defaults(), 0, engine -> {
            io[0] = SocketIoServer.attach(engine);
            io[0].onConnection(s -> s.on("echo", e -> e.ack(e.args().toArray())));
        }, connector -> { }, context -> context.addServletContainerInitializer((classes, sc) -> {
            FilterRegistration.Dynamic f = sc.addFilter("sticky-cookie", stickyCookie);
            f.setAsyncSupported(true);
            f.addMappingForUrlPatterns(null, false, "/socket.io/*");
        }, null));
    }

    /** Connects, talks, has the server drop the connection, and waits for the reconnection to talk again. */
    private void connectTalkReconnect(EmbeddedTomcat server, ClientOptions options) throws Exception {
        Socket s = IO.socket(server.baseUrl(), options);
        try {
            Semaphore connects = new Semaphore(0);
            s.onConnect(connects::release);
            s.connect();
            assertThat(connects.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            assertThat(s.emitWithAck("echo", "one").get(10, TimeUnit.SECONDS)).containsExactly("one");
            if (options.transports().size() > 1 && options.transports().get(0) == ClientOptions.Transport.POLLING) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> "websocket".equals(s.io().transport()));
            }
            for (EngineSession session : List.copyOf(server.engine().sessions())) {
                session.close(); // as a network drop: the client reconnects with a new handshake
            }
            assertThat(connects.tryAcquire(10, TimeUnit.SECONDS)).as("reconnected").isTrue();
            assertThat(s.emitWithAck("echo", "two").get(10, TimeUnit.SECONDS)).containsExactly("two");
        } finally {
            s.io().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theServersCookieGoesWithEveryLaterRequest(Mode mode) throws Exception {
        SocketIoServer[] io = new SocketIoServer[1];
        try (EmbeddedTomcat server = server(io)) {
            connectTalkReconnect(server, ClientContractTest.options(mode).withCredentials(true));
            io[0].close();
        }
        List<String> all = List.copyOf(requests);
        assertThat(all.get(0)).endsWith("handshake null"); // nothing kept yet
        assertThat(all.subList(1, all.size())).isNotEmpty().allSatisfy(r -> assertThat(r).endsWith(" lb=node-1"));
        assertThat(all).filteredOn(r -> r.contains(" handshake ")).hasSizeGreaterThanOrEqualTo(2); // the reconnection's
        if (mode != Mode.WEBSOCKET) {
            assertThat(all).anySatisfy(r -> assertThat(r).startsWith("POST polling session"));
        }
        if (mode == Mode.UPGRADE) {
            assertThat(all).anySatisfy(r -> assertThat(r).startsWith("GET websocket session"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutCredentialsNoCookieIsSent(Mode mode) throws Exception {
        SocketIoServer[] io = new SocketIoServer[1];
        try (EmbeddedTomcat server = server(io)) {
            connectTalkReconnect(server, ClientContractTest.options(mode));
            io[0].close();
        }
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r).endsWith(" null"));
    }
}
