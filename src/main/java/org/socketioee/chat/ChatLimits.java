package org.socketioee.chat;

import java.util.regex.Pattern;

/**
 * Server-side limits of the chat. Each is answered with a clear error acknowledgement ({@code {"error":"…"}}),
 * never a crash. Overridable by system properties {@code chat.*} (e.g. {@code -Dchat.rate.perSecond=5}).
 */
public record ChatLimits(int maxMessageLength, int maxNickLength, int historySize, int maxPageSize,
                         double ratePerSecond, int rateBurst) {
    /** Nicknames: letters, digits, and {@code _ . -}, no spaces. */
    public static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");
    /** Room names: lower-case letters, digits, {@code _ -}, starting with a letter or digit, at most 32. */
    public static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,31}");
    public static final String DEFAULT_ROOM = "general";

    public static ChatLimits load() {
        return new ChatLimits(
                Integer.getInteger("chat.maxMessageLength", 1000),
                Integer.getInteger("chat.maxNickLength", 24),
                Integer.getInteger("chat.historySize", 50),
                Integer.getInteger("chat.maxPageSize", 100),
                Double.parseDouble(System.getProperty("chat.rate.perSecond", "5")),
                Integer.getInteger("chat.rate.burst", 10));
    }

    /** The error for a nickname, or null when valid. */
    public String nickError(String nick) {
        if (nick == null || nick.isBlank()) {
            return "nickname required";
        }
        if (nick.codePointCount(0, nick.length()) > maxNickLength) {
            return "nickname too long (max " + maxNickLength + " characters)";
        }
        if (!NICK.matcher(nick).matches()) {
            return "nickname may contain only letters, digits, _ . -";
        }
        return null;
    }

    public String roomError(String room) {
        if (room == null || room.isBlank()) {
            return "room name required";
        }
        if (!ROOM.matcher(room).matches()) {
            return "room name: 1-32 lower-case letters, digits, _ -";
        }
        return null;
    }

    public String textError(String text) {
        if (text == null || text.isBlank()) {
            return "empty message";
        }
        if (text.codePointCount(0, text.length()) > maxMessageLength) {
            return "message too long (max " + maxMessageLength + " characters)";
        }
        return null;
    }
}
