package org.socketioee.server;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.SocketIoFixture;
import org.socketioee.testing.RawSocketIo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckTest extends SocketIoFixture {
    RawSocketIo client() throws Exception {
        RawSocketIo raw = RawSocketIo.open(server.port());
        raw.connect("/", null);
        return raw;
    }

    @Test
    void serverAsksAndTheClientAnswers() throws Exception {
        try (RawSocketIo c = client()) {
            Socket s = connected.take();
            CompletableFuture<List<Object>> answer = s.emitWithAck("question", "why?");
            String q = c.next();
            assertThat(q).matches("2(\\d+)\\[\"question\",\"why\\?\"]");
            String id = q.substring(1, q.indexOf('['));
            c.send("3" + id + "[\"because\",42]");
            assertThat(answer.get(5, TimeUnit.SECONDS)).containsExactly("because", 42);
        }
    }

    @Test
    void ackWithoutArgumentsAndBinaryAck() throws Exception {
        try (RawSocketIo c = client()) {
            Socket s = connected.take();
            CompletableFuture<List<Object>> empty = s.emitWithAck("q1");
            String q1 = c.next();
            c.send("3" + q1.substring(1, q1.indexOf('[')) + "[]");
            assertThat(empty.get(5, TimeUnit.SECONDS)).isEmpty();

            CompletableFuture<List<Object>> bin = s.emitWithAck("q2");
            String q2 = c.next();
            c.send("61-" + q2.substring(1, q2.indexOf('[')) + "[{\"_placeholder\":true,\"num\":0}]");
            c.sendBinary(new byte[] {9, 9});
            assertThat((byte[]) bin.get(5, TimeUnit.SECONDS).get(0)).containsExactly(9, 9);
        }
    }

    @Test
    void unansweredAckTimesOut() throws Exception {
        try (RawSocketIo c = client()) {
            Socket s = connected.take();
            CompletableFuture<List<Object>> answer = s.timeout(Duration.ofMillis(200)).emitWithAck("ignored");
            assertThat(c.next()).matches("2\\d+\\[\"ignored\"]");
            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(AckTimeoutException.class).hasMessageContaining("operation has timed out");
        }
    }

    @Test
    void pendingAckFailsWhenTheSocketDisconnects() throws Exception {
        RawSocketIo c = client();
        Socket s = connected.take();
        CompletableFuture<List<Object>> answer = s.emitWithAck("never");
        c.next();
        c.close();
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasMessageContaining("disconnected");
    }

    @Test
    void clientAsksAndTheServerAnswersOnce() throws Exception {
        io.onConnection(s -> s.on("add", e -> {
            e.ack(e.arg(0, Integer.class) + e.arg(1, Integer.class));
            e.ack("ignored second answer");
        }));
        try (RawSocketIo c = client()) {
            c.send("27[\"add\",2,3]");
            assertThat(c.next()).isEqualTo("37[5]");
            c.send("2[\"add\",1,1]"); // no ack asked: nothing sent back
            c.send("28[\"add\",1,1]");
            assertThat(c.next()).isEqualTo("38[2]");
        }
    }

    @Test
    void broadcastWithAckCollectsEveryClientsAnswer() throws Exception {
        try (RawSocketIo a = client(); RawSocketIo b = client()) {
            connected.take();
            connected.take();
            CompletableFuture<List<Object>> all = io.timeout(Duration.ofSeconds(5)).emitWithAck("poll", "?");
            String qa = a.next();
            String qb = b.next();
            assertThat(qa).isEqualTo(qb); // one packet, one ack id, for everyone
            String id = qa.substring(1, qa.indexOf('['));
            a.send("3" + id + "[\"yes\"]");
            b.send("3" + id + "[\"no\",\"extra\"]");
            assertThat(all.get(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder("yes", "no");
        }
    }

    @Test
    void broadcastWithAckTimesOutWhenSomeoneIsSilent() throws Exception {
        try (RawSocketIo a = client(); RawSocketIo b = client()) {
            connected.take();
            connected.take();
            CompletableFuture<List<Object>> all = io.timeout(Duration.ofMillis(300)).emitWithAck("poll");
            String qa = a.next();
            b.next();
            a.send("3" + qa.substring(1, qa.indexOf('[')) + "[1]");
            assertThatThrownBy(() -> all.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(AckTimeoutException.class)
                    .cause().extracting(c -> ((AckTimeoutException) c).responses()).isEqualTo(List.of(1));
        }
    }

    @Test
    void listenerThatThrowsAnswersAnErrorAckAndTheConnectionSurvives() throws Exception {
        io.onConnection(s -> {
            s.on("boom", e -> {
                throw new IllegalStateException("secret internals");
            });
            s.on("ping", e -> e.ack("pong"));
        });
        try (RawSocketIo c = client()) {
            c.send("21[\"boom\"]");
            assertThat(c.next()).isEqualTo("31[{\"error\":\"internal server error\"}]");
            c.send("22[\"ping\"]");
            assertThat(c.next()).isEqualTo("32[\"pong\"]");
        }
    }
}
