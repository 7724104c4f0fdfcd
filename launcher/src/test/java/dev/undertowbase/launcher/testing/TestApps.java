package dev.undertowbase.launcher.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Small apps compiled at test time into an APP_DIR: class directories and jars (with manifest
 * attributes). Each generated class carries a nested {@code Marker} handler that answers with its
 * name and exposes it as a {@code Supplier<String>}, so a test can tell which handler was found.
 */
public final class TestApps {

    private TestApps() {
    }

    /**
     * Source of a class with the given members and a nested Marker class; e.g.
     * {@code source("app.Main", "public static final HttpHandler app = new Marker(\"main\");")}.
     */
    public static String source(String className, String members) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : "package " + className.substring(0, dot) + ";\n";
        String simple = className.substring(dot + 1);
        return pkg + """
            import io.undertow.server.HttpHandler;
            import io.undertow.server.HttpServerExchange;
            import com.typesafe.config.Config;
            public class %s {
                %s
                public static final class Marker implements HttpHandler, java.util.function.Supplier<String> {
                    private final String name;
                    public Marker(String name) { this.name = name; }
                    public Marker() { this("%s"); }
                    @Override public String get() { return name; }
                    @Override public void handleRequest(HttpServerExchange exchange) {
                        exchange.getResponseSender().send(name);
                    }
                }
            }
            """.formatted(simple, members, className);
    }

    /** A handler class: implements HttpHandler with a public no-arg constructor. */
    public static String handlerClassSource(String className, String answer) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : "package " + className.substring(0, dot) + ";\n";
        return pkg + """
            public class %s implements io.undertow.server.HttpHandler, java.util.function.Supplier<String> {
                @Override public String get() { return "%s"; }
                @Override public void handleRequest(io.undertow.server.HttpServerExchange exchange) {
                    exchange.getResponseSender().send("%s");
                }
            }
            """.formatted(className.substring(dot + 1), answer, answer);
    }

    /** Compiles the sources (class name → source) into {@code dir}. */
    public static Path compile(Path dir, Map<String, String> sources) throws IOException {
        Files.createDirectories(dir);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-d", dir.toString(), "-classpath", System.getProperty("java.class.path"),
            "-proc:none", "-nowarn");
        boolean ok = compiler.getTask(diagnostics, null, null, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test app does not compile:\n" + diagnostics);
        }
        return dir;
    }

    /** Compiles the sources into a jar with the given main manifest attributes. */
    public static Path jar(Path jarFile, Map<String, String> sources, Map<String, String> attributes) throws IOException {
        Path classes = Files.createTempDirectory("test-app-classes");
        compile(classes, sources);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((key, value) -> manifest.getMainAttributes().putValue(key, value));
        Files.createDirectories(jarFile.getParent());
        try (OutputStream file = Files.newOutputStream(jarFile);
             JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
