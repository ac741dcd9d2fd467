package org.socketioee.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A long-running program of the tests (a Node script, a forked server JVM), started by {@link #start}: ready once it
 * has printed its first line on stdout (e.g. a JSON line with its port); killed (with its descendants) on
 * {@link #close()}. Its stdin is a pipe, closed first, so a program can also end by itself when the test ends.
 */
public final class Background implements AutoCloseable {
    private final Process process;
    private final String firstLine;

    private Background(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    /**
     * Starts {@code pb} (stderr as the caller set it up) and waits up to {@code readyTimeout} for its first line on
     * stdout; the rest of stdout is drained. Fails when the program exits or says nothing in time.
     */
    /**
     * Runs each task on a daemon thread of its own: for tasks that block (a program's stdout, a terminal's stdin).
     * Not CompletableFuture's default: on two CPUs, Java 25 runs async tasks on the common pool's single worker,
     * where one blocked task starves all the others (Java 17 gave each its own thread there).
     */
    public static final Executor THREAD_PER_TASK = task -> {
        Thread t = new Thread(task, "test-blocking-task");
        t.setDaemon(true);
        t.start();
    };

    public static Background start(ProcessBuilder pb, Duration readyTimeout, String what) {
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + pb.command(), e);
        }
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String first = r.readLine();
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keeps the pipe from filling
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                }, "background-stdout");
                drain.setDaemon(true);
                drain.start();
                return first;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, THREAD_PER_TASK);
        try {
            String first = line.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                throw new AssertionError(what + " exited before it was ready (exit " + p.waitFor() + ")");
            }
            return new Background(p, first);
        } catch (Exception e) {
            kill(p);
            throw new AssertionError(what + " did not start: " + e, e);
        }
    }

    /** The first line the program printed on stdout. */
    public String firstLine() {
        return firstLine;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL on Linux ({@link Process#destroyForcibly()}): no shutdown hook, no finally block runs. */
    public void kill() {
        kill(process);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // killed below anyway
        }
        kill(process);
    }

    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
