package dev.undertowbase.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §8: each bad input stops the container with one "error: " line naming it, exit 2. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.undertowbase.tests.Images#tags")
class BadInputsIT {

    @Parameter
    String tag;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PORT             | abc         | PORT
            PORT             | 70000       | PORT
            WEB_CONCURRENCY  | 0           | WEB_CONCURRENCY
            THREADS          | -1          | THREADS
            WORKER_THREADS   | many        | WORKER_THREADS
            WORKERS_PER_CORE | 0           | WORKERS_PER_CORE
            MAX_WORKERS      | 2.5         | MAX_WORKERS
            LOG_LEVEL        | loud        | LOG_LEVEL
            TIMEOUT          | -5          | TIMEOUT
            KEEP_ALIVE       | soon        | KEEP_ALIVE
            BIND             | 0.0.0.0     | BIND
            SERVER_CONF      | /nope.conf  | /nope.conf
            APP_MODULE       | no.Such     | no.Such
            APP_MODULE       | app.Main:nope | nope
            JAVA_GC          | bogus       | JAVA_GC
            """)
    void badVariable(String name, String value, String named) {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).env(name, value).run();
        Rejections.assertRejected(exit, named);
    }

    @Test
    void brokenHoconNamesFileAndLine() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .file("/app/server.conf", "server {\n  port = 9000\n  threads = [1, 2\n  keep-alive = 3\n}\n")
                .run();
        // Typesafe Config notices the unclosed list at the "=" on line 4.
        Rejections.assertRejected(exit, "/app/server.conf:4");
    }

    @Test
    void portInUse() {
        try (Server first = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).start()) {
            Exit second = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)).sharingNetworkOf(first).run();
            Rejections.assertRejected(second, "8080");
        }
    }

    @Test
    void brokenServerArgs() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .env("SERVER_ARGS", "server.port = ").run();
        Rejections.assertRejected(exit, "SERVER_ARGS");
    }
}
