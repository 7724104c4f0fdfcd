package dev.undertowbase.launcher.reload;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.testing.TestEnv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;


/**
 * Test apps as source text: class app.Main answering a fixed text, written into an app's src/,
 * compiled into its classes/, or packed into a jar.
 */
public final class Apps {

    private Apps() {
    }

    /** app.Main whose handler answers {@code answer}; the handler is also a Supplier of it, for tests without HTTP. */
    static String main(String answer) {
        return """
            package app;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.HttpServerExchange;
            import java.util.function.Supplier;

            public class Main implements HttpHandler, Supplier<String> {
                public static final HttpHandler app = new Main();

                @Override public String get() { return "%s"; }

                @Override public void handleRequest(HttpServerExchange exchange) { exchange.getResponseSender().send(get()); }
            }
            """.formatted(answer);
    }

    /** app.Main with a syntax error on line 7 (the missing semicolon). */
    static final String BROKEN_MAIN = """
        package app;

        import io.undertow.server.HttpHandler;

        public class Main {
            public static final HttpHandler app =
                exchange -> exchange.getResponseSender().send("broken")
        }
        """;

    /** app.Main whose static initialiser throws. */
    static final String THROWING_MAIN = """
        package app;

        import io.undertow.server.HttpHandler;

        public class Main {
            public static final HttpHandler app = create();

            static HttpHandler create() {
                throw new IllegalStateException("no database on purpose");
            }
        }
        """;

    static ServerConfig config(Path appDir, String... pairs) {
        return TestEnv.load(appDir, pairs);
    }

    public static Map<String, String> env(Path appDir, String... pairs) {
        return TestEnv.env(appDir, pairs);
    }

    static void writeSource(Path appDir, String source) {
        write(appDir.resolve("src/app/Main.java"), source);
    }

    /** Compiles app.Main into {@code classes} (e.g. APP_DIR/classes). */
    static void compile(Path classes, String source) {
        try {
            Path src = Files.createTempDirectory("apps-src");
            write(src.resolve("app/Main.java"), source);
            new SourceCompiler().compile(src, Files.createDirectories(classes), testClassPath());
            Snapshots.delete(src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar holding app.Main compiled from {@code source}, written in place over any old one. */
    static void jar(Path jarFile, String source) {
        try {
            Path classes = Files.createTempDirectory("apps-classes");
            compile(classes, source);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            Files.createDirectories(jarFile.getParent());
            try (OutputStream file = Files.newOutputStream(jarFile);
                 JarOutputStream jar = new JarOutputStream(file, manifest);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
            Snapshots.delete(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> testClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        return entries;
    }
}
