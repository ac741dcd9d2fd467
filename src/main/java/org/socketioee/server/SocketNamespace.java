package org.socketioee.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler class bound to a namespace. Found in the WAR at startup without registration code; one instance
 * per class (public no-arg constructor, or one taking the {@link SocketIoServer}). Its methods:
 * {@link OnConnect}, {@link OnEvent}, {@link OnDisconnect}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SocketNamespace {
    /** The namespace name, e.g. "/" or "/chat". */
    String value() default "/";
}
