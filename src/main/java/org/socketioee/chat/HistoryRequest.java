package org.socketioee.chat;

/**
 * {@code history {before?, limit?}}: a page of the room's messages older than id {@code before} (the oldest the
 * client has; the latest ones when absent), {@code limit} of them at most (the default page size when absent).
 */
public record HistoryRequest(Long before, Integer limit) {
    /** What an absent or {@code null} argument stands for: every field missing. */
    static final HistoryRequest NONE = new HistoryRequest(null, null);
}
