package org.socketioee.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import org.socketioee.server.ConnectError;
import org.socketioee.server.Middleware;
import org.socketioee.server.Socket;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin namespace's middleware for {@code auth: {type: "basic"}}: the CONNECT's {@code auth} carries either a
 * session id handed out earlier, or {@code username} and {@code password}, checked against the bcrypt hash. A
 * success with credentials hands out a new session id in a {@code session} event (sent before the CONNECT
 * answer, as Node does); a failure is refused with {@code invalid credentials}.
 */
final class BasicAuthentication implements Middleware {
    /** Sessions kept at most; the oldest go first (Node's in-memory store keeps them all, forever). */
    private static final int MAX_SESSIONS = 10_000;
    private static final System.Logger LOG = System.getLogger(BasicAuthentication.class.getName());

    private final String username;
    private final byte[] passwordHash;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<String> sessionOrder = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final SecureRandom random = new SecureRandom();
    // bcryptjs uses the first 72 bytes of a longer password: the same here, so a hash made by either matches
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    BasicAuthentication(String username, String passwordHash) {
        this.username = username;
        this.passwordHash = passwordHash.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(Socket socket, Next next) {
        Map<String, Object> auth = socket.handshake().auth();
        if (auth.get("sessionId") instanceof String id && sessions.contains(id)) {
            next.accept();
            return;
        }
        // bcrypt takes about 0.1 s here, on the thread of the CONNECT: logins are rare, and Node spends it too
        if (username.equals(auth.get("username")) && auth.get("password") instanceof String password
                && matches(password)) {
            String id = newSessionId();
            socket.emit("session", id);
            next.accept();
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "socket.io admin: invalid credentials from {0}",
                socket.handshake().address());
        next.reject(new ConnectError("invalid credentials"));
    }

    /** Whether {@code password} is the one hashed, as bcryptjs compares ({@code $2a$}, {@code $2b$}, {@code $2y$}). */
    boolean matches(String password) {
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), passwordHash).verified;
    }

    /** 8 random bytes in hex, as Node's admin-ui makes them. */
    private String newSessionId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        sessions.add(id);
        sessionOrder.add(id);
        while (sessionOrder.size() > MAX_SESSIONS) {
            sessions.remove(sessionOrder.poll());
        }
        return id;
    }
}
