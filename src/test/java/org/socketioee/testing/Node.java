package org.socketioee.testing;


import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node.js scripts of {@code src/test/node} (official npm clients) from tests.
 * <p>
 * {@link #require()} finds {@code node} and {@code npm} on the PATH: when they are missing the calling test is
 * skipped with a printed reason, except on CI ({@code CI=true}), where it fails. It then installs the scripts'
 * dependencies once per JVM with {@code npm ci}, when {@code node_modules} is missing or older than
 * {@code package-lock.json}. {@link #run} runs a script with a timeout; a process that overruns it is killed, with
 * its descendants.
 */
public final class Node {
    /** The npm project with the scripts and its package-lock.json. */
    public static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/node").toAbsolutePath();
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private static Path node;
    private static String installFailure;

    /** What a script did: exit code (-1 when killed on timeout), and its whole stdout and stderr. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        /** The last non-blank line of stdout (scripts print their JSON result there), or "". */
        public String lastLine() {
            return stdout.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        }

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + exitCode + (timedOut ? " (killed on timeout)" : "") + "\n--- stdout:\n" + stdout
                    + "\n--- stderr:\n" + stderr;
        }
    }

    private Node() {
    }

    /**
     * Makes sure node, npm and the npm dependencies are there, once per JVM; skips the caller's test (aborts)
     * when node or npm is missing, or fails it when the environment says CI=true. Call it before each test (a
     * {@code @BeforeAll} that aborts makes Surefire count no test at all, not skipped ones).
     */
    public static synchronized void require() {
        if (node == null) {
            Optional<Path> n = onPath("node", "node.exe");
            Optional<Path> npm = onPath("npm", "npm.cmd");
            if (n.isEmpty() || npm.isEmpty()) {
                String reason = "node and npm are needed on the PATH for the Node.js interop tests (found node: "
                        + n.map(Path::toString).orElse("no") + ", npm: " + npm.map(Path::toString).orElse("no") + ")";
                Missing.skipOrFail(reason);
            }
            if (installFailure == null) {
                installFailure = installIfStale(npm.get());
            }
            if (installFailure == null) {
                node = n.get();
            }
        }
        if (installFailure != null) {
            throw new AssertionError(installFailure);
        }
    }

    /** Runs {@code node DIR/script args...} in {@link #DIR}; the process is killed when it overruns the timeout. */
    public static Result run(Duration timeout, String script, String... args) {
        require();
        List<String> cmd = new ArrayList<>(List.of(node.toString(), DIR.resolve(script).toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, timeout);
    }

    /**
     * Starts {@code node DIR/script args...} in the background and waits (up to {@code readyTimeout}) for its first
     * line on stdout; stderr goes to this JVM's stderr. Fails when the script exits or says nothing in time.
     */
    public static Background start(Duration readyTimeout, String script, String... args) {
        require();
        List<String> cmd = new ArrayList<>(List.of(node.toString(), DIR.resolve(script).toString()));
        cmd.addAll(List.of(args));
        return Background.start(new ProcessBuilder(cmd).directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT), readyTimeout, "node " + script);
    }

    private static String installIfStale(Path npm) {
        Path lock = DIR.resolve("package-lock.json");
        // npm writes node_modules/.package-lock.json last in every install: its age is the age of node_modules
        Path installed = DIR.resolve("node_modules/.package-lock.json");
        try {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("npm ci in " + DIR);
        Result r = exec(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), INSTALL_TIMEOUT);
        return r.exitCode() == 0 ? null : "npm ci failed in " + DIR + ": " + r;
    }

    private static Result exec(List<String> cmd, Duration timeout) {
        return exec(new ProcessBuilder(cmd).directory(DIR.toFile()), timeout);
    }

    /**
     * Runs a prepared command (directory and environment already set) with stdin closed and stdout/stderr captured;
     * killed, with its descendants, when it overruns the timeout. Shared with {@link Python} and other tools of the
     * tests (keytool).
     */
    public static Result exec(ProcessBuilder pb, Duration timeout) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("proc-out", ".txt");
            err = Files.createTempFile("proc-err", ".txt");
            p = pb.redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                Background.kill(p);
            }
            return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + pb.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + pb.command(), e);
        } finally {
            if (p != null && p.isAlive()) {
                Background.kill(p);
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }


    private static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
