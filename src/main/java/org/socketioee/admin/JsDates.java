package org.socketioee.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Instants written as Node writes its Dates: the UI reads and shows these strings. */
final class JsDates {
    /** {@code JSON.stringify(new Date())}: ISO 8601 in UTC, always with milliseconds. */
    private static final DateTimeFormatter JSON = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** {@code new Date().toString()} without the zone name, which follows. */
    private static final DateTimeFormatter TO_STRING = DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx",
            Locale.US);

    private JsDates() {
    }

    static String json(Instant t) {
        return JSON.format(t);
    }

    /** As {@code socket.handshake.time}: {@code Sun Dec 06 2026 06:32:30 GMT+0000 (Coordinated Universal Time)}. */
    static String toDateString(Instant t) {
        ZoneId zone = ZoneId.systemDefault();
        var local = t.atZone(zone);
        boolean dst = zone.getRules().isDaylightSavings(t);
        String name = java.util.TimeZone.getTimeZone(zone).getDisplayName(dst, java.util.TimeZone.LONG, Locale.US);
        return TO_STRING.format(local) + " (" + name + ")";
    }
}
