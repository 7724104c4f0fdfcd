package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README, Configuration files: which conf file is read and who wins: SERVER_ARGS, the app's file,
 * environment variables, defaults.
 */
@EveryTag
class ConfFilesIT {

    @Parameter
    String tag;

    /** Files, environment, and what the JSON line then says. */
    static Stream<Arguments> confFileCases() {
        return Stream.of(
                argumentSet("the app's server.conf is read",
                        Map.of("/app/server.conf", "server.port = 9001\n"),
                        Map.of(),
                        Map.of("config_file", "/app/server.conf", "port", 9001)),
                argumentSet("conf/server.conf is read when there is no server.conf",
                        Map.of("/app/conf/server.conf", "server { port = 9002 }\n"),
                        Map.of(),
                        Map.of("config_file", "/app/conf/server.conf", "port", 9002)),
                argumentSet("server.conf wins over conf/server.conf, which is not read at all",
                        Map.of("/app/server.conf", "server.port = 9001\n",
                                "/app/conf/server.conf", "server { port = 9002, threads = 3 }\n"),
                        Map.of(),
                        // threads = 3 would show, and choose the platform pool
                        Map.of("config_file", "/app/server.conf", "port", 9001, "threads", "null",
                                "worker_pool", "virtual")),
                argumentSet("SERVER_CONF names the file",
                        Map.of("/app/server.conf", "server.port = 9001\n",
                                "/etc/myapp/prod.conf", "server.port = 9003\n"),
                        Map.of("SERVER_CONF", "/etc/myapp/prod.conf"),
                        Map.of("config_file", "/etc/myapp/prod.conf", "port", 9003)),
                argumentSet("SERVER_ARGS beat the file, the environment and the defaults",
                        Map.of("/etc/myapp/prod.conf", "server { port = 9003, io-threads = 3 }\n"),
                        Map.of("SERVER_CONF", "/etc/myapp/prod.conf", "PORT", "9005", "WEB_CONCURRENCY", "5",
                                "SERVER_ARGS", "server.port = 9004, server.io-threads = 4"),
                        Map.of("port", 9004, "io_threads", 4)),
                argumentSet("the app's file beats the environment only for the keys it sets",
                        Map.of("/app/server.conf", "server.port = 9001\n"),
                        Map.of("PORT", "9100", "THREADS", "3"),
                        Map.of("port", 9001, "threads", 3)));
    }

    @ParameterizedTest
    @MethodSource("confFileCases")
    void whoWins(Map<String, String> files, Map<String, String> env, Map<String, Object> expected) {
        ImageRun run = ImageRun.of(tag);
        files.forEach(run::file);
        env.forEach(run::env);
        Exit exit = run.printConfig();
        assertEquals(0, exit.code(), exit::logs);
        JsonNode config = exit.config();
        expected.forEach((key, value) -> assertEquals(String.valueOf(value), config.path(key).asText(),
                () -> key + " in " + config));
    }

    @Test
    void appFileReachesTheServer() {
        try (Server server = ImageRun.of(tag).port(9001)
                .file("/app/server.conf", "server.port = 9001\n")
                .app(TestApps.jarApp(TestApps.HELLO)).start()) {
            assertEquals("Hello World!", server.get("/").body());
            server.awaitStderr("Listening on http://0.0.0.0:9001");
            assertTrue(server.config().get("config_file").asText().endsWith("/app/server.conf"));
        }
    }
}
