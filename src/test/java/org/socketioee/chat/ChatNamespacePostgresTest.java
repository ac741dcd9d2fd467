package org.socketioee.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.socketioee.testing.PgDatabase;
import org.socketioee.testing.WebappTomcat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@link ChatNamespaceTest}, with jdbc/chat on a fresh schema of the real PostgreSQL (Flyway migrates it). */
class ChatNamespacePostgresTest extends ChatNamespaceTest {
    private PgDatabase pg;

    @Override
    WebappTomcat startWar() {
        pg = PgDatabase.fresh();
        return WebappTomcat.start(0, pg.url(), Map.of());
    }

    @Test
    void anAcknowledgedMessageIsARowInPostgres() throws Exception {
        long id;
        try (ChatClient c = ChatClient.connect(war.port())) {
            c.askObject("join", join("general", "pgcheck"));
            id = c.askObject("message", "{\"text\":\"stored in postgres\"}").getJsonObject("message")
                    .getJsonNumber("id").longValue();
        }
        try (Connection db = DriverManager.getConnection(pg.url(), PgDatabase.user(), PgDatabase.password());
             PreparedStatement st = db.prepareStatement("SELECT nick, body FROM chat_message WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("nick")).isEqualTo("pgcheck");
                assertThat(rs.getString("body")).isEqualTo("stored in postgres");
            }
        }
    }

    @Override
    @AfterAll
    void stop() {
        try {
            super.stop();
        } finally {
            pg.close();
        }
    }
}
