package org.socketioee.server;

import java.util.List;

/** A catch-all listener ({@code onAny}, {@code onAnyOutgoing}): the event name and its arguments as Java values. */
@FunctionalInterface
public interface AnyListener {
    void onEvent(String event, List<Object> args);
}
