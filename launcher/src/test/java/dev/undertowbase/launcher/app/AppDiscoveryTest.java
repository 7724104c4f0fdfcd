package dev.undertowbase.launcher.app;

import static dev.undertowbase.launcher.testing.TestApps.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.testing.TestApps;
import dev.undertowbase.launcher.testing.TestEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;




class AppDiscoveryTest {

    @TempDir
    Path appDir;

    /** One class com.example.Api with the given member, whose Marker answers {@code marker}; the variables name it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        APP_MODULE names a static field          | app = new Marker("field")                | APP_MODULE=com.example.Api:app                | com.example.Api:app    | field
        APP_MODULE names a static method         | create() { return new Marker("method"); } | APP_MODULE=com.example.Api:create             | com.example.Api:create | method
        MODULE_NAME uses VARIABLE_NAME           | api = new Marker("variable")             | MODULE_NAME=com.example.Api VARIABLE_NAME=api | com.example.Api:api    | variable
        MODULE_NAME's variable is app by default | app = new Marker("module")               | MODULE_NAME=com.example.Api                   | com.example.Api:app    | module
        """)
    void theVariablesNameTheHandler(String description, String member, String env, String served, String marker)
        throws IOException {
        String declaration = member.contains("{") ? "public static HttpHandler " + member
            : "public static final HttpHandler " + member + ";";
        classes(Map.of("com.example.Api", source("com.example.Api", declaration)));

        assertServes(served, marker, env.replace('=', ' ').split(" "));
    }

    @Test
    void aFactoryMethodReceivesTheMergedConfig() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api",
            "public static HttpHandler create(Config config) { return new Marker(config.getString(\"app.greeting\")); }")));

        assertServes("com.example.Api:create", "hello from SERVER_ARGS",
            "APP_MODULE", "com.example.Api:create", "SERVER_ARGS", "app.greeting = \"hello from SERVER_ARGS\"");
    }

    @Test
    void appModuleNamesAHandlerClass() throws IOException {
        classes(Map.of("com.example.Handler", TestApps.handlerClassSource("com.example.Handler", "class")));

        assertServes("com.example.Handler", "class", "APP_MODULE", "com.example.Handler");
    }

    @Test
    void appModuleWinsOverModuleName() throws IOException {
        classes(Map.of(
            "com.example.A", source("com.example.A", "public static final HttpHandler app = new Marker(\"a\");"),
            "com.example.B", source("com.example.B", "public static final HttpHandler app = new Marker(\"b\");")));

        assertServes("com.example.A:app", "a", "APP_MODULE", "com.example.A:app", "MODULE_NAME", "com.example.B");
    }

    /** A jar in APP_DIR or APP_DIR/lib: its App-Module attribute, or a default class in it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        the App-Module attribute names the handler | service.jar  | com.example.Svc | handler | com.example.Svc:handler | com.example.Svc:handler
        app.Main is found in a jar                 | app.jar      | app.Main        | app     |                         | app.Main:app
        Main in the default package, in lib/       | lib/main.jar | Main            | app     |                         | Main:app
        """)
    void handlerInAJarIsFound(String description, String jar, String className, String member, String appModule,
                              String served) throws IOException {
        TestApps.jar(appDir.resolve(jar),
            Map.of(className, source(className, "public static final HttpHandler " + member + " = new Marker(\"jar\");")),
            appModule == null ? Map.of() : Map.of("App-Module", appModule));

        assertServes(served, "jar");
    }

    @Test
    void appMainComesBeforeMain() throws IOException {
        classes(Map.of(
            "app.Main", source("app.Main", "public static final HttpHandler app = new Marker(\"app.Main\");"),
            "Main", source("Main", "public static final HttpHandler app = new Marker(\"Main\");")));

        assertServes("app.Main:app", "app.Main");
    }

    @Test
    void emptyAppDirectoryServesTheDemoApp() {
        LoadedApp app = locator().load();

        assertEquals(DemoApp.class.getName(), app.module());
        assertInstanceOf(DemoApp.class, app.handler());
    }

    @Test
    void codeWithoutAnAppIsAnErrorNamingEveryPlaceSearched() throws IOException {
        classes(Map.of("com.example.Other", source("com.example.Other", "")));
        TestApps.jar(appDir.resolve("lib.jar"), Map.of("com.example.Lib", source("com.example.Lib", "")), Map.of());

        BadInput error = assertThrows(BadInput.class, () -> locator().find());

        String message = error.getMessage();
        assertTrue(message.startsWith("no app found: APP_MODULE and MODULE_NAME are unset; no jar in " + appDir
            + " has an App-Module manifest attribute; tried app.Main:app (no class app.Main), Main:app (no class Main)"), message);
        assertTrue(message.contains(appDir.resolve("classes") + ", " + appDir.resolve("lib.jar")), message);
        assertTrue(message.contains("set APP_MODULE=com.example.Api:app"), message);
    }

    @Test
    void unknownAppModuleClassIsAnError() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api", "")));

        BadInput error = assertThrows(BadInput.class, () -> locator("APP_MODULE", "com.example.Nope:app").find());

        assertEquals("APP_MODULE: class com.example.Nope not found in " + appDir.resolve("classes"), error.getMessage());
    }

    @Test
    void missingMemberIsAnError() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api", "public static final String app = \"no handler\";")));

        BadInput error = assertThrows(BadInput.class, () -> locator("APP_MODULE", "com.example.Api:app").find());

        assertTrue(error.getMessage().startsWith(
            "APP_MODULE: com.example.Api has no public static HttpHandler field or method app"), error.getMessage());
    }

    @Test
    void findRunsNoAppCode() throws IOException {
        classes(Map.of("app.Main", source("app.Main", """
            public static final HttpHandler app = new Marker("x");
            static { if (true) throw new IllegalStateException("static initialiser ran"); }
            """)));

        assertEquals("app.Main:app", locator().find());
    }

    @Test
    void loadNamesTheModuleBeforeAnyAppCodeRuns() throws IOException {
        classes(Map.of("app.Main", source("app.Main", """
            public static final HttpHandler app = new Marker("x");
            static { if (true) throw new IllegalStateException("static initialiser ran"); }
            """)));
        List<String> located = new ArrayList<>();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> locator().load(located::add));

        assertEquals(List.of("app.Main:app"), located);
        assertEquals("app.Main failed to initialise", failure.getMessage());
    }

    @Test
    void everyLoadUsesAFreshClassLoader() throws IOException {
        classes(Map.of("app.Main", source("app.Main", "public static final HttpHandler app = new Marker(\"x\");")));
        AppLocator locator = locator();

        LoadedApp first = locator.load();
        LoadedApp second = locator.load();

        assertNotSame(first.classLoader(), second.classLoader());
        assertNotSame(first.handler().getClass(), second.handler().getClass());
    }

    private void classes(Map<String, String> sources) throws IOException {
        TestApps.compile(appDir.resolve("classes"), sources);
    }

    private AppLocator locator(String... env) {
        ServerConfig config = TestEnv.load(appDir, env);
        return new AppLocator(config.app(), config.config());
    }

    @SuppressWarnings("unchecked")
    private void assertServes(String module, String marker, String... env) {
        AppLocator locator = locator(env);
        assertEquals(module, locator.find());
        LoadedApp app = locator.load();
        assertEquals(module, app.module());
        assertEquals(marker, ((Supplier<String>) app.handler()).get());
    }
}
