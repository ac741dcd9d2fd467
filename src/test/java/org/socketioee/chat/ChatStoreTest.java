package org.socketioee.chat;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.socketioee.testing.PgDatabase;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store and its Flyway migrations on H2 (the default) and on the real PostgreSQL ({@link PgDatabase}). */
class ChatStoreTest {
    @Test
    void onH2() throws Exception {
        Path dir = Files.createTempDirectory("chat-h2");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve("chat").toAbsolutePath());
        ds.setUser("chat");
        ds.setPassword("chat");
        // one connection kept open, as the container's pool does: H2 closes a database with its last connection
        try (var open = ds.getConnection()) {
            exercise(ds);
            // opened without ;WRITE_DELAY=0 in the URL: migrate() made commits durable all the same
            try (var st = open.createStatement(); var rs = st.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("0");
            }
        }
    }

    @Test
    void onPostgreSql() {
        try (PgDatabase pg = PgDatabase.fresh()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(pg.url());
            ds.setUser(PgDatabase.user());
            ds.setPassword(PgDatabase.password());
            exercise(ds);
        }
    }

    static void exercise(DataSource ds) {
        ChatStore store = new ChatStore(ds);
        assertThat(store.migrate()).isEqualTo(1);
        assertThat(store.migrate()).isZero(); // at the next start: up to date
        assertThat(store.rooms()).extracting(ChatStore.Room::name).containsExactly("general", "random");
        assertThat(store.createRoom("dev")).isTrue();
        assertThat(store.createRoom("dev")).isFalse();
        assertThat(store.roomExists("dev")).isTrue();
        assertThat(store.roomExists("nope")).isFalse();

        ChatMessage first = store.append("dev", "ann", "hello ☃ 😀 <b>", null);
        assertThat(first.id()).isPositive();
        for (int i = 2; i <= 7; i++) {
            store.append("dev", i % 2 == 0 ? "bob" : "ann", "m" + i, "client-" + i);
        }
        // a resend with the same client id: stored once, the first returned
        ChatMessage again = store.append("dev", "bob", "m2", "client-2");
        assertThat(again.text()).isEqualTo("m2");
        assertThat(store.before("dev", null, 100).messages()).hasSize(7);

        ChatStore.Page last = store.before("dev", null, 3);
        assertThat(texts(last.messages())).containsExactly("m5", "m6", "m7");
        assertThat(last.hasMore()).isTrue();
        ChatStore.Page older = store.before("dev", last.messages().get(0).id(), 3);
        assertThat(texts(older.messages())).containsExactly("m2", "m3", "m4");
        ChatStore.Page oldest = store.before("dev", older.messages().get(0).id(), 3);
        assertThat(texts(oldest.messages())).containsExactly("hello ☃ 😀 <b>");
        assertThat(oldest.hasMore()).isFalse();

        ChatStore.Page after = store.after("dev", older.messages().get(2).id(), 2);
        assertThat(texts(after.messages())).containsExactly("m5", "m6");
        assertThat(after.hasMore()).isTrue();
        assertThat(store.before("general", null, 10).messages()).isEmpty();
    }

    static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }
}
