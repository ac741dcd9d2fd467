package org.socketioee.client;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.Packet;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One Engine.IO transport of the client. Every method is called on the manager's event loop, and every callback
 * of {@link Listener} is delivered there too (implementations hop onto {@code loop} from their I/O threads).
 */
abstract class Transport {
    /** What a transport reports; all on the event loop. */
    interface Listener {
        /** The underlying connection is up (WebSocket open; for polling, the first response came). */
        void onTransportOpen(Transport t);

        void onPacket(Transport t, Packet packet);

        /** Everything handed to {@link #send} is written. */
        void onDrain(Transport t);

        /** Failed to open, or failed / closed after opening; {@code cause} is null for a clean close. */
        void onTransportClose(Transport t, CloseReason reason, Throwable cause);
    }

    final ClientOptions options;
    final URI base;
    final Executor loop;
    final Listener listener;
    /** The Manager's cookie jar ({@link ClientOptions#withCredentials()}); null when cookies are not kept. */
    final CookieHandler cookies;
    /** The threads and clients shared with the other transports, held by the Manager. */
    final ClientRuntime runtime;
    /** The session id, null for a handshake request. */
    volatile String sid;
    boolean writable;
    boolean opened;
    boolean closed;

    Transport(ClientOptions options, URI base, Executor loop, Listener listener, String sid, CookieHandler cookies,
              ClientRuntime runtime) {
        this.options = options;
        this.runtime = runtime;
        this.base = base;
        this.loop = loop;
        this.listener = listener;
        this.sid = sid;
        this.cookies = cookies;
    }

    abstract String name();

    abstract void open();

    /** Writes the packets, in order; {@link #writable} is false until {@link Listener#onDrain}. */
    abstract void send(List<Packet> packets);

    /** Closes without waiting; no callback follows. */
    abstract void close();

    /** Polling: stops polling once the requests in flight are done, then runs {@code onPaused} (on the loop). */
    void pause(Runnable onPaused) {
        onPaused.run();
    }

    /** Polling: polls again after a {@link #pause} whose upgrade failed. */
    void resume() {
    }

    /** The URI of this transport: the base with EIO, transport, sid and the user's query. */
    URI uri(String scheme) {
        StringBuilder q = new StringBuilder();
        options.query().forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        q.append(q.length() == 0 ? "" : "&").append("EIO=4&transport=").append(name());
        if (sid != null) {
            q.append("&sid=").append(enc(sid));
        }
        String path = options.path();
        return URI.create(scheme + "://" + base.getRawAuthority() + path + "?" + q);
    }

    /** Whether the server is reached over TLS ({@code https}/{@code wss} URL). */
    boolean secure() {
        return "https".equalsIgnoreCase(base.getScheme()) || "wss".equalsIgnoreCase(base.getScheme());
    }

    /** The {@code Cookie} header value of the kept cookies for this transport's requests; null when there are none. */
    String cookieHeader() {
        if (cookies == null) {
            return null;
        }
        try {
            List<String> c = cookies.get(uri(secure() ? "https" : "http"), Map.of()).get("Cookie");
            return c == null || c.isEmpty() ? null : String.join("; ", c);
        } catch (IOException e) {
            return null;
        }
    }

    /** Keeps the cookies a response of this transport sets ({@code Set-Cookie} among {@code headers}). */
    void keepCookies(Map<String, List<String>> headers) {
        if (cookies != null) {
            try {
                cookies.put(uri(secure() ? "https" : "http"), headers);
            } catch (IOException e) {
                // a malformed Set-Cookie is ignored, as browsers do
            }
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    void post(Runnable r) {
        loop.execute(r);
    }

    void failed(CloseReason reason, Throwable cause) {
        post(() -> {
            if (!closed) {
                closed = true;
                listener.onTransportClose(this, reason, cause);
            }
        });
    }
}
