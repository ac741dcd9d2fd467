package org.socketioee.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends a hand-written HTTP/1.1 request and returns the response exactly as it came over the wire. */
public final class RawHttp {
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

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

    /** Writes the request, reads the status line, headers and Content-Length body (or up to 101 headers). */
    public static String exchange(int port, String request) {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
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
            }
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
