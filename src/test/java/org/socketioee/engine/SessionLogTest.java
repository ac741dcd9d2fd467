package org.socketioee.engine;

import org.junit.jupiter.api.Test;
import org.socketioee.testing.EmbeddedTomcat;
import org.socketioee.testing.EngineClient;
import org.socketioee.testing.LogCapture;
import org.socketioee.testing.Recorder;


import static org.assertj.core.api.Assertions.assertThat;

/** Proof of life: exactly one INFO line per session open and close, with sid, transport, address and reason. */
class SessionLogTest {
    @Test
    void oneInfoLineForOpenAndOneForClose() throws Exception {
        Recorder rec = new Recorder();
        try (LogCapture log = new LogCapture(EngineSession.class);
             EmbeddedTomcat server = EmbeddedTomcat.start(EngineOptions.defaults(), e -> e.onConnection(rec))) {
            EngineClient c = EngineClient.open(server.baseUrl(), "/socket.io/");
            c.post("1");
            rec.closeReason(c.sid);
            assertThat(log.lines).containsExactly(
                    "engine.io session open sid=" + c.sid + " transport=polling remote=127.0.0.1",
                    "engine.io session close sid=" + c.sid + " transport=polling remote=127.0.0.1 reason=\"transport close\"");
        }
    }
}
