package org.socketioee.server;

import org.socketioee.parser.ArgumentBinder;
import org.socketioee.parser.TypeBinding;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Installs a {@link SocketNamespace} class: its {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect}
 * methods become listeners of each socket of the namespace, with their parameters bound by type. What each
 * parameter takes, and the binding plan of each event argument, is worked out once per method, at installation.
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
        List<HandlerMethod> connects = new ArrayList<>();
        List<HandlerMethod> disconnects = new ArrayList<>();
        List<HandlerMethod> events = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(OnConnect.class)) {
                connects.add(new HandlerMethod(handler, m));
            }
            if (m.isAnnotationPresent(OnDisconnect.class)) {
                disconnects.add(new HandlerMethod(handler, m));
            }
            if (m.isAnnotationPresent(OnEvent.class)) {
                events.add(new HandlerMethod(handler, m));
            }
        }
        io.of(ns.value()).onConnection(socket -> {
            for (HandlerMethod h : events) {
                socket.on(h.method.getAnnotation(OnEvent.class).value(), h::onEvent);
            }
            for (HandlerMethod h : disconnects) {
                socket.onDisconnect(reason -> h.invoke(socket, null, reason));
            }
            for (HandlerMethod h : connects) {
                h.invoke(socket, null, null);
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

    /** One handler method and what each of its parameters takes. */
    private static final class HandlerMethod {
        private final Object handler;
        private final Method method;
        /** Per parameter: a {@link Class} of the framework (Socket, Ack, Event, DisconnectReason) or the plan. */
        private final Object[] params;
        private final boolean async;
        private final boolean acksNothing; // CompletionStage<Void>: an empty acknowledgement on completion

        HandlerMethod(Object handler, Method method) {
            this.handler = handler;
            this.method = method;
            Class<?>[] types = method.getParameterTypes();
            Type[] generic = method.getGenericParameterTypes();
            params = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                Class<?> t = types[i];
                params[i] = t == Socket.class || t == Ack.class || t == Event.class || t == DisconnectReason.class
                        ? t : ArgumentBinder.plan(generic[i]);
            }
            async = CompletionStage.class.isAssignableFrom(method.getReturnType());
            acksNothing = async && method.getGenericReturnType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] == Void.class;
        }

        /** An {@link OnEvent} method: a non-void result (or the completion of a CompletionStage) is the ack. */
        void onEvent(Event event) {
            Object result = invoke(event.socket(), event, null);
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> {
                    if (error != null) {
                        event.socket().listenerFailed(event, error);
                    } else if (acksNothing) {
                        event.ack();
                    } else {
                        event.ack(value);
                    }
                });
            } else if (method.getReturnType() != void.class && !async) {
                event.ack(result);
            }
        }

        /** Binds parameters by type; other parameters take the event arguments in order. */
        Object invoke(Socket socket, Event event, DisconnectReason reason) {
            Object[] values = new Object[params.length];
            int argIndex = 0;
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == Socket.class) {
                    values[i] = socket;
                } else if (p == Ack.class) {
                    values[i] = event != null ? event.acknowledgement() : Ack.NONE;
                } else if (p == Event.class) {
                    values[i] = event;
                } else if (p == DisconnectReason.class) {
                    values[i] = reason;
                } else if (event != null) {
                    values[i] = event.arg(argIndex++, (TypeBinding) p);
                } else {
                    values[i] = null;
                }
            }
            try {
                return method.invoke(handler, values);
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
}
