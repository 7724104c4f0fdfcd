package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** README, Probes and health checks: the server's own probes, and Docker's HEALTHCHECK on every tag. */
@EveryTag
class ProbesIT {

    /** The image's interval is 10 s; the first check comes one interval after the start. */
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

    @Parameter
    String tag;

    @Test
    void probesAnswerBeforeTheAppAndStayOutOfTheAccessLog() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).start()) {
            JsonNode config = server.config();
            assertEquals("/livez", config.get("liveness_path").asText());
            assertEquals("/readyz", config.get("readiness_path").asText());
            assertTrue(config.get("ready_check").isNull(), "HELLO has no ready member");
            assertEquals(false, config.get("access_log_probes").asBoolean());

            for (String probe : List.of("/livez", "/readyz")) {
                HttpResponse<String> response = server.get(probe);
                assertEquals(200, response.statusCode(), probe);
                assertEquals("ok\n", response.body(), probe);
                assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), probe);
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), probe);
            }
            server.get("/?after=probes");

            server.awaitStdout("\"GET /?after=probes HTTP/1.1\" 200");
            assertEquals(0, Output.accessLines(server.stdout(), "GET /livez HTTP/1.1")
                    + Output.accessLines(server.stdout(), "GET /readyz HTTP/1.1"), server::stdout);
        }
    }

    @Test
    void readinessFollowsTheAppsReadyMember() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.READY)).start()) {
            assertEquals("app.Main:ready", server.config().get("ready_check").asText());
            assertEquals(200, server.get("/readyz").statusCode());

            server.exec(Map.of(), "touch", "/tmp/not-ready");
            assertEquals(503, server.get("/readyz").statusCode());
            assertEquals(503, server.get("/readyz").statusCode());
            assertEquals(200, server.get("/").statusCode(), "the app still serves");
            assertEquals(200, server.get("/livez").statusCode());
            server.exec(Map.of(), "rm", "/tmp/not-ready");
            assertEquals(200, server.get("/readyz").statusCode());

            server.awaitStderr("Readiness answers 200 again");
            assertEquals(1, Output.count(server.stderr(), "Readiness answers 503: the app's ready check returned false"),
                    "logged once, not once per probe; " + server.logs());
        }
    }

    @Test
    void dockerReportsTheContainerHealthy() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).start()) {
            List<String> test = server.inspect().getConfig().getHealthcheck().getTest();
            assertEquals(List.of("CMD", "/opt/launcher/healthcheck.sh"), test);

            server.awaitHealthy(HEALTHY_WITHIN);
            assertEquals(0, Output.accessLines(server.stdout(), "GET /livez HTTP/1.1"),
                    "the checks stay out of the access log");
        }
    }

    static List<Arguments> variants() {
        return List.of(
                Arguments.of("--read-only --tmpfs /tmp", (UnaryOperator<ImageRun>) ImageRun::readOnly),
                Arguments.of("--user 12345:0", (UnaryOperator<ImageRun>) run -> run.user("12345:0")),
                Arguments.of("probes off", (UnaryOperator<ImageRun>) run -> run.env("LIVENESS_PATH", "")
                        .env("READINESS_PATH", "")),
                Arguments.of("port set by SERVER_ARGS", (UnaryOperator<ImageRun>) run -> run
                        .env("SERVER_ARGS", "server.port = 9000").port(9000)),
                Arguments.of("--read-only without a tmpfs, PORT", (UnaryOperator<ImageRun>) run -> run
                        .readOnlyWithoutTmpfs().env("PORT", "9001").port(9001)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void healthyAlso(String variant, UnaryOperator<ImageRun> setting) {
        ImageRun run = setting.apply(ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)))
                .healthcheckEvery(Duration.ofSeconds(1));
        try (Server server = run.start()) {
            server.awaitHealthy(HEALTHY_WITHIN);
        }
    }
}
