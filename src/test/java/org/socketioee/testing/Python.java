package org.socketioee.testing;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Python scripts of {@code src/test/python} with Debian's {@code /usr/bin/python3} and its
 * {@code python3-socketio} client (with {@code python3-websocket} and {@code python3-requests} for the two
 * transports).
 * <p>
 * {@link #require()} checks once per JVM that the interpreter is there and imports {@code socketio},
 * {@code websocket} and {@code requests}: when not, the calling test is skipped with a printed reason, except on
 * CI ({@code CI=true}), where it fails. {@link #run} runs a script with a timeout; a process that overruns it is
 * killed, with its descendants.
 */
public final class Python {
    /** The interpreter: Debian's, whose dist-packages hold the python3-socketio client. */
    public static final Path INTERPRETER = Path.of("/usr/bin/python3");
    /** The scripts. */
    public static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/python").toAbsolutePath();
    private static final String MODULES = "socketio, websocket, requests";

    private static String missing; // null: not checked yet; "": all there

    private Python() {
    }

    /**
     * Skips the calling test (aborts) when the interpreter or the client modules are missing, or fails it when
     * the environment says CI=true. Call it before each test, so that a skip is reported per test.
     */
    public static synchronized void require() {
        if (missing == null) {
            missing = check();
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = missing + " (Debian: apt-get install python3-socketio python3-websocket python3-requests)";
        Missing.skipOrFail(reason);
    }

    /** Runs {@code /usr/bin/python3 DIR/script args...} in {@link #DIR}; killed when it overruns the timeout. */
    public static Node.Result run(Duration timeout, String script, String... args) {
        require();
        List<String> cmd = new ArrayList<>(List.of(INTERPRETER.toString(), DIR.resolve(script).toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, timeout);
    }

    private static String check() {
        if (!Files.isExecutable(INTERPRETER)) {
            return INTERPRETER + " is needed for the Python interop tests and is missing";
        }
        Node.Result r = exec(List.of(INTERPRETER.toString(), "-c", "import " + MODULES), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            return INTERPRETER + " cannot import " + MODULES + " for the Python interop tests: "
                    + r.stderr().strip().lines().reduce((a, b) -> b).orElse("exit " + r.exitCode());
        }
        return "";
    }

    private static Node.Result exec(List<String> cmd, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(DIR.toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        // Debian's interpreter with its own packages, whatever a virtualenv or pyenv of the caller says
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        return Node.exec(pb, timeout);
    }
}
