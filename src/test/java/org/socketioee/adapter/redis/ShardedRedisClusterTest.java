package org.socketioee.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.redis.RedisAdapterOptions.SubscriptionMode;
import org.socketioee.testing.LocalRedis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisClusterTest}'s operations on the sharded protocol ({@code createShardedAdapter}: SPUBLISH and
 * SSUBSCRIBE), and what travels: the exact messages on the channels, read by a subscriber of our own, and which
 * room channels each subscription mode subscribes.
 */
class ShardedRedisClusterTest extends RedisClusterTest {
    @Override
    boolean sharded() {
        return true;
    }

    /** A sharded subscriber of the given channels; each message as "channel message" (MessagePack as hex). */
    private static final class Observer implements AutoCloseable {
        final RedisClient client = RedisClient.create(LocalRedis.URI);
        final StatefulRedisPubSubConnection<String, byte[]> sub =
                client.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        final io.lettuce.core.api.StatefulRedisConnection<String, String> commands = client.connect();
        final BlockingQueue<String[]> messages = new LinkedBlockingQueue<>();

        Observer(String... channels) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(String channel, byte[] message) {
                    messages.add(new String[] {channel, message[0] == '{'
                            ? new String(message, StandardCharsets.UTF_8) : java.util.HexFormat.of().formatHex(message)});
                }
            });
            sub.sync().ssubscribe(channels);
        }

        String[] next() throws InterruptedException {
            String[] m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }

        long subscribers(String channel) {
            return commands.sync().pubsubShardNumsub(channel).get(channel);
        }

        @Override
        public void close() {
            sub.close();
            commands.close();
            client.shutdown();
        }
    }

    private String ns() {
        return options.prefix() + "#/#";
    }

    @Test
    void aRoomBroadcastTravelsOnTheRoomsOwnChannelAsNodeWritesIt() throws Exception {
        ClusterClient b1 = client(b, "b1", "r");
        try (Observer o = new Observer(ns(), ns() + "r#")) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> o.subscribers(ns() + "r#") == 2); // B and us
            a.io.to("r").emit("msg", "to r", 1);
            String[] m = o.next();
            assertThat(m[0]).isEqualTo(ns() + "r#");
            assertThat(m[1]).matches("\\{\"type\":3,\"data\":\\{\"packet\":\\{\"type\":2,\"data\":\\[\"msg\",\"to r\",1],"
                    + "\"nsp\":\"/\"},\"opts\":\\{\"rooms\":\\[\"r\"],\"except\":\\[],\"flags\":\\{}}},"
                    + "\"uid\":\"[0-9a-f]{16}\",\"nsp\":\"/\"}");
            assertThat(b1.next()).isEqualTo("msg [to r,1]");

            // binary: MessagePack, on the namespace's channel (no room): a fixmap of 4 whose first key is "type"
            a.io.emit("bin", new byte[] {7});
            m = o.next();
            assertThat(m[0]).isEqualTo(ns());
            assertThat(m[1]).startsWith("84a47479706503a464617461");
            assertThat(Notepack.decode(java.util.HexFormat.of().parseHex(m[1]))).isInstanceOf(Map.class)
                    .satisfies(v -> assertThat(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) v).get("data")).get("packet")).get("data"))
                            .isInstanceOf(List.class));
            assertThat(b1.next()).isEqualTo("bin [bin:07]");

            // to one socket by id: the namespace's channel (ids are not rooms with a channel in "dynamic")
            a.io.to(b1.id()).emit("direct", "d");
            assertThat(o.next()[0]).isEqualTo(ns());
            assertThat(b1.next()).isEqualTo("direct [d]");
        }
    }

    @Test
    void aNodeSubscribesToARoomsChannelWhileItHasTheRoom() throws Exception {
        try (Observer o = new Observer(ns())) {
            ClusterClient b1 = client(b, "b1", "r");
            await().atMost(5, TimeUnit.SECONDS).until(() -> o.subscribers(ns() + "r#") == 1);
            assertThat(o.subscribers(ns() + b1.id() + "#")).isZero(); // a socket's own room has none
            b1.close();
            await().atMost(5, TimeUnit.SECONDS).until(() -> o.subscribers(ns() + "r#") == 0);
        }
    }

    @Test
    void theDynamicPrivateModeGivesASocketsOwnRoomAChannelToo() throws Exception {
        options = options.withSubscriptionMode(SubscriptionMode.DYNAMIC_PRIVATE);
        JavaNode e = node("E");
        JavaNode f = node("F");
        awaitServers(e, 4);
        ClusterClient f1 = client(f, "f1", null);
        try (Observer o = new Observer(ns() + f1.id() + "#")) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> o.subscribers(ns() + f1.id() + "#") == 2); // F and us
            e.io.to(f1.id()).emit("direct", "to f1");
            assertThat(o.next()[1]).contains("\"rooms\":[\"" + f1.id() + "\"]");
            assertThat(f1.next()).isEqualTo("direct [to f1]");
        }
    }

    @Test
    void theStaticModeSendsEverythingOnTheNamespacesChannel() throws Exception {
        options = options.withSubscriptionMode(SubscriptionMode.STATIC);
        JavaNode c = node("C");
        JavaNode d = node("D");
        awaitServers(c, 4); // A and B (dynamic) are there too, on the same prefix
        ClusterClient d1 = client(d, "d1", "s");
        try (Observer o = new Observer(ns())) {
            assertThat(o.subscribers(ns() + "s#")).isZero();
            c.io.to("s").emit("msg", "to s");
            assertThat(o.next()[0]).isEqualTo(ns());
            assertThat(d1.next()).isEqualTo("msg [to s]");
        }
    }
}
