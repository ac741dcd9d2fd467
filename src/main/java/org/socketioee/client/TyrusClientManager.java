package org.socketioee.client;

import org.glassfish.tyrus.client.ClientManager;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Tyrus {@link ClientManager} whose executors live until {@link #stop()}, not until its last session closes.
 * <p>
 * Tyrus shuts a manager's executors down when its count of open sessions drops to zero, and a session opening at
 * that moment can pick up the executor being shut down (eclipse-ee4j/tyrus#640): its next send or idle-timeout
 * restart throws {@code RejectedExecutionException}. A manager reused across connections, as a client library's
 * must be, meets that race whenever one connection closes while another opens. Here only the owner stops them,
 * once no connection can use this manager any more ({@link ClientRuntime}); their threads are daemons and idle ones
 * expire.
 */
public final class TyrusClientManager extends ClientManager {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;

    public TyrusClientManager() {
        int n = INSTANCES.incrementAndGet();
        String prefix = n == 1 ? "tyrus-client-" : "tyrus-client-" + n + "-";
        executor = Executors.newCachedThreadPool(daemon(prefix));
        scheduler = Executors.newScheduledThreadPool(1, daemon(prefix + "timer-"));
    }

    @Override
    public ExecutorService getExecutorService() {
        return executor;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return scheduler;
    }

    @Override
    public void shutdown() {
        // only stop() ends the executors, see the class comment
    }

    @Override
    protected void shutdown(ShutDownCondition condition) {
        // only stop() ends the executors, see the class comment
    }

    /** Ends both executors: for when no session of this manager is open or opening any more. */
    public void stop() {
        executor.shutdown();
        scheduler.shutdownNow(); // idle-timeout and handshake timers of closed sessions: nothing left to run
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
