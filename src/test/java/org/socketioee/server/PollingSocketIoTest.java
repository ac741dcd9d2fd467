package org.socketioee.server;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.SocketIoFixture;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Socket.IO over long-polling: packets batched in payloads, volatile drops, and the connect/disconnect log. */
class PollingSocketIoTest extends SocketIoFixture {
    @Test
    void volatileEventsAreDroppedWhileNoPollIsWaiting() throws Exception {
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        assertThat(c.post("40").body()).isEqualTo("ok");
        assertThat(c.get().body()).matches("40\\{\"sid\":\"[^\"]+\"}");
        Socket s = connected.poll(5, TimeUnit.SECONDS);
        // no GET pending: the transport is not writable, volatile packets are discarded
        s.asVolatile().emit("typing", 1);
        io.asVolatile().emit("typing", 2);
        s.emit("kept", 3);
        io.emit("kept", 4);
        assertThat(c.get().body()).isEqualTo("42[\"kept\",3]\u001e42[\"kept\",4]");
    }

    @Test
    void binaryEventsTravelAsBase64OverPolling() throws Exception {
        io.onConnection(s -> s.on("echo", e -> s.emit("echo", e.args().toArray())));
        EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
        c.post("40");
        c.get();
        assertThat(c.post("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID").body()).isEqualTo("ok");
        assertThat(c.get().body()).isEqualTo("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID");
    }

    @Test
    void oneInfoLinePerConnectAndDisconnect() throws Exception {
        try (LogCapture log = new LogCapture(Socket.class)) {
            List<String> lines = log.lines;
            EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
            c.post("40");
            Socket s = connected.poll(5, TimeUnit.SECONDS);
            c.post("41");
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> lines.size() == 2);
            assertThat(lines).containsExactly(
                    "socket.io connect id=" + s.id() + " nsp=/ sid=" + c.sid + " transport=polling address=127.0.0.1",
                    "socket.io disconnect id=" + s.id() + " nsp=/ sid=" + c.sid
                            + " transport=polling address=127.0.0.1 reason=\"client namespace disconnect\"");
        }
    }
}
