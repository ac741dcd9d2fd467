package org.socketioee.client.example;

import org.socketioee.client.ClientOptions;
import org.socketioee.client.IO;
import org.socketioee.client.Socket;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A command-line client of the Socket.IO "get started" chat: every line typed is emitted as
 * {@code "chat message"}, every {@code "chat message"} the server broadcasts is printed. Ctrl-D (end of input)
 * quits.
 * <pre>
 *   java -cp … org.socketioee.client.example.ChatCli [url] [nickname]     (url default http://localhost:8080/chat)
 * </pre>
 * Listeners run on the client's event-loop thread; this main thread only reads stdin and emits, which is safe from
 * any thread.
 */
public final class ChatCli {
    private ChatCli() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:8080/chat";
        String nick = args.length > 1 ? args[1] : System.getProperty("user.name", "anonymous");
        Socket socket = IO.socket(url, ClientOptions.defaults());
        socket.onConnect(() -> System.out.println("* connected to " + url + " as " + socket.id()
                + " (" + socket.io().transport() + ")"));
        socket.onDisconnect(reason -> System.out.println("* disconnected: " + reason));
        socket.onConnectError(err -> System.out.println("* cannot connect: " + err.getMessage()));
        socket.io().onReconnectAttempt(n -> System.out.println("* reconnecting (attempt " + n + ")"));
        socket.on("chat message", String.class, msg -> System.out.println(msg));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) {
                socket.emit("chat message", nick + ": " + line);
            }
        }
        socket.disconnect();
        Thread.sleep(300); // lets the DISCONNECT and CLOSE packets go out before the JVM ends
        System.exit(0);
    }
}
