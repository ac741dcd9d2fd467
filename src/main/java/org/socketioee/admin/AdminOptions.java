package org.socketioee.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.util.Locale;
import java.util.function.Function;

/**
 * Options of the Admin UI's server side, as {@code instrument(io, opts)} takes them in Node.
 *
 * @param namespaceName the namespace the UI connects to ({@code /admin})
 * @param auth          basic: username and bcrypt hash; none: anybody reaching the server (Node's {@code auth: false})
 * @param username      basic auth's user name
 * @param passwordHash  basic auth's bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, as bcryptjs reads it)
 * @param readonly      no command (emit, join, leave, disconnect) is offered nor obeyed
 * @param mode          development: every socket, room and event is sent to the UI; production: counts only
 * @param serverId      names this server in the UI's server list (Node: the host name)
 */
public record AdminOptions(String namespaceName, Auth auth, String username, String passwordHash, boolean readonly,
                           Mode mode, String serverId) {

    public enum Auth { BASIC, NONE }

    public enum Mode { DEVELOPMENT, PRODUCTION }

    public AdminOptions {
        if (auth == Auth.BASIC) {
            if (username == null || username.isEmpty() || passwordHash == null) {
                throw new IllegalArgumentException("the Admin UI's basic auth needs socketio.admin.username and "
                        + "socketio.admin.passwordHash (or socketio.admin.auth=none)");
            }
            if (!BCrypt.verifyer().verify(new char[0], passwordHash.toCharArray()).validFormat) {
                throw new IllegalArgumentException("socketio.admin.passwordHash must be a valid bcrypt hash");
            }
        }
    }

    /** Basic auth in production mode, not readonly, on {@code /admin}. */
    public static AdminOptions basic(String username, String passwordHash) {
        return new AdminOptions("/admin", Auth.BASIC, username, passwordHash, false, Mode.PRODUCTION,
                defaultServerId());
    }

    public AdminOptions withReadonly(boolean r) {
        return new AdminOptions(namespaceName, auth, username, passwordHash, r, mode, serverId);
    }

    public AdminOptions withMode(Mode m) {
        return new AdminOptions(namespaceName, auth, username, passwordHash, readonly, m, serverId);
    }

    public AdminOptions withoutAuth() {
        return new AdminOptions(namespaceName, Auth.NONE, null, null, readonly, mode, serverId);
    }

    /**
     * From the {@code socketio.admin.*} parameters (context-params overridden by system properties), or null when
     * {@code socketio.admin.enabled} is not {@code true}: the Admin UI is off by default. A wrong value throws.
     */
    public static AdminOptions load(Function<String, String> param) {
        if (!"true".equalsIgnoreCase(param.apply("socketio.admin.enabled"))) {
            return null;
        }
        String auth = param.apply("socketio.admin.auth");
        String mode = param.apply("socketio.admin.mode");
        String serverId = param.apply("socketio.admin.serverId");
        return new AdminOptions("/admin",
                auth == null ? Auth.BASIC : choice(Auth.class, "socketio.admin.auth", auth),
                param.apply("socketio.admin.username"), param.apply("socketio.admin.passwordHash"),
                Boolean.parseBoolean(param.apply("socketio.admin.readonly")),
                mode == null ? Mode.PRODUCTION : choice(Mode.class, "socketio.admin.mode", mode),
                serverId == null ? defaultServerId() : serverId);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": unknown value \"" + value + "\"");
        }
    }

    /** As Node's admin-ui outside a cluster: the host name. */
    static String defaultServerId() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
