package org.socketioee.chat;

import org.socketioee.chat.ChatNotices.MemberNotice;
import org.socketioee.chat.ChatNotices.PresenceNotice;
import org.socketioee.chat.ChatNotices.PrivateMessage;
import org.socketioee.chat.ChatNotices.RoomOnline;
import org.socketioee.chat.ChatNotices.RoomActivity;
import org.socketioee.chat.ChatNotices.TypingNotice;
import org.socketioee.chat.ChatReplies.Delivered;
import org.socketioee.chat.ChatReplies.Done;
import org.socketioee.chat.ChatReplies.ErrorReply;
import org.socketioee.chat.ChatReplies.JoinReply;
import org.socketioee.chat.ChatReplies.RoomCreated;
import org.socketioee.chat.ChatReplies.RoomList;
import org.socketioee.chat.ChatReplies.Stored;
import org.socketioee.adapter.InMemoryAdapter;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNullElse;

/**
 * The chat application's Socket.IO handlers, on namespace {@code /chat}. Each request is a record bound strictly
 * from its JSON (a value of the wrong type is refused by the framework: {@code {"error":"text: expected a string,
 * got a number"}}) and answered by its acknowledgement, a reply record of {@link ChatReplies}
 * ({@code {"error":"…"}} when refused):
 * <ul>
 *   <li>{@code rooms} → {@code {rooms:[{name,online}]}}; {@link CreateRoomRequest create room {name}} →
 *       {@code {room:{name,online}}}</li>
 *   <li>{@link JoinRequest join {room, nick, after?, token?}} → {@code {room, nick, members, messages, hasMore}}:
 *       the last messages of the room (or those after id {@code after}, when catching up); one room at a time per
 *       connection. A nickname held by another connection is refused, unless both joined with the same
 *       {@code token} (the page's, kept by the browser): then it is taken over, and the other connection is sent
 *       {@code replaced {room, nick}} and disconnected</li>
 *   <li>{@code leave} → {@code {ok}}; {@link MessageRequest message {text, clientId?}} → {@code {message}} once
 *       stored; {@link HistoryRequest history {before?, limit?}} → {@code {messages, hasMore}} (cursor: the oldest
 *       id the client has)</li>
 *   <li>{@link PrivateRequest private {to, text}} → {@code {ok, to, sentAt}}; {@code typing true|false} (no
 *       answer)</li>
 * </ul>
 * Server → client ({@link ChatNotices}): {@code message} (a {@link ChatMessage} as it is), {@code presence {room,
 * members}}, {@code user joined / user left {room, nick}}, {@code typing {nick, typing}} (volatile),
 * {@code private {from, to, text, sentAt}}, {@code room created {name, online}}, {@code room online {name, online}},
 * {@code room activity {name, id}} (a new message in a room, to every connection not in it: the page counts unread
 * messages of the other rooms).
 * <p>
 * Database work runs off the transport threads, in order per connection (the handlers return the stage that
 * answers); a message is acknowledged to its sender and broadcast to its room only once stored. On several nodes
 * (a cluster adapter), member lists, counts, nicknames and private messages also take in the other nodes' members
 * ({@link ClusterPresence}); so leaving a room, even by disconnecting, runs on those threads too. A node that dies
 * says nothing: the others notice it by counting the servers every {@value #NODE_WATCH_SECONDS} s
 * ({@link #checkNodes}).
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
    /** The other nodes' members, when the namespace's adapter is a cluster's (empty on a single node). */
    private final ClusterPresence cluster;
    /** The live instances of this web application, closed by {@link ChatLifecycle} when it stops. */
    static final java.util.Set<ChatNamespace> INSTANCES = ConcurrentHashMap.newKeySet();
    /** How often, on a cluster adapter, the nodes are counted (see {@link #checkNodes}). */
    static final long NODE_WATCH_SECONDS = 5;
    /** On several nodes only: sends a room's presence again a moment after a change (guarded by this). */
    private ScheduledExecutorService later;
    /** The number of servers at the node watch's last look (-1: none yet), and the most it ever saw; one watch task
     * at a time (watching). */
    private volatile int watchedServers = -1;
    private volatile int mostServers;
    private final AtomicBoolean watching = new AtomicBoolean();
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
        synchronized (this) {
            if (later != null) {
                later.shutdownNow();
            }
        }
        db.shutdown();
        try {
            if (!db.awaitTermination(5, TimeUnit.SECONDS)) {
                db.shutdownNow(); // no thread of the application outlives it: a wait for the cluster ends at once
                db.awaitTermination(2, TimeUnit.SECONDS);
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
        CompletableFuture<Object> tail = CompletableFuture.completedFuture(null);

        Member(ChatLimits limits) {
            rate = new RateLimiter(limits.ratePerSecond(), limits.rateBurst());
        }
    }

    public ChatNamespace(SocketIoServer io) {
        this.nsp = io.of(NAMESPACE);
        this.cluster = new ClusterPresence(nsp, members::containsKey);
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
        if (s != null) {
            watchNodes();
        }
    }

    /** For tests and programmatic use: a namespace on a given store (already migrated). */
    public ChatNamespace(SocketIoServer io, ChatStore store, ChatLimits limits) {
        this.nsp = io.of(NAMESPACE);
        this.cluster = new ClusterPresence(nsp, members::containsKey);
        this.limits = limits;
        this.store = store;
        watchNodes();
    }

    @OnConnect
    public void connected(Socket socket) {
        members.put(socket.id(), new Member(limits));
    }

    @OnDisconnect
    public void disconnected(Socket socket, DisconnectReason reason) {
        Member m = members.remove(socket.id());
        if (m != null) {
            // in order after its requests, on the database threads: the notices may ask the other nodes
            inOrder(m, () -> {
                leaveRoom(socket, m);
                return null;
            }).exceptionally(e -> {
                LOG.log(Level.WARNING, "chat: leaving the room of " + socket.id() + " failed: " + e);
                return null;
            });
        }
    }

    @OnEvent("rooms")
    public CompletionStage<Object> rooms() {
        return CompletableFuture.supplyAsync(() -> new RoomList(roomList()), db);
    }

    @OnEvent("create room")
    public CompletionStage<Object> createRoom(CreateRoomRequest request, Socket socket) {
        Member m = members.get(socket.id());
        String name = requireNonNullElse(request, CreateRoomRequest.NONE).name();
        String error = limits.roomError(name);
        if (error == null && (m == null || !m.rate.tryAcquire())) {
            error = "rate limit: slow down";
        }
        if (error != null) {
            return refuse(error);
        }
        return inOrder(m, () -> {
            if (!store.createRoom(name)) {
                return new ErrorReply("room " + name + " exists already");
            }
            RoomOnline room = room(name);
            nsp.emit("room created", room);
            return new RoomCreated(room);
        });
    }

    @OnEvent("join")
    public CompletionStage<Object> join(JoinRequest request, Socket socket) {
        Member m = members.get(socket.id());
        JoinRequest r = requireNonNullElse(request, JoinRequest.NONE);
        String room = r.room() == null ? ChatLimits.DEFAULT_ROOM : r.room();
        String nick = r.nick();
        String error = limits.nickError(nick);
        error = error != null ? error : limits.roomError(room);
        if (error == null && r.token() != null && (r.token().isEmpty() || r.token().length() > 64)) {
            error = "token: 1-64 characters";
        }
        if (error != null || m == null) {
            return refuse(error == null ? "not connected" : error);
        }
        return inOrder(m, () -> {
            if (!store.roomExists(room)) {
                return new ErrorReply("no room " + room);
            }
            boolean rejoin = room.equals(m.room) && nick.equals(m.nick);
            Presence.Claim claim = presence.claim(room, nick, socket.id(), r.token());
            if (!claim.granted()) {
                return new ErrorReply("nickname " + nick + " is taken in " + room);
            }
            // held on another node of the cluster: taken over by its owner, refused to anyone else
            ClusterPresence.Remote holder = claim.replaced() == null && !rejoin ? cluster.holder(room, nick) : null;
            if (holder != null && (r.token() == null || !ClusterPresence.owner(r.token()).equals(holder.owner()))) {
                presence.release(room, nick, socket.id());
                return new ErrorReply("nickname " + nick + " is taken in " + room);
            }
            String replacedId = claim.replaced() != null ? claim.replaced() : holder != null ? holder.socketId() : null;
            String oldRoom = m.room;
            String oldNick = m.nick;
            if (oldRoom != null && !(oldRoom.equals(room) && oldNick.equals(nick))) {
                if (!oldRoom.equals(room)) {
                    socket.leave(oldRoom);
                }
                presence.release(oldRoom, oldNick, socket.id());
                announce(oldRoom, oldNick, "user left", null);
            }
            boolean isNew = !(room.equals(oldRoom) && nick.equals(oldNick));
            m.room = room;
            m.nick = nick;
            ClusterPresence.publish(socket, room, nick, r.token()); // before the notices: other nodes count it
            socket.join(room);
            if (replacedId != null) {
                // only now: the replaced connection's node, when it drops it, must find the nickname held here
                // (else it announces that the nickname left the room)
                replaced(replacedId, room, nick);
            }
            ChatStore.Page page = r.after() == null ? store.before(room, null, limits.historySize())
                    : store.after(room, r.after(), limits.historySize());
            if (isNew && replacedId == null) { // taken over: the nickname never left
                announce(room, nick, "user joined", socket);
            }
            return new JoinReply(room, nick, nicks(room), page.messages(), page.hasMore());
        });
    }

    @OnEvent("leave")
    public CompletionStage<Object> leave(Socket socket) {
        Member m = members.get(socket.id());
        if (m == null) {
            return refuse("not connected");
        }
        return inOrder(m, () -> {
            leaveRoom(socket, m);
            return Done.OK;
        });
    }

    @OnEvent("message")
    public CompletionStage<Object> message(MessageRequest request, Socket socket) {
        Member m = members.get(socket.id());
        MessageRequest r = requireNonNullElse(request, MessageRequest.NONE);
        // the room is checked in order with the connection's earlier requests (a join not yet done)
        String error = textRequestError(m, r.text(),
                () -> r.clientId() != null && r.clientId().length() > 64 ? "clientId too long" : null);
        if (error != null) {
            return refuse(error);
        }
        return inRoom(m, room -> {
            ChatMessage msg = store.append(room, m.nick, r.text(), r.clientId());
            socket.to(room).emit("message", msg); // stored: the room, and (acknowledged) the sender
            roomActivity(room, msg);
            return new Stored(msg);
        });
    }

    @OnEvent("history")
    public CompletionStage<Object> history(HistoryRequest request, Socket socket) {
        Member m = members.get(socket.id());
        if (m == null) {
            return refuse("not connected");
        }
        HistoryRequest r = requireNonNullElse(request, HistoryRequest.NONE);
        int n = r.limit() == null ? limits.historySize() : Math.max(1, Math.min(limits.maxPageSize(), r.limit()));
        return inRoom(m, room -> store.before(room, r.before(), n)); // the page as it is: {messages, hasMore}
    }

    @OnEvent("private")
    public CompletionStage<Object> privateMessage(PrivateRequest request, Socket socket) {
        Member m = members.get(socket.id());
        PrivateRequest r = requireNonNullElse(request, PrivateRequest.NONE);
        String error = textRequestError(m, r.text(),
                () -> r.to() == null || limits.nickError(r.to()) != null ? "to: a nickname" : null);
        if (error != null) {
            return refuse(error);
        }
        return inRoom(m, room -> {
            Presence.Member here = presence.find(room, r.to());
            ClusterPresence.Remote there = here == null ? cluster.holder(room, r.to()) : null;
            if (here == null && there == null) {
                return new ErrorReply(r.to() + " is not in " + room);
            }
            String targetId = here != null ? here.socketId() : there.socketId();
            String targetNick = here != null ? here.nick() : there.nick();
            long now = System.currentTimeMillis();
            nsp.to(targetId).emit("private", new PrivateMessage(m.nick, targetNick, r.text(), now)); // any node
            return new Delivered(true, targetNick, now);
        });
    }

    @OnEvent("typing")
    public void typing(boolean typing, Socket socket) {
        Member m = members.get(socket.id());
        String room = m == null ? null : m.room;
        if (room != null) {
            socket.to(room).asVolatile().emit("typing", new TypingNotice(m.nick, typing));
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
        ClusterPresence.unpublish(socket);
        if (socket.connected()) {
            socket.leave(room);
        }
        // not when its nickname was taken over meanwhile (here, or by its owner on another node)
        if (released && cluster.holder(room, nick) == null) {
            announce(room, nick, "user left", null);
        }
    }

    /** Tells every connection outside {@code room} that it has a new message (for unread counts). */
    private void roomActivity(String room, ChatMessage msg) {
        nsp.except(room).emit("room activity", new RoomActivity(room, msg.id()));
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
        nsp.to(socketId).emit("replaced", new MemberNotice(room, nick));
        nsp.in(socketId).disconnectSockets(false);
    }

    /** A join or leave notice to the room (but its subject), its members list, and the room's count to everyone. */
    private void announce(String room, String nick, String event, Socket subject) {
        List<String> nicks = nicks(room);
        (subject != null ? subject.to(room) : nsp.to(room)).emit(event, new MemberNotice(room, nick));
        presence(room, nicks);
        if (cluster.clustered()) {
            presenceAgainLater(room);
        }
    }

    private void presence(String room, List<String> nicks) {
        nsp.to(room).emit("presence", new PresenceNotice(room, nicks));
        nsp.emit("room online", new RoomOnline(room, nicks.size()));
    }

    /**
     * On several nodes: the room's list once more, a second later (see {@link ClusterPresence#clustered()}); on
     * the chat's timer thread, which exists on a cluster adapter only and stops with the namespace.
     */
    private void presenceAgainLater(String room) {
        try {
            timer().schedule(() -> {
                try {
                    db.execute(() -> presence(room, nicks(room)));
                } catch (RejectedExecutionException e) {
                    // the namespace is closing
                }
            }, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** The chat's timer thread, started at the first need (on a cluster adapter only). */
    private synchronized ScheduledExecutorService timer() {
        if (later == null) {
            later = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chat-presence-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return later;
    }

    /**
     * On a cluster adapter: the nodes are counted every {@value #NODE_WATCH_SECONDS} s (on the database threads: it
     * asks Redis), see {@link #checkNodes}. Nothing on a single node's in-memory adapter.
     */
    private void watchNodes() {
        if (nsp.adapter() instanceof InMemoryAdapter) {
            return;
        }
        try {
            timer().scheduleWithFixedDelay(() -> {
                if (!watching.compareAndSet(false, true)) {
                    return; // the last look has not ended (Redis slow or away)
                }
                try {
                    db.execute(() -> {
                        try {
                            checkNodes();
                        } finally {
                            watching.set(false);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    watching.set(false); // the namespace is closing
                }
            }, NODE_WATCH_SECONDS, NODE_WATCH_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Fewer servers than at the last look: a node went away, maybe without a word (killed, its machine gone, so
     * no "user left" came from it), and its users are still in the lists this node's sockets were sent. Each room's
     * list and count goes again to this node's own sockets; every node does the same for its own, so nobody is told
     * twice. The same when the count comes back up to what it was (the nodes of a dip are back, with their users). A
     * node that goes and comes back between two looks is not noticed (its users' joins correct the lists).
     */
    private void checkNodes() {
        int now = cluster.countServers();
        int before = watchedServers;
        if (now < 0) {
            return; // the cluster cannot be asked now: look again next time
        }
        watchedServers = now;
        int most = mostServers;
        mostServers = Math.max(most, now);
        if (now == before || (before < 0 && now <= 1)) {
            return;
        }
        if (before < 0 || now > most) {
            // a node this cluster never had so many of: its users' joins announce them
            LOG.log(Level.INFO, "chat: {0} server(s) in the cluster{1}", now, before < 0 ? "" : ", " + before + " before");
            return;
        }
        // fewer, or back to a count seen before: nodes that went (a Redis restart, where each node subscribes again
        // in its own time, makes the count dip too) may have taken their users out of the lists sent at the dip
        LOG.log(Level.INFO, "chat: {0} server(s) in the cluster, {1} before: sending this node''s members the "
                + "lists again", now, before);
        Map<String, List<ClusterPresence.Remote>> elsewhere = cluster.byRoom();
        for (ChatStore.Room r : store.rooms()) {
            String room = r.name();
            List<String> nicks = nicks(room, elsewhere.getOrDefault(room, List.of()));
            if (presence.count(room) > 0) {
                nsp.local().to(room).emit("presence", new PresenceNotice(room, nicks));
            }
            nsp.local().emit("room online", new RoomOnline(room, nicks.size()));
        }
    }

    private List<RoomOnline> roomList() {
        Map<String, Integer> elsewhere = cluster.counts();
        return store.rooms().stream()
                .map(r -> new RoomOnline(r.name(), presence.count(r.name()) + elsewhere.getOrDefault(r.name(), 0)))
                .toList();
    }

    private RoomOnline room(String name) {
        return new RoomOnline(name, presence.count(name) + cluster.in(name).size());
    }

    /** The room's nicknames on every node, sorted case-insensitively. */
    private List<String> nicks(String room) {
        return nicks(room, cluster.in(room));
    }

    /** The room's nicknames: this node's and the other nodes' {@code elsewhere}, sorted case-insensitively. */
    private List<String> nicks(String room, List<ClusterPresence.Remote> elsewhere) {
        List<String> nicks = new java.util.ArrayList<>(presence.nicks(room));
        java.util.Set<String> seen = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        seen.addAll(nicks);
        for (ClusterPresence.Remote r : elsewhere) {
            if (seen.add(r.nick())) {
                nicks.add(r.nick());
            }
        }
        nicks.sort(String.CASE_INSENSITIVE_ORDER);
        return nicks;
    }

    /**
     * The first thing wrong with a request carrying text, checked in this order: no member, the text, {@code other}
     * (the request's own fields), the member's rate (a token is taken only from a request otherwise valid); null
     * when there is none.
     */
    private String textRequestError(Member m, String text, Supplier<String> other) {
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
     * {@link #inOrder} for a request that needs a room: {@code work} gets the member's room as it is when the
     * request's turn comes (after the connection's earlier requests, a join among them), or the sender is told to
     * join one.
     */
    private CompletionStage<Object> inRoom(Member m, Function<String, Object> work) {
        return inOrder(m, () -> {
            String room = m.room;
            return room == null ? new ErrorReply("join a room first") : work.apply(room);
        });
    }

    /**
     * Runs database work off the transport thread, after the connection's earlier work; its result is the
     * acknowledgement. A failure is the framework's: logged, and answered {@code {"error":"internal server error"}}.
     */
    private CompletionStage<Object> inOrder(Member m, Supplier<Object> work) {
        synchronized (m) {
            CompletableFuture<Object> result = m.tail.thenApplyAsync(done -> work.get(), db);
            m.tail = result.handle((reply, failure) -> null); // the next request runs even after a failure
            return result;
        }
    }

    /** A request refused before any work: answered at once. */
    private static CompletionStage<Object> refuse(String error) {
        return CompletableFuture.completedFuture(new ErrorReply(error));
    }
}
