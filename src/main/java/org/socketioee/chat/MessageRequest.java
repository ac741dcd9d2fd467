package org.socketioee.chat;

/**
 * {@code message {text, clientId?}}: a message to the room joined. {@code clientId}, the sender's own id for it, makes
 * a resend after a lost acknowledgement store it once.
 */
public record MessageRequest(String text, String clientId) {
    /** What an absent or {@code null} argument stands for: every field missing. */
    static final MessageRequest NONE = new MessageRequest(null, null);
}
