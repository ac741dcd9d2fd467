package org.socketioee.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A handler class as an application writes it; found by the container in the WebappTomcat test. */
@SocketNamespace("/annotated")
public class AnnotatedChat {
    static final BlockingQueue<String> DISCONNECTS = new LinkedBlockingQueue<>();

    public record Message(String user, String text, List<String> tags, byte[] attachment) {
    }

    @OnConnect
    public void hello(Socket socket) {
        socket.emit("hello", socket.namespace().name());
    }

    @OnEvent("post")
    public Message post(Message m) {
        return new Message(m.user().toUpperCase(), m.text(), m.tags(),
                m.attachment() == null ? null : new byte[] {(byte) m.attachment().length});
    }

    @OnEvent("sum")
    public void sum(List<Integer> numbers, Ack ack) {
        ack.send(numbers.stream().mapToInt(Integer::intValue).sum());
    }

    @OnEvent("size")
    public int size(byte[] data) {
        return data.length;
    }

    @OnEvent("keys")
    public void keys(Socket socket, Map<String, Integer> map, String suffix) {
        socket.emit("keys", map.keySet().stream().sorted().map(k -> k + suffix).toList());
    }

    @OnEvent("fail")
    public String fail() {
        throw new IllegalStateException("boom");
    }

    /** An application's IllegalArgumentException is an internal error too: its message stays on the server. */
    @OnEvent("reject")
    public String reject(String s) {
        throw new IllegalArgumentException("internal detail of " + s);
    }

    /** Acknowledged when the stage completes, from another thread. */
    @OnEvent("later")
    public CompletionStage<String> later(String s) {
        return CompletableFuture.supplyAsync(() -> s + " later");
    }

    @OnEvent("later fail")
    public CompletionStage<String> laterFail() {
        return CompletableFuture.failedFuture(new IllegalStateException("secret"));
    }

    @OnEvent("done")
    public CompletionStage<Void> done() {
        return CompletableFuture.runAsync(() -> { });
    }

    @OnDisconnect
    public void bye(Socket socket, DisconnectReason reason) {
        DISCONNECTS.add(socket.id() + " " + reason.text());
    }
}
