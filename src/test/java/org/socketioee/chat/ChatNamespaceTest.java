package org.socketioee.chat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socketioee.testing.Http;
import org.socketioee.testing.WebappTomcat;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /chat handlers in the WAR (embedded Tomcat, the DataSource through JNDI), spoken to in raw Socket.IO frames;
 * run on H2 here and on PostgreSQL by ChatNamespacePostgresTest, the two databases context.xml documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatNamespaceTest {
    WebappTomcat war;

    /** The WAR under test; H2 in a temporary file here. */
    WebappTomcat startWar() {
        return WebappTomcat.start();
    }

    @BeforeAll
    void start() throws Exception {
        war = startWar();
        // Jasper compiles index.jsp on its first request: many seconds on a busy machine, more than the tests'
        // request timeout; compiled once here
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(war.baseUrl() + "/")).timeout(java.time.Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @AfterAll
    void stop() {
        war.close();
    }

    static String join(String room, String nick) {
        return "{\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}";
    }

    @Test
    void messagesAreAcknowledgedOnceStoredThenBroadcastAndKept() throws Exception {
        try (ChatClient ann = ChatClient.connect(war.port()); ChatClient bob = ChatClient.connect(war.port())) {
            JsonObject a = ann.askObject("join", join("general", "ann"));
            assertThat(a.getString("nick")).isEqualTo("ann");
            JsonObject b = bob.askObject("join", join("general", "bob"));
            assertThat(b.getJsonArray("members").toString()).contains("\"ann\"", "\"bob\"");
            assertThat(ann.await("user joined").asJsonObject().getString("nick")).isEqualTo("bob");

            JsonObject ack = ann.askObject("message", "{\"text\":\"hello <b>bob</b>\",\"clientId\":\"c-1\"}");
            JsonObject stored = ack.getJsonObject("message");
            assertThat(stored.getString("text")).isEqualTo("hello <b>bob</b>");
            assertThat(stored.getJsonNumber("id").longValue()).isPositive();
            JsonObject got = bob.await("message").asJsonObject();
            assertThat(got).isEqualTo(stored);

            // a resend after a lost ack (same clientId) is stored once
            JsonObject again = ann.askObject("message", "{\"text\":\"hello <b>bob</b>\",\"clientId\":\"c-1\"}");
            assertThat(again.getJsonObject("message")).isEqualTo(stored);
        }
        try (ChatClient cid = ChatClient.connect(war.port())) {
            JsonObject c = cid.askObject("join", join("general", "cid"));
            assertThat(c.getJsonArray("messages").toString()).contains("hello <b>bob</b>");
            assertThat(c.getJsonArray("members").toString()).isEqualTo("[\"cid\"]");
        }
    }

    @Test
    void nicknamesAreUniquePerRoomAndValidated() throws Exception {
        try (ChatClient a = ChatClient.connect(war.port()); ChatClient b = ChatClient.connect(war.port())) {
            assertThat(a.askObject("join", join("random", "Zoe")).getString("nick")).isEqualTo("Zoe");
            assertThat(b.askObject("join", join("random", "zoe")).getString("error")).contains("taken");
            assertThat(b.askObject("join", join("general", "zoe")).getString("nick")).isEqualTo("zoe");
            assertThat(b.askObject("join", join("random", "a b")).getString("error")).contains("letters, digits");
            assertThat(b.askObject("join", join("random", "x".repeat(25))).getString("error")).contains("too long");
            assertThat(b.askObject("join", "{\"room\":\"random\"}").getString("error")).isEqualTo("nickname required");
            assertThat(b.askObject("join", join("nope", "zed")).getString("error")).isEqualTo("no room nope");
            assertThat(b.askObject("join", join("Bad Room", "zed")).getString("error")).startsWith("room name");
        }
    }

    static String join(String room, String nick, String token) {
        return "{\"room\":\"" + room + "\",\"nick\":\"" + nick + "\",\"token\":\"" + token + "\"}";
    }

    @Test
    void aNicknameIsTakenOverByItsOwnerAndRefusedToOthers() throws Exception {
        try (ChatClient stale = ChatClient.connect(war.port()); ChatClient fresh = ChatClient.connect(war.port());
             ChatClient other = ChatClient.connect(war.port()); ChatClient anon = ChatClient.connect(war.port());
             ChatClient watcher = ChatClient.connect(war.port())) {
            watcher.askObject("join", join("random", "watcher"));
            assertThat(stale.askObject("join", join("random", "gina", "token-of-ginas-browser")).getString("nick"))
                    .isEqualTo("gina");
            watcher.await("user joined");
            // the same browser (a reload, a second tab): the nickname moves to the new connection
            JsonObject again = fresh.askObject("join", join("random", "Gina", "token-of-ginas-browser"));
            assertThat(again.getString("nick")).isEqualTo("Gina");
            assertThat(again.getJsonArray("members").toString()).isEqualTo("[\"Gina\",\"watcher\"]");
            JsonObject replaced = stale.await("replaced").asJsonObject();
            assertThat(replaced.keySet()).containsExactlyInAnyOrder("room", "nick");
            assertThat(replaced.getString("room") + " " + replaced.getString("nick")).isEqualTo("random Gina");
            stale.awaitDisconnect();
            // another browser, or a client without a token: refused as before
            assertThat(other.askObject("join", join("random", "gina", "token-of-another-browser")).getString("error"))
                    .isEqualTo("nickname gina is taken in random");
            assertThat(anon.askObject("join", join("random", "gina")).getString("error"))
                    .isEqualTo("nickname gina is taken in random");
            assertThat(anon.askObject("join", join("random", "gina", "")).getString("error"))
                    .isEqualTo("token: 1-64 characters");
            // the stale connection left without a word: gina never left the room, and still has her nickname
            assertThat(watcher.received("user left", 300)).isFalse();
            assertThat(fresh.askObject("message", "{\"text\":\"still me\"}").getJsonObject("message")
                    .getString("nick")).isEqualTo("Gina");
        }
    }

    @Test
    void connectionsOutsideARoomHearOfItsNewMessages() throws Exception {
        try (ChatClient inside = ChatClient.connect(war.port()); ChatClient outside = ChatClient.connect(war.port())) {
            inside.askObject("join", join("random", "insider"));
            outside.askObject("join", join("general", "outsider"));
            long id = inside.askObject("message", "{\"text\":\"news\"}").getJsonObject("message")
                    .getJsonNumber("id").longValue();
            JsonObject activity = outside.await("room activity").asJsonObject();
            assertThat(activity.getString("name")).isEqualTo("random");
            assertThat(activity.getJsonNumber("id").longValue()).isEqualTo(id);
            assertThat(inside.received("room activity", 300)).isFalse();
        }
    }

    @Test
    void badInputGetsClearErrorsAndTheConnectionSurvives() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port())) {
            assertThat(c.askObject("message", "{\"text\":\"hi\"}").getString("error")).isEqualTo("join a room first");
            assertThat(c.askObject("join", "42").getString("error"))
                    .isEqualTo("argument 1: expected an object, got a number");
            assertThat(c.askObject("join", null).getString("error")).isEqualTo("nickname required");
            assertThat(c.askObject("join", "null").getString("error")).isEqualTo("nickname required");
            assertThat(c.askObject("join", join("general", "bad-input")).getString("nick")).isEqualTo("bad-input");
            assertThat(c.askObject("message", "{}").getString("error")).isEqualTo("empty message");
            assertThat(c.askObject("message", "[1,2]").getString("error"))
                    .isEqualTo("argument 1: expected an object, got an array");
            assertThat(c.askObject("message", "{\"text\":\"" + "é".repeat(1001) + "\"}").getString("error"))
                    .isEqualTo("message too long (max 1000 characters)");
            assertThat(c.askObject("create room", "{\"name\":\"<script>\"}").getString("error"))
                    .startsWith("room name");
            assertThat(c.askObject("private", "{\"to\":\"nobody\",\"text\":\"psst\"}").getString("error"))
                    .isEqualTo("nobody is not in general");
            c.emit("typing", "{\"weird\":true}");
            c.emit("no such event", null);
            assertThat(c.askObject("message", "{\"text\":\"still here\"}").getJsonObject("message")
                    .getString("text")).isEqualTo("still here");
        }
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedByNameAndTheConnectionSurvives() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port()); ChatClient other = ChatClient.connect(war.port())) {
            // every request record, a field of each of its types given a value of another JSON type: the whole ack
            String[][] refused = {
                {"join", "{\"room\":[\"general\"],\"nick\":\"typed\"}", "room: expected a string, got an array"},
                {"join", "{\"room\":\"general\",\"nick\":42}", "nick: expected a string, got a number"},
                {"join", "{\"room\":\"general\",\"nick\":\"typed\",\"after\":1.5}",
                    "after: expected an integer, got a fraction"},
                {"join", "{\"room\":\"general\",\"nick\":\"typed\",\"after\":\"7\"}",
                    "after: expected an integer, got a string"},
                {"join", "{\"room\":\"general\",\"nick\":\"typed\",\"token\":{\"t\":1}}",
                    "token: expected a string, got an object"},
                {"create room", "{\"name\":true}", "name: expected a string, got a boolean"},
                {"create room", "\"typed\"", "argument 1: expected an object, got a string"},
            };
            for (String[] r : refused) {
                assertThat(c.ask(r[0], r[1]).toString()).as(r[0] + " " + r[1]).isEqualTo(error(r[2]));
            }
            assertThat(c.askObject("join", join("general", "typed")).getString("nick")).isEqualTo("typed");
            other.askObject("join", join("general", "typed2"));
            refused = new String[][] {
                {"message", "{\"text\":42}", "text: expected a string, got a number"},
                {"message", "{\"text\":[\"a\",\"b\"]}", "text: expected a string, got an array"},
                {"message", "{\"text\":\"hi\",\"clientId\":7}", "clientId: expected a string, got a number"},
                {"history", "{\"before\":2.5}", "before: expected an integer, got a fraction"},
                {"history", "{\"before\":\"x\"}", "before: expected an integer, got a string"},
                {"history", "{\"limit\":\"10\"}", "limit: expected an integer, got a string"},
                {"history", "{\"limit\":2.5}", "limit: expected an integer, got a fraction"},
                {"history", "{\"limit\":3000000000}",
                    "limit: expected an integer from -2147483648 to 2147483647, got 3000000000"},
                {"private", "{\"to\":[\"typed2\"],\"text\":\"psst\"}", "to: expected a string, got an array"},
                {"private", "{\"to\":\"typed2\",\"text\":false}", "text: expected a string, got a boolean"},
                {"typing", "\"yes\"", "argument 1: expected a boolean, got a string"},
            };
            for (String[] r : refused) {
                assertThat(c.ask(r[0], r[1]).toString()).as(r[0] + " " + r[1]).isEqualTo(error(r[2]));
            }
            // nothing of the refused requests happened
            assertThat(other.received("message", 200)).isFalse();
            assertThat(other.received("private", 0)).isFalse();
            assertThat(other.received("typing", 0)).isFalse();
            assertThat(c.askObject("message", "{\"text\":\"typed right\"}").getJsonObject("message")
                    .getString("text")).isEqualTo("typed right");
            assertThat(other.await("message").asJsonObject().getString("text")).isEqualTo("typed right");
        }
    }

    static String error(String message) {
        return "{\"error\":\"" + message + "\"}";
    }

    /** Sends a message, again while the connection's rate limit refuses it; the message as stored. */
    static JsonObject send(ChatClient c, String request) throws Exception {
        while (true) {
            JsonObject r = c.askObject("message", request);
            if (!r.containsKey("error")) {
                return r.getJsonObject("message");
            }
            assertThat(r.getString("error")).isEqualTo("rate limit: slow down");
            Thread.sleep(300); // the bucket refills at 5 per second
        }
    }

    @Test
    void optionalFieldsMayBeLeftOutOrNullAndTheRepliesKeepTheirShape() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port())) {
            assertThat(c.askObject("create room", "{\"name\":\"optional\"}").toString())
                    .isEqualTo("{\"room\":{\"name\":\"optional\",\"online\":0}}");
            JsonObject joined = c.askObject("join", join("optional", "opt"));
            assertThat(joined.toString()).isEqualTo("{\"hasMore\":false,\"members\":[\"opt\"],\"messages\":[],"
                    + "\"nick\":\"opt\",\"room\":\"optional\"}");

            // clientId? left out or null: each message is a new one
            long before = System.currentTimeMillis();
            JsonObject m1 = send(c, "{\"text\":\"same\"}");
            JsonObject m2 = send(c, "{\"text\":\"same\",\"clientId\":null}");
            JsonObject m3 = send(c, "{\"text\":\"third\",\"clientId\":\"opt-3\"}");
            assertThat(send(c, "{\"text\":\"third\",\"clientId\":\"opt-3\"}")).isEqualTo(m3);
            long id1 = m1.getJsonNumber("id").longValueExact();
            assertThat(m2.getJsonNumber("id").longValueExact()).isGreaterThan(id1);
            // a message on the wire: as before the records, numbers as numbers, sentAt in epoch milliseconds
            assertThat(m1.toString()).isEqualTo("{\"id\":" + id1 + ",\"nick\":\"opt\",\"room\":\"optional\","
                    + "\"sentAt\":" + m1.getJsonNumber("sentAt") + ",\"text\":\"same\"}");
            assertThat(m1.getJsonNumber("sentAt").longValueExact())
                    .isBetween(before - 1000, System.currentTimeMillis() + 1000);

            // after? left out or null: the last messages; a message id: those after it
            assertThat(texts(c.askObject("join", "{\"room\":\"optional\",\"nick\":\"opt\",\"after\":null}")))
                    .containsExactly("same", "same", "third");
            JsonObject caughtUp = c.askObject("join", "{\"room\":\"optional\",\"nick\":\"opt\",\"after\":" + id1
                    + "}");
            assertThat(caughtUp.getJsonArray("messages")).containsExactly(m2, m3);
            assertThat(caughtUp.getBoolean("hasMore")).isFalse();

            // limit? left out or null: the default page; below 1: one message; before: older than that id
            assertThat(c.askObject("history", null).toString()).isEqualTo(
                    "{\"hasMore\":false,\"messages\":[" + m1 + "," + m2 + "," + m3 + "]}");
            assertThat(texts(c.askObject("history", "{\"before\":null,\"limit\":null}")))
                    .containsExactly("same", "same", "third");
            JsonObject one = c.askObject("history", "{\"limit\":0}");
            assertThat(texts(one)).containsExactly("third");
            assertThat(one.getBoolean("hasMore")).isTrue();
            assertThat(texts(c.askObject("history", "{\"limit\":-5}"))).containsExactly("third");
            assertThat(texts(c.askObject("history", "{\"limit\":1000}"))).containsExactly("same", "same", "third");
            assertThat(texts(c.askObject("history", "{\"before\":" + m3.getJsonNumber("id") + "}")))
                    .containsExactly("same", "same");
        }
    }

    static java.util.List<String> texts(JsonObject page) {
        return page.getJsonArray("messages").stream().map(v -> v.asJsonObject().getString("text")).toList();
    }

    @Test
    void requestsOfAConnectionAreHandledInOrder() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port())) {
            // no waiting for the join's answer: the message after it still finds the room joined
            c.emit("join", join("general", "eager"));
            assertThat(c.askObject("message", "{\"text\":\"right after joining\"}").getJsonObject("message")
                    .getString("nick")).isEqualTo("eager");
        }
    }

    @Test
    void rateLimitPerConnection() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port())) {
            c.askObject("join", join("general", "fast"));
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                JsonObject r = c.askObject("message", "{\"text\":\"spam " + i + "\"}");
                if (r.containsKey("error")) {
                    assertThat(r.getString("error")).isEqualTo("rate limit: slow down");
                    refused++;
                }
            }
            assertThat(refused).isGreaterThan(5);
        }
    }

    @Test
    void historyPagesWithACursor() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port())) {
            assertThat(c.askObject("create room", "{\"name\":\"paged\"}").getJsonObject("room").getString("name"))
                    .isEqualTo("paged");
            assertThat(c.askObject("create room", "{\"name\":\"paged\"}").getString("error")).contains("exists");
            c.askObject("join", join("paged", "pager"));
            for (int i = 1; i <= 8; i++) {
                JsonObject r = c.askObject("message", "{\"text\":\"m" + i + "\"}");
                if (r.containsKey("error")) { // rate limit: wait for the bucket
                    Thread.sleep(300);
                    i--;
                }
            }
            JsonObject page = c.askObject("history", "{\"limit\":3}");
            assertThat(page.getJsonArray("messages").stream().map(v -> v.asJsonObject().getString("text")))
                    .containsExactly("m6", "m7", "m8");
            assertThat(page.getBoolean("hasMore")).isTrue();
            long oldest = page.getJsonArray("messages").getJsonObject(0).getJsonNumber("id").longValue();
            JsonObject older = c.askObject("history", "{\"before\":" + oldest + ",\"limit\":5}");
            assertThat(older.getJsonArray("messages").stream().map(v -> v.asJsonObject().getString("text")))
                    .containsExactly("m1", "m2", "m3", "m4", "m5");
            assertThat(older.getBoolean("hasMore")).isFalse();
        }
    }

    @Test
    void presenceTypingAndPrivateMessages() throws Exception {
        try (ChatClient ann = ChatClient.connect(war.port()); ChatClient bob = ChatClient.connect(war.port());
             ChatClient eve = ChatClient.connect(war.port())) {
            ann.askObject("join", join("random", "ann2"));
            bob.askObject("join", join("random", "bob2"));
            eve.askObject("join", join("general", "eve2"));
            // typing notices are volatile: dropped for a connection busy sending (its presence notices here), as
            // in Node; the page sends one again every 1.5 s while its user types, and so does this test
            boolean typingSeen = false;
            for (int i = 0; i < 20 && !typingSeen; i++) {
                ann.emit("typing", "true");
                typingSeen = bob.received("typing", 250);
            }
            assertThat(typingSeen).as("bob sees ann typing").isTrue();
            assertThat(bob.await("typing").asJsonObject().toString()).contains("\"nick\":\"ann2\"", "\"typing\":true");
            JsonObject ok = bob.askObject("private", "{\"to\":\"ANN2\",\"text\":\"psst\"}");
            assertThat(ok.getBoolean("ok")).isTrue();
            JsonObject pm = ann.await("private").asJsonObject();
            assertThat(pm.getString("from")).isEqualTo("bob2");
            assertThat(pm.getString("text")).isEqualTo("psst");
            assertThat(eve.received("private", 300)).isFalse();
            assertThat(eve.received("typing", 0)).isFalse();

            bob.askObject("leave", null);
            JsonObject left = ann.await("user left").asJsonObject();
            assertThat(left.getString("nick")).isEqualTo("bob2");
            assertThat(ann.await("presence").asJsonObject().getJsonArray("members").toString())
                    .isEqualTo("[\"ann2\"]");
        }
    }

    @Test
    void thePageIsRenderedWithRoomsAndEscapedHistory() throws Exception {
        try (ChatClient c = ChatClient.connect(war.port())) {
            c.askObject("join", join("general", "mallory"));
            c.askObject("message", "{\"text\":\"<img src=x onerror=alert(1)>\"}");
        }
        HttpResponse<String> page = Http.get(war.baseUrl() + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<li data-room=\"general\"", "<li data-room=\"random\"",
                "&lt;img src=x onerror=alert(1)&gt;", "js/chat.js").doesNotContain("<img src=x");
    }

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void thePageIsServedWithDefensiveHeadersAndNoSession() throws Exception {
        for (String path : new String[] {"/", "/?room=random", "/js/chat.js", "/css/chat.css", "/nothing-here"}) {
            HttpResponse<String> r = Http.get(war.baseUrl() + path);
            assertThat(r.statusCode()).as(path).isEqualTo(path.equals("/nothing-here") ? 404 : 200);
            assertThat(r.headers().allValues("Content-Security-Policy")).as(path).containsExactly(CSP);
            assertThat(r.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            assertThat(r.headers().allValues("Referrer-Policy")).as(path).containsExactly("same-origin");
            // no HTTP session for a visitor: no cookie at all
            assertThat(r.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(Http.get(war.baseUrl() + "/").headers().firstValue("Content-Type"))
                .hasValue("text/html;charset=UTF-8");
        assertThat(Http.get(war.baseUrl() + "/js/chat.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript");
        // nothing inline for the policy to refuse
        assertThat(Http.get(war.baseUrl() + "/").body()).doesNotContain("<script>", "<style", "style=\"", "onclick");
    }

    @Test
    void thePageHasAnIconSoBrowsersDoNotAskForFaviconIco() throws Exception {
        assertThat(Http.get(war.baseUrl() + "/").body()).contains("<link rel=\"icon\" href=\"favicon.svg\"");
        HttpResponse<String> icon = Http.get(war.baseUrl() + "/favicon.svg");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg ");
    }
}
