package dev.undertowbase.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP/1.1 requests against a container's mapped port. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    /** @param headers name/value pairs */
    static HttpResponse<String> get(URI uri, String... headers) {
        try {
            return CLIENT.send(request(uri, Duration.ofSeconds(15), headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + uri, e);
        }
    }

    /** Any method, with a body (null: none), as for a JSON API. */
    static HttpResponse<String> send(String method, URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method + " " + uri, e);
        }
    }

    /** One attempt that may fail: for readiness probes. */
    static Optional<HttpResponse<String>> tryGet(URI uri) {
        try {
            return Optional.of(CLIENT.send(request(uri, Duration.ofSeconds(2)), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + uri, e);
        }
    }

    /** @param headers name/value pairs */
    static CompletableFuture<HttpResponse<String>> getAsync(URI uri, Duration timeout, String... headers) {
        return CLIENT.sendAsync(request(uri, timeout, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI uri, Duration timeout, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }
}
