package org.socketioee.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketioee.testing.Missing;
import org.socketioee.testing.Readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The same WAR, unchanged, in every server, on each WebSocket transport: the launch commands of the README ("Other
 * servers") run as a user runs them, {@code mvn -P<server> cargo:run} (the WAR is the one this build packaged), one
 * after the other on ports of their own; the {@link WarChecks} of the build's Tomcat against each; the server's log
 * says which transport carries WebSocket. Tomcat on {@code endpoint} is {@link DeployedWarIT}'s.
 * <p>
 * Jetty 12 cannot carry our own framing ({@code upgrade}: its upgraded connections end their input at once), so
 * there the option falls back to the endpoint with a WARNING, which is what its second launch checks.
 */
class OtherServersIT {
    private static final Path ROOT = Readme.projectDir();
    private static final String MVN = System.getProperty("maven.home", "/usr/share/maven") + "/bin/mvn";
    /** A record GlassFish writes to its server.log at every start, before any application is deployed. */
    private static final String GLASSFISH_LOGGING = "Running GlassFish Version";
    private static final Path JDK25 = Path.of(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** One launch: the server's profile (none: Tomcat), the transport asked for and the one expected. */
    record Launch(String server, String profile, String websocket, String expected, int port, String log) {
        @Override
        public String toString() {
            return server + " " + websocket;
        }
    }

    /** All of them; {@code -Dit.servers=glassfish,jetty} runs those servers' launches only. */
    static Stream<Launch> launches() {
        String only = System.getProperty("it.servers", "");
        return Stream.of(
                new Launch("tomcat", null, "endpoint", "endpoint", 18191, null),
                new Launch("jetty", "jetty", "endpoint", "endpoint", 18182, null),
                new Launch("jetty", "jetty", "upgrade", "endpoint", 18192, null),
                new Launch("wildfly", "wildfly", "endpoint", "endpoint", 18183, null),
                new Launch("wildfly", "wildfly", "upgrade", "upgrade", 18193, null),
                new Launch("glassfish", "glassfish", "endpoint", "endpoint", 18184, "server.log"),
                new Launch("glassfish", "glassfish", "upgrade", "upgrade", 18194, "server.log"))
                .filter(l -> only.isBlank() || List.of(only.split(",")).contains(l.server));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launches")
    void theWarWorksAsInTomcat(Launch launch) throws Exception {
        if (!Files.isExecutable(Path.of(MVN))) {
            Missing.skipOrFail("no Maven at " + MVN + " (system property maven.home)");
        }
        if (launch.server.equals("glassfish") && !Files.isExecutable(JDK25.resolve("bin/java"))) {
            Missing.skipOrFail("GlassFish 8 needs Java 21+: none at " + JDK25 + " (-Djdk25.home=...)");
        }
        Path logs = Files.createDirectories(ROOT.resolve("target/it-servers"));
        Path out = logs.resolve(launch.server + "-" + launch.websocket + ".log");
        List<String> cmd = new ArrayList<>(List.of(MVN, "-B"));
        if (launch.profile != null) {
            cmd.add("-P" + launch.profile);
        }
        // initialize: the ports derived from http.port and this launch's socketio.* file (launch.properties)
        cmd.addAll(List.of("initialize", "cargo:run", "-Dhttp.port=" + launch.port,
                "-Dsocketio.websocket=" + launch.websocket,
                "-Dlaunch.properties=" + logs.resolve(launch.server + "-" + launch.websocket + ".properties"),
                "-Djdk25.home=" + JDK25));
        for (int attempt = 1; ; attempt++) {
            Process mvn = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            try {
                awaitStarted(mvn, out, launch);
                new WarChecks("http://localhost:" + launch.port).all();
                String log = serverLog(out, launch, "engine.io session open sid=");
                if (attempt == 1 && launch.server.equals("glassfish") && !log.contains(GLASSFISH_LOGGING)) {
                    // GlassFish 8.0.0-M12's own defect, seen once in CI: server.log kept the launcher's first record
                    // and nothing after, not even GlassFish's own start-up lines (before our WAR is deployed)
                    System.out.println("OtherServersIT: " + launch + ": GlassFish's server.log has none of its own "
                            + "start-up records (its logging did not start): launching it once more");
                    continue;
                }
                checkLog(log, launch);
                return;
            } finally {
                stop(mvn);
                if (launch.log != null) {
                    stopDetached(launch);
                }
            }
        }
    }

    /** The server's log: the transport it chose (and why, when not the one asked for), connect lines, no SEVERE. */
    private static void checkLog(String log, Launch launch) {
        assertThat(log).as("the transport of %s", launch)
                .containsPattern("engine\\.io listening at /socket\\.io/ \\(.*websocket=" + launch.expected + "\\)");
        if (!launch.expected.equals(launch.websocket)) {
            assertThat(log).contains("socketio.websocket=upgrade is not available on");
        }
        assertThat(log).as("connect lines of %s", launch)
                .containsPattern("engine\\.io session open sid=\\S{20} transport=websocket remote=");
        assertThat(severe(log)).as("SEVERE lines of %s", launch).isEmpty();
    }

    /** Cargo prints "… started on port [N]" once the server answers; a build that ends first has failed. */
    private static void awaitStarted(Process mvn, Path out, Launch launch) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        String started = "started on port [" + launch.port + "]";
        while (System.nanoTime() < deadline) {
            String text = read(out);
            if (text.contains(started)) {
                return;
            }
            if (!mvn.isAlive()) {
                fail("%s ended before the server started (exit %d):%n%s", launch, mvn.exitValue(), tail(text));
            }
            Thread.sleep(500);
        }
        fail("%s did not start within 4 minutes:%n%s", launch, tail(read(out)));
    }

    /**
     * The server's own log: Cargo's output of the launch (Tomcat, Jetty and WildFly log to it), or GlassFish's
     * domain log (its server runs detached from Cargo), once it holds {@code awaited} or after 30 s. GlassFish writes
     * its log from a queue of its own, and may roll it over ({@code server.log_<date>}): every file of it is read,
     * oldest first, until the line the checks above made the server write is there (one CI run read the file before
     * anything but the launcher's lines was in it).
     */
    private static String serverLog(Path out, Launch launch, String awaited) throws Exception {
        if (launch.log == null) {
            return read(out);
        }
        Path dir = ROOT.resolve("target/" + launch.server + "-" + launch.port + "/cargo-domain/logs");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            StringBuilder all = new StringBuilder();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(launch.log))
                        .sorted(Comparator.comparing(OtherServersIT::modified)).toList()) {
                    all.append(read(f)).append('\n');
                }
            }
            if (all.indexOf(awaited) >= 0 || System.nanoTime() > deadline) {
                return all.toString();
            }
            Thread.sleep(250);
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * The log's SEVERE records but GlassFish's own defect: when a client closes an upgraded connection, GlassFish
     * 8.0.0-M12 fails in a thread of its own before it tells the connection (a NullPointerException in
     * {@code InputBuffer$ReadHandlerImpl.processAllDataRead}: the request's context is gone), and logs it from
     * stderr at SEVERE, in two records.
     */
    static List<String> severe(String log) {
        return Stream.of(log.split("\\n(?=\\[20\\d\\d-)"))
                .filter(r -> r.contains("SEVERE"))
                .filter(r -> !(r.contains("Exception in thread \"glassfish-web-async-thread")
                        || r.contains("InputBuffer$ReadHandlerImpl.processAllDataRead")))
                .toList();
    }

    /** SIGTERM to Maven, whose Cargo stops the server, as a user's Ctrl-C does. */
    private static void stop(Process mvn) throws InterruptedException {
        mvn.destroy();
        if (!mvn.waitFor(2, TimeUnit.MINUTES)) {
            mvn.descendants().forEach(ProcessHandle::destroyForcibly);
            mvn.destroyForcibly();
        }
    }

    /**
     * GlassFish runs detached from Cargo (started with nohup, not a child of Maven), and Cargo's stop on SIGTERM does
     * not always reach it: one CI run found the endpoint launch's GlassFish still running at the next launch, whose
     * start then failed on the JMS port (7676, the same in every launch). Whatever of this launch's domain outlived
     * Maven is told, and killed if it has not ended within a minute.
     */
    private static void stopDetached(Launch launch) throws InterruptedException {
        String domain = "-Dcom.sun.aas.instanceRoot=" + ROOT.resolve("target/" + launch.server + "-" + launch.port);
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(domain)).toList();
        if (left.isEmpty()) {
            return;
        }
        System.out.println("OtherServersIT: " + launch + ": its server outlived Maven's stop (pid "
                + left.stream().map(p -> String.valueOf(p.pid())).toList() + "): stopping it");
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(1, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
                p.onExit().join();
            }
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }
}
