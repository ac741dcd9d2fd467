package org.socketioee.chat;

/**
 * {@code join {room, nick, after?, token?}}: enter {@code room} (the default room when absent) as {@code nick}.
 * {@code after}, the id of the last message the client has, asks for the messages after it (a reconnection
 * catching up) instead of the last ones; {@code token}, the page's own (kept by the browser), lets the same owner
 * take its nickname over from another of its connections.
 */
public record JoinRequest(String room, String nick, Long after, String token) {
    /** What an absent or {@code null} argument stands for: every field missing. */
    static final JoinRequest NONE = new JoinRequest(null, null, null, null);
}
