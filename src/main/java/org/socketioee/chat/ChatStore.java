package org.socketioee.chat;

import org.flywaydb.core.Flyway;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The chat's persistence: plain JDBC on the container's DataSource ({@value #JNDI_NAME}, declared in
 * tomcat-conf/context.xml), schema by Flyway ({@code src/main/resources/db/chat}). Stateless and thread-safe.
 * <p>
 * Every write is committed (auto-commit) before its method returns, and a commit is durable: the chat acknowledges
 * a message once {@link #append} returns, so a crash right after must not lose it. PostgreSQL flushes its WAL at
 * commit ({@code synchronous_commit} on, its default). H2 (MVStore) writes committed changes to its file in the
 * background, {@code WRITE_DELAY} ms later (500 by default): killed in between, the process loses them. With
 * {@code WRITE_DELAY=0} each commit is written to the file before it returns (a write to the operating system, not
 * an fsync: it survives the process, not a power cut). tomcat-conf/context.xml sets it in the URL, and
 * {@link #migrate()} sets it on an H2 database opened without it.
 */
public final class ChatStore {
    public static final String JNDI_NAME = "java:comp/env/jdbc/chat";
    private static final System.Logger LOG = System.getLogger(ChatStore.class.getName());
    private static final String UNIQUE_VIOLATION = "23505";
    private final DataSource dataSource;

    public ChatStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The container's DataSource, looked up in JNDI (on a thread of the web application). */
    public static ChatStore lookup() {
        try {
            return new ChatStore((DataSource) new InitialContext().lookup(JNDI_NAME));
        } catch (NamingException e) {
            throw new IllegalStateException("no DataSource " + JNDI_NAME
                    + ": declare it in Tomcat's conf/context.xml (see tomcat-conf/context.xml)", e);
        }
    }

    /**
     * Brings the schema up to date (Flyway) and makes H2's commits durable (see the class comment); returns the
     * number of migrations applied.
     */
    public int migrate() {
        requireDurableCommits();
        return Flyway.configure(ChatStore.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/chat")
                .table("chat_schema_history")
                .baselineOnMigrate(false)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /**
     * On H2: {@code SET WRITE_DELAY 0} when the database was opened without it (a URL without
     * {@code ;WRITE_DELAY=0}), with a warning, since the setting lasts only while the database stays open (H2 takes
     * it from the URL at each opening; the pool's idle connections keep it open).
     */
    private void requireDurableCommits() {
        try (Connection c = dataSource.getConnection()) {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement st = c.createStatement()) {
                String delay;
                try (ResultSet rs = st.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    delay = rs.next() ? rs.getString(1) : "0";
                }
                if (!"0".equals(delay)) {
                    LOG.log(System.Logger.Level.WARNING, "chat: H2 opened with WRITE_DELAY={0} (commits written "
                            + "later, lost if the process dies): setting it to 0; add ;WRITE_DELAY=0 to the "
                            + "database URL (see tomcat-conf/context.xml)", delay);
                    st.execute("SET WRITE_DELAY 0");
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public List<Room> rooms() {
        List<Room> rooms = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name FROM chat_room ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rooms.add(new Room(rs.getString(1)));
            }
            return rooms;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public boolean roomExists(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chat_room WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Creates a room; false when it exists already. */
    public boolean createRoom(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO chat_room (name, created_at) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, System.currentTimeMillis());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException(e);
        }
    }

    /**
     * Stores a message and returns it with its id; a message with a {@code clientId} already stored in the room
     * (a resend after a lost acknowledgement) is not stored twice: the first one is returned.
     */
    public ChatMessage append(String room, String nick, String text, String clientId) {
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO chat_message (room, nick, body, sent_at, client_id) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, room);
                ps.setString(2, nick);
                ps.setString(3, text);
                ps.setLong(4, now);
                ps.setString(5, clientId);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new ChatMessage(keys.getLong(1), room, nick, text, now);
                }
            } catch (SQLException e) {
                if (clientId != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, room, nick, body, sent_at FROM chat_message WHERE room = ? AND client_id = ?")) {
                        ps.setString(1, room);
                        ps.setString(2, clientId);
                        List<ChatMessage> found = read(ps);
                        if (!found.isEmpty()) {
                            return found.get(0);
                        }
                    }
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The newest {@code limit} messages older than {@code beforeId} (all when null), oldest first. */
    public Page before(String room, Long beforeId, int limit) {
        String sql = "SELECT id, room, nick, body, sent_at FROM chat_message WHERE room = ?"
                + (beforeId == null ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, room);
            if (beforeId != null) {
                ps.setLong(i++, beforeId);
            }
            ps.setInt(i, limit + 1);
            List<ChatMessage> rows = read(ps);
            boolean more = rows.size() > limit;
            List<ChatMessage> page = new ArrayList<>(more ? rows.subList(0, limit) : rows);
            Collections.reverse(page);
            return new Page(page, more);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** At most {@code limit} messages newer than {@code afterId}, oldest first (catching up after a reconnection). */
    public Page after(String room, long afterId, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, room, nick, body, sent_at FROM chat_message WHERE room = ? AND id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, room);
            ps.setLong(2, afterId);
            ps.setInt(3, limit + 1);
            List<ChatMessage> rows = read(ps);
            boolean more = rows.size() > limit;
            return new Page(more ? new ArrayList<>(rows.subList(0, limit)) : rows, more);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static List<ChatMessage> read(PreparedStatement ps) throws SQLException {
        List<ChatMessage> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ChatMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)));
            }
        }
        return out;
    }

    /** A room, as listed. */
    public record Room(String name) {
    }

    /** Messages oldest first; {@code hasMore}: older (or, after a cursor, newer) messages exist. */
    public record Page(List<ChatMessage> messages, boolean hasMore) {
    }

    /** A database failure (logged by the handler, answered as a generic error). */
    public static final class StoreException extends RuntimeException {
        StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
