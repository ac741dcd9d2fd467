package org.socketioee.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;
import org.socketioee.testing.Background;
import org.socketioee.testing.ForkedWebapp;
import org.socketioee.testing.PgDatabase;
import org.socketioee.testing.WebappTomcat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the chat acknowledges is stored: the WAR runs in a JVM of its own ({@link ForkedWebapp}) while
 * {@value #CLIENTS} Java clients send messages (and now and then create a room), each waiting for the acknowledgement
 * of one request before sending the next; once {@value #ACKED_BEFORE_KILL} are acknowledged the server JVM is killed
 * with SIGKILL, the WAR started again on the same database, and every acknowledged message must be in the room's history, every
 * acknowledged room in the room list. On the default H2 file database (with the options of tomcat-conf/context.xml)
 * and on PostgreSQL.
 */
class ChatCrashTest {
    private static final int CLIENTS = 16;
    private static final int ACKED_BEFORE_KILL = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The chat's per-connection rate limit out of the way: the clients send as fast as the server stores. */
    private static final Map<String, String> NO_RATE_LIMIT = Map.of("chat.rate.perSecond", "1000000",
            "chat.rate.burst", "1000000");

    @TempDir
    Path dir;

    @Test
    void acknowledgedMessagesSurviveAKillOnH2() throws Exception {
        survivesKill("H2", WebappTomcat.h2Url(dir));
    }

    @Test
    void acknowledgedMessagesSurviveAKillOnPostgres() throws Exception {
        try (PgDatabase pg = PgDatabase.fresh()) {
            // a commit is acknowledged by PostgreSQL once its WAL is flushed, unless the settings say otherwise:
            // nothing of ours (URL, pool) may turn that off
            try (Connection c = DriverManager.getConnection(pg.url(), PgDatabase.user(), PgDatabase.password());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).isNotEqualTo("off");
            }
            survivesKill("PostgreSQL", pg.url());
        }
    }

    private void survivesKill(String db, String jdbcUrl) throws Exception {
        Sent sent;
        try (Background server = ForkedWebapp.start(jdbcUrl, NO_RATE_LIMIT, dir.resolve("server-1.log"))) {
            sent = sendUntilKilled(server);
        }
        Map<Long, String> history;
        List<String> rooms;
        // restarted in this JVM (quicker than another fork): the same WAR on the same database
        try (WebappTomcat war = WebappTomcat.start(0, jdbcUrl, Map.of())) {
            Socket checker = connect(war.port());
            try {
                history = history(checker);
                rooms = rooms(checker);
            } finally {
                checker.io().close();
            }
        }
        List<Long> lost = sent.messages.entrySet().stream()
                .filter(e -> !e.getValue().equals(history.get(e.getKey()))).map(Map.Entry::getKey).sorted().toList();
        List<String> lostRooms = sent.rooms.stream().filter(r -> !rooms.contains(r)).sorted().toList();
        System.out.printf("%s: %d messages and %d rooms acknowledged in %d ms (%.0f messages/s), then SIGKILL; "
                        + "after the restart %d messages and %d rooms missing%n", db, sent.messages.size(),
                sent.rooms.size(), sent.millis, sent.messages.size() * 1000.0 / sent.millis, lost.size(),
                lostRooms.size());
        assertThat(lost.size()).as("acknowledged messages lost on %s (of %d; ids %s)", db, sent.messages.size(),
                lost.subList(0, Math.min(10, lost.size()))).isZero();
        assertThat(lostRooms.size()).as("acknowledged rooms lost on %s (of %d: %s)", db, sent.rooms.size(),
                lostRooms).isZero();
    }

    /** Acknowledged messages (id → text) and rooms, and how long the clients sent before the kill. */
    private record Sent(Map<Long, String> messages, Set<String> rooms, long millis) {
    }

    private static Sent sendUntilKilled(Background server) throws Exception {
        int port = ForkedWebapp.port(server);
        Map<Long, String> acked = new ConcurrentHashMap<>();
        Set<String> rooms = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch disconnected = new CountDownLatch(CLIENTS);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = connect(port);
                clients.add(s);
                s.onDisconnect(reason -> disconnected.countDown());
                s.timeout(TIMEOUT).emitWithAck("join", Map.of("room", "general", "nick", "c" + i))
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                send(clients.get(i), i, 0, stop, acked, rooms);
            }
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> acked.size() >= ACKED_BEFORE_KILL);
            server.kill(); // SIGKILL while every client has a request in flight
            long millis = (System.nanoTime() - start) / 1_000_000;
            stop.set(true);
            // an acknowledgement counts once its client has seen the connection drop: none can come after
            assertThat(disconnected.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("clients saw the kill").isTrue();
            return new Sent(Map.copyOf(acked), Set.copyOf(rooms), millis);
        } finally {
            clients.forEach(s -> s.io().close());
        }
    }

    /** The client's k-th request: a message, or every tenth time a new room; the next one once it is answered. */
    private static void send(Socket s, int client, int k, AtomicBoolean stop, Map<Long, String> acked,
                             Set<String> rooms) {
        if (stop.get()) {
            return;
        }
        if (k % 10 == 9) {
            String room = "c" + client + "-" + k;
            s.timeout(TIMEOUT).emitWithAck("create room", Map.of("name", room)).thenAccept(ack -> {
                if (((Map<?, ?>) ack.get(0)).containsKey("room")) {
                    rooms.add(room);
                }
                send(s, client, k + 1, stop, acked, rooms);
            });
            return;
        }
        String text = "c" + client + " #" + k;
        s.timeout(TIMEOUT).emitWithAck("message", Map.of("text", text)).thenAccept(ack -> {
            Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) ack.get(0)).get("message");
            acked.put(((Number) message.get("id")).longValue(), text);
            send(s, client, k + 1, stop, acked, rooms);
        });
    }

    private static Socket connect(int port) {
        return IO.socket("http://localhost:" + port + "/chat", ClientOptions.defaults().withForceNew(true)
                .withReconnection(false).withTransports(ClientOptions.Transport.WEBSOCKET));
    }

    /** The whole history of "general" (id → text), read through the chat: join, then pages of older messages. */
    private static Map<Long, String> history(Socket checker) throws Exception {
        Map<Long, String> all = new HashMap<>();
        Map<?, ?> page = ask(checker, "join", Map.of("room", "general", "nick", "checker"));
        while (true) {
            List<?> messages = (List<?>) page.get("messages");
            long oldest = Long.MAX_VALUE;
            for (Object o : messages) {
                Map<?, ?> m = (Map<?, ?>) o;
                long id = ((Number) m.get("id")).longValue();
                all.put(id, (String) m.get("text"));
                oldest = Math.min(oldest, id);
            }
            if (!Boolean.TRUE.equals(page.get("hasMore"))) {
                return all;
            }
            page = ask(checker, "history", Map.of("before", oldest, "limit", 100));
        }
    }

    private static List<String> rooms(Socket checker) throws Exception {
        return ((List<?>) ask(checker, "rooms", null).get("rooms")).stream()
                .map(r -> (String) ((Map<?, ?>) r).get("name")).toList();
    }

    private static Map<?, ?> ask(Socket s, String event, Object arg) throws Exception {
        List<Object> ack = (arg == null ? s.timeout(TIMEOUT).emitWithAck(event)
                : s.timeout(TIMEOUT).emitWithAck(event, arg)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<?, ?> answer = (Map<?, ?>) ack.get(0);
        assertThat(answer.get("error")).as("%s answered with an error", event).isNull();
        return answer;
    }
}
