package org.socketioee.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Dynamic namespaces (Node's {@code io.of(regex|function)}): a child namespace is created the first time a client
 * asks for a matching name, with this parent's middlewares and connection listeners.
 */
public final class ParentNamespace {
    private final SocketIoServer server;
    private final Predicate<String> matcher;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Namespace> children = new ConcurrentHashMap<>();

    ParentNamespace(SocketIoServer server, Predicate<String> matcher) {
        this.server = server;
        this.matcher = matcher;
    }

    public ParentNamespace use(Middleware m) {
        middlewares.add(m);
        children.values().forEach(c -> c.use(m));
        return this;
    }

    public ParentNamespace onConnection(Consumer<Socket> listener) {
        connectionListeners.add(listener);
        children.values().forEach(c -> c.onConnection(listener));
        return this;
    }

    /** The child namespaces created so far. */
    public Map<String, Namespace> children() {
        return Map.copyOf(children);
    }

    /** Emits to every socket of every child namespace. */
    public void emit(String event, Object... args) {
        children.values().forEach(c -> c.emit(event, args));
    }

    boolean matches(String name) {
        return matcher.test(name);
    }

    Namespace child(String name) {
        return children.computeIfAbsent(name, n -> {
            Namespace child = server.createNamespace(n);
            middlewares.forEach(child::use);
            connectionListeners.forEach(child::onConnection);
            return child;
        });
    }
}
