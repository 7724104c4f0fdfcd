package dev.undertowbase.tests;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * README, Environment variables: each bad input stops the start with one "error: " line naming
 * it, exit 2. Most cases run /start.sh by docker exec in one serving container per tag (whose server also holds
 * port 8080 for the port-in-use case); two run as containers of their own.
 */
@EveryTag
class BadInputsIT {

    private static Server serving;

    @Parameter
    String tag;

    @BeforeParameterizedClassInvocation
    static void startServer(String tag) {
        serving = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).start();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        serving.close();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PORT             | abc                    | PORT
            PORT             | 70000                  | PORT
            WEB_CONCURRENCY  | 0                      | WEB_CONCURRENCY
            THREADS          | -1                     | THREADS
            WORKER_THREADS   | many                   | WORKER_THREADS
            WORKER_POOL      | green                  | WORKER_POOL
            WORKERS_PER_CORE | 0                      | WORKERS_PER_CORE
            MAX_WORKERS      | 2.5                    | MAX_WORKERS
            LOG_LEVEL        | loud                   | LOG_LEVEL
            TIMEOUT          | -5                     | TIMEOUT
            KEEP_ALIVE       | soon                   | KEEP_ALIVE
            LOG_FORMAT       | xml                    | LOG_FORMAT
            FORWARDED_ALLOW_IPS | proxy.local         | FORWARDED_ALLOW_IPS
            BIND             | 0.0.0.0                | BIND
            SERVER_CONF      | /nope.conf             | /nope.conf
            SERVER_ARGS      | 'server.port = '       | SERVER_ARGS
            APP_MODULE       | no.Such                | no.Such
            APP_MODULE       | app.Main:nope          | nope
            LIVENESS_PATH    | livez                  | LIVENESS_PATH
            READINESS_PATH   | /livez                 | READINESS_PATH
            READY_CHECK      | no.Such:ready          | READY_CHECK
            ACCESS_LOG_PROBES | maybe                 | ACCESS_LOG_PROBES
            SHUTDOWN_DELAY   | -1                     | SHUTDOWN_DELAY
            LIMIT_CONCURRENCY | 0                     | LIMIT_CONCURRENCY
            JAVA_GC          | bogus                  | JAVA_GC
            JAVA_MAX_MEM_RATIO | 150                  | JAVA_MAX_MEM_RATIO
            HTTP2            | maybe                  | HTTP2
            TLS_CERT_FILE    | /tls/tls.crt           | TLS_KEY_FILE
            """)
    void badVariable(String name, String value, String named) {
        // A free port, so that only the bad variable can stop the start.
        Map<String, String> env = new HashMap<>(Map.of("PORT", "8081"));
        env.put(name, value);
        Rejections.assertRejected(startScript(env), named);
    }

    @Test
    void portInUse() {
        Rejections.assertRejected(startScript(Map.of()), "8080");
    }

    /** A second start in the serving container; `timeout` ends a start that wrongly succeeds. */
    private static Exit startScript(Map<String, String> env) {
        return serving.exec(env, "timeout", "30", "/start.sh");
    }

    @Test
    void containerWithABadVariableExitsWith2() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).env("PORT", "abc").run();
        Rejections.assertRejected(exit, "PORT", "abc");
    }

    @Test
    void brokenHoconNamesFileAndLine() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .file("/app/server.conf", "server {\n  port = 9000\n  threads = [1, 2\n  keep-alive = 3\n}\n")
                .run();
        // Typesafe Config notices the unclosed list at the "=" on line 4.
        Rejections.assertRejected(exit, "/app/server.conf:4");
    }
}
