package org.socketioee.client.example;

import org.socketioee.client.ClientOptions;
import org.socketioee.client.ConnectError;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A command-line client of the chat application (namespace {@code /chat} of the WAR): joins a room with a
 * nickname, prints its recent history and every message, presence notice and private message (with its sender);
 * every line typed is sent as a message (shown once stored), {@code /msg nick text} sends a private one (confirmed
 * once delivered). A connection that fails is explained in words (refused: is the server running?). Ctrl-D quits.
 * <pre>
 *   java -cp … org.socketioee.client.example.ChatCli [url] [nickname] [room]
 *   (defaults: http://localhost:8080/chat, your user name, general)
 * </pre>
 * Listeners run on the client's event-loop thread; the main thread only reads stdin and emits, which is safe from
 * any thread.
 */
public final class ChatCli {
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private ChatCli() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:8080/chat";
        String nick = args.length > 1 ? args[1] : System.getProperty("user.name", "anonymous");
        String room = args.length > 2 ? args[2] : "general";
        run(url, nick, room, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
        System.exit(0);
    }

    /** Chats until {@code in} ends; everything shown goes to {@code out}. */
    public static void run(String url, String nick, String room, BufferedReader in, PrintStream out) throws Exception {
        Socket socket = IO.socket(url, ClientOptions.defaults());
        // lines are sent once the room is joined: the client would flush them before the (re)join otherwise
        AtomicReference<CompletableFuture<Void>> joined = new AtomicReference<>(new CompletableFuture<>());
        // (re)join on every connection: after a reconnection the server knows this client no longer
        socket.onConnect(() -> socket.timeout(ANSWER).emitWithAck("join", Map.of("room", room, "nick", nick))
                .whenComplete((answer, err) -> {
                    if (err == null && onJoined(answer, out)) {
                        joined.get().complete(null);
                    } else {
                        if (err != null) {
                            out.println("* cannot join: " + err.getMessage());
                        }
                        joined.get().completeExceptionally(new IllegalStateException("not in the room"));
                    }
                }));
        socket.onDisconnect(reason -> {
            out.println("* disconnected: " + reason);
            joined.updateAndGet(f -> f.isDone() ? new CompletableFuture<>() : f);
        });
        socket.onConnectError(err -> out.println("* " + connectError(err, URI.create(url))));
        socket.io().onReconnectAttempt(n -> out.println("* reconnecting (attempt " + n + ")"));
        socket.on("message", e -> out.println(line(e.args().get(0))));
        socket.on("private", e -> out.println("(private) " + field(e.args().get(0), "from") + ": "
                + field(e.args().get(0), "text")));
        socket.on("user joined", e -> out.println("* " + field(e.args().get(0), "nick") + " joined"));
        socket.on("user left", e -> out.println("* " + field(e.args().get(0), "nick") + " left"));

        for (String text; (text = in.readLine()) != null; ) {
            if (text.isBlank()) {
                continue;
            }
            try {
                joined.get().get(); // typed before the join or while reconnecting: waits, in order, on this thread
            } catch (java.util.concurrent.ExecutionException notJoined) {
                out.println("* not sent: " + notJoined.getCause().getMessage());
                continue;
            }
            boolean isPrivate = text.startsWith("/msg ") && text.indexOf(' ', 5) > 5;
            Map<String, Object> request = isPrivate
                    ? Map.of("to", text.substring(5, text.indexOf(' ', 5)), "text", text.substring(text.indexOf(' ', 5) + 1))
                    : Map.of("text", text);
            socket.timeout(ANSWER).emitWithAck(isPrivate ? "private" : "message", request).whenComplete((answer, err) -> {
                Object first = answer == null || answer.isEmpty() ? null : answer.get(0);
                if (err != null || field(first, "error") != null) {
                    out.println("* not sent: " + (err != null ? err.getMessage() : field(first, "error")));
                } else if (isPrivate) {
                    out.println("(private to " + field(first, "to") + ") " + request.get("text")); // delivered
                } else {
                    out.println(line(field(first, "message"))); // stored: the server acknowledged it
                }
            });
        }
        socket.disconnect();
        socket.io().close();
    }

    /** Prints the join's outcome (and the room's history); whether the room was joined. */
    private static boolean onJoined(List<Object> answer, PrintStream out) {
        Object res = answer.isEmpty() ? null : answer.get(0);
        if (field(res, "error") != null) {
            out.println("* cannot join: " + field(res, "error"));
            return false;
        }
        out.println("* joined " + field(res, "room") + " as " + field(res, "nick") + "; online: " + field(res, "members"));
        if (field(res, "messages") instanceof List<?> history) {
            history.forEach(m -> out.println(line(m)));
        }
        return true;
    }

    /**
     * Why the connection failed, in words: a refused connection, an unknown host or no answer are the usual ones
     * (the server is not started, or the URL is wrong); the exception's own text otherwise.
     */
    static String connectError(ConnectError err, URI url) {
        String server = url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80);
        if (err.getCause() == null) {
            return "refused by the server: " + err.getMessage(); // a middleware's CONNECT_ERROR
        }
        for (Throwable t = err.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "cannot connect to " + server + ": connection refused. Is the server running? "
                        + "(`mvn package cargo:run` starts it on port 8080)";
            }
            if (t instanceof UnknownHostException) {
                return "cannot connect to " + server + ": unknown host " + url.getHost();
            }
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return "cannot connect to " + server + ": no answer in time";
            }
        }
        return "cannot connect to " + server + ": " + err.getCause();
    }

    private static String line(Object message) {
        return field(message, "nick") + ": " + field(message, "text");
    }

    private static Object field(Object map, String name) {
        return map instanceof Map<?, ?> m ? m.get(name) : null;
    }
}
