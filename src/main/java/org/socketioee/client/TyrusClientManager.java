package org.socketioee.client;

import org.glassfish.tyrus.client.ClientManager;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Tyrus {@link ClientManager} whose executors live as long as the JVM.
 * <p>
 * Tyrus shuts a manager's executors down when its count of open sessions drops to zero, and a session opening at
 * that moment can pick up the executor being shut down (eclipse-ee4j/tyrus#640): its next send or idle-timeout
 * restart throws {@code RejectedExecutionException}. A manager reused across connections, as a client library's
 * must be, meets that race whenever one connection closes while another opens. These executors are never shut down;
 * their threads are daemons and idle ones expire.
 */
public final class TyrusClientManager extends ClientManager {
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(daemon("tyrus-client-"));
    private static final ScheduledExecutorService SCHEDULER = Executors.newScheduledThreadPool(1, daemon("tyrus-client-timer-"));

    @Override
    public ExecutorService getExecutorService() {
        return EXECUTOR;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return SCHEDULER;
    }

    @Override
    public void shutdown() {
        // shared for the life of the JVM, see the class comment
    }

    @Override
    protected void shutdown(ShutDownCondition condition) {
        // shared for the life of the JVM, see the class comment
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
