package dev.undertowbase.tests;

import com.typesafe.config.Config;
import io.undertow.server.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Small apps compiled at test time (against the Undertow and Typesafe Config jars of the test
 * classpath, for Java 21 so every tag can run them), packed as class trees or jars.
 * An app is a map from a path relative to the app directory to the file's bytes.
 */
final class TestApps {

    /** The README's Quick start app (with its own greeting, so an answer shows which app served it). */
    static final String HELLO = """
            package app;

            import io.undertow.server.HttpHandler;

            public class Main {
                public static final HttpHandler app = exchange -> exchange.getResponseSender().send("Hello World!");
            }
            """;

    /**
     * Reports what it sees from inside the container: /env/NAME, /whoami (uid, gid, pid),
     * /jvm (cores, heap), /slow/MILLIS (a blocking request), /boom (throws); anything else
     * answers "Hello World!". Blocking, so a slow request occupies a worker thread as real apps do.
     */
    static final String DIAG = """
            package app;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.HttpServerExchange;
            import io.undertow.server.handlers.BlockingHandler;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.stream.Collectors;

            public class Main {
                public static final HttpHandler app = new BlockingHandler(Main::handle);

                private static void handle(HttpServerExchange exchange) throws Exception {
                    String path = exchange.getRequestPath();
                    String body;
                    if (path.startsWith("/env/")) {
                        String value = System.getenv(path.substring("/env/".length()));
                        body = value == null ? "<unset>" : value;
                    } else if (path.equals("/whoami")) {
                        body = Files.readAllLines(Path.of("/proc/self/status")).stream()
                                .filter(line -> line.startsWith("Uid:") || line.startsWith("Gid:"))
                                .collect(Collectors.joining("\\n"))
                                + "\\npid=" + ProcessHandle.current().pid();
                    } else if (path.equals("/jvm")) {
                        body = "cores=" + Runtime.getRuntime().availableProcessors()
                                + "\\nmaxMemory=" + Runtime.getRuntime().maxMemory();
                    } else if (path.startsWith("/slow/")) {
                        long millis = Long.parseLong(path.substring("/slow/".length()));
                        System.out.println("slow request started");
                        Thread.sleep(millis);
                        body = "slept " + millis;
                    } else if (path.equals("/boom")) {
                        throw new IllegalStateException("boom on purpose");
                    } else {
                        body = "Hello World!";
                    }
                    exchange.getResponseSender().send(body);
                }
            }
            """;

    /**
     * Hello World, with a ready check next to the handler (README, Probes and health checks):
     * ready while the file /tmp/not-ready does not exist, so a test switches it with docker exec.
     */
    static final String READY = """
            package app;

            import io.undertow.server.HttpHandler;
            import java.nio.file.Files;
            import java.nio.file.Path;

            public class Main {
                public static final HttpHandler app = exchange -> exchange.getResponseSender().send("Hello World!");

                public static boolean ready() {
                    return !Files.exists(Path.of("/tmp/not-ready"));
                }
            }
            """;

    /**
     * Blocking work as apps do it (README, Blocking handlers), and what the process holds:
     * /meet/N (a BlockingHandler that waits until N requests are inside at once, or 10 s),
     * /wait/MILLIS (a BlockingHandler that sleeps), /echo (reads the body through
     * getInputStream(), writes it back through getOutputStream()), /stats (after a full GC: open
     * file descriptors, OS threads, heap and RSS, as JSON).
     */
    static final String BLOCKING = """
            package app;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.HttpServerExchange;
            import io.undertow.server.handlers.BlockingHandler;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.lang.management.ManagementFactory;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.stream.Stream;

            public class Main {
                private static final Map<Integer, CountDownLatch> MEETINGS = new ConcurrentHashMap<>();
                private static final Map<Integer, AtomicInteger> SPINNING = new ConcurrentHashMap<>();

                public static final HttpHandler app = new BlockingHandler(Main::handle);

                private static void handle(HttpServerExchange exchange) throws Exception {
                    String path = exchange.getRequestPath();
                    if (path.startsWith("/meet/")) {
                        int count = Integer.parseInt(path.substring("/meet/".length()));
                        CountDownLatch inside = MEETINGS.computeIfAbsent(count, CountDownLatch::new);
                        inside.countDown();
                        boolean met = inside.await(10, TimeUnit.SECONDS);
                        exchange.getResponseSender().send(met ? "met" : (count - inside.getCount()) + " of " + count);
                    } else if (path.startsWith("/spin/")) {
                        // computes (never blocks, so never leaves its carrier) until N are inside at once
                        int count = Integer.parseInt(path.substring("/spin/".length()));
                        AtomicInteger inside = SPINNING.computeIfAbsent(count, n -> new AtomicInteger());
                        inside.incrementAndGet();
                        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        while (inside.get() < count && System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                        exchange.getResponseSender().send(inside.get() >= count ? "met" : inside.get() + " of " + count);
                    } else if (path.startsWith("/wait/")) {
                        Thread.sleep(Long.parseLong(path.substring("/wait/".length())));
                        exchange.getResponseSender().send("waited");
                    } else if (path.equals("/echo")) {
                        byte[] body;
                        try (InputStream in = exchange.getInputStream()) {
                            body = in.readAllBytes();
                        }
                        exchange.setResponseContentLength(body.length);
                        try (OutputStream out = exchange.getOutputStream()) {
                            out.write(body);
                        }
                    } else if (path.equals("/stats")) {
                        System.gc();
                        long fds;
                        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                            fds = open.count();
                        }
                        String status = Files.readString(Path.of("/proc/self/status"));
                        exchange.getResponseSender().send("{\\"fds\\":" + fds
                                + ",\\"threads\\":" + field(status, "Threads:")
                                + ",\\"heap\\":" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                                + ",\\"rss\\":" + field(status, "VmRSS:") * 1024 + "}");
                    } else {
                        exchange.setStatusCode(404);
                    }
                }

                private static long field(String status, String label) {
                    return status.lines().filter(line -> line.startsWith(label)).findFirst()
                            .map(line -> Long.parseLong(line.substring(label.length()).trim().split("\\\\s+")[0]))
                            .orElse(-1L);
                }
            }
            """;

    /**
     * The routes an adversary aims at: /full reads the body with Undertow's receiveFullBytes
     * (which allocates the declared length), /stream with BlockingHandler and getInputStream()
     * as the README recommends, /boom throws, anything else answers "Hello World!".
     */
    static final String BODIES = """
            package app;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.handlers.BlockingHandler;

            public class Main {
                static final HttpHandler STREAM = new BlockingHandler(exchange ->
                        exchange.getResponseSender().send("stream " + exchange.getInputStream().readAllBytes().length));

                public static final HttpHandler app = exchange -> {
                    switch (exchange.getRequestPath()) {
                        case "/full" -> exchange.getRequestReceiver().receiveFullBytes(
                                (ex, body) -> ex.getResponseSender().send("full " + body.length));
                        case "/stream" -> STREAM.handleRequest(exchange);
                        case "/boom" -> throw new IllegalStateException("boom on purpose");
                        default -> exchange.getResponseSender().send("Hello World!");
                    }
                };
            }
            """;

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("public\\s+(?:final\\s+)?(?:class|interface|record)\\s+(\\w+)");
    private static final Map<List<String>, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

    private TestApps() {
    }

    /** Class files by path ("app/Main.class"); each source is one compilation unit with one public type. */
    static Map<String, byte[]> compile(String... sources) {
        return COMPILED.computeIfAbsent(List.of(sources), TestApps::compileNow);
    }

    /** A jar of the given entries; manifest attributes (e.g. App-Module) when given. */
    static byte[] jar(Map<String, byte[]> entries, Map<String, String> manifestAttributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestAttributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] jar(Map<String, byte[]> entries) {
        return jar(entries, Map.of());
    }

    /** An app of one jar, /app/app.jar, holding the compiled sources. */
    static Map<String, byte[]> jarApp(String... sources) {
        return Map.of("app.jar", jar(compile(sources)));
    }

    /** The repository's examples/hello app as a jar (a test dependency, so Maven builds it first). */
    static byte[] exampleHelloJar() {
        try {
            Class<?> main = Class.forName("app.Main", false, TestApps.class.getClassLoader());
            Path location = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return Files.readAllBytes(location);
            }
            // A reactor build that stops before `package` hands over the classes directory.
            Map<String, byte[]> classes = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    classes.put(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return jar(classes);
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new AssertionError("examples/hello is not on the test classpath: run the tests from the root build", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same files under a directory prefix ("classes/"). */
    static Map<String, byte[]> under(String prefix, Map<String, byte[]> files) {
        Map<String, byte[]> moved = new LinkedHashMap<>();
        files.forEach((path, content) -> moved.put(prefix + path, content));
        return moved;
    }

    private static Map<String, byte[]> compileNow(List<String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AssertionError("the tests need a JDK (javax.tools.JavaCompiler) to build their apps");
        }
        try {
            Path work = Files.createTempDirectory("testapp");
            Path src = Files.createDirectories(work.resolve("src"));
            Path out = Files.createDirectories(work.resolve("out"));
            List<String> arguments = new ArrayList<>(List.of("--release", "21", "-proc:none", "-nowarn",
                    "-classpath", apiClasspath(), "-d", out.toString()));
            for (String source : sources) {
                Path file = src.resolve(publicTypeName(source).replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source);
                arguments.add(file.toString());
            }
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new AssertionError("test app does not compile:\n" + diagnostics);
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    classes.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return Map.copyOf(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String publicTypeName(String source) {
        Matcher type = TYPE.matcher(source);
        if (!type.find()) {
            throw new IllegalArgumentException("no public type in test source:\n" + source);
        }
        Matcher pkg = PACKAGE.matcher(source);
        return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
    }

    /** Undertow, XNIO, Typesafe Config and SLF4J: what an app compiles against. */
    private static String apiClasspath() {
        List<String> jars = new ArrayList<>();
        for (String type : List.of(HttpHandler.class.getName(), Config.class.getName(), "org.xnio.XnioWorker",
                "org.slf4j.LoggerFactory")) {
            try {
                Class<?> loaded = Class.forName(type);
                jars.add(Path.of(loaded.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new AssertionError("the test classpath lacks " + type, e);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }
}
