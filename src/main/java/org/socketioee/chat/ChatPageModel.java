package org.socketioee.chat;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What index.jsp renders before the page goes live: the room list and the recent history of the room. A request
 * bean ({@code jsp:useBean}); the store comes from JNDI. A storage failure renders the page with an error.
 */
public class ChatPageModel {
    private static final System.Logger LOG = System.getLogger(ChatPageModel.class.getName());
    private final ChatLimits limits = ChatLimits.load();
    private String room = ChatLimits.DEFAULT_ROOM;
    private List<ChatStore.Room> rooms;
    private ChatStore.Page history;
    private String error;
    /** The room asked for when there is no such room (the page says so rather than silently showing another). */
    private String missingRoom;

    /** The room asked for ({@code ?room=}); a name that is not a room's is kept to tell the user. */
    public void setRoom(String room) {
        if (room == null || room.isEmpty()) {
            return;
        }
        if (limits.roomError(room) == null) {
            this.room = room;
        } else {
            missingRoom = room;
        }
    }

    /** The room name asked for that does not exist (the page shows {@link #getRoom()} instead), or null. */
    public String getMissingRoom() {
        load();
        return missingRoom;
    }

    /** Whether the missing room's name would be a valid one (the page offers to create it). */
    public boolean isMissingRoomCreatable() {
        return getMissingRoom() != null && limits.roomError(missingRoom) == null;
    }

    /** The server's limit on a message, in characters (code points), which the page checks before sending. */
    public int getMaxMessageLength() {
        return limits.maxMessageLength();
    }

    public String getRoom() {
        load();
        return room;
    }

    public List<ChatStore.Room> getRooms() {
        load();
        return rooms;
    }

    public ChatStore.Page getHistory() {
        load();
        return history;
    }

    /** The history's messages with their time: ISO-8601 and HH:mm UTC (the page shows local time from it). */
    public List<Line> getMessages() {
        load();
        return history.messages().stream().map(Line::new).toList();
    }

    public record Line(long id, String nick, String text, String isoTime, String time) {
        Line(ChatMessage m) {
            this(m.id(), m.nick(), m.text(), Instant.ofEpochMilli(m.sentAt()).toString(),
                    HH_MM.format(Instant.ofEpochMilli(m.sentAt())));
        }
    }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    public String getError() {
        load();
        return error;
    }

    private void load() {
        if (rooms != null) {
            return;
        }
        try {
            ChatStore store = ChatStore.lookup();
            rooms = store.rooms();
            if (rooms.stream().noneMatch(r -> r.name().equals(room))) {
                missingRoom = room;
                room = ChatLimits.DEFAULT_ROOM;
            }
            history = store.before(room, null, limits.historySize());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "chat page: storage unavailable", e);
            rooms = List.of();
            history = new ChatStore.Page(List.of(), false);
            error = "The chat storage is unavailable; see the server log.";
        }
    }
}
