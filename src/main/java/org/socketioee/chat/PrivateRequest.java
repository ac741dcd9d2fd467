package org.socketioee.chat;

/** {@code private {to, text}}: a message to one member of the sender's room, by nickname; not stored. */
public record PrivateRequest(String to, String text) {
    /** What an absent or {@code null} argument stands for: every field missing. */
    static final PrivateRequest NONE = new PrivateRequest(null, null);
}
