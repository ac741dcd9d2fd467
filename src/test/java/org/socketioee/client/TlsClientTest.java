package org.socketioee.client;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketioee.client.ClientContractTest.Mode;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.InteropHandlers;
import org.socketioee.testing.Node;
import org.socketioee.testing.TestTomcat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client over {@code https}/{@code wss}: a Tomcat with a self-signed certificate made by keytool for this
 * run, trusted through {@link ClientOptions#withSslContext}, and refused with the JVM's default context.
 */
class TlsClientTest {
    private static final String PASSWORD = "changeit";
    private static Path dir;
    private static EmbeddedTomcat server;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tls-test");
        Path keystore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "tomcat", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "tomcat", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        trusting = contextTrusting(cert);
        server = EmbeddedTomcat.start(EngineOptions.defaults(), 0, InteropHandlers::install, connector -> {
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig host = new SSLHostConfig();
            SSLHostConfigCertificate c = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
            c.setCertificateKeystoreFile(keystore.toString());
            c.setCertificateKeystorePassword(PASSWORD);
            c.setCertificateKeystoreType("PKCS12");
            c.setCertificateKeyAlias("tomcat");
            host.addCertificate(c);
            connector.addSslHostConfig(host);
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        TestTomcat.deleteQuietly(dir);
    }

    private static void keytool(String... args) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Node.Result r = Node.exec(new ProcessBuilder(cmd), java.time.Duration.ofSeconds(60));
        assertThat(r.exitCode()).as("keytool " + args[0] + ": " + r).isZero();
    }

    private static SSLContext contextTrusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String url() {
        return "https://localhost:" + server.port();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectsWithItsOwnTlsContext(Mode mode) throws Exception {
        Socket s = IO.socket(url(), ClientContractTest.options(mode).withSslContext(trusting));
        try {
            CountDownLatch connected = new CountDownLatch(1);
            s.onConnect(connected::countDown);
            s.connect();
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(s.emitWithAck("message-with-ack", "over tls").get(10, TimeUnit.SECONDS)).containsExactly("over tls");
            if (mode == Mode.UPGRADE) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> "websocket".equals(s.io().transport()));
                assertThat(s.emitWithAck("message-with-ack", "after upgrade").get(10, TimeUnit.SECONDS))
                        .containsExactly("after upgrade");
            } else {
                assertThat(s.io().transport()).isEqualTo(mode == Mode.WEBSOCKET ? "websocket" : "polling");
            }
        } finally {
            s.io().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theDefaultContextRefusesAnUntrustedCertificate(Mode mode) throws Exception {
        Socket s = IO.socket(url(), ClientContractTest.options(mode).withReconnection(false));
        try {
            CompletableFuture<ConnectError> error = new CompletableFuture<>();
            s.onConnectError(error::complete);
            s.connect();
            ConnectError e = error.get(20, TimeUnit.SECONDS);
            assertThat(s.connected()).isFalse();
            assertThat(e.fromServer()).isFalse();
            List<Throwable> causes = new java.util.ArrayList<>();
            for (Throwable t = e; t != null; t = t.getCause()) {
                causes.add(t);
            }
            assertThat(causes).as("the connect_error's causes").hasAtLeastOneElementOfType(javax.net.ssl.SSLHandshakeException.class);
        } finally {
            s.io().close();
        }
    }
}
