package org.socketioee.engine.ws;

import java.nio.charset.StandardCharsets;

import static org.socketioee.engine.ws.WebSocketProtocol.B0_FLAG_FIN;
import static org.socketioee.engine.ws.WebSocketProtocol.LENGTH_16;
import static org.socketioee.engine.ws.WebSocketProtocol.LENGTH_64;
import static org.socketioee.engine.ws.WebSocketProtocol.MAX_CONTROL_PAYLOAD;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_CLOSE;

/**
 * Encodes server frames: whole (FIN), unmasked, so the bytes of a frame do not depend on the connection and one
 * encoded frame can be written to any number of them.
 */
public final class WebSocketWriter {
    private WebSocketWriter() {
    }

    /** One frame: header and {@code payload}, in a new array. */
    public static byte[] frame(int opcode, byte[] payload) {
        int len = payload.length;
        int header = len < LENGTH_16 ? 2 : len <= 0xffff ? 4 : 10;
        byte[] f = new byte[header + len];
        f[0] = (byte) (B0_FLAG_FIN | opcode);
        if (len < LENGTH_16) {
            f[1] = (byte) len;
        } else if (len <= 0xffff) {
            f[1] = (byte) LENGTH_16;
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) LENGTH_64;
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, f, header, len);
        return f;
    }

    /** A text frame for {@code text}, encoded as UTF-8. */
    public static byte[] textFrame(String text) {
        return frame(WebSocketProtocol.OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A close frame with {@code code} and {@code reason}, cut to fit a control frame; {@link
     * WebSocketProtocol#CLOSE_NO_STATUS} gives an empty close frame.
     */
    public static byte[] closeFrame(int code, String reason) {
        if (code == WebSocketProtocol.CLOSE_NO_STATUS) {
            return frame(OPCODE_CLOSE, new byte[0]);
        }
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        int rlen = Math.min(r.length, MAX_CONTROL_PAYLOAD - 2);
        if (rlen < r.length) {
            rlen = 0; // a cut reason could end inside a character: send none rather than invalid UTF-8
        }
        byte[] payload = new byte[2 + rlen];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, rlen);
        return frame(OPCODE_CLOSE, payload);
    }
}
