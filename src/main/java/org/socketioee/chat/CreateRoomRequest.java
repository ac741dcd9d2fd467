package org.socketioee.chat;

/** {@code create room {name}}: a new room, announced to every connection. */
public record CreateRoomRequest(String name) {
    /** What an absent or {@code null} argument stands for: every field missing. */
    static final CreateRoomRequest NONE = new CreateRoomRequest(null);
}
