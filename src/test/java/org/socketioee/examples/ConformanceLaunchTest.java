package org.socketioee.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Http;
import org.socketioee.testing.RawSocketIo;
import org.socketioee.testing.WebappTomcat;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance launch as the profile sets it up (system properties), on the WAR's own web.xml and listeners:
 * the spec's reference configuration and an echo server at /engine.io/.
 */
class ConformanceLaunchTest {
    @AfterEach
    void clear() {
        for (String p : new String[] {"socketioee.launch", "socketio.pingInterval", "socketio.pingTimeout",
                "socketio.cors.origins", "socketio.connectTimeout"}) {
            System.clearProperty(p);
        }
    }

    @Test
    void referenceConfigurationWithEngineEchoAtEngineIo() {
        System.setProperty("socketioee.launch", "conformance");
        System.setProperty("socketio.pingInterval", "300");
        System.setProperty("socketio.pingTimeout", "200");
        System.setProperty("socketio.cors.origins", "*");
        try (WebappTomcat war = WebappTomcat.start()) {
            HttpResponse<String> open = Http.get(war.baseUrl() + "/engine.io/?EIO=4&transport=polling",
                    "Origin", "http://test-suite.example");
            assertThat(open.body()).matches("0\\{\"sid\":\"[^\"]+\",\"upgrades\":\\[\"websocket\"],"
                    + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}");
            assertThat(open.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

            EngineClient c = EngineClient.open(war.baseUrl(), "/engine.io/");
            assertThat(c.post("4echo me\u001ebAQI=").body()).isEqualTo("ok");
            assertThat(c.get().body()).isEqualTo("4echo me\u001ebAQI=");
            // the main server runs beside it with the same options
            assertThat(Http.get(war.baseUrl() + "/socket.io/?EIO=4&transport=polling").body())
                    .contains("\"pingInterval\":300");
        }
    }

    @Test
    void socketIoReferenceHandlers() throws Exception {
        System.setProperty("socketioee.launch", "conformance");
        System.setProperty("socketio.connectTimeout", "1000");
        try (WebappTomcat war = WebappTomcat.start(); RawSocketIo c = RawSocketIo.open(war.port())) {
            assertThat(c.connect("/", "{\"token\":\"123\"}")).matches("0\\{\"sid\":\"[^\"]+\"}");
            assertThat(c.next()).isEqualTo("2[\"auth\",{\"token\":\"123\"}]");
            c.send("2[\"message\",1,\"2\",{\"3\":[true]}]");
            assertThat(c.next()).isEqualTo("2[\"message-back\",1,\"2\",{\"3\":[true]}]");
            c.send("256[\"message-with-ack\",1,\"2\"]");
            assertThat(c.next()).isEqualTo("356[1,\"2\"]");
            assertThat(c.connect("/custom", "{\"x\":1}")).startsWith("0/custom,{\"sid\":");
            assertThat(c.next()).isEqualTo("2/custom,[\"auth\",{\"x\":1}]");
            // connectTimeout 1000: a connection that joins no namespace is closed
            try (RawSocketIo idle = RawSocketIo.open(war.port())) {
                idle.ws.awaitClose();
            }
        }
    }

    @Test
    void defaultLaunchHasNoEchoServer() {
        try (WebappTomcat war = WebappTomcat.start()) {
            assertThat(Http.get(war.baseUrl() + "/engine.io/?EIO=4&transport=polling").statusCode()).isEqualTo(404);
            assertThat(Http.get(war.baseUrl() + "/socket.io/?EIO=4&transport=polling").body())
                    .contains("\"pingInterval\":25000");
        }
    }
}
