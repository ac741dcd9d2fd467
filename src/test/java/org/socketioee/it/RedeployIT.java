package org.socketioee.it;

import org.apache.catalina.Host;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.junit.jupiter.api.Test;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.DisconnectReason;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;
import org.socketioee.server.SocketIoServer;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.WebappTomcat;

import java.lang.ref.WeakReference;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Undeploying the WAR from a running Tomcat leaves nothing of it behind, and it deploys again: a connected client
 * sees the server close its connection; the JNDI pool is closed; no thread of the application (Socket.IO and
 * Engine.IO timers, the chat's database threads, H2's) outlives it, no JDBC driver of its class loader stays
 * registered; Tomcat's own checks (the "clearReferences" warnings of the stopped class loader, and the manager's
 * {@code findleaks}: {@link StandardHost#findReloadedContextMemoryLeaks()}) find nothing; redeployed, the chat works.
 */
class RedeployIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Threads the WAR starts, by name. */
    private static final List<String> APP_THREADS = List.of("socket.io-timer", "engine.io-timer", "chat-db-", "H2 ",
            "H2-", "MVStore");

    @Test
    void undeployLeavesNothingBehindAndRedeployWorks() throws Exception {
        try (LogCapture tomcatLeakWarnings = new LogCapture("org.apache.catalina.loader", Level.WARNING);
             WebappTomcat war = WebappTomcat.startPackaged()) {
            Socket alice = connect(war);
            joinGeneral(alice, "alice");
            CompletableFuture<DisconnectReason> aliceDisconnected = new CompletableFuture<>();
            alice.onDisconnect(aliceDisconnected::complete);

            StandardContext context = (StandardContext) war.context();
            WeakReference<ClassLoader> loader = new WeakReference<>(context.getLoader().getClassLoader());
            // the pool behind jdbc/chat (getPool() would create one when there is none: asked only now)
            ConnectionPool pool = ((org.apache.tomcat.jdbc.pool.DataSource)
                    context.getNamingContextListener().getEnvContext().lookup("jdbc/chat")).getPool();
            assertThat(pool.getSize()).as("the chat's pool, in use").isPositive();
            // a reference into the stopped application, to see that the leak check below can fail
            Object held = context.getServletContext().getAttribute(SocketIoServer.CONTEXT_ATTRIBUTE);
            context = null;

            war.undeploy();

            assertThat(aliceDisconnected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("what the connected client saw").isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
            alice.io().close();
            assertThat(pool.isClosed()).as("the pool, closed with its context").isTrue();
            assertThat(pool.getSize()).as("connections left open").isZero();
            assertThat(appThreads()).as("the application's threads after undeploy").isEmpty();
            // a driver the application registered would be unregistered by Tomcat with a warning (checked below);
            // the container's own drivers stay registered for its other applications
            assertThat(Collections.list(DriverManager.getDrivers())).extracting(d -> d.getClass().getName())
                    .contains("org.h2.Driver");

            Host host = war.host();
            assertThat(((StandardHost) host).findReloadedContextMemoryLeaks()).as("held on purpose").contains("");
            held = null;
            // findReloadedContextMemoryLeaks runs a GC; objects kept only by soft or finalizable references may take
            // a few: the answer must become empty, and the loader collected
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> ((StandardHost) host).findReloadedContextMemoryLeaks().length == 0);
            assertThat(loader.get()).as("the application's class loader, collected").isNull();
            assertThat(tomcatLeakWarnings.lines).as("Tomcat's warnings on the stopped class loader").isEmpty();

            war.deploy();
            Socket bob = connect(war);
            try {
                Map<?, ?> joined = joinGeneral(bob, "bob");
                assertThat(joined.get("nick")).isEqualTo("bob");
            } finally {
                bob.io().close();
            }
        }
    }

    private static Socket connect(WebappTomcat war) {
        return IO.socket(war.baseUrl() + "/chat", ClientOptions.defaults().withForceNew(true).withReconnection(false));
    }

    private static Map<?, ?> joinGeneral(Socket s, String nick) throws Exception {
        List<Object> ack = s.timeout(TIMEOUT).emitWithAck("join", Map.of("room", "general", "nick", nick))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<?, ?> answer = (Map<?, ?>) ack.get(0);
        assertThat(answer.get("error")).as("join answered with an error").isNull();
        return answer;
    }

    private static List<String> appThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> APP_THREADS.stream().anyMatch(name::startsWith)).sorted().toList();
    }
}
