package org.socketioee.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point, as socket.io-client's {@code io(url, options)}:
 * <pre>{@code
 * Socket socket = IO.socket("http://localhost:8080/admin", ClientOptions.defaults().withAuth(Map.of("token", t)));
 * }</pre>
 * The URL's path is the namespace ({@code /} when absent), its query is added to the options' query. Sockets of
 * the same server share one {@link Manager} (one Engine.IO connection) unless {@link ClientOptions#forceNew()},
 * {@code !multiplex()}, or the namespace already has a socket there.
 */
public final class IO {
    private static final Map<String, Manager> MANAGERS = new ConcurrentHashMap<>();

    private IO() {
    }

    public static Socket socket(String url) {
        return socket(url, ClientOptions.defaults());
    }

    public static Socket socket(String url, ClientOptions options) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s)/ws(s) URL: " + url);
        }
        String nsp = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            Map<String, String> q = new LinkedHashMap<>(options.query());
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(k, v);
            }
            options = options.withQuery(q);
        }
        String key = uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + options.path();
        Manager io;
        if (options.forceNew() || !options.multiplex()) {
            io = new Manager(uri, options);
        } else {
            ClientOptions o = options;
            io = MANAGERS.compute(key, (k, m) -> m == null || m.hasNamespace(nsp) ? new Manager(uri, o) : m);
        }
        Socket socket = io.socket(nsp, options.auth());
        if (options.autoConnect()) {
            socket.connect();
        }
        return socket;
    }

    static void forget(Manager m) {
        MANAGERS.values().removeIf(x -> x == m);
    }
}
