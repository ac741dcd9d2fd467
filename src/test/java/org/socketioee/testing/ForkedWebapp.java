package org.socketioee.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WAR in an embedded Tomcat ({@link WebappTomcat}) in a JVM of its own, for tests that kill the server: a
 * SIGKILL takes the process with everything it had not written. {@link #start} forks it on the tests' class path;
 * {@link #main} is the forked side: it prints {@code {"port":N}} once serving, and stops when its stdin closes.
 */
public final class ForkedWebapp {
    private static final Duration READY = Duration.ofSeconds(60);

    private ForkedWebapp() {
    }

    /**
     * Forks the WAR with {@code jdbc/chat} on {@code jdbcUrl} and the given system properties (e.g. chat limits);
     * its log goes to {@code log}.
     */
    public static Background start(String jdbcUrl, Map<String, String> properties, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // as surefire's argLine: Tomcat's leak checks
        cmd.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        cmd.add("-Xmx256m");
        for (String inherited : List.of("basedir", "java.util.logging.config.file", "test.websocket")) {
            String v = System.getProperty(inherited);
            if (v != null) {
                cmd.add("-D" + inherited + "=" + v);
            }
        }
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ForkedWebapp.class.getName());
        cmd.add(jdbcUrl);
        return Background.start(new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())), READY, "forked WAR");
    }

    /** The port a {@link #start started} server listens on. */
    public static int port(Background server) {
        return Integer.parseInt(server.firstLine().replaceAll("\\D+", ""));
    }

    /** args[0]: the JDBC URL of jdbc/chat. */
    public static void main(String[] args) throws IOException {
        try (WebappTomcat war = WebappTomcat.start(0, args[0], Map.of())) {
            System.out.println("{\"port\":" + war.port() + "}");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our stdin (or kills us)
            }
        }
        System.exit(0);
    }
}
