package org.socketioee.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java client against a server with the {@code InteropHandlers} contract (this project's server, or the npm
 * socket.io 4.8 server running the same contract in {@code src/test/node/socketio-server.mjs}), over each
 * transport: WebSocket only, polling only, and polling upgraded to WebSocket.
 */
abstract class ClientContractTest {
    static final long WAIT = 10;

    /** How the client connects. */
    enum Mode {
        WEBSOCKET(ClientOptions.Transport.WEBSOCKET),
        POLLING(ClientOptions.Transport.POLLING),
        UPGRADE(ClientOptions.Transport.POLLING, ClientOptions.Transport.WEBSOCKET);

        final ClientOptions.Transport[] transports;

        Mode(ClientOptions.Transport... transports) {
            this.transports = transports;
        }
    }

    /** A server the test can stop and start again on the same port. */
    interface Restartable extends AutoCloseable {
        String url();

        void stop();

        void start();

        @Override
        void close();
    }

    /** The base URL of the server (both transports). */
    abstract String url();

    /** The base URL of a server that offers polling only. */
    abstract String pollingOnlyUrl();

    abstract Restartable restartable();

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(s -> s.io().close());
    }

    static ClientOptions options(Mode mode) {
        return ClientOptions.defaults().withTransports(mode.transports).withForceNew(true).withAutoConnect(false)
                .withReconnectionDelay(Duration.ofMillis(100), Duration.ofMillis(400), 0.5);
    }

    Socket socket(String url, ClientOptions options) {
        Socket s = IO.socket(url, options.withAutoConnect(false));
        sockets.add(s);
        return s;
    }

    /** Connects and waits for the namespace CONNECT. */
    Socket connected(Socket s) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        s.onConnect(latch::countDown);
        s.connect();
        assertThat(latch.await(WAIT, TimeUnit.SECONDS)).as("connected within " + WAIT + " s").isTrue();
        return s;
    }

    /** Every event of one name, in arrival order. */
    static final class Events {
        final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

        Event next() throws InterruptedException {
            Event e = queue.poll(WAIT, TimeUnit.SECONDS);
            assertThat(e).as("an event within " + WAIT + " s").isNotNull();
            return e;
        }
    }

    static Events record(Socket s, String event) {
        Events ev = new Events();
        s.on(event, ev.queue::add);
        return ev;
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT, TimeUnit.SECONDS);
    }

    public record ChatMessage(String user, String text) {
    }

    public record Nested(byte[] data) {
    }

    public record BinaryBack(Nested nested, List<byte[]> list, int n) {
    }

    // ---- tests

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectsAndReceivesItsAuth(Mode mode) throws Exception {
        Socket s = socket(url(), options(mode).withAuth(Map.of("user", "alice", "n", 1)));
        Events auth = record(s, "auth");
        connected(s);
        assertThat(s.connected()).isTrue();
        assertThat(s.id()).isNotBlank();
        assertThat(auth.next().args().get(0)).isEqualTo(Map.of("user", "alice", "n", 1));
        assertThat(s.io().transport()).isIn("websocket", "polling");
        if (mode == Mode.WEBSOCKET) {
            assertThat(s.io().transport()).isEqualTo("websocket");
        } else if (mode == Mode.POLLING) {
            assertThat(s.io().transport()).isEqualTo("polling");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventsRoundTripWithTypedArguments(Mode mode) throws Exception {
        Socket s = connected(socket(url(), options(mode)));
        Events back = record(s, "message-back");
        CompletableFuture<ChatMessage> typed = new CompletableFuture<>();
        s.once("message-back", ChatMessage.class, typed::complete);
        s.emit("message", new ChatMessage("bob", "héllo €😀"), 42, 1.5, true, null, List.of("a", 1));
        Event e = back.next();
        assertThat(e.name()).isEqualTo("message-back");
        assertThat(e.arg(0, ChatMessage.class)).isEqualTo(new ChatMessage("bob", "héllo €😀"));
        assertThat(e.args().subList(0, 6)).containsExactly(Map.of("user", "bob", "text", "héllo €😀"), 42, 1.5, true, null, List.of("a", 1));
        assertThat(await(typed)).isEqualTo(new ChatMessage("bob", "héllo €😀"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acksBothWays(Mode mode) throws Exception {
        Socket s = connected(socket(url(), options(mode)));
        // client → server
        assertThat(await(s.emitWithAck("message-with-ack", 1, "two", Map.of("three", 3))))
                .containsExactly(1, "two", Map.of("three", 3));
        assertThat(await(s.emitWithAck(String.class, "join", "r1"))).isEqualTo("joined r1");
        // server → client: the server asks, the client answers, the server reports the answer
        s.on("question", e -> e.ack("answer to " + e.arg(0, String.class)));
        Events answered = record(s, "client-answered");
        s.emit("ask-client", "q1");
        assertThat(answered.next().arg(0, String.class)).isEqualTo("answer to q1");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ackTimesOut(Mode mode) throws Exception {
        Socket s = connected(socket(url(), options(mode)));
        long start = System.nanoTime();
        // "message" is never acknowledged by the server
        CompletableFuture<List<Object>> f = s.timeout(Duration.ofMillis(300)).emitWithAck("message", "x");
        assertThatThrownBy(() -> f.get(WAIT, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AckTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // the connection is fine afterwards
        assertThat(await(s.emitWithAck("message-with-ack", "ok"))).containsExactly("ok");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void binaryBothWays(Mode mode) throws Exception {
        Socket s = connected(socket(url(), options(mode)));
        Events back = record(s, "message-back");
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        s.emit("message", new byte[] {1, 2, 3}, Map.of("inner", ByteBuffer.wrap(new byte[] {9, 8})), big);
        Event e = back.next();
        assertThat(e.arg(0, byte[].class)).containsExactly(1, 2, 3);
        Map<?, ?> inner = (Map<?, ?>) e.args().get(1);
        assertThat((byte[]) inner.get("inner")).containsExactly(9, 8);
        assertThat(e.arg(2, byte[].class)).isEqualTo(big);
        // binary in an ack
        assertThat(await(s.emitWithAck("message-with-ack", new byte[] {7}))).singleElement()
                .isInstanceOfSatisfying(byte[].class, b -> assertThat(b).containsExactly(7));
        // nested binary from the server, bound to records
        Events deep = record(s, "binary-back");
        s.emit("binary-deep");
        BinaryBack bb = deep.next().arg(0, BinaryBack.class);
        assertThat(bb.nested().data()).containsExactly(1, 2, 3);
        assertThat(bb.list()).singleElement().satisfies(b -> assertThat(b).containsExactly(4));
        assertThat(bb.n()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void namespacesShareOneConnection(Mode mode) throws Exception {
        ClientOptions o = options(mode).withForceNew(false).withAuth(Map.of("token", "t"));
        Socket main = socket(url(), o.withForceNew(true));
        connected(main);
        Manager io = main.io();
        Socket custom = io.socket("/custom", () -> Map.of("token", "custom"));
        sockets.add(custom);
        Events auth = record(custom, "auth");
        connected(custom);
        assertThat(custom.io()).isSameAs(io);
        assertThat(custom.id()).isNotEqualTo(main.id()).isNotBlank();
        assertThat(auth.next().arg(0, Map.class)).containsEntry("token", "custom");
        // refused namespace: message and data of the middleware's error
        Socket secret = io.socket("/secret", () -> Map.of("token", "wrong"));
        CompletableFuture<ConnectError> refused = new CompletableFuture<>();
        secret.onConnectError(refused::complete);
        secret.connect();
        ConnectError err = await(refused);
        assertThat(err.getMessage()).isEqualTo("unauthorized");
        assertThat(err.data()).isEqualTo(Map.of("code", 401));
        assertThat(err.fromServer()).isTrue();
        assertThat(secret.connected()).isFalse();
        // the others are unaffected
        assertThat(custom.connected()).isTrue();
        assertThat(await(main.emitWithAck("message-with-ack", "here"))).containsExactly("here");
    }

    @Test
    void authAcceptedAndRejected() throws Exception {
        Socket ok = socket(url() + "/secret", options(Mode.WEBSOCKET).withAuth(Map.of("token", "s3cret")));
        Events welcome = record(ok, "welcome");
        connected(ok);
        assertThat(welcome.next().arg(0, String.class)).isEqualTo("secret");

        Socket no = socket(url() + "/secret", options(Mode.WEBSOCKET).withAuth(Map.of("token", "nope")));
        CompletableFuture<ConnectError> refused = new CompletableFuture<>();
        no.onConnectError(refused::complete);
        no.connect();
        ConnectError err = await(refused);
        assertThat(err.getMessage()).isEqualTo("unauthorized");
        assertThat(err.data()).isEqualTo(Map.of("code", 401));
        assertThat(no.connected()).isFalse();
        assertThat(no.active()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void roomBroadcasts(Mode mode) throws Exception {
        Socket a = connected(socket(url(), options(mode)));
        Socket b = connected(socket(url(), options(mode)));
        Socket c = connected(socket(url(), options(mode)));
        Events ra = record(a, "room-message");
        Events rb = record(b, "room-message");
        Events rc = record(c, "room-message");
        assertThat(await(a.emitWithAck("join", "room1"))).containsExactly("joined room1");
        assertThat(await(b.emitWithAck("join", "room1"))).containsExactly("joined room1");
        c.emit("room-broadcast", "room1", Map.of("text", "hi room"));
        assertThat(ra.next().arg(0, Map.class)).isEqualTo(Map.of("text", "hi room"));
        assertThat(rb.next().arg(0, Map.class)).isEqualTo(Map.of("text", "hi room"));
        // c is not in the room: a round trip on its connection, after the broadcast reached the others
        assertThat(await(c.emitWithAck("message-with-ack", 1))).containsExactly(1);
        assertThat(rc.queue).isEmpty();
    }

    @Test
    void aSocketMiddlewareDropsTheEventsItRefusesAndTheServerHearsOfIt() throws Exception {
        Socket s = socket(url(), options(Mode.WEBSOCKET));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        s.onAny(e -> seen.add(e.name() + " " + e.args().get(0))); // (recovery appends an offset argument)
        connected(s);
        assertThat(seen.poll(WAIT, TimeUnit.SECONDS)).startsWith("auth");
        s.emit("forbidden", "x");
        s.emit("message", "after");
        // refused: the error listener answers, the event's listener never runs ("ran" would come before the echo)
        assertThat(seen.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("refused forbidden event: forbidden");
        assertThat(seen.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("message-back after");
        // a refused event asking for an acknowledgement gets none
        assertThatThrownBy(() -> await(s.timeout(Duration.ofMillis(300)).emitWithAck("forbidden-with-ack")))
                .hasCauseInstanceOf(AckTimeoutException.class);
        assertThat(seen.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("refused forbidden event: forbidden-with-ack");
    }

    @Test
    void onAnySeesEveryEvent() throws Exception {
        Socket s = socket(url(), options(Mode.WEBSOCKET));
        BlockingQueue<String> names = new LinkedBlockingQueue<>();
        s.onAny(e -> names.add(e.name()));
        connected(s);
        s.emit("message", "x");
        assertThat(names.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("auth");
        assertThat(names.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("message-back");
    }

    @Test
    void onAnyOutgoingSeesWhatIsWrittenWhenItIsWritten() throws Exception {
        Socket s = socket(url(), options(Mode.WEBSOCKET));
        BlockingQueue<Event> out = new LinkedBlockingQueue<>();
        s.onAnyOutgoing(out::add);
        s.asVolatile().emit("message", "volatile while disconnected: dropped");
        s.emit("message", "buffered", new byte[] {1, 2});
        assertThat(out.poll(200, TimeUnit.MILLISECONDS)).as("nothing written before the connection").isNull();
        connected(s);
        Event buffered = out.poll(WAIT, TimeUnit.SECONDS);
        assertThat(buffered.name()).isEqualTo("message");
        assertThat(buffered.arg(0, String.class)).isEqualTo("buffered");
        assertThat(buffered.arg(1, byte[].class)).containsExactly(1, 2);
        assertThat(buffered.hasAck()).isFalse();
        assertThat(await(s.emitWithAck("message-with-ack", "live"))).containsExactly("live");
        assertThat(out.poll(WAIT, TimeUnit.SECONDS).arg(0, String.class)).isEqualTo("live");
        assertThat(out).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retriesResendEachEmitUntilAcknowledgedOneAtATimeInOrder(Mode mode) throws Exception {
        // the second try's answer must come within the ack timeout, or a third try is sent: 1 s leaves room for a
        // loaded machine (300 ms did not: ["c", 3] seen under a load average of 20)
        Socket s = connected(socket(url(), options(mode).withRetries(2).withAckTimeout(Duration.ofSeconds(1))));
        CompletableFuture<List<Object>> a = s.emitWithAck("ack-on-second-try", "a");
        s.emit("ack-on-second-try", "b"); // no acknowledgement asked by the caller: retried all the same
        CompletableFuture<List<Object>> c = s.emitWithAck("ack-on-second-try", "c");
        assertThat(await(a)).containsExactly("a", 2);
        assertThat(await(c)).containsExactly("c", 2);
        assertThat(await(s.emitWithAck("tries-seen"))).containsExactly(List.of("a", "a", "b", "b", "c", "c"));
    }

    @Test
    void retriesGiveUpAfterTheLastTryAndTheQueueMovesOn() throws Exception {
        Socket s = connected(socket(url(), options(Mode.WEBSOCKET).withRetries(1).withAckTimeout(Duration.ofMillis(200))));
        Events back = record(s, "message-back");
        CompletableFuture<List<Object>> never = s.emitWithAck("message", "never acknowledged");
        CompletableFuture<List<Object>> next = s.emitWithAck("message-with-ack", "next");
        assertThatThrownBy(() -> never.get(WAIT, TimeUnit.SECONDS)).hasCauseInstanceOf(AckTimeoutException.class);
        assertThat(back.next().arg(0, String.class)).isEqualTo("never acknowledged");
        assertThat(back.next().arg(0, String.class)).isEqualTo("never acknowledged"); // 1 + 1 retry
        assertThat(await(next)).containsExactly("next");
        assertThat(back.queue).isEmpty();
    }

    @Test
    void disconnectIsClientSideAndFinal() throws Exception {
        Socket s = connected(socket(url(), options(Mode.WEBSOCKET)));
        BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
        s.onDisconnect(reasons::add);
        s.disconnect();
        assertThat(reasons.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.IO_CLIENT_DISCONNECT);
        s.io().close();
        assertThat(reasons.poll(300, TimeUnit.MILLISECONDS)).as("one disconnect event").isNull();
        assertThat(s.connected()).isFalse();
        assertThat(s.id()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aServerDisconnectIsReportedOnceAndNotRetried(Mode mode) throws Exception {
        Socket s = connected(socket(url(), options(mode)));
        BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
        s.onDisconnect(reasons::add);
        BlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();
        s.io().onReconnectAttempt(attempts::add);
        s.emit("disconnect-me");
        assertThat(reasons.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.IO_SERVER_DISCONNECT);
        assertThat(reasons.poll(500, TimeUnit.MILLISECONDS)).as("one disconnect event").isNull();
        assertThat(attempts).as("no reconnection after a server disconnect").isEmpty();
        assertThat(s.connected()).isFalse();
        assertThat(s.active()).isFalse();
    }

    @Test
    void fallsBackToPollingWhenWebSocketIsRefused() throws Exception {
        // default transports: WebSocket first, polling when its handshake fails
        Socket s = socket(pollingOnlyUrl(), ClientOptions.defaults().withForceNew(true));
        connected(s);
        assertThat(s.io().transport()).isEqualTo("polling");
        assertThat(await(s.emitWithAck("message-with-ack", "via polling", new byte[] {5})))
                .satisfiesExactly(a -> assertThat(a).isEqualTo("via polling"),
                        b -> assertThat((byte[]) b).containsExactly(5));
    }

    @Test
    void upgradesFromPollingToWebSocket() throws Exception {
        Socket s = socket(url(), options(Mode.UPGRADE));
        CompletableFuture<String> upgraded = new CompletableFuture<>();
        s.io().onUpgrade(upgraded::complete);
        CompletableFuture<String> firstTransport = new CompletableFuture<>();
        s.io().onOpen(() -> firstTransport.complete(s.io().transport()));
        connected(s);
        assertThat(await(firstTransport)).isEqualTo("polling");
        assertThat(await(upgraded)).isEqualTo("websocket");
        assertThat(s.io().transport()).isEqualTo("websocket");
        assertThat(await(s.emitWithAck("message-with-ack", "after upgrade", new byte[] {1})))
                .first().isEqualTo("after upgrade");
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"WEBSOCKET", "POLLING"})
    void reconnectsAfterServerRestartAndSendsBufferedEmits(Mode mode) throws Exception {
        try (Restartable server = restartable()) {
            Socket s = socket(server.url(), options(mode));
            BlockingQueue<Object> lifecycle = new LinkedBlockingQueue<>();
            s.onConnect(() -> lifecycle.add("connect"));
            s.onDisconnect(lifecycle::add);
            s.io().onReconnectAttempt(n -> lifecycle.add("attempt"));
            CompletableFuture<Integer> reconnected = new CompletableFuture<>();
            s.io().onReconnect(reconnected::complete);
            Events back = record(s, "message-back");
            s.connect();
            assertThat(lifecycle.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("connect");
            String firstId = s.id();

            server.stop();
            assertThat(lifecycle.poll(WAIT, TimeUnit.SECONDS)).isIn(DisconnectReason.TRANSPORT_CLOSE,
                    DisconnectReason.TRANSPORT_ERROR, DisconnectReason.PING_TIMEOUT);
            assertThat(lifecycle.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("attempt");
            // while disconnected: buffered, and volatile dropped
            s.emit("message", "buffered");
            s.asVolatile().emit("message", "volatile");
            CompletableFuture<List<Object>> ackWhileDown = s.emitWithAck("message-with-ack", "later");
            server.start();

            assertThat(reconnected.get(WAIT, TimeUnit.SECONDS)).isPositive();
            Object next;
            do {
                next = lifecycle.poll(WAIT, TimeUnit.SECONDS);
            } while ("attempt".equals(next));
            assertThat(next).isEqualTo("connect");
            assertThat(s.id()).isNotEqualTo(firstId);
            assertThat(await(ackWhileDown)).containsExactly("later");
            assertThat(back.next().arg(0, String.class)).isEqualTo("buffered");
            s.emit("message", "after");
            assertThat(back.next().arg(0, String.class)).isEqualTo("after"); // "volatile" never went out
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"WEBSOCKET", "POLLING"})
    void recoversMissedEvents(Mode mode) throws Exception {
        Socket s = socket(url(), options(mode));
        BlockingQueue<Object> lifecycle = new LinkedBlockingQueue<>();
        s.onConnect(() -> lifecycle.add("connect"));
        s.onDisconnect(lifecycle::add);
        Events missed = record(s, "missed");
        s.connect();
        assertThat(lifecycle.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("connect");
        assertThat(s.recovered()).isFalse();
        String id = s.id();
        assertThat(await(s.emitWithAck("join", "r"))).containsExactly("joined r");

        s.emit("drop-and-emit", "r", 3);
        // both servers end the session with a close frame / close packet (polling: on the next GET), as Node does
        assertThat(lifecycle.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
        assertThat(lifecycle.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("connect");
        assertThat(s.recovered()).isTrue();
        assertThat(s.id()).isEqualTo(id);
        for (int i = 0; i < 3; i++) {
            assertThat(missed.next().arg(0, Integer.class)).isEqualTo(i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> who = (Map<String, Object>) await(s.emitWithAck("whoami")).get(0);
        assertThat(who).containsEntry("id", id).containsEntry("recovered", true);
        assertThat((List<Object>) who.get("rooms")).containsExactlyInAnyOrder("r", id);
    }
}
