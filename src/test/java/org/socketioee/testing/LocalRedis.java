package org.socketioee.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Redis on localhost:6379 that the cluster tests use: {@link #require()} skips the calling test with a printed
 * reason when it does not answer PING (fails under CI=true); {@link #prefix()} gives each test channels of its own.
 */
public final class LocalRedis {
    public static final String URI = "redis://localhost:6379";

    private LocalRedis() {
    }

    public static void require() {
        try {
            if (!ping(6379)) {
                Missing.skipOrFail("the Redis on localhost:6379 did not answer PING with PONG");
            }
        } catch (IOException e) {
            Missing.skipOrFail("a Redis on localhost:6379 is needed for the cluster tests (" + e.getMessage() + ")");
        }
    }

    /** Whether the Redis on {@code port} answers PING (IOException when nothing listens there). */
    public static boolean ping(int port) throws IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.readNBytes(b, 0, 7);
            return new String(b, 0, n, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }

    /** A channel prefix of its own, so that parallel runs and tests never see each other's messages. */
    public static String prefix() {
        return "sio-test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
