package org.socketioee.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures, while open, the formatted INFO lines of one logger (the test logging config hides them), and every
 * record at INFO or above of that logger and the loggers below it.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;

    public LogCapture(Class<?> loggerOf) {
        this(loggerOf.getName());
    }

    /** {@code ""}: the root logger (its level left as configured), every record that passes its logger's level. */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        before = logger.getLevel();
        if (!loggerName.isEmpty()) {
            logger.setLevel(Level.INFO);
        }
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel() == Level.INFO) {
            lines.add(new java.util.logging.SimpleFormatter().formatMessage(r));
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
