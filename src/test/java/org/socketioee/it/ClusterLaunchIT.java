package org.socketioee.it;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.Browser;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.Missing;
import org.socketioee.testing.PgDatabase;
import org.socketioee.testing.Readme;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The cluster launch, {@code src/cluster/run.sh}, as a user starts it: two Cargo Tomcats on the local Redis and a
 * PostgreSQL schema of the test's own, behind HAProxy; two browser users land on different nodes (HAProxy's
 * sticky cookie says which) and chat through the load balancer, over WebSocket; SIGTERM (Ctrl-C) stops the whole
 * cluster.
 */
class ClusterLaunchIT {
    private static final Path ROOT = Readme.projectDir();
    private static final String MVN = System.getProperty("maven.home", "/usr/share/maven") + "/bin/mvn";
    private static final int LB = 18530;
    private static final List<Integer> NODES = List.of(18531, 18532);

    @Test
    void twoBrowserUsersOnTwoNodesChatThroughTheLoadBalancer() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/haproxy")) && !Files.isExecutable(Path.of("/usr/bin/haproxy"))) {
            Missing.skipOrFail("haproxy is needed for the cluster launch (Debian: apt-get install haproxy)");
        }
        Browser.assumeInstalled();
        LocalRedis.require();
        Path out = Files.createDirectories(ROOT.resolve("target/it-servers")).resolve("cluster.log");
        try (PgDatabase pg = PgDatabase.fresh()) {
            ProcessBuilder pb = new ProcessBuilder("bash", "src/cluster/run.sh").directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(Map.of("NO_BUILD", "1", "MVN", MVN, "LB_PORT", String.valueOf(LB),
                    "NODE_PORTS", NODES.get(0) + " " + NODES.get(1), "PREFIX", LocalRedis.prefix(),
                    "CHAT_DB_URL", pg.url(), "CHAT_DB_USER", PgDatabase.user(), "CHAT_DB_PASSWORD", PgDatabase.password()));
            Process cluster = pb.start();
            try {
                awaitReady(cluster, out);
                String lb = "http://localhost:" + LB;
                try (Browser ann = Browser.open(1000, 650); Browser bob = Browser.open(1000, 650)) {
                    ann.get(lb + "/?nick=ann").awaitConnected();
                    bob.get(lb + "/?nick=bob").awaitConnected();
                    String annNode = ann.driver.manage().getCookieNamed("SERVERID").getValue();
                    String bobNode = bob.driver.manage().getCookieNamed("SERVERID").getValue();
                    assertThat(List.of(annNode, bobNode)).as("each user on a node of its own")
                            .containsExactlyInAnyOrder("n" + NODES.get(0), "n" + NODES.get(1));
                    ann.until(d -> ann.text("#members").contains("bob"));
                    bob.until(d -> bob.text("#status").startsWith("connected · websocket")); // upgraded via HAProxy
                    bob.until(d -> bob.text("#members").contains("ann"));
                    ann.send("hello from " + annNode);
                    bob.awaitMessage("hello from " + annNode);
                    bob.send("hello from " + bobNode);
                    ann.awaitMessage("hello from " + bobNode);
                }
            } finally {
                cluster.destroy(); // SIGTERM, as Ctrl-C
                if (!cluster.waitFor(2, TimeUnit.MINUTES)) {
                    cluster.destroyForcibly();
                    fail("the cluster did not stop within 2 minutes:%n%s", read(out));
                }
            }
            assertThat(read(out)).contains("stopping the cluster", "cluster stopped");
            for (int port : List.of(LB, NODES.get(0), NODES.get(1))) {
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("port %d closed", port)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    private static void awaitReady(Process cluster, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String text = read(out);
            if (text.contains("cluster ready at http://localhost:" + LB + "/")) {
                return;
            }
            if (!cluster.isAlive()) {
                fail("the cluster launch ended before it was ready (exit %d):%n%s", cluster.exitValue(), text);
            }
            Thread.sleep(500);
        }
        fail("the cluster was not ready within 5 minutes:%n%s", read(out));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
