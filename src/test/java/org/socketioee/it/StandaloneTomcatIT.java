package org.socketioee.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.testing.Http;
import org.socketioee.testing.Missing;
import org.socketioee.testing.Node;
import org.socketioee.testing.PgDatabase;
import org.socketioee.testing.Readme;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README "Deploying to a standalone Tomcat" and "PostgreSQL instead of H2" followed as written: the section's
 * shell lines run by bash on a fresh copy of the Tomcat zip (from the local Maven repository, where Cargo put it),
 * with the packaged WAR; then {@code bin/catalina.sh run} on a free port (server.xml's 8080 changed, its shutdown
 * port off), the Engine.IO open packet and the chat page checked, and Tomcat stopped.
 */
class StandaloneTomcatIT {
    private static final Path ROOT = Readme.projectDir();
    private static final String VERSION = System.getProperty("tomcat.version", "11.0.24");
    private Path dir;
    private Path home;
    private Process tomcat;

    @BeforeEach
    void followTheReadme() throws Exception {
        Path zip = Path.of(System.getProperty("tomcat.zip", System.getProperty("user.home")
                + "/.m2/repository/org/apache/tomcat/tomcat/" + VERSION + "/tomcat-" + VERSION + ".zip"));
        assertThat(zip).as("the Tomcat zip Cargo downloaded").exists();
        dir = Files.createTempDirectory("standalone-tomcat");
        Files.copy(zip, dir.resolve(zip.getFileName())); // the section's curl is skipped: the zip is there
        ProcessBuilder bash = new ProcessBuilder("bash", "-euc", Readme.block("StandaloneTomcatIT runs these lines", "sh"))
                .directory(dir.toFile());
        bash.environment().put("SOCKETIO_EE", ROOT.toString());
        Node.Result r = Node.exec(bash, Duration.ofMinutes(2));
        assertThat(r.exitCode()).as("the README's lines: %s", r).isZero();
        home = dir.resolve("apache-tomcat-" + VERSION);
        assertThat(home.resolve("webapps")).isDirectoryNotContaining("glob:**/ROOT");
        assertThat(home.resolve("lib/h2-2.5.252.jar")).exists();
        assertThat(home.resolve("lib/postgresql-42.7.13.jar")).exists();
    }

    @AfterEach
    void stopAndRemove() throws Exception {
        if (tomcat != null) {
            tomcat.destroy(); // SIGTERM to the JVM catalina.sh became: Tomcat's shutdown hook stops it
            if (!tomcat.waitFor(60, TimeUnit.SECONDS)) {
                tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theChatOnH2() throws Exception {
        String base = start();
        assertThat(home.resolve("data/chat.mv.db")).as("the H2 database under the Tomcat").exists();
        assertThat(log()).doesNotContain("ClassNotFoundException", "SEVERE");
        assertThat(base).isNotEmpty();
    }

    @Test
    void theChatOnPostgreSql() throws Exception {
        String role = "chat_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String commands = Readme.block("StandaloneTomcatIT runs these two commands", "sh");
        assertThat(commands.lines()).hasSize(2).allMatch(l -> l.startsWith("sudo -u postgres psql -c "));
        // as PostgreSQL's superuser here too (trust on localhost instead of sudo), with a role of its own
        String asSuperuser = commands.replace("sudo -u postgres psql", "psql -h localhost -U " + PgDatabase.user())
                .replace(" chat", " " + role);
        ProcessBuilder psql = new ProcessBuilder("bash", "-euc", asSuperuser);
        psql.environment().put("PGPASSWORD", PgDatabase.password());
        Node.Result created = Node.exec(psql, Duration.ofSeconds(60));
        if (created.exitCode() != 0 && created.stderr().contains("could not connect")) {
            Missing.skipOrFail("PostgreSQL unreachable on localhost as " + PgDatabase.user() + ": " + created.stderr());
        }
        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(created.stdout()).isEqualTo("CREATE ROLE\nCREATE DATABASE\n");
        try {
            Path context = home.resolve("conf/Catalina/localhost/ROOT.xml");
            String h2 = Readme.block("StandaloneTomcatIT: the H2 lines", "xml");
            String pg = Readme.block("StandaloneTomcatIT: the PostgreSQL lines", "xml");
            String xml = Files.readString(context);
            assertThat(xml).contains(h2);
            Files.writeString(context, xml.replace(h2, pg.replace("/chat\"", "/" + role + "\""))
                    .replace("username=\"chat\" password=\"chat\"", "username=\"" + role + "\" password=\"chat\""));
            start();
            assertThat(home.resolve("data")).doesNotExist();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + role, role, "chat");
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM chat_schema_history WHERE success")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("Flyway's migrations in the new database").isPositive();
            }
            assertThat(log()).doesNotContain("ClassNotFoundException", "SEVERE");
        } finally {
            stopAndRemove();
            tomcat = null;
            dir = null;
            ProcessBuilder drop = new ProcessBuilder("psql", "-h", "localhost", "-U", PgDatabase.user(),
                    "-c", "DROP DATABASE IF EXISTS " + role, "-c", "DROP ROLE IF EXISTS " + role);
            drop.environment().put("PGPASSWORD", PgDatabase.password());
            assertThat(Node.exec(drop, Duration.ofSeconds(60)).exitCode()).isZero();
        }
    }

    /** Starts {@code bin/catalina.sh run} on a free port; returns its base URL once the open packet and page answer. */
    private String start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path serverXml = home.resolve("conf/server.xml");
        String xml = Files.readString(serverXml);
        assertThat(xml).contains("port=\"8080\"", "port=\"8005\"");
        Files.writeString(serverXml, xml.replace("port=\"8080\"", "port=\"" + port + "\"")
                .replace("port=\"8005\"", "port=\"-1\""));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true).redirectOutput(home.resolve("logs/console.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CATALINA_") || k.equals("JAVA_OPTS"));
        pb.environment().put("CATALINA_HOME", home.toString());
        tomcat = pb.start();

        String base = "http://localhost:" + port;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        // 404 while the WAR is still being deployed
        HttpResponse<String> open = answer(base + "/socket.io/?EIO=4&transport=polling", deadline);
        assertThat(open.statusCode()).as("%s", log()).isEqualTo(200);
        assertThat(open.body()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],.*");
        HttpResponse<String> page = answer(base + "/", deadline); // the first one compiles the JSP: slow on a busy machine
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<li data-room=\"general\"", "js/chat.js");
        return base;
    }

    /** The first answer other than 404 before the deadline, retrying while refused or too slow (10 s a try). */
    private HttpResponse<String> answer(String url, long deadline) throws Exception {
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && tomcat.isAlive()) {
            try {
                last = Http.get(url);
                if (last.statusCode() != 404) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // connection refused until the connector is up; a timeout while Tomcat is busy starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer from " + url + " (last: " + (last == null ? "none" : last.statusCode())
                + "); Tomcat's log: " + log());
    }

    private String log() throws IOException {
        Path console = home.resolve("logs/console.txt");
        return Files.exists(console) ? Files.readString(console) : "";
    }
}
