package org.socketioee.chat;

import java.util.List;

/**
 * The acknowledgements of the chat's requests, sent as JSON-B writes them (a record's components by name; a history
 * page is the store's {@link ChatStore.Page} {@code {messages, hasMore}} as it is).
 */
public final class ChatReplies {
    private ChatReplies() {
    }

    /** Any request refused or failed: {@code {"error":"…"}}, the reason in words for the user. */
    public record ErrorReply(String error) {
    }

    /** {@code rooms} → {@code {rooms:[{name, online}]}}. */
    public record RoomList(List<ChatNotices.RoomOnline> rooms) {
    }

    /** {@code create room} → {@code {room:{name, online}}}. */
    public record RoomCreated(ChatNotices.RoomOnline room) {
    }

    /**
     * {@code join} → {@code {room, nick, members, messages, hasMore}}: the nickname as joined (its case may differ from
     * a taken-over one's), who is in the room, and the last messages (or those after {@code after}).
     */
    public record JoinReply(String room, String nick, List<String> members, List<ChatMessage> messages,
                            boolean hasMore) {
    }

    /** {@code leave} → {@code {ok:true}}. */
    public record Done(boolean ok) {
        static final Done OK = new Done(true);
    }

    /** {@code message} → {@code {message}}: the message as stored, once stored (the same the room receives). */
    public record Stored(ChatMessage message) {
    }

    /** {@code private} → {@code {ok:true, to, sentAt}}: delivered to {@code to} (as its owner spells it). */
    public record Delivered(boolean ok, String to, long sentAt) {
    }
}
