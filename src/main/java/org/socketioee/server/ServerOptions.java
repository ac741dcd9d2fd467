package org.socketioee.server;

import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.adapter.RecoveryOptions;

import java.time.Duration;
import java.util.function.Function;

/**
 * Socket.IO options (the Engine.IO ones are {@link org.socketioee.engine.EngineOptions}).
 *
 * @param connectTimeout  a client that has joined no namespace by then is disconnected (Node: 45 s)
 * @param recovery        connection state recovery, or null when off (Node's default)
 * @param maxAttachments  binary attachments allowed in one incoming packet
 * @param maxPendingAcks  acknowledgements a socket may wait for at once
 * @param adapterFactory  the adapter of each namespace (in-memory by default; a cluster adapter here)
 */
public record ServerOptions(Duration connectTimeout, RecoveryOptions recovery, int maxAttachments,
                            int maxPendingAcks, Function<AdapterNamespace, Adapter> adapterFactory) {

    public static ServerOptions defaults() {
        return new ServerOptions(Duration.ofSeconds(45), null, 100, 10_000, null);
    }

    public ServerOptions {
        if (adapterFactory == null) {
            RecoveryOptions r = recovery;
            adapterFactory = nsp -> new InMemoryAdapter(nsp, r);
        }
    }

    public ServerOptions withConnectTimeout(Duration d) {
        return new ServerOptions(d, recovery, maxAttachments, maxPendingAcks, null);
    }

    public ServerOptions withRecovery(RecoveryOptions r) {
        return new ServerOptions(connectTimeout, r, maxAttachments, maxPendingAcks, null);
    }

    public ServerOptions withAdapter(Function<AdapterNamespace, Adapter> factory) {
        return new ServerOptions(connectTimeout, recovery, maxAttachments, maxPendingAcks, factory);
    }
}
