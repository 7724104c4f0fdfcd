package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README, Finding your handler: every way of laying out an app in /app and of naming its handler.
 * Where a rule must win, the app also carries what a lower rule would pick, so the answer shows
 * the order.
 */
@EveryTag
class AppLayoutsIT {

    /** A shop app: a field, a no-argument factory and a Config-taking factory. */
    static final String SHOP_API = """
            package shop;

            import com.typesafe.config.Config;
            import io.undertow.server.HttpHandler;

            public class Api {
                public static final HttpHandler handler = exchange -> exchange.getResponseSender().send("shop.Api:handler");

                public static HttpHandler build() {
                    return exchange -> exchange.getResponseSender().send("shop.Api:build()");
                }

                public static HttpHandler create(Config config) {
                    String greeting = config.getString("app.greeting");
                    return exchange -> exchange.getResponseSender().send(greeting);
                }
            }
            """;

    /** A handler class named without a member. */
    static final String SHOP_HELLO = """
            package shop;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.HttpServerExchange;

            public class Hello implements HttpHandler {
                @Override
                public void handleRequest(HttpServerExchange exchange) {
                    exchange.getResponseSender().send("shop.Hello");
                }
            }
            """;

    /** What the conventional lookup (rule 4) would pick: seeing it means a higher rule was ignored. */
    static final String FALLBACK_MAIN = """
            package app;

            import io.undertow.server.HttpHandler;

            public class Main {
                public static final HttpHandler app = exchange -> exchange.getResponseSender().send("app.Main:app");
            }
            """;

    static final String DEFAULT_PACKAGE_MAIN = """
            import io.undertow.server.HttpHandler;

            public class Main {
                public static final HttpHandler app = exchange -> exchange.getResponseSender().send("Main:app");
            }
            """;

    static final String GREETING_LIB = """
            package greeting;

            public final class Greeting {
                public static String text() {
                    return "Hello from lib/";
                }
            }
            """;

    static final String MAIN_USING_LIB = """
            package app;

            import io.undertow.server.HttpHandler;

            public class Main {
                public static final HttpHandler app = exchange -> exchange.getResponseSender().send(greeting.Greeting.text());
            }
            """;

    @Parameter
    String tag;

    @Test
    void jarWithAppMain() {
        assertServes(ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO)), "Hello World!", "app.Main:app");
    }

    @Test
    void defaultPackageMain() {
        assertServes(ImageRun.of(tag).app(TestApps.jarApp(DEFAULT_PACKAGE_MAIN)), "Main:app", "Main:app");
    }

    /** Apps whose code is found through one class path entry, what they answer and that entry. */
    static Stream<Arguments> classPathCases() {
        Map<String, byte[]> classes = TestApps.compile(GREETING_LIB, MAIN_USING_LIB);
        Map<String, byte[]> lib = new LinkedHashMap<>();
        Map<String, byte[]> main = new LinkedHashMap<>();
        classes.forEach((path, bytes) -> (path.startsWith("greeting/") ? lib : main).put(path, bytes));
        return Stream.of(
                argumentSet("classes/ is on the class path",
                        TestApps.under("classes/", TestApps.compile(TestApps.HELLO)), "Hello World!", "/app/classes"),
                argumentSet("a dependency jar in lib/ is on the class path",
                        Map.of("app.jar", TestApps.jar(main), "lib/greeting.jar", TestApps.jar(lib)),
                        "Hello from lib/", "/app/lib/greeting.jar"));
    }

    @ParameterizedTest
    @MethodSource("classPathCases")
    void classPath(Map<String, byte[]> app, String body, String entry) {
        try (Server server = ImageRun.of(tag).app(app).start()) {
            assertEquals(body, server.get("/").body(), server::logs);
            assertTrue(server.config().get("classpath").toString().contains(entry), () -> server.config().toString());
        }
    }

    @Test
    void manifestAppModuleWinsOverAppMain() {
        assertServes(ImageRun.of(tag).app(shopJar("shop.Api:handler")), "shop.Api:handler", "shop.Api:handler");
    }

    @Test
    void moduleNameAndVariableNameWinOverTheManifest() {
        ImageRun run = ImageRun.of(tag).app(shopJar("shop.Api:handler"))
                .env("MODULE_NAME", "shop.Api").env("VARIABLE_NAME", "build");
        assertServes(run, "shop.Api:build()", "shop.Api:build");
    }

    @Test
    void appModuleClassWinsOverModuleName() {
        ImageRun run = ImageRun.of(tag).app(shopJar("shop.Api:handler"))
                .env("APP_MODULE", "shop.Hello").env("MODULE_NAME", "shop.Api").env("VARIABLE_NAME", "build");
        assertServes(run, "shop.Hello", "shop.Hello");
    }

    @Test
    void configTakingFactoryReadsTheAppSection() {
        ImageRun run = ImageRun.of(tag).app(shopJar(null))
                .file("/app/server.conf", "app {\n  greeting = \"Hello from server.conf\"\n}\n")
                .env("APP_MODULE", "shop.Api:create");
        assertServes(run, "Hello from server.conf", "shop.Api:create");
    }

    @Test
    void appDirMovesCodeConfAndPrestart() {
        ImageRun run = ImageRun.of(tag).env("APP_DIR", "/srv/shop")
                .file("/srv/shop/app.jar", TestApps.jar(TestApps.compile(TestApps.HELLO)))
                .file("/srv/shop/server.conf", "server.port = 9001\n")
                .script("/srv/shop/prestart.sh", "echo \"prestart: from APP_DIR\"\n")
                .app(TestApps.jarApp(FALLBACK_MAIN))
                .port(9001);
        try (Server server = run.start()) {
            assertEquals("Hello World!", server.get("/").body(), "the code under APP_DIR, not /app");
            assertEquals("/srv/shop/server.conf", server.config().get("config_file").asText());
            assertEquals("[\"/srv/shop/app.jar\"]", server.config().get("classpath").toString());
            assertTrue(server.output().contains("Running script /srv/shop/prestart.sh"), server::logs);
            assertTrue(server.output().contains("prestart: from APP_DIR"), server::logs);
        }
    }

    @Test
    void nothingToServeNamesAppModule() {
        Map<String, byte[]> app = TestApps.jarApp(GREETING_LIB);
        Exit exit = ImageRun.of(tag).app(app).run();
        Rejections.assertRejected(exit, "APP_MODULE");
    }

    private static void assertServes(ImageRun run, String body, String appModule) {
        try (Server server = run.start()) {
            assertEquals(body, server.get("/").body(), server::logs);
            assertEquals(appModule, server.config().get("app_module").asText());
        }
    }

    /** shop.Api, shop.Hello and a fallback app.Main in one jar; App-Module in its manifest when given. */
    private static Map<String, byte[]> shopJar(String appModuleAttribute) {
        Map<String, byte[]> classes = TestApps.compile(SHOP_API, SHOP_HELLO, FALLBACK_MAIN);
        Map<String, String> manifest = appModuleAttribute == null ? Map.of() : Map.of("App-Module", appModuleAttribute);
        return Map.of("shop.jar", TestApps.jar(classes, manifest));
    }
}
