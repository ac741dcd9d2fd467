package org.socketioee.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.socketioee.engine.EngineOptions;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.InteropHandlers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The Java client against this project's server (embedded Tomcat, {@link InteropHandlers}). */
class JavaServerClientTest extends ClientContractTest {
    private static EmbeddedTomcat server;
    private static EmbeddedTomcat pollingOnly;

    @BeforeAll
    static void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), InteropHandlers::install);
        pollingOnly = EmbeddedTomcat.start(EngineOptions.defaults().withTransports(EngineOptions.POLLING),
                InteropHandlers::install);
    }

    @AfterAll
    static void stop() {
        server.close();
        pollingOnly.close();
    }

    @Override
    String url() {
        return server.baseUrl();
    }

    @Override
    String pollingOnlyUrl() {
        return pollingOnly.baseUrl();
    }

    @Override
    Restartable restartable() {
        int port = freePort();
        return new Restartable() {
            EmbeddedTomcat tomcat = EmbeddedTomcat.start(EngineOptions.defaults(), port, InteropHandlers::install);

            @Override
            public String url() {
                return "http://localhost:" + port;
            }

            @Override
            public void stop() {
                tomcat.close();
                tomcat = null;
            }

            @Override
            public void start() {
                tomcat = EmbeddedTomcat.start(EngineOptions.defaults(), port, InteropHandlers::install);
            }

            @Override
            public void close() {
                if (tomcat != null) {
                    tomcat.close();
                }
            }
        };
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
