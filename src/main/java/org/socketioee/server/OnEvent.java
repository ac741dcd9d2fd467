package org.socketioee.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method called for an event. Its parameters are bound by type: {@link Socket}, {@link Ack} (the client's
 * acknowledgement; a no-op when none was asked for), {@link Event}; every other parameter takes the next event
 * argument, converted with JSON-B to the parameter's (generic) type: records, beans, lists, maps, {@code byte[]}.
 * A non-void return value is sent as the acknowledgement.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    String value();
}
