package org.socketioee.engine.ws;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketioee.testing.RawWebSocket.text;

/**
 * {@link WebSocketConnection#coalesced}: broadcasts handled from one read reach each target in one write; outside
 * such a run, and on a thread that is not reading, every flush writes at once. Connections over in-memory streams
 * that count the container's write calls (what the upgrade transport's throughput depends on).
 */
class CoalescedWritesTest {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** The container's side of one upgraded connection: input fed by the test, output recording each write. */
    static final class Wire implements WebConnection {
        final Queue<byte[]> input = new ArrayDeque<>();
        final List<byte[]> writes = new ArrayList<>();
        ReadListener readListener;

        final ServletInputStream in = new ServletInputStream() {
            byte[] current;
            int pos;

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return (current != null && pos < current.length) || !input.isEmpty();
            }

            @Override
            public void setReadListener(ReadListener l) {
                readListener = l;
            }

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (current == null || pos == current.length) {
                    current = input.poll();
                    pos = 0;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };

        final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }

            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };

        @Override
        public ServletInputStream getInputStream() {
            return in;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        @Override
        public void close() {
        }

        /** One read's bytes, then the container's call. */
        void arrive(byte[] bytes) {
            input.add(bytes);
            try {
                readListener.onDataAvailable();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** A handler with a queue of frames to send; {@code onText} is given to the test. */
    static class Peer implements WebSocketConnection.Handler {
        final Queue<byte[]> queue = new ArrayDeque<>();
        WebSocketConnection connection;
        java.util.function.Consumer<String> onText = t -> { };

        @Override
        public void onOpen(WebSocketConnection c) {
            connection = c;
        }

        @Override
        public void onText(String text) {
            onText.accept(text);
        }

        @Override
        public void onBinary(byte[] data) {
        }

        @Override
        public void pull(WebSocketConnection.FrameSink out) {
            byte[] f;
            while ((f = queue.poll()) != null) {
                if (!out.add(f)) {
                    return;
                }
            }
        }

        @Override
        public void onDrained() {
        }

        @Override
        public void onClosed(int code, String why, boolean failed) {
        }

        /** What a broadcast does for this target: queue the frame, ask for a flush. */
        void send(String s) {
            queue.add(WebSocketWriter.textFrame(s));
            connection.flush();
        }
    }

    Wire open(Peer peer) {
        Wire w = new Wire();
        new WebSocketConnection().with(peer, 1_000_000, timer).init(w);
        return w;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parts.forEach(b::writeBytes);
        return b.toByteArray();
    }

    static byte[] frames(String... texts) {
        List<byte[]> all = new ArrayList<>();
        for (String t : texts) {
            all.add(WebSocketWriter.textFrame(t));
        }
        return concat(all);
    }

    @Test
    void broadcastsHandledFromOneReadReachEachTargetInOneWrite() {
        Peer sender = new Peer();
        Wire senderWire = open(sender);
        List<Peer> targets = new ArrayList<>();
        List<Wire> wires = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Peer t = new Peer();
            wires.add(open(t));
            targets.add(t);
        }
        sender.onText = msg -> WebSocketConnection.coalesced(() -> targets.forEach(t -> t.send(msg)));
        // five messages of the sender in one read
        senderWire.arrive(concat(List.of(text("a"), text("b"), text("c"), text("d"), text("e"))));
        for (Wire w : wires) {
            assertThat(w.writes).as("one write per target").hasSize(1);
            assertThat(w.writes.get(0)).isEqualTo(frames("a", "b", "c", "d", "e"));
        }
        // the next read: its own write
        senderWire.arrive(text("f"));
        for (Wire w : wires) {
            assertThat(w.writes).hasSize(2);
            assertThat(w.writes.get(1)).isEqualTo(frames("f"));
        }
        assertThat(senderWire.writes).isEmpty();
    }

    /** A sender and one target, each on its own connection. */
    final class OneToOne {
        final Peer sender = new Peer();
        final Wire senderWire = open(sender);
        final Peer target = new Peer();
        final Wire targetWire = open(target);
    }

    @Test
    void aReadsOnlyBroadcastIsWrittenAtOnceAndOnlyWhatMoreOfTheReadFollowsWaits() {
        OneToOne c = new OneToOne();
        List<Integer> writesSeenAfterBroadcast = new ArrayList<>();
        c.sender.onText = msg -> {
            WebSocketConnection.coalesced(() -> c.target.send(msg));
            writesSeenAfterBroadcast.add(c.targetWire.writes.size());
        };
        // alone in its read: nothing to gather it with, written before the handler goes on (as Node writes)
        c.senderWire.arrive(text("a"));
        assertThat(writesSeenAfterBroadcast).containsExactly(1);
        // three in one read: the first two wait because more follows, the last because the others wait
        c.senderWire.arrive(concat(List.of(text("b"), text("c"), text("d"))));
        assertThat(writesSeenAfterBroadcast).containsExactly(1, 1, 1, 1);
        assertThat(c.targetWire.writes).hasSize(2);
        assertThat(c.targetWire.writes.get(1)).isEqualTo(frames("b", "c", "d"));
        // the next message only partly in this read: the broadcast before it waits for the end of the read
        byte[] e = text("e");
        byte[] f = text("f");
        c.senderWire.arrive(concat(List.of(e, java.util.Arrays.copyOf(f, 3))));
        assertThat(writesSeenAfterBroadcast).containsExactly(1, 1, 1, 1, 2);
        assertThat(c.targetWire.writes).hasSize(3);
        assertThat(c.targetWire.writes.get(2)).isEqualTo(frames("e"));
        c.senderWire.arrive(java.util.Arrays.copyOfRange(f, 3, f.length));
        assertThat(writesSeenAfterBroadcast).containsExactly(1, 1, 1, 1, 2, 4);
        assertThat(c.targetWire.writes.get(3)).isEqualTo(frames("f"));
    }

    @Test
    void flushesOutsideACoalescedRunOrOffAReadingThreadWriteAtOnce() {
        OneToOne c = new OneToOne();
        List<Integer> writesSeenInHandler = new ArrayList<>();
        c.sender.onText = msg -> {
            c.target.send(msg); // not a broadcast: written before the handler goes on (a handler may wait for it)
            writesSeenInHandler.add(c.targetWire.writes.size());
        };
        c.senderWire.arrive(concat(List.of(text("a"), text("b"))));
        assertThat(writesSeenInHandler).containsExactly(1, 2);
        assertThat(c.targetWire.writes).hasSize(2);

        // on a thread that is not handling a read, a broadcast writes at once
        WebSocketConnection.coalesced(() -> c.target.send("c"));
        assertThat(c.targetWire.writes).hasSize(3);
        assertThat(c.targetWire.writes.get(2)).isEqualTo(frames("c"));
    }

    @Test
    void aHandlerThatFailsStillHasItsBroadcastsFlushed() {
        OneToOne c = new OneToOne();
        c.sender.onText = msg -> {
            WebSocketConnection.coalesced(() -> c.target.send(msg));
            if (msg.equals("boom")) {
                throw new IllegalStateException("a listener failed");
            }
        };
        try {
            c.senderWire.arrive(concat(List.of(text("x"), text("boom"))));
        } catch (IllegalStateException expected) {
            // the container would log it
        }
        assertThat(c.targetWire.writes).hasSize(1);
        assertThat(new String(c.targetWire.writes.get(0), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(frames("x", "boom"), StandardCharsets.ISO_8859_1));
        // and the thread is not left deferring
        WebSocketConnection.coalesced(() -> c.target.send("after"));
        assertThat(c.targetWire.writes).hasSize(2);
    }
}
