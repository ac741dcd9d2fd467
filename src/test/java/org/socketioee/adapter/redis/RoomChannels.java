package org.socketioee.adapter.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * The sharded protocol's room channels, seen from Redis ({@code redis-cli PUBSUB SHARDNUMSUB}). A node subscribes
 * to a room's channel when the room is created there, asynchronously, as Node's sharded adapter does: a broadcast
 * to the room sent before every node holding it has subscribed misses that node. Tests wait for it; and for the
 * entries of the streams protocol's stream, when their order matters.
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

    /**
     * Waits until the stream {@code stream} has {@code entries} entries: two nodes' entries are in the order Redis
     * got them, so a test that needs an order waits for each before the next.
     */
    static void awaitStream(String stream, long entries) {
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> redisCli("XLEN", stream).get(0).trim().equals(Long.toString(entries)));
    }

    private static List<String> redisCli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("redis-cli", "-h", "localhost", "-p", "6379"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(5, TimeUnit.SECONDS);
        return lines.isEmpty() ? List.of("") : lines;
    }

    private static long count(String channel) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-cli", "-h", "localhost", "-p", "6379", "PUBSUB", "SHARDNUMSUB", channel)
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(5, TimeUnit.SECONDS);
        return lines.size() >= 2 ? Long.parseLong(lines.get(1).trim()) : -1;
    }
}
