package org.socketioee.chat;

import org.socketioee.server.Ack;
import org.socketioee.server.ConnectError;
import org.socketioee.server.DisconnectReason;
import org.socketioee.server.Namespace;
import org.socketioee.server.OnConnect;
import org.socketioee.server.OnDisconnect;
import org.socketioee.server.OnEvent;
import org.socketioee.server.Socket;
import org.socketioee.server.SocketIoServer;
import org.socketioee.server.SocketNamespace;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat application's Socket.IO handlers, on namespace {@code /chat}. Events (client → server, each answered
 * by its acknowledgement, {@code {"error":"…"}} on failure):
 * <ul>
 *   <li>{@code rooms} → {@code {rooms:[{name,online}]}}; {@code create room {name}} → {@code {room:{name,online}}}</li>
 *   <li>{@code join {room, nick, after?, token?}} → {@code {room, nick, members, messages, hasMore}}: the last
 *       messages of the room (or those after id {@code after}, when catching up); one room at a time per
 *       connection. A nickname held by another connection is refused, unless both joined with the same
 *       {@code token} (the page's, kept by the browser): then it is taken over, and the other connection is sent
 *       {@code replaced {room, nick}} and disconnected</li>
 *   <li>{@code leave}; {@code message {text, clientId?}} → {@code {message}} once stored;
 *       {@code history {before, limit?}} → {@code {messages, hasMore}} (cursor: the oldest id the client has)</li>
 *   <li>{@code private {to, text}} → {@code {ok, to, sentAt}}; {@code typing true|false} (no answer)</li>
 * </ul>
 * Server → client: {@code message}, {@code presence {room, members}}, {@code user joined / user left
 * {room, nick}}, {@code typing {nick, typing}} (volatile), {@code private {from, text, sentAt}},
 * {@code room created {name, online}}, {@code room online {name, online}}, {@code room activity {name, id}} (a new
 * message in a room, to every connection not in it: the page counts unread messages of the other rooms).
 * <p>
 * Database work runs off the transport threads, in order per connection; a message is acknowledged to its
 * sender only once stored, then broadcast.
 */
@SocketNamespace(ChatNamespace.NAMESPACE)
public class ChatNamespace {
    public static final String NAMESPACE = "/chat";
    private static final System.Logger LOG = System.getLogger(ChatNamespace.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Namespace nsp;
    private final ChatLimits limits;
    private final ChatStore store;
    private final Presence presence = new Presence();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    /** The live instances of this web application, closed by {@link ChatLifecycle} when it stops. */
    static final java.util.Set<ChatNamespace> INSTANCES = ConcurrentHashMap.newKeySet();
    private final ExecutorService db = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "chat-db-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    {
        INSTANCES.add(this);
    }

    /** Stops the database work: what is queued runs, within 5 s; then the threads are interrupted. */
    void close() {
        INSTANCES.remove(this);
        db.shutdown();
        try {
            if (!db.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                db.shutdownNow(); // no thread of the application outlives it
            }
        } catch (InterruptedException e) {
            db.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Per connection: its room and nickname once joined, rate limiter, and the tail of its database work. */
    private static final class Member {
        final RateLimiter rate;
        volatile String room;
        volatile String nick;
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Member(ChatLimits limits) {
            rate = new RateLimiter(limits.ratePerSecond(), limits.rateBurst());
        }
    }

    public ChatNamespace(SocketIoServer io) {
        this.nsp = io.of(NAMESPACE);
        this.limits = ChatLimits.load();
        ChatStore s = null;
        try {
            s = ChatStore.lookup();
            int applied = s.migrate();
            LOG.log(Level.INFO, "chat storage ready ({0}, {1} migration(s) applied)", ChatStore.JNDI_NAME, applied);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "chat storage unavailable: the /chat namespace refuses connections", e);
            s = null;
            nsp.use((socket, next) -> next.reject(new ConnectError("chat storage unavailable")));
        }
        this.store = s;
    }

    /** For tests and programmatic use: a namespace on a given store (already migrated). */
    public ChatNamespace(SocketIoServer io, ChatStore store, ChatLimits limits) {
        this.nsp = io.of(NAMESPACE);
        this.limits = limits;
        this.store = store;
    }

    @OnConnect
    public void connected(Socket socket) {
        members.put(socket.id(), new Member(limits));
    }

    @OnDisconnect
    public void disconnected(Socket socket, DisconnectReason reason) {
        Member m = members.remove(socket.id());
        if (m != null) {
            leaveRoom(socket, m);
        }
    }

    @OnEvent("rooms")
    public void rooms(Ack ack) {
        async(null, ack, () -> Map.of("rooms", roomList()));
    }

    @OnEvent("create room")
    public void createRoom(Object request, Ack ack, Socket socket) {
        Member m = members.get(socket.id());
        String name = string(request, "name");
        String error = limits.roomError(name);
        if (error != null) {
            ack.send(error(error));
            return;
        }
        if (m == null || !m.rate.tryAcquire()) {
            ack.send(error("rate limit: slow down"));
            return;
        }
        async(m, ack, () -> {
            if (!store.createRoom(name)) {
                return error("room " + name + " exists already");
            }
            Map<String, Object> room = room(name);
            nsp.emit("room created", room);
            return Map.of("room", room);
        });
    }

    @OnEvent("join")
    public void join(Object request, Ack ack, Socket socket) {
        Member m = members.get(socket.id());
        String room = string(request, "room");
        room = room == null ? ChatLimits.DEFAULT_ROOM : room;
        String nick = string(request, "nick");
        Object after = field(request, "after");
        String token = string(request, "token");
        String error = limits.nickError(nick);
        error = error != null ? error : limits.roomError(room);
        if (error == null && token != null && (token.isEmpty() || token.length() > 64)) {
            error = "token: 1-64 characters";
        }
        if (error == null && after != null && !(after instanceof Number)) {
            error = "after: a message id";
        }
        if (error != null || m == null) {
            ack.send(error(error == null ? "not connected" : error));
            return;
        }
        String r = room;
        async(m, ack, () -> {
            if (!store.roomExists(r)) {
                return error("no room " + r);
            }
            Presence.Claim claim = presence.claim(r, nick, socket.id(), token);
            if (!claim.granted()) {
                return error("nickname " + nick + " is taken in " + r);
            }
            if (claim.replaced() != null) {
                replaced(claim.replaced(), r, nick);
            }
            String oldRoom = m.room;
            String oldNick = m.nick;
            if (oldRoom != null && !(oldRoom.equals(r) && oldNick.equals(nick))) {
                if (!oldRoom.equals(r)) {
                    socket.leave(oldRoom);
                }
                presence.release(oldRoom, oldNick, socket.id());
                announce(oldRoom, oldNick, "user left", null);
            }
            boolean isNew = !(r.equals(oldRoom) && nick.equals(oldNick));
            m.room = r;
            m.nick = nick;
            socket.join(r);
            ChatStore.Page page = after == null ? store.before(r, null, limits.historySize())
                    : store.after(r, ((Number) after).longValue(), limits.historySize());
            if (isNew && claim.replaced() == null) { // taken over: the nickname never left
                announce(r, nick, "user joined", socket);
            }
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("room", r);
            res.put("nick", nick);
            res.put("members", presence.nicks(r));
            res.put("messages", wire(page.messages()));
            res.put("hasMore", page.hasMore());
            return res;
        });
    }

    @OnEvent("leave")
    public void leave(Ack ack, Socket socket) {
        Member m = members.get(socket.id());
        if (m == null) {
            ack.send(error("not connected"));
            return;
        }
        async(m, ack, () -> {
            leaveRoom(socket, m);
            return Map.of("ok", true);
        });
    }

    @OnEvent("message")
    public void message(Object request, Ack ack, Socket socket) {
        Member m = members.get(socket.id());
        String text = string(request, "text");
        String clientId = string(request, "clientId");
        // the room is checked in order with the connection's earlier requests (a join not yet done)
        String error = textRequestError(m, text,
                () -> clientId != null && clientId.length() > 64 ? "clientId too long" : null);
        if (error != null) {
            ack.send(error(error));
            return;
        }
        inRoom(m, ack, room -> {
            ChatMessage msg = store.append(room, m.nick, text, clientId);
            Map<String, Object> wire = wire(msg);
            ack.send(Map.of("message", wire)); // stored: tell the sender first, then the room
            socket.to(room).emit("message", wire);
            roomActivity(room, msg);
            return null;
        });
    }

    @OnEvent("history")
    public void history(Object request, Ack ack, Socket socket) {
        Member m = members.get(socket.id());
        Object before = field(request, "before");
        Object limit = field(request, "limit");
        String error = m == null ? "not connected" : null;
        if (error == null && before != null && !(before instanceof Number)) {
            error = "before: a message id";
        }
        if (error == null && limit != null && !(limit instanceof Number)) {
            error = "limit: a number";
        }
        if (error != null) {
            ack.send(error(error));
            return;
        }
        int n = limit == null ? limits.historySize()
                : (int) Math.max(1, Math.min(limits.maxPageSize(), ((Number) limit).longValue()));
        inRoom(m, ack, room -> {
            ChatStore.Page page = store.before(room, before == null ? null : ((Number) before).longValue(), n);
            return Map.of("messages", wire(page.messages()), "hasMore", page.hasMore());
        });
    }

    @OnEvent("private")
    public void privateMessage(Object request, Ack ack, Socket socket) {
        Member m = members.get(socket.id());
        String to = string(request, "to");
        String text = string(request, "text");
        String error = textRequestError(m, text,
                () -> to == null || limits.nickError(to) != null ? "to: a nickname" : null);
        if (error != null) {
            ack.send(error(error));
            return;
        }
        inRoom(m, ack, room -> {
            Presence.Member target = presence.find(room, to);
            if (target == null) {
                return error(to + " is not in " + room);
            }
            long now = System.currentTimeMillis();
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("from", m.nick);
            pm.put("to", target.nick());
            pm.put("text", text);
            pm.put("sentAt", now);
            nsp.to(target.socketId()).emit("private", pm);
            return Map.of("ok", true, "to", target.nick(), "sentAt", now);
        });
    }

    @OnEvent("typing")
    public void typing(Object typing, Socket socket) {
        Member m = members.get(socket.id());
        String room = m == null ? null : m.room;
        if (room != null) {
            socket.to(room).asVolatile().emit("typing", Map.of("nick", m.nick, "typing", Boolean.TRUE.equals(typing)));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void leaveRoom(Socket socket, Member m) {
        String room = m.room;
        String nick = m.nick;
        if (room == null) {
            return;
        }
        m.room = null;
        m.nick = null;
        boolean released = presence.release(room, nick, socket.id());
        if (socket.connected()) {
            socket.leave(room);
        }
        if (released) { // not when its nickname was taken over meanwhile
            announce(room, nick, "user left", null);
        }
    }

    /** Tells every connection outside {@code room} that it has a new message (for unread counts). */
    private void roomActivity(String room, ChatMessage msg) {
        nsp.except(room).emit("room activity", Map.of("name", room, "id", msg.id()));
    }

    /**
     * The connection {@code socketId} lost {@code nick} in {@code room} to another connection of the same owner:
     * it forgets its room (so it announces no departure), is told, and is disconnected (the page stops there).
     */
    private void replaced(String socketId, String room, String nick) {
        Member old = members.get(socketId);
        if (old != null && room.equals(old.room)) {
            old.room = null;
            old.nick = null;
        }
        nsp.to(socketId).emit("replaced", Map.of("room", room, "nick", nick));
        nsp.in(socketId).disconnectSockets(false);
    }

    /** A join or leave notice to the room (but its subject), its members list, and the room's count to everyone. */
    private void announce(String room, String nick, String event, Socket subject) {
        List<String> nicks = presence.nicks(room);
        (subject != null ? subject.to(room) : nsp.to(room)).emit(event, Map.of("room", room, "nick", nick));
        nsp.to(room).emit("presence", Map.of("room", room, "members", nicks));
        nsp.emit("room online", Map.of("name", room, "online", nicks.size()));
    }

    private List<Map<String, Object>> roomList() {
        return store.rooms().stream().map(r -> room(r.name())).toList();
    }

    private Map<String, Object> room(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("online", presence.count(name));
        return m;
    }

    /**
     * Runs database work off the transport thread, after the connection's earlier work; its result (when not
     * null) is the acknowledgement. A failure is logged and answered as a generic error.
     */
    /**
     * The first thing wrong with a request carrying text, checked in this order: no member, the text, {@code other}
     * (the request's own fields), the member's rate (a token is taken only from a request otherwise valid); null
     * when there is none.
     */
    private String textRequestError(Member m, String text, java.util.function.Supplier<String> other) {
        if (m == null) {
            return "not connected";
        }
        String error = limits.textError(text);
        if (error == null) {
            error = other.get();
        }
        if (error == null && !m.rate.tryAcquire()) {
            error = "rate limit: slow down";
        }
        return error;
    }

    /**
     * {@link #async} for a request that needs a room: {@code work} gets the member's room as it is when the request's
     * turn comes (after the connection's earlier requests, a join among them), or the sender is told to join one.
     */
    private void inRoom(Member m, Ack ack, java.util.function.Function<String, Object> work) {
        async(m, ack, () -> {
            String room = m.room;
            return room == null ? error("join a room first") : work.apply(room);
        });
    }

    private void async(Member m, Ack ack, java.util.function.Supplier<Object> work) {
        Runnable task = () -> {
            try {
                Object result = work.get();
                if (result != null) {
                    ack.send(result);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "chat: request failed", e);
                ack.send(error("server error, please retry"));
            }
        };
        if (m == null) {
            db.execute(task);
            return;
        }
        synchronized (m) {
            m.tail = m.tail.thenRunAsync(task, db);
        }
    }

    static Map<String, Object> wire(ChatMessage msg) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", msg.id());
        w.put("room", msg.room());
        w.put("nick", msg.nick());
        w.put("text", msg.text());
        w.put("sentAt", msg.sentAt());
        return w;
    }

    private static List<Map<String, Object>> wire(List<ChatMessage> msgs) {
        return msgs.stream().map(ChatNamespace::wire).toList();
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static Object field(Object request, String name) {
        return request instanceof Map<?, ?> map ? map.get(name) : null;
    }

    /** A string field; a field of another type reads as absent (and fails validation with a clear error). */
    private static String string(Object request, String name) {
        return field(request, name) instanceof String s ? s : null;
    }
}
