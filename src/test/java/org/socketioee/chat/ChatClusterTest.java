package org.socketioee.chat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.socketioee.testing.Background;
import org.socketioee.testing.ForkedWebapp;
import org.socketioee.testing.LocalRedis;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.PgDatabase;
import org.socketioee.testing.WebappTomcat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat on two nodes: two WARs (embedded Tomcats) with {@code socketio.adapter=redis} on the local Redis and
 * one PostgreSQL schema, users on different nodes. Presence, nicknames, take-overs, private messages, typing and
 * room counts span the cluster; the history is the shared database's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatClusterTest {
    private PgDatabase pg;
    private WebappTomcat a;
    private WebappTomcat b;
    private Map<String, String> params;

    @BeforeAll
    void start() {
        LocalRedis.require();
        pg = PgDatabase.fresh();
        params = Map.of("socketio.adapter", "redis", "socketio.redis.uri", LocalRedis.URI,
                "socketio.redis.prefix", LocalRedis.prefix());
        a = WebappTomcat.start(0, pg.url(), params);
        b = WebappTomcat.start(0, pg.url(), params); // Flyway finds the schema migrated: nothing to do
    }

    @AfterAll
    void stop() {
        try {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static String join(String room, String nick) {
        return ChatNamespaceTest.join(room, nick);
    }

    /** Presence notices until one lists {@code members} (the earlier ones are the room's earlier states). */
    private static void awaitPresence(ChatClient c, String members) throws Exception {
        String last = null;
        for (int i = 0; i < 10 && !members.equals(last); i++) {
            last = c.await("presence").asJsonObject().getJsonArray("members").toString();
        }
        assertThat(last).isEqualTo(members);
    }

    @Test
    void usersOnTwoNodesShareRoomsPresenceAndHistory() throws Exception {
        try (ChatClient ann = ChatClient.connect(a.port()); ChatClient bob = ChatClient.connect(b.port())) {
            ann.askObject("join", join("general", "ann"));
            JsonObject joined = bob.askObject("join", join("general", "bob"));
            assertThat(joined.getJsonArray("members").toString()).isEqualTo("[\"ann\",\"bob\"]");
            assertThat(ann.await("user joined").asJsonObject().getString("nick")).isEqualTo("bob");
            awaitPresence(ann, "[\"ann\",\"bob\"]");

            JsonObject stored = ann.askObject("message", "{\"text\":\"hello from A\"}").getJsonObject("message");
            assertThat(bob.await("message").asJsonObject()).isEqualTo(stored);

            // the room list counts the members of both nodes
            JsonObject rooms = bob.askObject("rooms", null);
            assertThat(rooms.getJsonArray("rooms").toString()).contains("{\"name\":\"general\",\"online\":2}");

            // a private message to a user of the other node, found by nickname (case-insensitively)
            JsonObject ok = bob.askObject("private", "{\"to\":\"ANN\",\"text\":\"psst\"}");
            assertThat(ok.getString("to")).isEqualTo("ann");
            assertThat(ann.await("private").asJsonObject().getString("from")).isEqualTo("bob");

            // typing crosses nodes too (volatile: sent again until seen, as the page does)
            boolean typingSeen = false;
            for (int i = 0; i < 20 && !typingSeen; i++) {
                bob.emit("typing", "true");
                typingSeen = ann.received("typing", 250);
            }
            assertThat(typingSeen).as("ann, on A, sees bob typing on B").isTrue();

            // the history is the shared database's: a user joining on B later reads A's message
            try (ChatClient cid = ChatClient.connect(b.port())) {
                JsonObject c = cid.askObject("join", join("general", "cid"));
                assertThat(c.getJsonArray("messages").toString()).contains("hello from A");
                assertThat(c.getJsonArray("members").toString()).isEqualTo("[\"ann\",\"bob\",\"cid\"]");
            }
            assertThat(ann.await("user left").asJsonObject().getString("nick")).isEqualTo("cid");

            bob.close(); // gone from B: A's users hear it
            JsonObject left = ann.await("user left").asJsonObject();
            assertThat(left.getString("nick")).isEqualTo("bob");
            awaitPresence(ann, "[\"ann\"]");
        }
    }

    @Test
    void twoJoinsAtTheSameMomentOnTwoNodesEndWithBothListed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String room = "lobby"; // the default's neighbour: created below once
            try (ChatClient x = ChatClient.connect(a.port()); ChatClient y = ChatClient.connect(b.port())) {
                if (round == 0) {
                    x.askObject("create room", "{\"name\":\"" + room + "\"}");
                }
                String nx = "x" + round;
                String ny = "y" + round;
                // each node may look at the other before the other's socket is in: the lists are sent again
                java.util.concurrent.CompletableFuture<Object> jx = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> ask(x, join(room, nx)));
                java.util.concurrent.CompletableFuture<Object> jy = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> ask(y, join(room, ny)));
                jx.get(20, java.util.concurrent.TimeUnit.SECONDS);
                jy.get(20, java.util.concurrent.TimeUnit.SECONDS);
                String both = "[\"" + nx + "\",\"" + ny + "\"]";
                awaitPresence(x, both);
                awaitPresence(y, both);
            }
        }
    }

    private static Object ask(ChatClient c, String joinRequest) {
        try {
            return c.askObject("join", joinRequest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A third node, in a JVM of its own, is killed (SIGKILL: it says nothing to anyone) while one of its users is in
     * a room with a user of A: A's user gets the room's list without the dead node's user once A's node watch
     * counts one server less ({@link ChatNamespace#NODE_WATCH_SECONDS}), and the room's count with it. A fourth
     * node then brings the count back to 3: the lists go once more.
     */
    @Test
    void aNodeThatDiesIsDroppedFromTheListsOfTheOthers(@TempDir Path dir) throws Exception {
        // the same cluster's settings, as system properties of the forked JVM
        try (LogCapture log = new LogCapture(ChatNamespace.class);
             ChatClient dora = ChatClient.connect(a.port());
             Background c = ForkedWebapp.start(pg.url(), params, dir.resolve("node-c.log"))) {
            dora.askObject("join", join("general", "dora"));
            ChatClient zed = ChatClient.connect(ForkedWebapp.port(c));
            assertThat(zed.askObject("join", join("general", "zed")).getJsonArray("members").toString())
                    .isEqualTo("[\"dora\",\"zed\"]");
            awaitPresence(dora, "[\"dora\",\"zed\"]");
            // and the list C sends again a second after the join: every list sent "a moment later" is out, so the
            // next one dora gets can only come from the watch
            awaitPresence(dora, "[\"dora\",\"zed\"]");

            // A's watch (and B's) has counted C: a node it never saw could not be missed
            long deadline = System.nanoTime() + Duration.ofSeconds(3 * ChatNamespace.NODE_WATCH_SECONDS).toNanos();
            while (log.lines.stream().filter(l -> l.contains("chat: 3 server(s) in the cluster")).count() < 2) {
                assertThat(System.nanoTime()).as("A and B count 3 servers: " + log.lines).isLessThan(deadline);
                Thread.sleep(50);
            }

            c.kill();
            long killed = System.nanoTime();
            awaitPresence(dora, "[\"dora\"]");
            assertThat(Duration.ofNanos(System.nanoTime() - killed))
                    .isLessThan(Duration.ofSeconds(3 * ChatNamespace.NODE_WATCH_SECONDS));
            JsonObject online;
            do {
                online = dora.await("room online").asJsonObject();
            } while (!online.getString("name").equals("general") || online.getInt("online") != 1);
            assertThat(dora.received("user left", 200)).as("nothing but the lists: the dead node said nothing")
                    .isFalse();
            assertThat(log.lines).anyMatch(l -> l.contains(
                    "chat: 2 server(s) in the cluster, 3 before: sending this node's members the lists again"));

            // back to 3 servers (another node, no users): the count of a dip is back, so the lists go again (after
            // a Redis restart, the nodes that subscribed late were missing from the lists sent at the dip)
            try (Background d = ForkedWebapp.start(pg.url(), params, dir.resolve("node-d.log"))) {
                awaitPresence(dora, "[\"dora\"]");
                assertThat(log.lines).anyMatch(l -> l.contains(
                        "chat: 3 server(s) in the cluster, 2 before: sending this node's members the lists again"));
            }
        }
    }

    @Test
    void aNicknameIsUniqueAcrossNodesAndMovesWithItsOwner() throws Exception {
        try (ChatClient onA = ChatClient.connect(a.port()); ChatClient other = ChatClient.connect(b.port());
             ChatClient sameOwner = ChatClient.connect(b.port()); ChatClient watcher = ChatClient.connect(a.port())) {
            watcher.askObject("join", join("random", "watcher"));
            assertThat(onA.askObject("join", ChatNamespaceTest.join("random", "gina", "ginas-token")).getString("nick"))
                    .isEqualTo("gina");
            watcher.await("user joined");
            assertThat(other.askObject("join", join("random", "Gina")).getString("error"))
                    .isEqualTo("nickname Gina is taken in random");
            assertThat(other.askObject("join", ChatNamespaceTest.join("random", "GINA", "another-token"))
                    .getString("error")).isEqualTo("nickname GINA is taken in random");

            // the same browser on the other node: the nickname moves there, A's connection is told and dropped
            JsonObject moved = sameOwner.askObject("join", ChatNamespaceTest.join("random", "gina", "ginas-token"));
            assertThat(moved.getString("nick")).isEqualTo("gina");
            assertThat(moved.getJsonArray("members").toString()).isEqualTo("[\"gina\",\"watcher\"]");
            assertThat(onA.await("replaced").asJsonObject().getString("nick")).isEqualTo("gina");
            onA.awaitDisconnect();
            // gina never left the room: no notice for the dropped connection
            assertThat(watcher.received("user left", 500)).isFalse();
            assertThat(other.askObject("join", join("random", "gina")).getString("error"))
                    .isEqualTo("nickname gina is taken in random");
        }
    }
}
