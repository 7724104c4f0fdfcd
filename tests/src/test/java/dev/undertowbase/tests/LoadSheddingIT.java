package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** README, Load shedding: LIMIT_CONCURRENCY answers 503 at once beyond N requests in flight. */
@EveryTag
class LoadSheddingIT {

    @Parameter
    String tag;

    @Test
    void limitOf4With20ConcurrentSlowRequestsGives4x200And16x503() throws Exception {
        try (Server server = ImageRun.of(tag).env("LIMIT_CONCURRENCY", "4").app(TestApps.jarApp(TestApps.DIAG)).start()) {
            assertEquals(4, server.config().get("limit_concurrency").asInt());
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // slow enough for all twenty to arrive while the first four are held
                responses.add(Http.getAsync(server.uri("/slow/6000"), Duration.ofSeconds(60)));
            }

            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                statuses.merge(response.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
            }

            assertEquals(Map.of(200, 4, 503, 16), statuses, server::logs);
            HttpResponse<String> shed = responses.stream().map(CompletableFuture::join)
                    .filter(response -> response.statusCode() == 503).findFirst().orElseThrow();
            assertEquals("1", shed.headers().firstValue("Retry-After").orElse(""));
            server.awaitStderr("LIMIT_CONCURRENCY=4 requests were in flight");
            assertEquals(200, server.get("/").statusCode(), "the places are free again");
        }
    }
}
