package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, Configuration files: which conf file is read and who wins: SERVER_ARGS, the app's file,
 * environment variables, defaults.
 */
@EveryTag
class ConfFilesIT {

    @Parameter
    String tag;

    @Test
    void appServerConf() {
        JsonNode config = printConfig(ImageRun.of(tag).file("/app/server.conf", "server.port = 9001\n"));
        assertEquals(9001, config.get("port").asInt());
        assertEquals("/app/server.conf", config.get("config_file").asText());
    }

    @Test
    void appConfDirectory() {
        JsonNode config = printConfig(ImageRun.of(tag).file("/app/conf/server.conf", "server { port = 9002 }\n"));
        assertEquals(9002, config.get("port").asInt());
        assertEquals("/app/conf/server.conf", config.get("config_file").asText());
    }

    @Test
    void appServerConfWinsOverConfDirectory() {
        JsonNode config = printConfig(ImageRun.of(tag)
                .file("/app/server.conf", "server.port = 9001\n")
                .file("/app/conf/server.conf", "server { port = 9002, threads = 3 }\n"));
        assertEquals(9001, config.get("port").asInt());
        assertEquals(8, config.get("threads").asInt(), "the other file is not read at all");
        assertEquals("/app/server.conf", config.get("config_file").asText());
    }

    @Test
    void serverConfNamesTheFile() {
        JsonNode config = printConfig(ImageRun.of(tag)
                .file("/app/server.conf", "server.port = 9001\n")
                .file("/etc/myapp/prod.conf", "server.port = 9003\n")
                .env("SERVER_CONF", "/etc/myapp/prod.conf"));
        assertEquals(9003, config.get("port").asInt());
        assertEquals("/etc/myapp/prod.conf", config.get("config_file").asText());
    }

    @Test
    void serverArgsBeatEverything() {
        JsonNode config = printConfig(ImageRun.of(tag)
                .file("/etc/myapp/prod.conf", "server { port = 9003, io-threads = 3 }\n")
                .env("SERVER_CONF", "/etc/myapp/prod.conf")
                .env("PORT", "9005")
                .env("WEB_CONCURRENCY", "5")
                .env("SERVER_ARGS", "server.port = 9004, server.io-threads = 4"));
        assertEquals(9004, config.get("port").asInt());
        assertEquals(4, config.get("io_threads").asInt());
    }

    @Test
    void appFileBeatsEnvironmentOnlyForTheKeysItSets() {
        JsonNode config = printConfig(ImageRun.of(tag)
                .file("/app/server.conf", "server.port = 9001\n")
                .env("PORT", "9100")
                .env("THREADS", "3"));
        assertEquals(9001, config.get("port").asInt(), "the app's file wins over PORT");
        assertEquals(3, config.get("threads").asInt(), "THREADS still applies: the file does not set it");
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

    private static JsonNode printConfig(ImageRun run) {
        Exit exit = run.printConfig();
        assertEquals(0, exit.code(), exit::logs);
        return exit.config();
    }
}
