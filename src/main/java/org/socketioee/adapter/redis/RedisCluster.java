package org.socketioee.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.RecoveryOptions;

import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One node's link to the Redis of a cluster, shared by the adapters of all its namespaces (Node's pubClient and
 * subClient): a connection to publish and ask PUBSUB NUMSUB, one subscribed connection, and the threads that
 * handle what arrives. Lettuce reconnects and resubscribes by itself after Redis went away; while it is away,
 * commands are refused at once (not queued), so cross-node requests fail fast and local delivery goes on.
 * {@link #close()} stops every thread it started (the application's undeploy calls it).
 * <p>
 * Every call into Lettuce is made on this cluster's own threads, in order ({@link #outbound}): Netty leaves a
 * ThreadLocal ({@code InternalThreadLocalMap}) on any thread that writes to a channel, which on a container thread
 * would keep the undeployed application's class loader alive; on ours it goes with them.
 */
public final class RedisCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());

    private final RedisAdapterOptions options;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> pub;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timers;
    private final Executor outbound; // calls into Lettuce, in submission order (a broadcast's order is kept)
    private final Map<String, RedisAdapter> byChannel = new ConcurrentHashMap<>();
    private final Map<String, RedisAdapter> byPattern = new ConcurrentHashMap<>();
    private final Map<String, ShardedRedisAdapter> byShardChannel = new ConcurrentHashMap<>();
    private final Map<String, RedisStreamsAdapter> byStreamsChannel = new ConcurrentHashMap<>();
    /** The streams adapters by stream, then namespace; each stream has its reader (a connection of its own). */
    private final Map<String, Map<String, RedisStreamsAdapter>> byStream = new ConcurrentHashMap<>();
    private final Map<String, StatefulRedisConnection<String, byte[]>> streamReaders = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Counts the publishing connection's reconnections. A failed publish is logged only if no failure of a publish
     * issued in the same (or a later) connection period was: a publish refused while Redis was away but handled on
     * the workers after Lettuce reconnected must not log the outage a second time.
     */
    private final AtomicLong connectedPeriod = new AtomicLong();
    private final AtomicLong publishFailureLoggedPeriod = new AtomicLong(-1);

    private RedisCluster(RedisAdapterOptions options) {
        this.options = options;
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("socket.io-redis-"));
        pool.allowCoreThreadTimeOut(true); // an idle node keeps no worker
        this.workers = pool;
        this.timers = new ScheduledThreadPoolExecutor(1, threads("socket.io-redis-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        timers.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.outbound = new SerialExecutor(workers);
        // created and connected on a worker too (see the class comment): nothing of Netty's on the caller's thread
        ClientResources res = null;
        try {
            res = workers.submit(() -> DefaultClientResources.builder().ioThreadPoolSize(2)
                    .computationThreadPoolSize(1).build()).get();
            ClientResources r = res;
            this.client = workers.submit(() -> {
                RedisClient c = RedisClient.create(r, RedisURI.create(options.uri()));
                c.setOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(options.requestsTimeout()))
                        .build());
                c.addListener(new ConnectionLog());
                return c;
            }).get();
            // channels as strings, messages as bytes; built here: StringCodec's first use caches a charset encoder
            // in a Netty ThreadLocal of the thread that makes it
            this.pub = workers.submit(() -> client.connect(codec())).get();
            this.sub = workers.submit(() -> client.connectPubSub(codec())).get();
            this.resources = res;
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (res != null) {
                ClientResources r = res;
                try {
                    workers.submit(() -> r.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS)).get();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            shutdownThreads();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("redis adapter: cannot connect to " + options.uri() + ": "
                    + message(cause), cause);
        }
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                RedisAdapter a = byChannel.get(channel);
                if (a != null) {
                    a.onRequestChannelMessage(channel, message);
                }
                RedisStreamsAdapter s = byStreamsChannel.get(channel);
                if (s != null) {
                    s.onChannelMessage(channel, message);
                }
            }

            @Override
            public void message(String pattern, String channel, byte[] message) {
                RedisAdapter a = byPattern.get(pattern);
                if (a != null) {
                    a.onBroadcastMessage(channel, message);
                }
            }

            @Override
            public void smessage(String channel, byte[] message) {
                ShardedRedisAdapter a = byShardChannel.get(channel);
                if (a != null) {
                    a.onShardMessage(channel, message);
                }
            }
        });
        LOG.log(Level.INFO, "redis adapter: connected to {0} (prefix {1})", options.uri(), options.prefix());
    }

    private static RedisCodec<String, byte[]> codec() {
        return RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    }

    /** Connects to the Redis of {@code options}; fails when it cannot be reached now. */
    public static RedisCluster connect(RedisAdapterOptions options) {
        return new RedisCluster(options);
    }

    public RedisAdapterOptions options() {
        return options;
    }

    /** The adapter factory for {@code ServerOptions.withAdapter}; recovery (null: off) stays on each node. */
    public Function<AdapterNamespace, Adapter> adapterFactory(RecoveryOptions recovery) {
        return nsp -> new RedisAdapter(nsp, this, recovery);
    }

    /** Same as {@link #adapterFactory(RecoveryOptions)} without connection state recovery. */
    public Function<AdapterNamespace, Adapter> adapterFactory() {
        return adapterFactory(null);
    }

    /**
     * The factory of adapters speaking {@code @socket.io/redis-adapter}'s sharded protocol ({@code
     * createShardedAdapter}: Redis 7's SPUBLISH/SSUBSCRIBE, the messages of socket.io-adapter's ClusterAdapter),
     * with this cluster's {@link RedisAdapterOptions#subscriptionMode()}; recovery (null: off) stays on each node.
     */
    public Function<AdapterNamespace, Adapter> shardedAdapterFactory(RecoveryOptions recovery) {
        return nsp -> new ShardedRedisAdapter(nsp, this, recovery);
    }

    // ---- used by the adapters --------------------------------------------------------------------------------

    CompletableFuture<Void> subscribe(RedisAdapter a, String pattern, String... channels) {
        byPattern.put(pattern, a);
        for (String c : channels) {
            byChannel.put(c, a);
        }
        return onLettuce(() -> sub.async().psubscribe(pattern))
                .thenCompose(v -> onLettuce(() -> sub.async().subscribe(channels)))
                .thenApply(v -> (Void) null)
                .exceptionally(e -> {
                    // subscribed again once connected (subscribeAgain): the adapter works from then on
                    LOG.log(Level.WARNING, "redis adapter: subscribing {0} failed for now: {1}", pattern, message(e));
                    return null;
                });
    }

    void unsubscribe(String pattern, String... channels) {
        byPattern.remove(pattern);
        for (String c : channels) {
            byChannel.remove(c);
        }
        if (!closed.get() && sub.isOpen()) {
            onLettuce(() -> sub.async().punsubscribe(pattern));
            onLettuce(() -> sub.async().unsubscribe(channels));
        }
    }

    /**
     * The factory of adapters speaking {@code @socket.io/redis-streams-adapter} 0.3.1's protocol: what must reach
     * every node goes through the Redis stream named by the prefix, whose entry ids are the offsets of connection
     * state recovery (with {@code recovery} on, a client recovers on any node); the sessions wait in Redis.
     */
    public Function<AdapterNamespace, Adapter> streamsAdapterFactory(RecoveryOptions recovery) {
        return nsp -> new RedisStreamsAdapter(nsp, this, recovery);
    }

    /** Plain channels of a streams adapter (its ephemeral messages and answers). */
    CompletableFuture<Void> subscribe(RedisStreamsAdapter a, String... channels) {
        for (String c : channels) {
            byStreamsChannel.put(c, a);
        }
        return onLettuce(() -> sub.async().subscribe(channels)).exceptionally(e -> {
            LOG.log(Level.WARNING, "redis adapter: subscribing {0} failed for now: {1}", String.join(", ", channels),
                    message(e));
            return null;
        });
    }

    void unsubscribe(RedisStreamsAdapter a, String... channels) {
        for (String c : channels) {
            byStreamsChannel.remove(c);
        }
        if (!closed.get() && sub.isOpen()) {
            onLettuce(() -> sub.async().unsubscribe(channels));
        }
    }

    /**
     * Delivers the entries of {@code stream} for namespace {@code nsp} to {@code a}, from the first entry added
     * after this call: each stream is read by a connection of its own, blocked in XREAD (Node's adapter does the
     * same), for as long as a namespace follows it.
     */
    void follow(String stream, String nsp, RedisStreamsAdapter a) {
        Map<String, RedisStreamsAdapter> namespaces = byStream.computeIfAbsent(stream, k -> new ConcurrentHashMap<>());
        namespaces.put(nsp, a);
        streamReaders.computeIfAbsent(stream, k -> {
            try {
                return workers.submit(() -> { // on our threads, as every call into Lettuce (class comment)
                    StatefulRedisConnection<String, byte[]> reader = client.connect(codec());
                    // where the stream ends now ("$" in each XREAD would lose what arrives between two of them)
                    List<StreamMessage<String, byte[]>> last = reader.sync().xrevrange(stream, Range.create("-", "+"),
                            Limit.create(0, 1));
                    read(reader, stream, last.isEmpty() ? "0-0" : last.get(0).getId());
                    return reader;
                }).get();
            } catch (Exception e) {
                throw new IllegalStateException("redis adapter: cannot read the stream " + stream + ": " + message(e), e);
            }
        });
    }

    void unfollow(String stream, String nsp) {
        Map<String, RedisStreamsAdapter> namespaces = byStream.get(stream);
        if (namespaces != null) {
            namespaces.remove(nsp);
        }
    }

    private void read(StatefulRedisConnection<String, byte[]> reader, String stream, String after) {
        if (closed.get()) {
            return;
        }
        if (!reader.isOpen()) {
            // Lettuce's isOpen is false while it reconnects too, not only once closed: Redis away longer than the
            // command timeout, the read blocked when it went has failed, and stopping here stopped this node hearing
            // the other nodes for good. Again in a second, from where it was (a closed cluster ends the loop above).
            timers.schedule(() -> read(reader, stream, after), 1, TimeUnit.SECONDS);
            return;
        }
        // blocked for less than the command timeout, which would otherwise end the read as failed
        long block = Math.max(100, Math.min(5000, options.requestsTimeout().toMillis() / 2));
        reader.async().xread(XReadArgs.Builder.block(block).count(100), XReadArgs.StreamOffset.from(stream, after))
                .whenCompleteAsync((entries, e) -> {
                    String next = after;
                    if (e != null) {
                        if (closed.get()) {
                            return;
                        }
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        if (cause instanceof io.lettuce.core.RedisCommandTimeoutException) {
                            read(reader, stream, after); // a slow answer (a busy machine): at once again
                        } else { // Redis away: the connection log says so; again in a second
                            timers.schedule(() -> read(reader, stream, after), 1, TimeUnit.SECONDS);
                        }
                        return;
                    }
                    for (StreamMessage<String, byte[]> entry : entries) {
                        next = entry.getId();
                        byte[] nsp = entry.getBody().get("nsp");
                        Map<String, RedisStreamsAdapter> namespaces = byStream.get(stream);
                        RedisStreamsAdapter a = nsp == null || namespaces == null ? null
                                : namespaces.get(new String(nsp, StandardCharsets.UTF_8));
                        if (a != null) {
                            a.onStreamEntry(entry.getId(), entry.getBody());
                        }
                    }
                    read(reader, stream, next);
                }, workers);
    }

    /** XADD with {@code MAXLEN ~ maxLen}: the entry's id. */
    CompletableFuture<String> xadd(String stream, Map<String, byte[]> fields, long maxLen) {
        return onLettuce(() -> pub.async().xadd(stream, XAddArgs.Builder.maxlen(maxLen).approximateTrimming(), fields))
                .handleAsync((id, e) -> {
                    if (e != null) {
                        throw new CompletionException(unreachable("cannot publish to the other nodes", e));
                    }
                    return id;
                }, workers);
    }

    /** The entries of {@code stream} from {@code from} to {@code to} (inclusive; "+" for the end). */
    CompletableFuture<List<StreamMessage<String, byte[]>>> xrange(String stream, String from, String to) {
        return onLettuce(() -> pub.async().xrange(stream, Range.create(from, to)));
    }

    /** SET with PX: a session waiting for its client. */
    CompletableFuture<Void> setPx(String key, byte[] value, Duration ttl) {
        return onLettuce(() -> pub.async().set(key, value, SetArgs.Builder.px(ttl.toMillis()))).thenApply(ok -> null);
    }

    /** Deletes {@code key} if it still holds {@code value} (nobody wrote it since): one script, atomic. */
    CompletableFuture<Void> deleteIfEquals(String key, byte[] value) {
        return onLettuce(() -> pub.async().<Long>eval(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
                io.lettuce.core.ScriptOutputType.INTEGER, new String[] {key}, value)).thenApply(n -> null);
    }

    /** GETDEL: a session taken, so that it is restored once only. */
    CompletableFuture<byte[]> getdel(String key) {
        return onLettuce(() -> pub.async().getdel(key));
    }

    /** Sharded channels: SSUBSCRIBE (Redis 7); Lettuce subscribes them again after a reconnection. */
    CompletableFuture<Void> ssubscribe(ShardedRedisAdapter a, String... channels) {
        for (String c : channels) {
            byShardChannel.put(c, a);
        }
        return onLettuce(() -> sub.async().ssubscribe(channels))
                .exceptionally(e -> {
                    LOG.log(Level.WARNING, "redis adapter: subscribing {0} failed for now: {1}",
                            String.join(", ", channels), message(e));
                    return null;
                });
    }

    void sunsubscribe(String... channels) {
        for (String c : channels) {
            byShardChannel.remove(c);
        }
        if (!closed.get() && sub.isOpen()) {
            onLettuce(() -> sub.async().sunsubscribe(channels));
        }
    }

    /** Publishes; a failure (Redis away) is logged once per outage and fails the future with a clear error. */
    CompletableFuture<Void> publish(String channel, byte[] message) {
        return published(connectedPeriod.get(), onLettuce(() -> pub.async().publish(channel, message)));
    }

    /** {@link #publish} on a sharded channel: SPUBLISH. */
    CompletableFuture<Void> spublish(String channel, byte[] message) {
        return published(connectedPeriod.get(), onLettuce(() -> pub.async().spublish(channel, message)));
    }

    private CompletableFuture<Void> published(long period, CompletableFuture<Long> sent) {
        // completed on the workers: a caller's continuation never runs on (or blocks) Lettuce's I/O thread
        return sent
                .handleAsync((n, e) -> {
                    if (e == null) {
                        return null;
                    }
                    IllegalStateException err = unreachable("cannot publish to the other nodes", e);
                    if (!closed.get() && publishFailureLoggedPeriod.getAndAccumulate(period, Math::max) < period) {
                        LOG.log(Level.WARNING, err.getMessage() + " (logged once until Redis is back)");
                    }
                    throw new CompletionException(err);
                }, workers);
    }

    /** The number of subscribers of {@code channel}: every node subscribes its namespaces' request channels. */
    CompletableFuture<Integer> numsub(String channel) {
        return count(channel, onLettuce(() -> pub.async().pubsubNumsub(channel)));
    }

    /** The number of subscribers of a sharded channel (PUBSUB SHARDNUMSUB). */
    CompletableFuture<Integer> shardNumsub(String channel) {
        return count(channel, onLettuce(() -> pub.async().pubsubShardNumsub(channel)));
    }

    private CompletableFuture<Integer> count(String channel, CompletableFuture<Map<String, Long>> counts) {
        return counts
                .handleAsync((counted, e) -> {
                    if (e != null) {
                        throw new CompletionException(unreachable("cannot count the nodes of the cluster", e));
                    }
                    Long n = counted.get(channel);
                    return n == null ? 0 : n.intValue();
                }, workers);
    }

    /** Calls Lettuce on {@link #outbound}, in order; the result completes wherever Lettuce completes it. */
    private <T> CompletableFuture<T> onLettuce(java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            outbound.execute(() -> {
                try {
                    call.get().whenComplete((v, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(v);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("redis adapter: closed"));
        }
        return result;
    }

    /** A handler of one namespace's messages, in order, on the shared worker threads. */
    Executor serialExecutor() {
        return new SerialExecutor(workers);
    }

    ScheduledFuture<?> scheduleEvery(Runnable task, Duration period) {
        return timers.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private IllegalStateException unreachable(String what, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("redis adapter: " + what + ": Redis at " + options.uri()
                + " is unreachable (" + message(cause) + ")", cause);
    }

    private static String message(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** Closes the connections and stops every thread (Lettuce's and this cluster's); later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // after what is queued (the disconnections' broadcasts of a closing server), on a worker
            CompletableFuture<Void> done = new CompletableFuture<>();
            outbound.execute(() -> {
                try {
                    streamReaders.values().forEach(StatefulRedisConnection::close);
                    sub.close();
                    pub.close();
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                    resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
                    done.complete(null);
                } catch (Exception | Error e) {
                    done.completeExceptionally(e);
                }
            });
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "redis adapter: closing the Redis client: " + message(e));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            shutdownThreads();
        }
        LOG.log(Level.INFO, "redis adapter: disconnected from {0}", options.uri());
    }

    private void shutdownThreads() {
        workers.shutdownNow();
        timers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS); // no thread outlives the webapp
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The subscriber is back after Redis went away: every channel this node listens to, subscribed again. Lettuce
     * subscribes again only what Redis had confirmed, and with commands rejected while disconnected, a subscription
     * asked for meanwhile or in flight when the connection broke (a room created then, in sharded mode) was lost:
     * the node would never again hear that room's broadcasts from the other nodes. Subscribing twice is harmless.
     */
    private void subscribeAgain() {
        String[] patterns = byPattern.keySet().toArray(String[]::new);
        String[] channels = java.util.stream.Stream.concat(byChannel.keySet().stream(),
                byStreamsChannel.keySet().stream()).toArray(String[]::new);
        String[] shardChannels = byShardChannel.keySet().toArray(String[]::new);
        if (patterns.length > 0) {
            resubscribed(onLettuce(() -> sub.async().psubscribe(patterns)), patterns);
        }
        if (channels.length > 0) {
            resubscribed(onLettuce(() -> sub.async().subscribe(channels)), channels);
        }
        if (shardChannels.length > 0) {
            resubscribed(onLettuce(() -> sub.async().ssubscribe(shardChannels)), shardChannels);
        }
    }

    private void resubscribed(CompletableFuture<Void> done, String[] channels) {
        done.exceptionally(e -> {
            // gone again already: the next reconnection subscribes them again
            LOG.log(Level.WARNING, "redis adapter: subscribing {0} again failed for now: {1}",
                    String.join(", ", channels), message(e));
            return null;
        });
    }

    /** One WARNING when Redis goes away, one INFO when Lettuce has reconnected: as the publishing connection sees it. */
    private final class ConnectionLog implements RedisConnectionStateListener {
        private final AtomicBoolean down = new AtomicBoolean();

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            // the publishing connection tells: the others (subscriber, stream readers) go and come back with it,
            // in any order, and a publish failing after one of them is back would be logged a second time
            if (connection != pub) {
                return;
            }
            if (!closed.get() && down.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "redis adapter: lost the connection to {0}; serving this node''s sockets "
                        + "only, reconnecting", options.uri());
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (connection == sub && !closed.get()) {
                subscribeAgain();
            }
            if (connection == pub && down.compareAndSet(true, false)) {
                connectedPeriod.incrementAndGet();
                LOG.log(Level.INFO, "redis adapter: reconnected to {0}", options.uri());
            }
        }
    }
}
