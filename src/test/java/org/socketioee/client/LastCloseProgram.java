package org.socketioee.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A program using the client as an application does, run in a JVM of its own by {@link ClientThreadsTest} (the
 * surefire JVM has other tests' clients and Tyrus instances alive): two Managers, one on WebSocket and one on
 * polling, each asks for an ack; both are closed; then once more with a new Manager, to see the shared threads
 * re-created; then twenty times a Manager closing as the next one opens. Prints one line per step: {@code <step>: <threads started since main began, sorted>}.
 */
public final class LastCloseProgram {
    /** The names of the threads the client (its own, Tyrus', Grizzly's, HttpClient's) starts. */
    static final Pattern CLIENT_THREAD = Pattern.compile("(?i)socketio-client.*|.*tyrus.*|.*grizzly.*|HttpClient.*");

    private LastCloseProgram() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> before = names();
        String url = args[0];
        Socket ws = connect(url, ClientOptions.Transport.WEBSOCKET);
        Socket polling = connect(url, ClientOptions.Transport.POLLING);
        print("both open", before);
        ws.io().close();
        // the other Manager still holds the shared threads: its connection keeps working
        List<Object> answer = polling.timeout(Duration.ofSeconds(20)).emitWithAck("message-with-ack", "still here")
                .get(30, TimeUnit.SECONDS);
        System.out.println("polling after the first close: " + answer);
        polling.io().close();
        print("after the last close", waitForNoClientThreads(before));

        Socket again = connect(url, ClientOptions.Transport.WEBSOCKET);
        System.out.println("again: " + again.timeout(Duration.ofSeconds(20)).emitWithAck("message-with-ack", "again")
                .get(30, TimeUnit.SECONDS));
        again.disconnect(); // the last socket of its Manager: closes it

        // the last Manager closing while the next one opens: the new one gets threads of its own (or keeps the old
        // ones, when it came first), never a stopped executor (tyrus#640, see TyrusClientManager)
        int answered = 0;
        for (int i = 0; i < 20; i++) {
            Socket a = connect(url, ClientOptions.Transport.WEBSOCKET, false);
            a.io().close();
            Socket b = connect(url, ClientOptions.Transport.WEBSOCKET, false);
            if (b.timeout(Duration.ofSeconds(20)).emitWithAck("message-with-ack", i).get(30, TimeUnit.SECONDS).equals(List.of(i))) {
                answered++;
            }
            b.io().close();
        }
        System.out.println("closing while opening, answered: " + answered + " of 20");
        print("after the second last close", waitForNoClientThreads(before));
    }

    private static Socket connect(String url, ClientOptions.Transport transport) throws Exception {
        return connect(url, transport, true);
    }

    private static Socket connect(String url, ClientOptions.Transport transport, boolean say) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Socket s = IO.socket(url, ClientOptions.defaults().withForceNew(true).withTransports(transport)
                .withAutoConnect(false));
        s.onConnect(() -> connected.complete(null));
        s.connect();
        connected.get(30, TimeUnit.SECONDS); // a cold JVM on a busy machine: class loading takes a while
        if (!say) {
            return s;
        }
        System.out.println(transport.name().toLowerCase(java.util.Locale.ROOT) + ": " + s.timeout(Duration.ofSeconds(20)).emitWithAck("message-with-ack", transport.name().toLowerCase(java.util.Locale.ROOT))
                .get(30, TimeUnit.SECONDS));
        return s;
    }

    /**
     * Waits up to 20 s for the client's threads to end. On JDK 17 an HttpClient's selector thread ends only once the
     * client is garbage (HttpClient.close() came in 21), hence the collections.
     */
    private static Set<String> waitForNoClientThreads(Set<String> before) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end && started(before).stream().anyMatch(n -> CLIENT_THREAD.matcher(n).matches())) {
            System.gc();
            Thread.sleep(100);
        }
        return before;
    }

    private static void print(String step, Set<String> before) {
        System.out.println(step + ": " + started(before));
    }

    private static Set<String> started(Set<String> before) {
        Set<String> now = names();
        now.removeAll(before);
        return now;
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }
}
