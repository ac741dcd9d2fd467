package org.socketioee.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the formatted INFO lines of one logger while open (the test logging config hides them). */
public final class LogCapture extends Handler implements AutoCloseable {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;

    public LogCapture(Class<?> loggerOf) {
        logger = Logger.getLogger(loggerOf.getName());
        before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel() == Level.INFO) {
            lines.add(new java.util.logging.SimpleFormatter().formatMessage(r));
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
