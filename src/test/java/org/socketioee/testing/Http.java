package org.socketioee.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small java.net.http client for polling requests: exact status, headers and body text. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url, String... headers) {
        return send(builder(url, headers).GET().build());
    }

    public static CompletableFuture<HttpResponse<String>> getAsync(String url, String... headers) {
        return CLIENT.sendAsync(builder(url, headers).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> post(String url, String body, String... headers) {
        return send(builder(url, headers).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    public static HttpResponse<String> post(String url, byte[] body, String... headers) {
        return send(builder(url, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public static HttpResponse<String> method(String method, String url, String... headers) {
        return send(builder(url, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpRequest.Builder builder(String url, String... headers) {
        // A guard against a hung server, not a measure: the first request to a JSP compiles it, which takes many
        // seconds on a loaded two-core machine (seen at 10 s in a run shared with other builds).
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest req) {
        try {
            return CLIENT.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
