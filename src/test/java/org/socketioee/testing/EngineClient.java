package org.socketioee.testing;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw polling steps against a running server: handshake, GET and POST for one session id. */
public final class EngineClient {
    private static final Pattern SID = Pattern.compile("^0\\{\"sid\":\"([^\"]+)\"");
    public final String base;
    public final String sid;

    private EngineClient(String base, String sid) {
        this.base = base;
        this.sid = sid;
    }

    /** Opens a polling session at {@code baseUrl + path}. */
    public static EngineClient open(String baseUrl, String path) {
        String base = baseUrl + path + "?EIO=4&transport=polling";
        HttpResponse<String> res = Http.get(base);
        Matcher m = SID.matcher(res.body());
        if (res.statusCode() != 200 || !m.find()) {
            throw new AssertionError("handshake failed: " + res.statusCode() + " " + res.body());
        }
        return new EngineClient(base, m.group(1));
    }

    public String url() {
        return base + "&sid=" + sid;
    }

    public HttpResponse<String> get() {
        return Http.get(url());
    }

    public HttpResponse<String> post(String body) {
        return Http.post(url(), body, "Content-Type", "text/plain;charset=UTF-8");
    }
}
