package org.socketioee.server;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs a {@link SocketNamespace} class: its {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect}
 * methods become listeners of each socket of the namespace, with their parameters bound by type.
 */
public final class AnnotatedHandlers {
    private static final System.Logger LOG = System.getLogger(AnnotatedHandlers.class.getName());

    private AnnotatedHandlers() {
    }

    /** Creates one instance of {@code type} and installs it. */
    public static Object install(SocketIoServer io, Class<?> type) {
        Object instance;
        try {
            instance = newInstance(io, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create handler " + type.getName()
                    + ": it needs a public constructor taking nothing or the SocketIoServer", e);
        }
        install(io, instance);
        return instance;
    }

    /** Installs an existing handler instance. */
    public static void install(SocketIoServer io, Object handler) {
        Class<?> type = handler.getClass();
        SocketNamespace ns = type.getAnnotation(SocketNamespace.class);
        if (ns == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @SocketNamespace");
        }
        List<Method> connects = new ArrayList<>();
        List<Method> disconnects = new ArrayList<>();
        List<Method> events = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(OnConnect.class)) {
                connects.add(m);
            }
            if (m.isAnnotationPresent(OnDisconnect.class)) {
                disconnects.add(m);
            }
            if (m.isAnnotationPresent(OnEvent.class)) {
                events.add(m);
            }
        }
        io.of(ns.value()).onConnection(socket -> {
            for (Method m : events) {
                String name = m.getAnnotation(OnEvent.class).value();
                socket.on(name, event -> invokeForEvent(handler, m, event));
            }
            for (Method m : disconnects) {
                socket.onDisconnect(reason -> invoke(handler, m, socket, null, reason));
            }
            for (Method m : connects) {
                invoke(handler, m, socket, null, null);
            }
        });
        LOG.log(Level.INFO, "socket.io handlers {0} on namespace {1}: {2} event(s)", type.getName(), ns.value(),
                events.size());
    }

    private static Object newInstance(SocketIoServer io, Class<?> type) throws ReflectiveOperationException {
        try {
            return type.getConstructor(SocketIoServer.class).newInstance(io);
        } catch (NoSuchMethodException e) {
            return type.getConstructor().newInstance();
        }
    }

    private static void invokeForEvent(Object handler, Method m, Event event) {
        Object result = invoke(handler, m, event.socket(), event, null);
        if (m.getReturnType() != void.class && event.hasAck()) {
            event.ack(result);
        }
    }

    /** Binds parameters by type; other parameters take the event arguments in order. */
    private static Object invoke(Object handler, Method m, Socket socket, Event event, DisconnectReason reason) {
        Parameter[] params = m.getParameters();
        Object[] values = new Object[params.length];
        int argIndex = 0;
        for (int i = 0; i < params.length; i++) {
            Class<?> t = params[i].getType();
            if (t == Socket.class) {
                values[i] = socket;
            } else if (t == Ack.class) {
                values[i] = event != null && event.hasAck() ? (Ack) event::ack : (Ack) args -> { };
            } else if (t == Event.class) {
                values[i] = event;
            } else if (t == DisconnectReason.class) {
                values[i] = reason;
            } else if (event != null) {
                Type generic = params[i].getParameterizedType();
                values[i] = event.arg(argIndex++, generic);
            } else {
                values[i] = null;
            }
        }
        try {
            return m.invoke(handler, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re; // the socket logs it and answers an error ack
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
