package org.socketioee.engine.ws;

import jakarta.servlet.ServletContext;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tomcat's NIO connector only ({@code socketio.websocket.inline=true}): the read and write events of our upgraded
 * WebSocket connections ({@link WebSocketConnection}) run on the connector's poller thread itself, instead of being
 * handed to the pool. That is Node's model, everything on the event loop: no thread wake-up per message in, none
 * back to the poller when the read is done (on this machine's VM a context switch was most of an echo's cost,
 * README "Performance"). Everything else the connector does (HTTP requests, polling, JSR 356 endpoints, another
 * web application's upgrades) still goes to the pool.
 * <p>
 * The price is Node's too: a Socket.IO handler then runs on the poller, and a handler that blocks (JDBC, a remote
 * call, {@code Future.get}) holds up the I/O of every connection of the connector meanwhile. Hence off by default;
 * a read that keeps the poller longer than {@link #SLOW_NANOS} is reported (a WARNING at most once a minute).
 * Measured (README "Performance"): 15-25 % less CPU per ack in a closed-loop echo; when the poller also writes a
 * broadcast to 1,000 clients 20 times a second, 14 % more per delivery with G1 as it comes (its concurrent
 * refinement re-scans the cards each fan-out dirties), 6 % less with the refinement held back (Java 17-19, the
 * bench launch's options).
 * <p>
 * How: the connector hands every event to its executor ({@code AbstractEndpoint.processSocket}); this one wraps the
 * connector's pool and runs a task on the calling thread when that thread is the poller and the task's connection
 * is one of ours. Tomcat offers no API for it, so the wrapper is put in the endpoint's executor field by reflection
 * once the connector has started, and put back when the web application stops. Where any of that is missing (not
 * Tomcat, NIO2, another version's internals), one WARNING says so and nothing changes.
 */
public final class PollerDispatch implements Executor {
    private static final System.Logger LOG = System.getLogger(PollerDispatch.class.getName());
    /** An inline task longer than this kept every connection of the connector waiting: worth a WARNING. */
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Executor pool;
    private final Object owner; // the install that put this wrapper there, the only one to take it away
    private final String pollerName;
    private final Class<?> processorBase;
    private final Class<?> upgradeProcessor;
    private final MethodHandle wrapperOf;      // SocketProcessorBase.socketWrapper
    private final MethodHandle processorOf;    // SocketWrapperBase.getCurrentProcessor()
    private final MethodHandle tokenOf;        // UpgradeProcessorBase.getUpgradeToken()
    private final MethodHandle handlerOf;      // UpgradeToken.getHttpUpgradeHandler()
    private volatile Thread poller;
    private final AtomicLong slow = new AtomicLong();
    private volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    private PollerDispatch(Executor pool, Object owner, String pollerName, ClassLoader tomcat)
            throws ReflectiveOperationException {
        this.pool = pool;
        this.owner = owner;
        this.pollerName = pollerName;
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType toObject = MethodType.methodType(Object.class, Object.class);
        processorBase = Class.forName("org.apache.tomcat.util.net.SocketProcessorBase", false, tomcat);
        Field w = processorBase.getDeclaredField("socketWrapper");
        w.setAccessible(true);
        wrapperOf = lookup.unreflectGetter(w).asType(toObject);
        processorOf = lookup.unreflect(Class.forName("org.apache.tomcat.util.net.SocketWrapperBase", false, tomcat)
                .getMethod("getCurrentProcessor")).asType(toObject);
        upgradeProcessor = Class.forName("org.apache.coyote.http11.upgrade.UpgradeProcessorBase", false, tomcat);
        tokenOf = lookup.unreflect(upgradeProcessor.getMethod("getUpgradeToken")).asType(toObject);
        handlerOf = lookup.unreflect(Class.forName("org.apache.coyote.UpgradeToken", false, tomcat)
                .getMethod("getHttpUpgradeHandler")).asType(toObject);
    }

    @Override
    public void execute(Runnable task) {
        if (onPoller() && ours(task)) {
            long t0 = System.nanoTime();
            task.run();
            long took = System.nanoTime() - t0;
            if (took > SLOW_NANOS) {
                slowRead(took);
            }
            return;
        }
        pool.execute(task);
    }

    private boolean onPoller() {
        Thread t = Thread.currentThread();
        if (t == poller) {
            return true;
        }
        if (t.getName().equals(pollerName)) { // the first event, or a connector restarted with a new poller
            poller = t;
            return true;
        }
        return false;
    }

    private boolean ours(Runnable task) {
        if (!processorBase.isInstance(task)) {
            return false;
        }
        try {
            Object wrapper = wrapperOf.invokeExact((Object) task);
            Object processor = wrapper == null ? null : processorOf.invokeExact(wrapper);
            if (!upgradeProcessor.isInstance(processor)) {
                return false;
            }
            Object token = tokenOf.invokeExact(processor);
            return token != null && handlerOf.invokeExact(token) instanceof WebSocketConnection;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return false; // whatever Tomcat's internals do there, the pool is always right
        }
    }

    private void slowRead(long took) {
        long n = slow.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.log(Level.WARNING, "a WebSocket read held Tomcat''s poller for {0} ms ({1} such reads so far): every"
                    + " connection of the connector waited meanwhile; with socketio.websocket.inline=true handlers"
                    + " must not block", TimeUnit.NANOSECONDS.toMillis(took), n);
        }
    }

    /**
     * Puts a {@code PollerDispatch} on every NIO connector of the Tomcat serving {@code ctx}, now or once the connector
     * starts (a web application starts before its connectors). Returns what puts the connectors' own pools back: run
     * it when the web application stops. Never throws: where it cannot work, it says so and does nothing.
     */
    public static Runnable install(ServletContext ctx) {
        List<Runnable> undo = new ArrayList<>();
        try {
            Object appContext = field(ctx, "context");           // ApplicationContextFacade → ApplicationContext
            Object standardContext = field(appContext, "context"); // → StandardContext
            Object host = call(standardContext, "getParent");
            Object engine = call(host, "getParent");
            Object service = call(engine, "getService");
            for (Object connector : (Object[]) call(service, "findConnectors")) {
                Object protocol = call(connector, "getProtocolHandler");
                Object endpoint = call(protocol, "getEndpoint"); // protected: Tomcat offers no other way to it
                if (!"org.apache.tomcat.util.net.NioEndpoint".equals(endpoint.getClass().getName())) {
                    LOG.log(Level.WARNING, "socketio.websocket.inline: {0} is not Tomcat''s NIO connector; its"
                            + " connections stay on its pool", protocol);
                    continue;
                }
                undo.add(onStart(connector, endpoint));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "socketio.websocket.inline needs Tomcat''s NIO connector ({0}): not available here,"
                    + " WebSocket reads stay on the container''s pool ({1})", ctx.getServerInfo(), e);
        }
        return () -> undo.forEach(Runnable::run);
    }

    /**
     * Wraps the endpoint's pool whenever the connector starts, unwraps it before the connector stops (so that Tomcat
     * shuts its own pool down) and when the web application stops; answers what does the latter.
     */
    private static Runnable onStart(Object connector, Object endpoint) throws ReflectiveOperationException {
        Field executorField = field(endpoint.getClass(), "executor");
        ClassLoader tomcat = endpoint.getClass().getClassLoader();
        String pollerName = call(endpoint, "getName") + "-Poller";
        Object lock = new Object(); // also this install's identity
        Runnable wrap = () -> {
            synchronized (lock) {
                try {
                    Object pool = executorField.get(endpoint);
                    if (!(pool instanceof Executor e) || pool.getClass().getName().equals(PollerDispatch.class.getName())) {
                        return; // not started, or wrapped already (by us, or by another web application first)
                    }
                    executorField.set(endpoint, new PollerDispatch(e, lock, pollerName, tomcat));
                    LOG.log(Level.INFO, "socketio.websocket.inline: WebSocket reads run on {0}", pollerName);
                } catch (ReflectiveOperationException ex) {
                    LOG.log(Level.WARNING, "socketio.websocket.inline: not available on this Tomcat ({0})", ex);
                }
            }
        };
        Runnable unwrap = () -> {
            synchronized (lock) {
                try {
                    // only this install's wrapper: another's stays until that one stops
                    if (executorField.get(endpoint) instanceof PollerDispatch mine && mine.owner == lock) {
                        executorField.set(endpoint, mine.pool);
                    }
                } catch (ReflectiveOperationException e) {
                    LOG.log(Level.WARNING, "socketio.websocket.inline: could not give the connector its pool back", e);
                }
            }
        };
        Class<?> listenerType = Class.forName("org.apache.catalina.LifecycleListener", false, tomcat);
        InvocationHandler onEvent = (proxy, m, args) -> {
            if (m.getName().equals("lifecycleEvent")) {
                switch (String.valueOf(call(args[0], "getType"))) {
                    case "after_start" -> wrap.run();
                    case "before_stop" -> unwrap.run();
                    default -> { }
                }
                return null;
            }
            return switch (m.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "PollerDispatch listener";
            };
        };
        Object listener = Proxy.newProxyInstance(tomcat, new Class<?>[] {listenerType}, onEvent);
        Method add = connector.getClass().getMethod("addLifecycleListener", listenerType);
        Method remove = connector.getClass().getMethod("removeLifecycleListener", listenerType);
        add.invoke(connector, listener);
        wrap.run(); // the connector may be running already (a web application deployed later)
        return () -> {
            try {
                remove.invoke(connector, listener);
            } catch (ReflectiveOperationException e) {
                LOG.log(Level.WARNING, "socketio.websocket.inline: could not remove its connector listener", e);
            }
            unwrap.run();
        };
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        return method(target.getClass(), name).invoke(target);
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        return field(target.getClass(), name).get(target);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
