package org.socketioee.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Socket.IO client speaking raw frames over a WebSocket-only Engine.IO session: for tests that assert the exact
 * bytes the server writes. Pings are answered and skipped.
 */
public final class RawSocketIo implements AutoCloseable {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final Pattern PID = Pattern.compile("\"pid\":\"([^\"]+)\"");
    public final WsClient ws;
    public final String engineId;

    private RawSocketIo(WsClient ws, String engineId) {
        this.ws = ws;
        this.engineId = engineId;
    }

    public static RawSocketIo open(int port) throws Exception {
        WsClient ws = WsClient.connect("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket");
        String open = ws.nextText();
        Matcher m = SID.matcher(open);
        if (!m.find()) {
            throw new AssertionError("no open packet: " + open);
        }
        return new RawSocketIo(ws, m.group(1));
    }

    /** Sends {@code 40<nsp>,<auth>} and returns the CONNECT answer. */
    public String connect(String nsp, String authJson) throws Exception {
        String prefix = "/".equals(nsp) ? "" : nsp + ",";
        send("0" + prefix + (authJson == null ? "" : authJson));
        return next();
    }

    /** Sends one Socket.IO packet (without the Engine.IO "4"). */
    public void send(String socketIoPacket) throws Exception {
        ws.send("4" + socketIoPacket);
    }

    public void sendBinary(byte[] attachment) throws Exception {
        ws.send(attachment);
    }

    /** The next Socket.IO packet text (Engine.IO "4" stripped), skipping and answering pings. */
    public String next() throws Exception {
        while (true) {
            Object f = ws.next();
            if ("2".equals(f)) {
                ws.send("3");
                continue;
            }
            if (!(f instanceof String s) || !s.startsWith("4")) {
                throw new AssertionError("expected a Socket.IO packet, got " + (f instanceof byte[] ? "binary" : f));
            }
            return s.substring(1);
        }
    }

    public byte[] nextBinary() throws Exception {
        Object f = ws.next();
        if (!(f instanceof byte[] b)) {
            throw new AssertionError("expected a binary frame, got " + f);
        }
        return b;
    }

    public static String sid(String connectPacket) {
        Matcher m = SID.matcher(connectPacket);
        return m.find() ? m.group(1) : null;
    }

    public static String pid(String connectPacket) {
        Matcher m = PID.matcher(connectPacket);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() throws Exception {
        ws.close();
    }
}
