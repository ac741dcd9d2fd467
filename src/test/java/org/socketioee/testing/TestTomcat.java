package org.socketioee.testing;

import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What both in-JVM Tomcats of the tests share: a temporary base directory, the port, and the stop. */
public abstract class TestTomcat implements AutoCloseable {
    protected final Tomcat tomcat;
    private final Path baseDir;

    protected TestTomcat(Tomcat tomcat, Path baseDir) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
    }

    /** A Tomcat with its base in {@code base} and its default connector on {@code port} (0: a free one). */
    private static final java.util.concurrent.atomic.AtomicInteger ENGINES = new java.util.concurrent.atomic.AtomicInteger();

    static Tomcat create(Path base, int port) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(port);
        tomcat.getConnector(); // creates the default connector
        // an engine name of its own: JNDI binds each context's naming by engine/host/path, so two Tomcats of one
        // JVM (the nodes of a cluster test) would otherwise share, and break, one naming context
        tomcat.getEngine().setName("Tomcat-" + ENGINES.incrementAndGet());
        return tomcat;
    }

    /**
     * The WebSocket transport {@code -Dtest.websocket} puts a whole run on ({@code endpoint} or {@code upgrade}), if
     * set: {@link EmbeddedTomcat}, {@link WebappTomcat} and {@link ForkedWebapp} follow it.
     */
    static java.util.Optional<String> forcedWebSocket() {
        return java.util.Optional.ofNullable(System.getProperty("test.websocket")).map(String::trim)
                .filter(v -> !v.isEmpty());
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** e.g. {@code http://localhost:PORT} */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Runs before Tomcat stops. */
    protected void beforeStop() {
    }

    @Override
    public void close() {
        try {
            beforeStop();
            // Tomcat keeps the last started server's global naming context in a static, and refuses to let another
            // server's contexts deregister: with two Tomcats in one JVM, the one stopping is made the current one
            if (tomcat.getServer().getGlobalNamingContext() != null) {
                org.apache.naming.factory.ResourceLinkFactory.setGlobalContext(tomcat.getServer().getGlobalNamingContext());
            }
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(baseDir);
        }
    }

    /** Deletes a temporary directory tree, best effort. */
    public static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir, best effort
        }
    }
}
