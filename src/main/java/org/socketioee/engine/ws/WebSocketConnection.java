package org.socketioee.engine.ws;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.socketioee.engine.ws.WebSocketProtocol.CLOSE_ABNORMAL;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_PONG;

/**
 * One server-side WebSocket on the Servlet API's protocol upgrade: RFC 6455 framing over the upgraded connection's
 * non-blocking streams, portable to every Servlet container.
 * <p>
 * Reading: the container calls {@link #onDataAvailable} when bytes arrive; they go to a {@link WebSocketReader}
 * and the {@link Handler} hears each message on that same thread.
 * <p>
 * Writing pulls: {@link #flush()}, called by whoever has something to send (or by the container once a congested
 * output drains), asks the handler for every frame it has pending and writes them together, several frames
 * copied into one write and one flush, as long as the output is ready. It never blocks and never hands work to
 * another thread; when the output is not ready, the container calls back when it is, and the frames wait in the
 * handler's own bounded queue meanwhile. One thread writes at a time: a flush called while another is writing
 * makes that one go round once more instead of waiting.
 * <p>
 * Knows nothing of what the messages mean.
 */
public class WebSocketConnection implements HttpUpgradeHandler {
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());

    /** What the connection tells its user, and asks it for. */
    public interface Handler {
        /** The connection is open: the 101 response is out. Frames may be sent from now on. */
        void onOpen(WebSocketConnection connection);

        void onText(String text);

        void onBinary(byte[] data);

        /**
         * Adds the frames to send now to {@code out}, while {@link FrameSink#add} answers true. Called by the
         * writing thread, never by two at once, only while the output can take them.
         */
        void pull(FrameSink out);

        /** A flush wrote everything the handler had: nothing is waiting for the output. */
        void onDrained();

        /**
         * The connection ended, by the peer ({@code failed} false: its close code, or
         * {@link WebSocketProtocol#CLOSE_ABNORMAL} when it just went away) or by a failure ({@code failed} true: the
         * protocol error's close code, or {@link WebSocketProtocol#CLOSE_ABNORMAL} for a network error). Not called
         * after {@link #close(int, String)}. {@code why} says what broke, for a log line.
         */
        void onClosed(int code, String why, boolean failed);
    }

    /** Collects the frames of one write. */
    public interface FrameSink {
        /** Adds a complete frame (not copied); answers whether the write has room for more. */
        boolean add(byte[] frame);
    }

    /** A write gathers frames up to about this many bytes. */
    static final int GATHER_LIMIT = 64 * 1024;
    private static final int READ_BUFFER = 16 * 1024;
    /** How long a closing connection waits for the peer's close frame, or for its output to drain. */
    private static final long CLOSE_TIMEOUT_MS = 2000;
    // Per thread, not per connection: an idle connection holds no buffer. What a container thread keeps between
    // calls is a byte[], never a class of the application's, so an undeployed WAR leaves nothing of its own on the
    // container's threads (Tomcat's ThreadLocal leak check, RedeployIT).
    private static final ThreadLocal<byte[]> READ_BUFFERS = ThreadLocal.withInitial(() -> new byte[READ_BUFFER]);
    private static final ThreadLocal<byte[]> GATHER_BUFFERS = ThreadLocal.withInitial(() -> new byte[0]);
    /** The read being handled on this thread, only while {@link Input#onDataAvailable} runs. */
    private static final ThreadLocal<ReadBatch> READ_BATCHES = new ThreadLocal<>();

    private Handler handler;
    private ScheduledExecutorService timer;
    private WebSocketReader reader;
    private WebConnection connection;
    private ServletInputStream in;
    private ServletOutputStream out;

    // guarded by this
    private boolean writing;
    private boolean writeAgain;
    private byte[] pong; // only the latest ping is answered (RFC 6455 5.5.3): a ping flood cannot queue pongs
    private byte[] closeFrame; // queued, not yet written
    private boolean closeQueued;
    private boolean closeWritten;
    private boolean closeReceived;
    private boolean failed; // our close frame fails the connection: the socket closes once it is out
    private boolean ended; // the handler was told, or needs not be
    private boolean socketClosed;
    private volatile boolean congested;

    /** Instantiated by the container on {@link HttpServletRequest#upgrade}; see {@link #accept}. */
    public WebSocketConnection() {
    }

    /**
     * Answers an opening handshake (RFC 6455 4.2): a version other than 13 gets 426 with the version supported,
     * a missing or malformed key 400; otherwise the request is upgraded and the connection returned, to open once
     * the 101 response is out. No extension or subprotocol is negotiated. The caller has checked the request's
     * path, method, {@code Upgrade} header and origin.
     */
    public static WebSocketConnection accept(HttpServletRequest req, HttpServletResponse res, Handler handler,
                                             int maxMessage, ScheduledExecutorService timer)
            throws IOException, ServletException {
        String connectionHeader = String.valueOf(req.getHeader("Connection")).toLowerCase(Locale.ROOT);
        boolean upgradeToken = Arrays.stream(connectionHeader.split(",")).anyMatch(t -> t.trim().equals("upgrade"));
        if (!WebSocketProtocol.VERSION.equals(req.getHeader("Sec-WebSocket-Version"))) {
            res.setHeader("Sec-WebSocket-Version", WebSocketProtocol.VERSION);
            res.setStatus(426); // Upgrade Required
            return null;
        }
        String key = req.getHeader("Sec-WebSocket-Key");
        if (!upgradeToken || !"GET".equals(req.getMethod()) || !WebSocketProtocol.isValidKey(key)) {
            res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return null;
        }
        res.setHeader("Upgrade", "websocket");
        res.setHeader("Connection", "Upgrade");
        res.setHeader("Sec-WebSocket-Accept", WebSocketProtocol.acceptKey(key));
        // Tomcat and Undertow set it in upgrade(); GlassFish leaves it to the application (it would send a 200)
        res.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        return req.upgrade(WebSocketConnection.class).with(handler, maxMessage, timer);
    }

    /** The container made it ({@link HttpServletRequest#upgrade}); it opens at {@link #init}. */
    WebSocketConnection with(Handler handler, int maxMessage, ScheduledExecutorService timer) {
        this.handler = handler;
        this.timer = timer;
        this.reader = new WebSocketReader(new Frames(), maxMessage);
        return this;
    }

    // ---- the container's side -------------------------------------------------------------------------------

    @Override
    public void init(WebConnection wc) {
        connection = wc;
        try {
            in = wc.getInputStream();
            out = wc.getOutputStream();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "websocket: upgraded connection has no streams: {0}", e.toString());
            closeSocket();
            return;
        }
        try {
            // the 101 out now, before any frame and whether or not the handler writes at once (the client of an
            // upgrade probe writes first): Tomcat and Undertow sent it before init, which makes this a no-op there;
            // GlassFish sends it only when the response is flushed, as it never finishes an upgraded response
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "websocket: sending the handshake response failed: {0}", e.toString());
            closeSocket();
            return;
        }
        out.setWriteListener(new Output()); // non-blocking from here: the handler may write in onOpen
        handler.onOpen(this);
        in.setReadListener(new Input());
    }

    @Override
    public void destroy() {
        synchronized (this) {
            socketClosed = true;
        }
        // the container ended the connection (shut down, or the socket closed)
        end(CLOSE_ABNORMAL, "connection ended", false);
    }

    private final class Input implements ReadListener {
        @Override
        public void onDataAvailable() {
            byte[] buf = READ_BUFFERS.get();
            ReadBatch batch = new ReadBatch(reader);
            READ_BATCHES.set(batch); // the container never nests reads on a thread
            try {
                while (in.isReady()) {
                    int n = in.read(buf);
                    if (n < 0) {
                        onAllDataRead();
                        return;
                    }
                    if (!reader.isDone()) {
                        batch.reading = true;
                        try {
                            reader.feed(buf, 0, n);
                        } finally {
                            batch.end();
                        }
                    } // after a close or a failure the rest is read and dropped, so the socket closes cleanly
                }
            } catch (WebSocketProtocolException e) {
                fail(e);
            } catch (IOException e) {
                onError(e);
            } finally {
                READ_BATCHES.remove();
            }
        }

        @Override
        public void onAllDataRead() {
            boolean closing;
            synchronized (WebSocketConnection.this) {
                closing = closeQueued;
            }
            if (!closing) {
                end(CLOSE_ABNORMAL, "connection ended without a close frame", false);
            }
            closeSocket();
        }

        @Override
        public void onError(Throwable t) {
            end(CLOSE_ABNORMAL, "read failed: " + t, true);
            closeSocket();
        }
    }

    private final class Output implements WriteListener {
        @Override
        public void onWritePossible() {
            flush();
        }

        @Override
        public void onError(Throwable t) {
            end(CLOSE_ABNORMAL, "write failed: " + t, true);
            closeSocket();
        }
    }

    /** The reader's calls: messages go to the handler, control frames are answered here. */
    private final class Frames implements WebSocketReader.FrameCallback {
        @Override
        public void onText(String text) {
            if (open()) {
                handler.onText(text);
            }
        }

        @Override
        public void onBinary(byte[] data) {
            if (open()) {
                handler.onBinary(data);
            }
        }

        @Override
        public void onPing(byte[] payload) {
            synchronized (WebSocketConnection.this) {
                if (closeQueued) {
                    return;
                }
                pong = WebSocketWriter.frame(OPCODE_PONG, payload);
            }
            flush();
        }

        @Override
        public void onPong(byte[] payload) {
            // unsolicited, or an answer to a ping we never send: nothing to do
        }

        @Override
        public void onClose(int code, String reason) {
            boolean echo;
            synchronized (WebSocketConnection.this) {
                closeReceived = true;
                echo = !closeQueued;
                if (echo) {
                    queueCloseLocked(WebSocketWriter.closeFrame(code, "")); // the peer's code, echoed
                }
            }
            if (echo) {
                end(code, reason, false);
                flush();
            } else {
                closeIfDone();
            }
        }
    }

    private synchronized boolean open() {
        return !closeQueued;
    }

    // ---- the user's side ------------------------------------------------------------------------------------

    /**
     * Writes whatever is pending as far as the output takes it now; the rest when the container says it can.
     * Callable from any thread, never blocks.
     */
    public void flush() {
        ReadBatch batch = READ_BATCHES.get();
        if (batch != null && batch.coalescing) {
            batch.pending().add(this);
            return;
        }
        flushNow();
    }

    /**
     * Runs {@code writes} (a broadcast queueing its frame for each target); on a thread handling what one read of a
     * connection brought, when more of that read follows (or an earlier broadcast of it is already deferred), the
     * flushes they ask for wait for the end of that read, where each connection is flushed once. A read that held
     * several broadcasts (a sender with some in flight) thus costs each target one gathered write instead of one
     * write per broadcast; a read's only broadcast, and any off a reading thread, is written at once. Only for
     * writes nobody waits for on this thread: a flush asked for outside such a run is done at once.
     */
    public static void coalesced(Runnable writes) {
        ReadBatch batch = READ_BATCHES.get();
        if (batch == null || !batch.reading || batch.coalescing) {
            writes.run(); // not on a reading thread (flushes at once), or inside a run already (deferred by it)
            return;
        }
        if (!batch.reader.moreInThisFeed() && batch.nothingPending()) {
            // the read's last message, and nothing deferred before it: a lone broadcast (20 a second, say) is
            // written target by target at once, as Node does; deferring it only held back every delivery
            // until the whole room was queued (README "Performance": p50 and p99 2-6 ms lower)
            writes.run();
            return;
        }
        batch.coalescing = true;
        try {
            writes.run();
        } finally {
            batch.coalescing = false;
        }
    }

    private void flushNow() {
        synchronized (this) {
            if (writing) {
                writeAgain = true; // the writing thread (maybe this one, from a callback) goes round once more
                return;
            }
            if (socketClosed || out == null) {
                return;
            }
            writing = true;
        }
        boolean drained;
        try {
            while (true) {
                drained = writeWhileReady();
                synchronized (this) {
                    if (!writeAgain) {
                        writing = false;
                        break;
                    }
                    writeAgain = false;
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                writing = false;
            }
            end(CLOSE_ABNORMAL, "write failed: " + e, true);
            closeSocket();
            return;
        }
        if (drained) {
            handler.onDrained();
        }
        closeIfDone();
    }

    /** Whether the output could not take the last write yet (the container will call back when it can). */
    public boolean isCongested() {
        return congested;
    }

    /**
     * Starts the close handshake: a close frame after what was already written, then the socket closes when the
     * peer answers, or after a timeout. The handler is not called back for it.
     */
    public void close(int code, String reason) {
        synchronized (this) {
            ended = true;
            if (closeQueued) {
                return;
            }
            queueCloseLocked(WebSocketWriter.closeFrame(code, reason));
        }
        flush();
    }

    /** Pending frames, written; answers whether the handler had nothing more (false: the output is congested). */
    private boolean writeWhileReady() throws IOException {
        Gather g = new Gather();
        while (true) {
            if (!out.isReady()) {
                congested = true;
                return false;
            }
            congested = false;
            boolean closing;
            g.clear();
            synchronized (this) {
                if (socketClosed || closeWritten) {
                    return true;
                }
                if (pong != null) {
                    g.add(pong);
                    pong = null;
                }
                closing = closeQueued;
            }
            if (!closing) {
                handler.pull(g);
            }
            boolean writesClose;
            synchronized (this) {
                writesClose = closeFrame != null && g.length < GATHER_LIMIT;
                if (writesClose) {
                    g.add(closeFrame);
                    closeFrame = null;
                }
            }
            if (g.count == 0) {
                return true;
            }
            g.writeTo(out);
            if (writesClose) {
                synchronized (this) {
                    closeWritten = true;
                }
            }
            if (!out.isReady()) {
                congested = true;
                return false;
            }
            out.flush();
        }
    }

    // ---- closing --------------------------------------------------------------------------------------------

    private void queueCloseLocked(byte[] frame) {
        closeQueued = true;
        closeFrame = frame;
        timer.schedule(this::closeSocket, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS); // a peer that never answers
    }

    /** Fails the connection (RFC 6455 7.1.7): the close code of the breach, then the socket closes. */
    private void fail(WebSocketProtocolException e) {
        synchronized (this) {
            failed = true;
            if (!closeQueued) {
                queueCloseLocked(WebSocketWriter.closeFrame(e.closeCode(), e.getMessage()));
            }
        }
        end(e.closeCode(), e.getMessage(), true);
        flush();
    }

    /** The socket closes once our close frame is out, and either the peer's came or ours failed the connection. */
    private void closeIfDone() {
        boolean done;
        synchronized (this) {
            done = closeWritten && (closeReceived || failed) && !writing;
        }
        if (done) {
            closeSocket();
        }
    }

    private void end(int code, String why, boolean failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        handler.onClosed(code, why, failure);
    }

    private void closeSocket() {
        synchronized (this) {
            if (socketClosed) {
                return;
            }
            socketClosed = true;
        }
        end(CLOSE_ABNORMAL, "connection closed", false);
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "websocket: closing the connection failed: {0}", e.toString());
        }
    }

    /** A reading thread's connections to flush at the end of the current read ({@link #coalesced}). */
    private static final class ReadBatch {
        final WebSocketReader reader; // of the connection being read: whether more messages follow in this read
        boolean reading;
        boolean coalescing;
        private Set<WebSocketConnection> pending; // in the order they were first written to; made when needed

        ReadBatch(WebSocketReader reader) {
            this.reader = reader;
        }

        boolean nothingPending() {
            return pending == null || pending.isEmpty();
        }

        Set<WebSocketConnection> pending() {
            if (pending == null) {
                pending = new LinkedHashSet<>();
            }
            return pending;
        }

        /** The read's frames are handled: every connection a broadcast wrote to is flushed, once. */
        void end() {
            reading = false;
            coalescing = false;
            if (pending == null || pending.isEmpty()) {
                return;
            }
            WebSocketConnection[] all = pending.toArray(new WebSocketConnection[0]);
            pending.clear();
            for (WebSocketConnection c : all) {
                c.flushNow();
            }
        }
    }

    /** The frames of one write: the first as it is, and when more come, all copied into one buffer. */
    private static final class Gather implements FrameSink {
        private byte[] first;
        private byte[] buffer = GATHER_BUFFERS.get(); // the thread's, grown at the first write of several frames
        private int length;
        private int count;

        void clear() {
            first = null;
            length = 0;
            count = 0;
        }

        @Override
        public boolean add(byte[] frame) {
            if (count == 0) {
                first = frame;
            } else {
                if (count == 1) {
                    ensure(first.length);
                    System.arraycopy(first, 0, buffer, 0, first.length);
                    first = null;
                }
                ensure(length + frame.length);
                System.arraycopy(frame, 0, buffer, length, frame.length);
            }
            length += frame.length;
            count++;
            return length < GATHER_LIMIT;
        }

        private void ensure(int size) {
            if (size > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(size, Math.max(GATHER_LIMIT, buffer.length * 2)));
                if (buffer.length <= 4 * GATHER_LIMIT) {
                    GATHER_BUFFERS.set(buffer); // kept for the thread's next writes; a burst of large frames is not
                }
            }
        }

        void writeTo(ServletOutputStream out) throws IOException {
            if (count == 1) {
                out.write(first);
            } else {
                out.write(buffer, 0, length);
            }
            first = null;
        }
    }
}
