package org.socketioee.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.socketioee.engine.EngineOptions;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketIoServer;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Base of the Socket.IO server tests: an embedded Tomcat with a default server, and the sockets it connects. */
public abstract class SocketIoFixture {
    protected EmbeddedTomcat server;
    protected SocketIoServer io;
    protected final BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();

    @BeforeEach
    void startServer() {
        server = EmbeddedTomcat.start(EngineOptions.defaults(), engine -> {
            io = SocketIoServer.attach(engine);
            io.onConnection(connected::add);
        });
    }

    @AfterEach
    void stopServer() {
        io.close();
        server.close();
    }

    /** The next socket to connect to "/", within 5 s. */
    protected Socket nextSocket() throws InterruptedException {
        Socket s = connected.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no connection within 5 s");
        }
        return s;
    }
}
