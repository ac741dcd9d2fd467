package org.socketioee.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures, while open, what one logger (and the loggers below it) logs: {@link #lines}, the formatted lines of one
 * level (INFO by default: the test logging config hides them) or of a level and above, and {@link #records}, every
 * record at INFO or above.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;
    private final Level level;
    private final boolean andAbove;

    public LogCapture(Class<?> loggerOf) {
        this(loggerOf.getName(), Level.INFO, false);
    }

    /** {@code ""}: the root logger (its level left as configured), every record that passes its logger's level. */
    public LogCapture(String loggerName) {
        this(loggerName, Level.INFO, false);
    }

    /** Every line of {@code loggerName} and its children at {@code atLeast} or above, in {@link #lines}. */
    public LogCapture(String loggerName, Level atLeast) {
        this(loggerName, atLeast, true);
    }

    private LogCapture(String loggerName, Level level, boolean andAbove) {
        this.level = level;
        this.andAbove = andAbove;
        logger = Logger.getLogger(loggerName);
        before = logger.getLevel();
        if (!loggerName.isEmpty()) {
            logger.setLevel(level);
        }
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
        if (r.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(r);
        }
    }

    /** The captured records at {@code level} exactly, formatted (message, then the stack trace's first line). */
    public List<String> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level)
                .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)
                        + (r.getThrown() == null ? "" : " [thrown: " + r.getThrown() + "]"))
                .toList();
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
