package org.socketioee.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends a hand-written HTTP/1.1 request and returns the response exactly as it came over the wire. */
public final class RawHttp {
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding:\\s*chunked");
    private static final Pattern CONTENT_TYPE = Pattern.compile("(?im)^content-type:\\s*([^\\r\\n]*)");

    private RawHttp() {
    }

    /** A WebSocket upgrade request for {@code pathAndQuery}, with optional extra header lines. */
    public static String upgrade(int port, String pathAndQuery, String... extraHeaders) {
        StringBuilder req = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String h : extraHeaders) {
            req.append(h).append("\r\n");
        }
        return exchange(port, req.append("\r\n").toString());
    }

    /** A GET request for {@code pathAndQuery}, connection closed after the response. */
    public static String get(int port, String pathAndQuery) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n";
    }

    /** A POST request with a UTF-8 {@code text/plain} body, as the engine.io client sends its packets. */
    public static String post(int port, String pathAndQuery, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    /**
     * Writes the request, reads the status line, headers and body (Content-Length or chunked; a 101 ends with its
     * headers).
     */
    public static String exchange(int port, String request) {
        try (Pending p = send(port, request)) {
            return p.response();
        }
    }

    /** Writes the request and returns at once: the response is read later (a held polling GET). */
    public static Pending send(int port, String request) {
        try {
            Socket s = new Socket("localhost", port);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new Pending(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of a raw response. */
    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The Content-Type header of a raw response, or null. */
    public static String contentType(String response) {
        Matcher m = CONTENT_TYPE.matcher(head(response));
        return m.find() ? m.group(1).trim() : null;
    }

    /** What follows the blank line that ends the headers, without the chunk framing of a chunked body. */
    public static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return "";
        }
        String raw = response.substring(end + 4);
        if (!CHUNKED.matcher(head(response)).find()) {
            return raw;
        }
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = raw.indexOf("\r\n", at);
            int size = Integer.parseInt(raw.substring(at, eol).trim(), 16); // sizes count bytes: ASCII bodies only
            if (size == 0) {
                return body.toString();
            }
            body.append(raw, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private static String head(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    /** A request written on its own connection, whose response has not been read yet. */
    public static final class Pending implements AutoCloseable {
        private final Socket socket;

        private Pending(Socket socket) {
            this.socket = socket;
        }

        /** Whether no byte of the response arrives within {@code wait} (the request is being held). */
        public boolean heldFor(Duration wait) {
            try {
                socket.setSoTimeout((int) wait.toMillis());
                try {
                    int b = socket.getInputStream().read();
                    throw new AssertionError("the request was answered within " + wait + " (first byte " + b + ")");
                } catch (SocketTimeoutException expected) {
                    return true;
                } finally {
                    socket.setSoTimeout(5000);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the status line, headers and body (Content-Length or chunked, as it came; a 101: its headers). */
        public String response() {
            try {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                int headerEnd = -1;
                while (headerEnd < 0) {
                    int b = in.read();
                    if (b < 0) {
                        return buf.toString(StandardCharsets.UTF_8);
                    }
                    buf.write(b);
                    String sofar = buf.toString(StandardCharsets.ISO_8859_1);
                    if (sofar.endsWith("\r\n\r\n")) {
                        headerEnd = buf.size();
                    }
                }
                String head = buf.toString(StandardCharsets.ISO_8859_1);
                Matcher m = LENGTH.matcher(head);
                if (m.find()) {
                    byte[] body = in.readNBytes(Integer.parseInt(m.group(1)));
                    buf.write(body);
                } else if (CHUNKED.matcher(head).find()) {
                    // up to the last chunk, the empty one, and its blank line (no trailers here)
                    while (!buf.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        buf.write(b);
                    }
                }
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }
}
