package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.undertowbase.launcher.testing.TestEnv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class AccessLogTest {

    @TempDir
    Path appDir;

    @Test
    void closeWritesEveryLineFromEveryThreadWhole() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AccessLog log = AccessLog.open(TestEnv.load(appDir).accessLog(), stdout);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    log.logMessage("thread " + thread + " line " + i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        log.close();

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        Set<String> distinct = new TreeSet<>(lines);
        assertEquals(40_000, lines.size());
        assertEquals(40_000, distinct.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            expected.add("thread 7 line " + i);
        }
        assertEquals(expected, lines.stream().filter(l -> l.startsWith("thread 7 ")).toList(),
            "one thread's lines keep their order");
    }

    @Test
    void aLineLoggedAfterCloseIsStillWritten() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AccessLog log = AccessLog.open(TestEnv.load(appDir).accessLog(), stdout);
        log.close();

        log.logMessage("late");

        assertEquals("late\n", stdout.toString(StandardCharsets.UTF_8));
    }
}
