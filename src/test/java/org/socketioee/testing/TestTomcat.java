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
    static Tomcat create(Path base, int port) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(port);
        tomcat.getConnector(); // creates the default connector
        return tomcat;
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
