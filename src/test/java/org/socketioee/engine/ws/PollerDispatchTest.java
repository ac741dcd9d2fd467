package org.socketioee.engine.ws;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.EngineOptions;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.RawSocketIo;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code socketio.websocket.inline}: which thread runs a Socket.IO handler, as the handler itself sees it, on a real
 * (embedded) Tomcat's NIO connector.
 */
class PollerDispatchTest {
    private static final String POLLER = "31\\[\"http-nio-[^\"]*-Poller\"]";
    private static final String POOL = "31\\[\"http-nio-[^\"]*-exec-\\d+\"]";
    private EmbeddedTomcat server;

    private void start(boolean inline) {
        server = EmbeddedTomcat.startPinned(EngineOptions.defaults().withWebSocket(EngineOptions.WEBSOCKET_UPGRADE)
                .withWebSocketInline(inline), engine -> SocketIoServer.attach(engine).onConnection(s -> {
                    s.on("thread", e -> e.ack(Thread.currentThread().getName()));
                    s.on("block", e -> {
                        try {
                            Thread.sleep(e.arg(0, Integer.class));
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                        e.ack(Thread.currentThread().getName());
                    });
                }));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String askThread(RawSocketIo c) throws Exception {
        c.send("21[\"thread\"]");
        return c.next();
    }

    /**
     * Asks until a handler answers from a thread matching {@code thread}, then three more times, each of which must
     * match too. A connection's first messages may still be read by the pool thread that ran the upgrade or, just
     * after a change, by one still in its read loop: which thread reads a message no one waits for is a race; which
     * one reads once the connection is settled is not. And a read on the pool ends with Tomcat registering the
     * socket with the poller before it gives the connection its processor back ({@code AbstractProtocol}'s
     * {@code longPoll}, then {@code setCurrentProcessor}): a message that arrives in between is not recognisably
     * ours and goes to the pool again. An answer read at once is sent at once, so on a busy machine a client that asks
     * straight away can keep landing there (the fresh-clone CI once needed 11 asks): between asks that did not
     * settle, the client waits 20 ms, long enough for the pool thread to finish.
     */
    private void settlesOn(RawSocketIo c, String thread) throws Exception {
        int asked = 1;
        while (!askThread(c).matches(thread)) {
            assertThat(++asked).as("asks before a handler ran on %s", thread).isLessThanOrEqualTo(10);
            Thread.sleep(20);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(askThread(c)).matches(thread);
        }
    }

    private RawSocketIo client() throws Exception {
        RawSocketIo c = RawSocketIo.open(server.port());
        assertThat(c.connect("/", null)).startsWith("0{\"sid\":");
        return c;
    }

    @Test
    void withInlineAWebSocketConnectionsHandlersRunOnThePoller() throws Exception {
        start(true);
        try (RawSocketIo a = client(); RawSocketIo b = client()) {
            settlesOn(a, POLLER);
            settlesOn(b, POLLER);
            settlesOn(a, POLLER);
        }
    }

    @Test
    void byDefaultTheyRunOnThePool() throws Exception {
        start(false);
        try (RawSocketIo a = client()) {
            for (int i = 0; i < 5; i++) {
                assertThat(askThread(a)).matches(POOL);
            }
        }
    }

    @Test
    void pollingRequestsStayOnThePool() throws Exception {
        start(true);
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        assertThat(c.post("40").body()).isEqualTo("ok");
        assertThat(c.get().body()).startsWith("40{\"sid\":");
        assertThat(c.post("421[\"thread\"]").body()).isEqualTo("ok");
        assertThat(c.get().body()).matches("4" + POOL);
    }

    @Test
    void aHandlerHoldingThePollerIsReportedOnceAMinute() throws Exception {
        start(true);
        try (LogCapture log = new LogCapture(PollerDispatch.class); RawSocketIo a = client();
                RawSocketIo b = client()) {
            settlesOn(a, POLLER);
            a.send("21[\"block\",150]");
            assertThat(a.next()).matches(POLLER);
            // The warning is written when a's read ends, after its answer (and a message that came meanwhile would be
            // part of the same read). b's handler runs on the same, only, poller once that read has ended.
            settlesOn(b, POLLER);
            assertThat(log.at(java.util.logging.Level.WARNING)).singleElement().asString()
                    .matches("a WebSocket read held Tomcat's poller for \\d+ ms \\(1 such reads so far\\): every"
                            + " connection of the connector waited meanwhile; .* handlers must not block");
            a.send("22[\"block\",150]");
            assertThat(a.next()).matches("32\\[\"http-nio-[^\"]*-Poller\"]");
            settlesOn(b, POLLER);
            assertThat(log.at(java.util.logging.Level.WARNING)).as("a second slow read within the minute").hasSize(1);
        }
    }

    @Test
    void installedOnARunningConnectorAndUndone() throws Exception {
        start(false);
        Runnable undo;
        try (RawSocketIo a = client()) {
            settlesOn(a, POOL);
            undo = PollerDispatch.install(server.servletContext());
            settlesOn(a, POLLER); // a connection opened before counts as well
            try (RawSocketIo b = client()) {
                settlesOn(b, POLLER);
            }
            // a second web application asking for it on the same connector: one wrapper is enough
            Runnable second = PollerDispatch.install(server.servletContext());
            second.run(); // it put nothing there, so it takes nothing away
            settlesOn(a, POLLER);
            undo.run();
            settlesOn(a, POOL);
        }
    }

    @Test
    void elsewhereItSaysSoAndChangesNothing() {
        ServletContext notTomcat = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (p, m, args) -> m.getName().equals("getServerInfo")
                        ? "Some Server/1.0" : null);
        try (LogCapture log = new LogCapture(PollerDispatch.class)) {
            PollerDispatch.install(notTomcat).run();
            assertThat(log.at(java.util.logging.Level.WARNING)).singleElement().asString()
                    .startsWith("socketio.websocket.inline needs Tomcat's NIO connector (Some Server/1.0): not"
                            + " available here");
        }
    }
}
