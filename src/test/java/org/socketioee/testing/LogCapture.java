package org.socketioee.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the formatted lines of one logger (and those below it) while open: the INFO lines only (the test logging
 * config hides them), or every line at or above a level.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;
    private final Level level;
    private final boolean andAbove;

    public LogCapture(Class<?> loggerOf) {
        this(loggerOf.getName(), Level.INFO, false);
    }

    /** Every line of {@code loggerName} and its children at {@code atLeast} or above. */
    public LogCapture(String loggerName, Level atLeast) {
        this(loggerName, atLeast, true);
    }

    private LogCapture(String loggerName, Level level, boolean andAbove) {
        this.level = level;
        this.andAbove = andAbove;
        logger = Logger.getLogger(loggerName);
        before = logger.getLevel();
        logger.setLevel(level);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String message = new java.util.logging.SimpleFormatter().formatMessage(r);
        if (!andAbove && r.getLevel() == level) {
            lines.add(message);
        } else if (andAbove && r.getLevel().intValue() >= level.intValue()) {
            lines.add(r.getLevel() + " " + r.getLoggerName() + ": " + message);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
