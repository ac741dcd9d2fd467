package org.socketioee.server;

import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.adapter.RecoveryOptions;

import java.time.Duration;
import java.util.function.Function;

/**
 * Socket.IO options (the Engine.IO ones are {@link org.socketioee.engine.EngineOptions}). Each {@code with…}
 * method returns a copy with that one field changed.
 *
 * @param connectTimeout  a client that has joined no namespace by then is disconnected (Node: 45 s)
 * @param recovery        connection state recovery, or null when off (Node's default)
 * @param maxAttachments  binary attachments allowed in one incoming packet
 * @param maxPendingAcks  acknowledgements a socket may wait for at once
 * @param adapterFactory  the adapter of each namespace (a cluster adapter here), or null for the in-memory one
 */
public record ServerOptions(Duration connectTimeout, RecoveryOptions recovery, int maxAttachments,
                            int maxPendingAcks, Function<AdapterNamespace, Adapter> adapterFactory) {

    public static ServerOptions defaults() {
        return new ServerOptions(Duration.ofSeconds(45), null, 100, 10_000, null);
    }

    public ServerOptions withConnectTimeout(Duration d) {
        return new ServerOptions(d, recovery, maxAttachments, maxPendingAcks, adapterFactory);
    }

    /** Connection state recovery on ({@code null}: off); the in-memory adapter keeps the state and the log. */
    public ServerOptions withRecovery(RecoveryOptions r) {
        return new ServerOptions(connectTimeout, r, maxAttachments, maxPendingAcks, adapterFactory);
    }

    public ServerOptions withMaxAttachments(int n) {
        return new ServerOptions(connectTimeout, recovery, n, maxPendingAcks, adapterFactory);
    }

    public ServerOptions withMaxPendingAcks(int n) {
        return new ServerOptions(connectTimeout, recovery, maxAttachments, n, adapterFactory);
    }

    /** The adapter of each namespace: {@code nsp -> new MyAdapter(nsp)} ({@code null}: the in-memory one). */
    public ServerOptions withAdapter(Function<AdapterNamespace, Adapter> factory) {
        return new ServerOptions(connectTimeout, recovery, maxAttachments, maxPendingAcks, factory);
    }

    /** The adapter for {@code nsp}: the factory's, or the in-memory one with this recovery setting. */
    Adapter newAdapter(AdapterNamespace nsp) {
        return adapterFactory != null ? adapterFactory.apply(nsp) : new InMemoryAdapter(nsp, recovery);
    }
}
