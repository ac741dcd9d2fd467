package org.socketioee.chat;

import java.util.List;

/** What the chat sends to clients unasked (besides {@link ChatMessage}s), as JSON-B writes these records. */
public final class ChatNotices {
    private ChatNotices() {
    }

    /** {@code room created}, {@code room online} (to everyone), each room of a room list: {@code {name, online}}. */
    public record RoomOnline(String name, int online) {
    }

    /**
     * {@code user joined} / {@code user left} (to the room), and {@code replaced} (to a connection whose nickname
     * another connection of its owner took over, just before it is disconnected): {@code {room, nick}}.
     */
    public record MemberNotice(String room, String nick) {
    }

    /** {@code presence} (to the room, after each arrival or departure): {@code {room, members}}. */
    public record PresenceNotice(String room, List<String> members) {
    }

    /** {@code typing} (to the room but the typist, volatile): {@code {nick, typing}}. */
    public record TypingNotice(String nick, boolean typing) {
    }

    /** {@code private} (to its recipient only): {@code {from, to, text, sentAt}}. */
    public record PrivateMessage(String from, String to, String text, long sentAt) {
    }

    /** {@code room activity} (to every connection not in the room): a message {@code id} was stored in {@code name}. */
    public record RoomActivity(String name, long id) {
    }
}
