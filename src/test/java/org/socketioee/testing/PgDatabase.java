package org.socketioee.testing;


import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL of the database tests: {@code CHAT_TEST_PG_URL} (default
 * {@code jdbc:postgresql://localhost:5432/test}) as {@code CHAT_TEST_PG_USER} (default {@code postgres}) with
 * {@code CHAT_TEST_PG_PASSWORD} (default empty: trust auth). Each test works in a fresh schema of its own, dropped
 * afterwards. Unreachable: the test is skipped with the reason, except under {@code CI=true}, where it fails.
 */
public final class PgDatabase implements AutoCloseable {
    private final String schema;

    private PgDatabase(String schema) {
        this.schema = schema;
    }

    public static String baseUrl() {
        return env("CHAT_TEST_PG_URL", "jdbc:postgresql://localhost:5432/test");
    }

    public static String user() {
        return env("CHAT_TEST_PG_USER", "postgres");
    }

    public static String password() {
        return env("CHAT_TEST_PG_PASSWORD", "");
    }

    /** A new, empty schema. */
    public static PgDatabase fresh() {
        String schema = "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl(), user(), password());
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String reason = "PostgreSQL unreachable at " + baseUrl() + " as " + user() + " (set CHAT_TEST_PG_URL, "
                    + "CHAT_TEST_PG_USER, CHAT_TEST_PG_PASSWORD): " + e.getMessage();
            Missing.skipOrFail(reason, e);
        }
        return new PgDatabase(schema);
    }

    /** The JDBC URL of this schema (user and password included, for a plain DataSource). */
    public String url() {
        return baseUrl() + (baseUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String schema() {
        return schema;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(baseUrl(), user(), password());
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
