package dev.undertowbase.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.Server;
import dev.undertowbase.launcher.server.handlers.Features;
import dev.undertowbase.launcher.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;



/**
 * 50 reloads, each followed by requests that run on an IO thread and on a worker thread: the
 * replaced versions' class loaders must all become unreachable, and the loaded class count and
 * heap must not grow with the number of reloads.
 */
class ReloadMemoryTest {

    private static final int RELOADS = 50;

    /** A handler that runs on a worker thread, where a leaked context class loader would stick. */
    private static String blockingMain(String answer) {
        return """
            package app;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.handlers.BlockingHandler;

            public class Main {
                public static final HttpHandler app = new BlockingHandler(
                    exchange -> exchange.getResponseSender().send(Thread.currentThread().getContextClassLoader().getName() + " %s"));
            }
            """.formatted(answer);
    }

    @TempDir
    Path appDir;
    @TempDir
    Path workDir;
    @TempDir
    Path versions;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void replacedVersionsAreUnloaded() throws Exception {
        Path classFile = appDir.resolve("classes/app/Main.class");
        Files.createDirectories(classFile.getParent());
        Path[] compiled = new Path[2];
        for (int i = 0; i < 2; i++) {
            Apps.compile(versions.resolve("v" + i), blockingMain("v" + i));
            compiled[i] = versions.resolve("v" + i + "/app/Main.class");
        }
        ServerConfig config = Apps.config(appDir, "PORT", "0", "ACCESS_LOG", "");
        Reloader reloader = new Reloader(config, ReloadSettings.load(Apps.env(appDir), appDir),
            new Snapshots(appDir, workDir), null);
        Server server = Server.start(config.listen(), Tuning.of(config.threads(), 2),
            Features.of(config, new PrintStream(new ByteArrayOutputStream())), reloader.root());
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try {
            // warm-up: what the first reloads load once (HTTP client, reflection, snapshot code) is not growth
            for (int i = 0; i < 5; i++) {
                reloadAndGet(reloader, server, classFile, compiled, i);
            }
            List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
            long classesBefore = afterGc(classes::getLoadedClassCount);
            long heapBefore = afterGc(() -> memory.getHeapMemoryUsage().getUsed());

            for (int i = 0; i < RELOADS; i++) {
                replaced.add(new WeakReference<>(reloader.root().current().loader()));
                reloadAndGet(reloader, server, classFile, compiled, i);
            }

            Poll.until(Duration.ofSeconds(20), () -> "the replaced class loaders to be collected",
                () -> {
                    System.gc();
                    return replaced.stream().allMatch(ref -> ref.get() == null);
                });
            long classesAfter = afterGc(classes::getLoadedClassCount);
            long heapAfter = afterGc(() -> memory.getHeapMemoryUsage().getUsed());
            System.out.printf("%d reloads: loaded classes %d -> %d (%+d), heap used %.1f -> %.1f MiB (%+.1f), "
                    + "classes unloaded in total %d%n", RELOADS, classesBefore, classesAfter, classesAfter - classesBefore,
                heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0,
                classes.getUnloadedClassCount());
            // each version loads two classes (Main and its lambda): 50 leaked versions would add 100; the JDK
            // itself loads some 10-20 classes lazily along the way (200 reloads add no more than 50 do)
            assertTrue(classesAfter - classesBefore < 50, () -> "loaded classes grew from " + classesBefore
                + " to " + classesAfter);
            assertTrue(heapAfter - heapBefore < 4L << 20, () -> "heap grew from " + heapBefore + " to " + heapAfter);
        } finally {
            server.stop(Duration.ZERO);
        }
    }

    private void reloadAndGet(Reloader reloader, Server server, Path classFile, Path[] compiled, int i)
        throws IOException, InterruptedException {
        Files.copy(compiled[i % 2], classFile, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Reloader.Status.LOADED, reloader.reload(System.nanoTime()).status());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        // the worker thread ran the app with the app's loader as its context loader
        assertEquals("app v" + (i % 2), response.body());
    }

    private static long afterGc(java.util.function.LongSupplier reading) {
        System.gc();
        return reading.getAsLong();
    }
}
