package org.socketioee.engine;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.Recorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Proof of life: exactly one INFO line per session open and close, with sid, transport, address and reason. */
class SessionLogTest {
    @Test
    void oneInfoLineForOpenAndOneForClose() throws Exception {
        Logger logger = Logger.getLogger(EngineSession.class.getName());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
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
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(h);
        Recorder rec = new Recorder();
        try (EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults(), e -> e.onConnection(rec))) {
            EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
            c.post("1");
            rec.closeReason(c.sid);
            assertThat(lines).containsExactly(
                    "engine.io session open sid=" + c.sid + " transport=polling remote=127.0.0.1",
                    "engine.io session close sid=" + c.sid + " transport=polling remote=127.0.0.1 reason=\"transport close\"");
        } finally {
            logger.removeHandler(h);
            logger.setLevel(before);
        }
    }
}
