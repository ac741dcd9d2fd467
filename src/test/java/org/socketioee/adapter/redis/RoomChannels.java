package org.socketioee.adapter.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * The sharded protocol's room channels, seen from Redis ({@code redis-cli PUBSUB SHARDNUMSUB}). A node subscribes
 * to a room's channel when the room is created there, asynchronously, as Node's sharded adapter does: a broadcast
 * to the room sent before every node holding it has subscribed misses that node. Tests wait for it.
 */
final class RoomChannels {
    private RoomChannels() {
    }

    /** Waits until {@code <prefix>#/#<room>#} has {@code subscribers} subscribers (one per node with the room). */
    static void await(String prefix, String room, int subscribers) {
        String channel = prefix + "#/#" + room + "#";
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> count(channel) == subscribers);
    }

    private static long count(String channel) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-cli", "-h", "localhost", "-p", "6379", "PUBSUB", "SHARDNUMSUB", channel)
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(5, TimeUnit.SECONDS);
        return lines.size() >= 2 ? Long.parseLong(lines.get(1).trim()) : -1;
    }
}
