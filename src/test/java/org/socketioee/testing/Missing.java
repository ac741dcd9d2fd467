package org.socketioee.testing;

import org.junit.jupiter.api.Assumptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Something a test needs that this machine lacks (node, the Python client, PostgreSQL, Chromium): the test is
 * skipped with the reason printed (once per reason) on a developer's machine, and fails under {@code CI=true}.
 */
public final class Missing {
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private Missing() {
    }

    /** Never returns: aborts the calling test, or fails it under CI=true. */
    public static void skipOrFail(String reason) {
        skipOrFail(reason, null);
    }

    public static void skipOrFail(String reason, Throwable cause) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason + "; CI=true, so this is a failure, not a skip", cause);
        }
        if (REPORTED.add(reason)) {
            System.out.println("SKIPPED: " + reason);
        }
        Assumptions.abort(reason);
    }
}
