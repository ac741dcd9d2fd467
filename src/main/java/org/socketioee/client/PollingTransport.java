package org.socketioee.client;

import org.socketioee.engine.parser.CloseReason;
import org.socketioee.engine.parser.EngineParseException;
import org.socketioee.engine.parser.Packet;
import org.socketioee.engine.parser.PacketCodec;
import org.socketioee.engine.parser.PacketType;

import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * HTTP long-polling on {@code java.net.http.HttpClient}: one GET held by the server at a time, one POST at a time
 * for the outgoing packets (batched, binary as {@code b<base64>}).
 */
final class PollingTransport extends Transport {
    /** Headers HttpClient refuses to set. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient http;

    private boolean polling;
    private boolean posting;
    private Runnable onPaused;
    private boolean paused;

    PollingTransport(ClientOptions options, URI base, Executor loop, Listener listener, String sid, CookieHandler cookies,
                     ClientRuntime runtime) {
        super(options, base, loop, listener, sid, cookies, runtime);
        this.http = runtime.http(options.sslContext());
    }

    @Override
    String name() {
        return "polling";
    }

    @Override
    void open() {
        poll();
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(secure() ? "https" : "http"));
        options.extraHeaders().forEach((k, vs) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        String cookie = cookieHeader();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    private void poll() {
        if (closed || paused) {
            return;
        }
        polling = true;
        HttpRequest req = request().GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .whenComplete((res, err) -> post(() -> polled(res, err)));
    }

    private void polled(HttpResponse<String> res, Throwable err) {
        polling = false;
        if (res != null) {
            keepCookies(res.headers().map());
        }
        if (closed) {
            return;
        }
        if (err != null || res.statusCode() != 200) {
            failed(CloseReason.TRANSPORT_ERROR, err != null ? err : new java.io.IOException("polling GET: HTTP " + res.statusCode() + " " + res.body()));
            return;
        }
        List<Packet> packets;
        try {
            packets = PacketCodec.decodePayload(res.body());
        } catch (EngineParseException e) {
            failed(CloseReason.PARSE_ERROR, e);
            return;
        }
        if (!opened) {
            opened = true;
            writable = true;
            listener.onTransportOpen(this);
        }
        for (Packet p : packets) {
            if (closed) {
                return;
            }
            if (p.type() == PacketType.CLOSE) {
                failed(CloseReason.TRANSPORT_CLOSE, null);
                return;
            }
            listener.onPacket(this, p);
        }
        if (onPaused != null) {
            checkPaused();
        } else {
            poll();
        }
    }

    @Override
    void send(List<Packet> packets) {
        writable = false;
        posting = true;
        HttpRequest req = request().header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(PacketCodec.encodePayload(packets), StandardCharsets.UTF_8))
                .build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((res, err) -> post(() -> {
            posting = false;
            if (res != null) {
                keepCookies(res.headers().map());
            }
            if (closed) {
                return;
            }
            if (err != null || res.statusCode() != 200) {
                failed(CloseReason.TRANSPORT_ERROR, err != null ? err : new java.io.IOException("polling POST: HTTP " + res.statusCode()));
                return;
            }
            writable = true;
            listener.onDrain(this);
            if (onPaused != null) {
                checkPaused();
            }
        }));
    }

    @Override
    void pause(Runnable onPaused) {
        this.onPaused = onPaused;
        checkPaused();
    }

    private void checkPaused() {
        if (!polling && !posting && onPaused != null && !paused) {
            paused = true;
            Runnable r = onPaused;
            onPaused = null;
            r.run();
        }
    }

    @Override
    void resume() {
        onPaused = null;
        if (paused) {
            paused = false;
            poll();
        }
    }

    @Override
    void close() {
        // the engine has sent the CLOSE packet when it closes on purpose
        closed = true;
    }
}
