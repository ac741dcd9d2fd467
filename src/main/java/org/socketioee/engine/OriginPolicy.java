package org.socketioee.engine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;

/**
 * Which browser origins may use the server: closed by default (same origin only), open to a configured list,
 * or to any origin with {@code *}. Checked on polling requests (with CORS headers) and on the WebSocket
 * handshake alike. Requests without an Origin header (non-browser clients) are not cross-origin and pass.
 */
final class OriginPolicy {
    private final List<String> allowed;
    private final boolean any;

    OriginPolicy(List<String> allowed) {
        this.allowed = allowed;
        this.any = allowed.contains("*");
    }

    boolean allows(String origin, String scheme, String host) {
        if (origin == null || any || allowed.contains(origin)) {
            return true;
        }
        return host != null && origin.equalsIgnoreCase(scheme + "://" + host);
    }

    /** CORS response headers for an allowed cross-origin request. */
    void addHeaders(HttpServletRequest req, HttpServletResponse res) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return;
        }
        if (any) {
            res.setHeader("Access-Control-Allow-Origin", "*");
        } else {
            res.setHeader("Access-Control-Allow-Origin", origin);
            res.setHeader("Access-Control-Allow-Credentials", "true");
            res.addHeader("Vary", "Origin");
        }
    }

    /** Answers a CORS preflight (OPTIONS) for an allowed origin. */
    void preflight(HttpServletRequest req, HttpServletResponse res) {
        addHeaders(req, res);
        res.setHeader("Access-Control-Allow-Methods", "GET,POST");
        String headers = req.getHeader("Access-Control-Request-Headers");
        if (headers != null) {
            res.setHeader("Access-Control-Allow-Headers", headers);
        }
        res.setHeader("Access-Control-Max-Age", "86400");
        res.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
