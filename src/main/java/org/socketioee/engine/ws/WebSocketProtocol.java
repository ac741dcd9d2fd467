package org.socketioee.engine.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 6455's numbers: opcodes, header bits, close codes, and the opening handshake's key digest. */
public final class WebSocketProtocol {
    /** The only protocol version (Sec-WebSocket-Version) there is. */
    public static final String VERSION = "13";

    public static final int B0_FLAG_FIN = 0x80;
    /** RSV1-3: meaningful only with an extension, and none is negotiated. */
    public static final int B0_MASK_RESERVED = 0x70;
    public static final int B0_MASK_OPCODE = 0x0f;
    public static final int B1_FLAG_MASK = 0x80;
    public static final int B1_MASK_LENGTH = 0x7f;
    /** Length byte values announcing a 16-bit or 64-bit extended length. */
    public static final int LENGTH_16 = 126;
    public static final int LENGTH_64 = 127;

    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xa;
    /** Opcodes 0x8 and up are control frames. */
    public static final int OPCODE_FLAG_CONTROL = 0x8;
    /** Control frames carry at most this many payload bytes and are never fragmented. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    public static final int CLOSE_NORMAL = 1000;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** Not sent: reported when a close frame had no code. */
    public static final int CLOSE_NO_STATUS = 1005;
    /** Not sent: reported when the connection ended without a close frame. */
    public static final int CLOSE_ABNORMAL = 1006;
    public static final int CLOSE_INVALID_PAYLOAD = 1007;
    public static final int CLOSE_TOO_BIG = 1009;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketProtocol() {
    }

    /**
     * Whether a peer may send {@code code} in a close frame: the codes RFC 6455 defines for use on the wire
     * (1004-1006 and 1015 are reserved, 1012-1014 were registered later) and the ranges for libraries and
     * applications (3000-4999).
     */
    public static boolean isValidCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /** Whether a Sec-WebSocket-Key is what RFC 6455 asks: 16 bytes in base64. */
    public static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + GUID)). */
    public static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
