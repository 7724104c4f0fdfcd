package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.H2c;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** README, HTTP/2 and TLS: the cleartext listener speaks h2c by prior knowledge and by Upgrade, by default. */
@EveryTag
class Http2IT {

    @Parameter
    String tag;

    @Test
    void cleartextListenerAnswersHttp2ByPriorKnowledgeAndByUpgrade() throws Exception {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).start()) {
            int priorKnowledge;
            try (H2c connection = H2c.open(server.mappedPort(), Duration.ofSeconds(15))) {
                connection.get(1, "/?via=prior-knowledge");
                priorKnowledge = connection.readUntil("the response", frame -> frame.type() == H2c.HEADERS).status();
            }
            HttpResponse<String> upgraded;
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
                upgraded = client.send(HttpRequest.newBuilder(server.uri("/?via=upgrade")).timeout(Duration.ofSeconds(15)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }

            assertEquals(200, priorKnowledge);
            assertEquals(HttpClient.Version.HTTP_2, upgraded.version());
            assertEquals(200, upgraded.statusCode());
            assertTrue(server.config().get("http2").asBoolean(), server::logs);
            server.awaitStdout("\"GET /?via=prior-knowledge HTTP/2.0\" 200");
            server.awaitStdout("\"GET /?via=upgrade HTTP/2.0\" 200");
        }
    }
}
