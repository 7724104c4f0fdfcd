package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** Container limits reach the launcher (cores) and the JVM (heap, GC), and JAVA_OPTS wins. */
@EveryTag
class LimitsIT {

    private static final long MIB = 1 << 20;
    private static final Pattern XMX = Pattern.compile("(?<![\\w-])-Xmx(\\d+)([kKmMgG]?)(?!\\S)");
    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use\\w*GC\\b");
    private static final Pattern MAX_HEAP_FLAG =
            Pattern.compile("-Xmx\\S+|-XX:MaxRAMPercentage=\\S+|-XX:MaxRAM=\\S+|-XX:MaxHeapSize=\\S+");

    @Parameter
    String tag;

    @Test
    void cpuQuotaAndMemoryLimitTuneThreadsAndHeap() {
        try (Server server = ImageRun.of(tag).cpus(1).memoryMegabytes(256).app(TestApps.jarApp(TestApps.DIAG)).start()) {
            JsonNode config = server.config();
            assertEquals(1, config.get("cores").asInt(), "--cpus=1");
            assertEquals(2, config.get("io_threads").asInt(), "at least two IO threads");
            assertTrue(config.get("worker_threads").isNull(), "virtual threads need no count");
            Map<String, Long> jvm = jvm(server);
            assertEquals(1L, jvm.get("cores"), "the app's JVM sees one CPU too");
            String command = Output.javaCommand(server.output());
            assertHeapMatchesFlags(command, 256, jvm.get("maxMemory"));
        }
    }

    @Test
    void cpusetCountsAsOneCore() {
        Exit exit = ImageRun.of(tag).cpuset("0").printConfig();
        assertEquals(0, exit.code(), exit::logs);
        assertEquals(1, exit.config().get("cores").asInt(), "--cpuset-cpus=0");
        assertEquals(2, exit.config().get("io_threads").asInt());
    }

    @Test
    void memRatioSetsTheHeapShare() {
        try (Server server = ImageRun.of(tag).memoryMegabytes(256).env("JAVA_MAX_MEM_RATIO", "50")
                .app(TestApps.jarApp(TestApps.DIAG)).start()) {
            long maxMemory = jvm(server).get("maxMemory");
            assertTrue(maxMemory <= 128 * MIB && maxMemory > 100 * MIB,
                    () -> "heap about 50% of 256 MiB, is " + maxMemory / MIB + " MiB; " + server.logs());
        }
    }

    @Test
    void javaOptsHeapReplacesTheComputedOne() {
        try (Server server = ImageRun.of(tag).memoryMegabytes(256).env("JAVA_OPTS", "-Xmx100m")
                .app(TestApps.jarApp(TestApps.DIAG)).start()) {
            String command = Output.javaCommand(server.output());
            List<String> heapFlags = heapFlags(command);
            assertEquals(List.of("-Xmx100m"), heapFlags, () -> "only the user's heap flag: " + command);
            long maxMemory = jvm(server).get("maxMemory");
            assertTrue(maxMemory <= 100 * MIB && maxMemory > 80 * MIB,
                    () -> "heap of -Xmx100m, is " + maxMemory / MIB + " MiB");
        }
    }

    @Test
    void javaGcPicksTheCollector() {
        Exit exit = ImageRun.of(tag).env("JAVA_GC", "parallel").startScriptPrintConfig();
        assertEquals(0, exit.code(), exit::logs);
        String command = Output.javaCommand(exit.output());
        assertEquals(List.of("-XX:+UseParallelGC"), gcFlags(command), command);
    }

    @Test
    void smallContainersGetSerialGc() {
        Exit exit = ImageRun.of(tag).cpus(1).startScriptPrintConfig();
        assertEquals(0, exit.code(), exit::logs);
        String command = Output.javaCommand(exit.output());
        assertEquals(List.of("-XX:+UseSerialGC"), gcFlags(command), command);
    }

    private static List<String> gcFlags(String command) {
        return GC_FLAG.matcher(command).results().map(m -> m.group()).toList();
    }

    /** start.sh sets the heap as one -Xmx within the limit (README, JVM sizing), and the JVM has that heap. */
    private static void assertHeapMatchesFlags(String command, long limitMib, long maxMemory) {
        List<String> flags = heapFlags(command);
        assertEquals(1, flags.size(), () -> "start.sh sets one heap flag from the memory limit: " + command);
        Matcher xmx = XMX.matcher(flags.get(0));
        assertTrue(xmx.matches(), () -> "the heap flag is an -Xmx: " + command);
        long expected = bytes(xmx.group(1), xmx.group(2));
        assertTrue(expected <= limitMib * MIB, () -> "heap flag within the limit: " + command);
        // Serial and Parallel report the heap less one survivor space.
        assertTrue(maxMemory <= expected && maxMemory > expected * 8 / 10,
                () -> "JVM heap " + maxMemory / MIB + " MiB matches " + flags);
    }

    private static List<String> heapFlags(String command) {
        return MAX_HEAP_FLAG.matcher(command).results().map(m -> m.group()).toList();
    }

    private static long bytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit.toLowerCase()) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    /** The DIAG app's /jvm answer as numbers. */
    private static Map<String, Long> jvm(Server server) {
        return server.get("/jvm").body().lines()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
    }
}
