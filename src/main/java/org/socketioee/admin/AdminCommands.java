package org.socketioee.admin;

import org.socketioee.server.BroadcastOperator;
import org.socketioee.server.Event;
import org.socketioee.server.Namespace;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketIoServer;

import java.util.List;

/**
 * The UI's commands, each on the sockets of a namespace, or of one room of it when {@code filter} is given (a
 * socket id is a room): {@code emit(nsp, filter, event, ...args)}, {@code join(nsp, room, filter)},
 * {@code leave(nsp, room, filter)}, {@code _disconnect(nsp, close, filter)} (admin-ui's
 * {@code registerFeatureHandlers}, Socket.IO v4 branch). Not registered when readonly. A namespace that does
 * not exist is not created (Node's {@code io.of} would): the command is refused with one WARNING line.
 */
final class AdminCommands {
    private static final System.Logger LOG = System.getLogger(AdminCommands.class.getName());

    private AdminCommands() {
    }

    static void register(SocketIoServer io, Socket socket) {
        socket.on("emit", e -> {
            BroadcastOperator to = target(io, e, 1);
            String event = e.arg(2, String.class);
            if (to != null && event != null) {
                List<Object> args = e.args();
                try {
                    to.emit(event, args.subList(Math.min(3, args.size()), args.size()).toArray());
                } catch (IllegalArgumentException refused) { // a reserved event name, a value JSON-B cannot write
                    LOG.log(System.Logger.Level.WARNING, "socket.io admin: emit refused: {0}", refused.getMessage());
                }
            }
        });
        socket.on("join", e -> {
            BroadcastOperator to = target(io, e, 2);
            String room = e.arg(1, String.class);
            if (to != null && room != null) {
                to.socketsJoin(room);
            }
        });
        socket.on("leave", e -> {
            BroadcastOperator to = target(io, e, 2);
            String room = e.arg(1, String.class);
            if (to != null && room != null) {
                to.socketsLeave(room);
            }
        });
        socket.on("_disconnect", e -> {
            BroadcastOperator to = target(io, e, 2);
            if (to != null) {
                to.disconnectSockets(Boolean.TRUE.equals(e.arg(1, Boolean.class)));
            }
        });
    }

    /** The sockets of the namespace in argument 0, in the room of argument {@code filterIndex} when there is one. */
    private static BroadcastOperator target(SocketIoServer io, Event e, int filterIndex) {
        String name = e.arg(0, String.class);
        Namespace nsp = name == null ? null : io.namespaces().get(name);
        if (nsp == null) {
            LOG.log(System.Logger.Level.WARNING, "socket.io admin: \"{0}\" for unknown namespace {1}", e.name(), name);
            return null;
        }
        String filter = e.arg(filterIndex, String.class);
        return filter == null || filter.isEmpty() ? nsp.except() : nsp.in(filter);
    }
}
