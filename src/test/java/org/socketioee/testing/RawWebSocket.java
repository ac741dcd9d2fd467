package org.socketioee.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written byte by byte, for frames no library would send: any header bits, masked or not, any
 * length field. It reads the server's frames as they come over the wire.
 */
public final class RawWebSocket implements AutoCloseable {
    /** A frame as received: its first byte's flags and opcode, and its payload. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String responseHead;

    private RawWebSocket(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** Opens a connection and sends the handshake; the response head is kept, whatever its status. */
    public static RawWebSocket connect(int port, String pathAndQuery) throws IOException {
        return connect(port, pathAndQuery, 0);
    }

    /**
     * As {@link #connect(int, String)}, with the socket's receive buffer (SO_RCVBUF, set before connecting so the
     * TCP window follows it) of {@code receiveBuffer} bytes, 0 for the system's: a client that then stops reading
     * stalls the server's writes after little data.
     */
    public static RawWebSocket connect(int port, String pathAndQuery, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new java.net.InetSocketAddress("localhost", port));
        s.setSoTimeout(5000);
        String req = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = s.getInputStream().read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return new RawWebSocket(s, head.toString(StandardCharsets.ISO_8859_1));
    }

    public String responseHead() {
        return responseHead;
    }

    /** A frame built from its parts: first byte (FIN, RSV, opcode), mask or not, and the payload. */
    public static byte[] frame(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        int len = payload.length;
        if (len < 126) {
            f.write(maskBit | len);
        } else if (len <= 0xffff) {
            f.write(maskBit | 126);
            f.write(len >>> 8);
            f.write(len);
        } else {
            f.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) len >>> (8 * i)));
            }
        }
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            f.writeBytes(key);
            for (int i = 0; i < len; i++) {
                f.write(payload[i] ^ key[i & 3]);
            }
        } else {
            f.writeBytes(payload);
        }
        return f.toByteArray();
    }

    /** A well-formed masked client frame: FIN set when {@code fin}. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame((fin ? 0x80 : 0) | opcode, true, payload);
    }

    public static byte[] text(String s) {
        return frame(true, 0x1, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame's payload: the code, then the reason bytes. */
    public static byte[] closePayload(int code, byte... reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    /** Writes raw bytes (one or more frames, or part of one). */
    public void send(byte[]... parts) throws IOException {
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
    }

    /** The next frame from the server; fails after 5 s. */
    public Frame next() throws IOException {
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            if ((b1 & 0x80) != 0) {
                throw new AssertionError("the server masked a frame");
            }
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame within 5 s", e);
        }
    }

    /** The next frame that is not a text or binary one (Engine.IO pings may come first). */
    public Frame nextControl() throws IOException {
        Frame f;
        do {
            f = next();
        } while (f.opcode() == 0x1 || f.opcode() == 0x2);
        return f;
    }

    /** Whether the server closed the TCP connection (end of stream) within 5 s. */
    public boolean awaitEndOfStream() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true; // a reset ends the stream too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
