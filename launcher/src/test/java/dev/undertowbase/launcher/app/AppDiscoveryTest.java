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



class AppDiscoveryTest {

    @TempDir
    Path appDir;

    @Test
    void appModuleNamesAStaticField() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api", "public static final HttpHandler app = new Marker(\"field\");")));

        assertServes("com.example.Api:app", "field", "APP_MODULE", "com.example.Api:app");
    }

    @Test
    void appModuleNamesAStaticMethod() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api", "public static HttpHandler create() { return new Marker(\"method\"); }")));

        assertServes("com.example.Api:create", "method", "APP_MODULE", "com.example.Api:create");
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
    void moduleNameUsesVariableName() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api", "public static final HttpHandler api = new Marker(\"variable\");")));

        assertServes("com.example.Api:api", "variable", "MODULE_NAME", "com.example.Api", "VARIABLE_NAME", "api");
    }

    @Test
    void moduleNameDefaultsTheVariableToApp() throws IOException {
        classes(Map.of("com.example.Api", source("com.example.Api", "public static final HttpHandler app = new Marker(\"module\");")));

        assertServes("com.example.Api:app", "module", "MODULE_NAME", "com.example.Api");
    }

    @Test
    void appModuleWinsOverModuleName() throws IOException {
        classes(Map.of(
            "com.example.A", source("com.example.A", "public static final HttpHandler app = new Marker(\"a\");"),
            "com.example.B", source("com.example.B", "public static final HttpHandler app = new Marker(\"b\");")));

        assertServes("com.example.A:app", "a", "APP_MODULE", "com.example.A:app", "MODULE_NAME", "com.example.B");
    }

    @Test
    void jarManifestAttributeNamesTheModule() throws IOException {
        TestApps.jar(appDir.resolve("service.jar"),
            Map.of("com.example.Svc", source("com.example.Svc", "public static final HttpHandler handler = new Marker(\"manifest\");")),
            Map.of("App-Module", "com.example.Svc:handler"));

        assertServes("com.example.Svc:handler", "manifest");
    }

    @Test
    void appMainIsFoundInAJar() throws IOException {
        TestApps.jar(appDir.resolve("app.jar"),
            Map.of("app.Main", source("app.Main", "public static final HttpHandler app = new Marker(\"app.Main\");")),
            Map.of());

        assertServes("app.Main:app", "app.Main");
    }

    @Test
    void appMainComesBeforeMain() throws IOException {
        classes(Map.of(
            "app.Main", source("app.Main", "public static final HttpHandler app = new Marker(\"app.Main\");"),
            "Main", source("Main", "public static final HttpHandler app = new Marker(\"Main\");")));

        assertServes("app.Main:app", "app.Main");
    }

    @Test
    void mainInTheDefaultPackageIsFoundInLib() throws IOException {
        TestApps.jar(appDir.resolve("lib/main.jar"),
            Map.of("Main", source("Main", "public static final HttpHandler app = new Marker(\"Main\");")),
            Map.of());

        assertServes("Main:app", "Main");
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
