package org.socketioee.client;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.socketioee.testing.Background;
import org.socketioee.testing.Node;

import java.io.StringReader;
import java.time.Duration;

/**
 * The Java client against the npm socket.io 4.8 server ({@code src/test/node/socketio-server.mjs}, same contract as
 * {@code InteropHandlers}). Skipped with a printed reason without node/npm, failed under CI=true.
 */
class NodeServerClientTest extends ClientContractTest {
    private static final Duration READY = Duration.ofSeconds(20);
    private static Background server;
    private static Background pollingOnly;

    @BeforeEach
    void startServers() {
        Node.require(); // per test: skips (or fails on CI) each test without node
        if (server == null) {
            server = Node.start(READY, "socketio-server.mjs", "0", "both");
            pollingOnly = Node.start(READY, "socketio-server.mjs", "0", "polling");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            pollingOnly.close();
            server = null;
            pollingOnly = null;
        }
    }

    static int port(Background b) {
        return Json.createReader(new StringReader(b.firstLine())).readObject().getInt("port");
    }

    @Override
    String url() {
        return "http://127.0.0.1:" + port(server);
    }

    @Override
    String pollingOnlyUrl() {
        return "http://127.0.0.1:" + port(pollingOnly);
    }

    @Override
    Restartable restartable() {
        int port = JavaServerClientTest.freePort();
        return new Restartable() {
            Background node = Node.start(READY, "socketio-server.mjs", String.valueOf(port), "both");

            @Override
            public String url() {
                return "http://127.0.0.1:" + port;
            }

            @Override
            public void stop() {
                node.close();
                node = null;
            }

            @Override
            public void start() {
                node = Node.start(READY, "socketio-server.mjs", String.valueOf(port), "both");
            }

            @Override
            public void close() {
                if (node != null) {
                    node.close();
                }
            }
        };
    }
}
