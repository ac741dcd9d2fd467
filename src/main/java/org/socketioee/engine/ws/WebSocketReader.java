package org.socketioee.engine.ws;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.socketioee.engine.ws.WebSocketProtocol.B0_FLAG_FIN;
import static org.socketioee.engine.ws.WebSocketProtocol.B0_MASK_OPCODE;
import static org.socketioee.engine.ws.WebSocketProtocol.B0_MASK_RESERVED;
import static org.socketioee.engine.ws.WebSocketProtocol.B1_FLAG_MASK;
import static org.socketioee.engine.ws.WebSocketProtocol.B1_MASK_LENGTH;
import static org.socketioee.engine.ws.WebSocketProtocol.CLOSE_INVALID_PAYLOAD;
import static org.socketioee.engine.ws.WebSocketProtocol.CLOSE_NO_STATUS;
import static org.socketioee.engine.ws.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;
import static org.socketioee.engine.ws.WebSocketProtocol.CLOSE_TOO_BIG;
import static org.socketioee.engine.ws.WebSocketProtocol.LENGTH_16;
import static org.socketioee.engine.ws.WebSocketProtocol.LENGTH_64;
import static org.socketioee.engine.ws.WebSocketProtocol.MAX_CONTROL_PAYLOAD;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_BINARY;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_CLOSE;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_CONTINUATION;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_FLAG_CONTROL;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_PING;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_PONG;
import static org.socketioee.engine.ws.WebSocketProtocol.OPCODE_TEXT;

/**
 * Reads the frames a client sends, incrementally: {@link #feed} takes bytes as they arrive, in pieces of any
 * size, and calls back for every complete message and control frame. Messages are reassembled from their
 * fragments (control frames may come between them), unmasked, and text is checked to be UTF-8 once whole, so a
 * character split between fragments is fine. Every breach of RFC 6455 is thrown with the close code to fail the
 * connection with; after that, or after a close frame, the reader takes nothing more.
 * <p>
 * Memory: nothing but the header state while idle; a message costs its own size while it arrives, and at most
 * {@code maxMessage} bytes, checked against each frame's announced length before its payload is read.
 */
public final class WebSocketReader {
    /** What the frames say. Calls are made on the thread calling {@link #feed}, in order. */
    public interface FrameCallback {
        void onText(String text);

        void onBinary(byte[] data);

        void onPing(byte[] payload);

        void onPong(byte[] payload);

        /** A close frame: its code ({@link WebSocketProtocol#CLOSE_NO_STATUS} when it had none) and reason. */
        void onClose(int code, String reason);
    }

    private static final int MAX_HEADER = 14;
    private static final int INITIAL_MESSAGE_BUFFER = 4096;

    private final FrameCallback callback;
    private final long maxMessage;

    private final byte[] header = new byte[MAX_HEADER];
    private int feedPos; // where the frame being handed over ends in the bytes being fed
    private int feedEnd; // where those bytes end
    private int headerRead;
    private int headerLength = 2; // known after the second byte
    private boolean inPayload;
    private boolean done;

    // the frame whose payload is being read
    private int opcode;
    private boolean fin;
    private long remaining;
    private int maskOffset; // position in the masking key of the next payload byte

    // the data message being assembled (opcode TEXT or BINARY, 0 when none)
    private int messageOpcode;
    private byte[] message;
    private int messageLength;

    private byte[] control; // the control frame being read (at most 125 bytes)
    private int controlLength;
    private CharsetDecoder utf8;

    public WebSocketReader(FrameCallback callback, long maxMessage) {
        this.callback = callback;
        this.maxMessage = maxMessage;
    }

    /**
     * While a message is handed over: whether the bytes being fed go on after it (the next message, or part of it,
     * came in the same read). The connection defers a broadcast's writes only then ({@link
     * WebSocketConnection#coalesced}).
     */
    public boolean moreInThisFeed() {
        return feedPos < feedEnd;
    }

    /** Whether the reader has stopped: a close frame was read, or the input broke the protocol. */
    public boolean isDone() {
        return done;
    }

    /** Reads {@code len} bytes of {@code buf} from {@code off}. Throws at the first breach of the protocol. */
    public void feed(byte[] buf, int off, int len) throws WebSocketProtocolException {
        int end = off + len;
        int pos = off;
        feedEnd = end;
        try {
            while (pos < end && !done) {
                if (!inPayload) {
                    pos = readHeader(buf, pos, end);
                } else {
                    pos = readPayload(buf, pos, end);
                }
            }
        } catch (WebSocketProtocolException e) {
            done = true;
            message = null;
            throw e;
        }
    }

    private int readHeader(byte[] buf, int pos, int end) throws WebSocketProtocolException {
        while (pos < end && headerRead < headerLength) {
            header[headerRead++] = buf[pos++];
            if (headerRead == 2) {
                headerLength = checkStart(header[0] & 0xff, header[1] & 0xff);
            }
        }
        if (headerRead == headerLength) {
            feedPos = pos;
            startPayload();
        }
        return pos;
    }

    /** Checks the first two bytes and returns the header's whole length. */
    private int checkStart(int b0, int b1) throws WebSocketProtocolException {
        if ((b0 & B0_MASK_RESERVED) != 0) {
            throw protocolError("reserved bits set without a negotiated extension");
        }
        if ((b1 & B1_FLAG_MASK) == 0) {
            throw protocolError("client frame not masked");
        }
        int op = b0 & B0_MASK_OPCODE;
        boolean isControl = (op & OPCODE_FLAG_CONTROL) != 0;
        if (isControl) {
            if (op != OPCODE_CLOSE && op != OPCODE_PING && op != OPCODE_PONG) {
                throw protocolError("unknown opcode " + op);
            }
            if ((b0 & B0_FLAG_FIN) == 0) {
                throw protocolError("fragmented control frame");
            }
            if ((b1 & B1_MASK_LENGTH) > MAX_CONTROL_PAYLOAD) {
                throw protocolError("control frame payload over 125 bytes");
            }
        } else if (op == OPCODE_CONTINUATION) {
            if (messageOpcode == 0) {
                throw protocolError("continuation frame without a message to continue");
            }
        } else if (op == OPCODE_TEXT || op == OPCODE_BINARY) {
            if (messageOpcode != 0) {
                throw protocolError("new message before the previous one ended");
            }
        } else {
            throw protocolError("unknown opcode " + op);
        }
        int lengthByte = b1 & B1_MASK_LENGTH;
        int extended = lengthByte == LENGTH_16 ? 2 : lengthByte == LENGTH_64 ? 8 : 0;
        return 2 + extended + 4;
    }

    private void startPayload() throws WebSocketProtocolException {
        int b0 = header[0] & 0xff;
        int lengthByte = header[1] & B1_MASK_LENGTH;
        long length;
        if (lengthByte == LENGTH_16) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        } else if (lengthByte == LENGTH_64) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xff);
            }
            if (length < 0) {
                throw protocolError("64-bit payload length with the most significant bit set");
            }
        } else {
            length = lengthByte;
        }
        opcode = b0 & B0_MASK_OPCODE;
        fin = (b0 & B0_FLAG_FIN) != 0;
        remaining = length;
        maskOffset = 0;
        if ((opcode & OPCODE_FLAG_CONTROL) != 0) {
            if (control == null) {
                control = new byte[MAX_CONTROL_PAYLOAD];
            }
            controlLength = 0;
        } else {
            if (messageLength + length > maxMessage) {
                throw new WebSocketProtocolException(CLOSE_TOO_BIG,
                        "message over " + maxMessage + " bytes (" + (messageLength + length) + " announced)");
            }
            if (opcode != OPCODE_CONTINUATION) {
                messageOpcode = opcode;
                messageLength = 0;
                // a single-frame message gets its exact size; a fragmented one grows as it arrives
                message = new byte[(int) (fin ? length : Math.min(length, INITIAL_MESSAGE_BUFFER))];
            }
        }
        inPayload = true;
        if (remaining == 0) {
            endFrame();
        }
    }

    private int readPayload(byte[] buf, int pos, int end) throws WebSocketProtocolException {
        int n = (int) Math.min(remaining, end - pos);
        byte[] dst;
        int at;
        if ((opcode & OPCODE_FLAG_CONTROL) != 0) {
            dst = control;
            at = controlLength;
            controlLength += n;
        } else {
            if (messageLength + n > message.length) {
                message = Arrays.copyOf(message, (int) Math.min(Math.max(message.length * 2L, messageLength + n),
                        maxMessage));
            }
            dst = message;
            at = messageLength;
            messageLength += n;
        }
        int key = headerLength - 4;
        for (int i = 0; i < n; i++) {
            dst[at + i] = (byte) (buf[pos + i] ^ header[key + (maskOffset++ & 3)]);
        }
        remaining -= n;
        if (remaining == 0) {
            feedPos = pos + n;
            endFrame();
        }
        return pos + n;
    }

    private void endFrame() throws WebSocketProtocolException {
        inPayload = false;
        headerRead = 0;
        headerLength = 2;
        switch (opcode) {
            case OPCODE_PING -> callback.onPing(Arrays.copyOf(control, controlLength));
            case OPCODE_PONG -> callback.onPong(Arrays.copyOf(control, controlLength));
            case OPCODE_CLOSE -> readClose();
            default -> {
                if (fin) {
                    endMessage();
                }
            }
        }
    }

    private void endMessage() throws WebSocketProtocolException {
        byte[] data = messageLength == message.length ? message : Arrays.copyOf(message, messageLength);
        int op = messageOpcode;
        message = null;
        messageOpcode = 0;
        messageLength = 0;
        if (op == OPCODE_TEXT) {
            callback.onText(decode(data, data.length));
        } else {
            callback.onBinary(data);
        }
    }

    private void readClose() throws WebSocketProtocolException {
        done = true;
        if (controlLength == 0) {
            callback.onClose(CLOSE_NO_STATUS, "");
            return;
        }
        if (controlLength == 1) {
            throw protocolError("close frame with a 1-byte payload");
        }
        int code = ((control[0] & 0xff) << 8) | (control[1] & 0xff);
        if (!WebSocketProtocol.isValidCloseCode(code)) {
            throw protocolError("invalid close code " + code);
        }
        String reason = decode(Arrays.copyOfRange(control, 2, controlLength), controlLength - 2);
        callback.onClose(code, reason);
    }

    /** Strict UTF-8: malformed input, overlong forms, surrogates and code points over U+10FFFF fail with 1007. */
    private String decode(byte[] bytes, int len) throws WebSocketProtocolException {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new WebSocketProtocolException(CLOSE_INVALID_PAYLOAD, "text is not valid UTF-8");
        }
    }

    private static WebSocketProtocolException protocolError(String message) {
        return new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, message);
    }
}
