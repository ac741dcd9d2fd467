package org.socketioee.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.Packet;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Http;
import org.socketioee.testing.Recorder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PollingTest {
    EmbeddedTomcat server;
    Recorder rec = new Recorder();

    @BeforeEach
    void start() {
        server = EmbeddedTomcat.start(EngineOptions.defaults().withMaxPayload(1000), e -> e.onConnection(rec));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postDeliversEachPacketOfThePayloadAndAnswersOk() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        HttpResponse<String> res = c.post("4hello\u001e4wörld €😀\u001ebAQIDBA==");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("ok");
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(rec.nextMessage()).isEqualTo("hello");
        assertThat(rec.nextMessage()).isEqualTo("wörld €😀");
        assertThat((byte[]) rec.nextMessage()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void bodyWithoutCharsetIsReadAsUtf8() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        HttpResponse<String> res = Http.post(c.url(), "4ça va".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        assertThat(res.body()).isEqualTo("ok");
        assertThat(rec.nextMessage()).isEqualTo("ça va");
    }

    @Test
    void octetStreamBodyIsOneBinaryMessage() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        HttpResponse<String> res = Http.post(c.url(), new byte[] {9, 8, 7}, "Content-Type", "application/octet-stream");
        assertThat(res.body()).isEqualTo("ok");
        assertThat((byte[]) rec.nextMessage()).containsExactly(9, 8, 7);
    }

    @Test
    void getReturnsQueuedPacketsBatchedWithTheRecordSeparatorAndBinaryAsBase64() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        s.send("a");
        s.send(new byte[] {1, 2, 3, 4});
        s.send("ü€");
        HttpResponse<String> res = c.get();
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(res.body()).isEqualTo("4a\u001ebAQIDBA==\u001e4ü€");
    }

    @Test
    void getIsHeldUntilThereIsSomethingToSend() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(c.url());
        // the GET must still be open: nothing was queued
        assertThat(poll).failsWithin(300, TimeUnit.MILLISECONDS);
        s.send("late");
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("4late");
    }

    @Test
    void payloadOverMaxPayloadIsRefusedWith413AndTheSessionLives() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        HttpResponse<String> res = c.post("4" + "x".repeat(1000));
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(s.isOpen()).isTrue();
        assertThat(c.post("4fits").body()).isEqualTo("ok");
        assertThat(rec.nextMessage()).isEqualTo("fits");
    }

    @Test
    void chunkedPayloadOverMaxPayloadIsRefusedWith413() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        // no Content-Length: the limit is enforced while reading
        var body = java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(("4" + "y".repeat(5000)).getBytes(StandardCharsets.UTF_8)));
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.url())).POST(body).build();
        var res = java.net.http.HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void clientClosePacketClosesTheSessionWithTransportClose() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        assertThat(c.post("1").body()).isEqualTo("ok");
        assertThat(rec.closeReason(c.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
        HttpResponse<String> after = c.get();
        assertThat(after.statusCode()).isEqualTo(400);
        assertThat(after.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void serverCloseAnswersThePendingGetWithTheQueuedPacketsThenAClosePacket() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(c.url());
        assertThat(poll).failsWithin(200, TimeUnit.MILLISECONDS);
        s.sendPacket(Packet.message("bye"));
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("4bye");
        s.send("last words");
        s.close();
        assertThat(c.get().body()).isEqualTo("4last words\u001e1");
        assertThat(rec.closeReason(c.sid)).isEqualTo(CloseReason.FORCED_CLOSE);
    }

    @Test
    void serverCloseWithoutPendingGetAnswersTheNextGetWithAClosePacket() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        s.close();
        assertThat(c.get().body()).isEqualTo("1"); // as Node, not "Session ID unknown"
        assertThat(rec.closeReason(c.sid)).isEqualTo(CloseReason.FORCED_CLOSE);
    }

    @Test
    void serverCloseWithAnEmptyQueueReleasesThePendingGetWithAClosePacket() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(c.url());
        assertThat(poll).failsWithin(200, TimeUnit.MILLISECONDS);
        s.close();
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
        assertThat(rec.closeReason(c.sid)).isEqualTo(CloseReason.FORCED_CLOSE);
    }

    @Test
    void secondConcurrentGetIsRefusedAndClosesTheSession() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        CompletableFuture<HttpResponse<String>> first = Http.getAsync(c.url());
        assertThat(first).failsWithin(200, TimeUnit.MILLISECONDS);
        HttpResponse<String> second = c.get();
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(first.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
        assertThat(rec.closeReason(c.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void invalidPacketClosesThatSessionOnlyWithParseError() throws Exception {
        EngineClient bad = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineClient good = EngineClient.open(server.baseUrl(), "/socket.io/");
        HttpResponse<String> res = bad.post("4ok\u001ez-not-a-packet");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(rec.closeReason(bad.sid)).isEqualTo(CloseReason.PARSE_ERROR);
        assertThat(good.post("4still here").body()).isEqualTo("ok");
        assertThat(rec.nextMessage()).isEqualTo("still here");
    }

    @Test
    void sendQueueOverflowClosesOnlyThatSession() throws Exception {
        server.close();
        rec = new Recorder();
        server = EmbeddedTomcat.start(EngineOptions.defaults().withMaxBufferedPackets(5), e -> e.onConnection(rec));
        EngineClient slow = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession s = rec.nextConnection();
        EngineClient other = EngineClient.open(server.baseUrl(), "/socket.io/");
        EngineSession o = rec.nextConnection();
        for (int i = 0; i < 5; i++) {
            assertThat(s.send("m" + i)).isTrue();
        }
        assertThat(s.send("one too many")).isFalse();
        assertThat(rec.closeReason(slow.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(o.send("fine")).isTrue();
        assertThat(other.get().body()).isEqualTo("4fine");
    }
}
