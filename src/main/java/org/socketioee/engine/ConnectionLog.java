package org.socketioee.engine;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The INFO lines written for every connection (an Engine.IO session's open and close, a Socket.IO socket's connect
 * and disconnect): the proof of life the logs owe, at a cost the connect rate can carry.
 * <p>
 * They go to {@code java.util.logging}, where {@link System.Logger} hands them in a servlet container anyway, with
 * their source class and method given and their text built by the caller. Through {@code System.Logger} each record
 * walked the stack to find its caller (the formatters print it) and parsed its pattern with {@code MessageFormat}:
 * in the bench launch's profile of connections opened and closed, the stack walk alone was 6 % of the server's CPU
 * (README, Performance). Same logger names as before, so logging configuration and log captures are unchanged.
 */
public final class ConnectionLog {
    private final Logger logger;
    private final String sourceClass;

    public ConnectionLog(Class<?> source) {
        this.sourceClass = source.getName();
        this.logger = Logger.getLogger(sourceClass);
    }

    /** Whether an INFO line would be written: callers build the line's text only then. */
    public boolean enabled() {
        return logger.isLoggable(Level.INFO);
    }

    /** One INFO line from {@code method} of the source class. */
    public void info(String method, String line) {
        logger.logp(Level.INFO, sourceClass, method, line);
    }
}
