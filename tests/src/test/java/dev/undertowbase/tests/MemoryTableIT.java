package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few rows of the README's table of what start.sh chooses per {@code --memory} and
 * {@code --cpus}, in real containers: the flags reach the JVM and the launcher sees the cores.
 * Every row and rule is checked without Docker by {@link StartScriptTest}. Also the start-up
 * cache every tag ships (and a non-root user can retrain), and {@code /start.sh --jvm-flags}.
 */
@EveryTag
class MemoryTableIT {

    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use(\\w*)GC\\b");

    @Parameter
    String tag;

    /**
     * One README row: limits in, flags and threads out ("-" = flag not set, the JVM default).
     */
    record Row(int memoryMib, double cpus, String xmx, String gc, String codeCache, String direct,
               int cores, int ioThreads, int workerThreads) {
    }

    /** The smallest row (a quota rounded up to one core), and 2g on each side of G1's CPU rule. */
    static Stream<Row> rows() {
        return Stream.of(
                new Row(128, 0.5, "45m", "Serial", "16m", "8m", 1, 2, 16),
                new Row(2048, 1, "1677m", "Serial", "-", "-", 1, 2, 16),
                new Row(2048, 2, "1677m", "G1", "-", "-", 2, 2, 16));
    }

    @ParameterizedTest(name = "--memory={0}")
    @MethodSource("rows")
    void startShChoosesTheTableRow(Row row) {
        // a platform pool, so that the row's worker count shows the cores that reached the launcher
        Exit exit = ImageRun.of(tag).memoryMegabytes(row.memoryMib()).cpus(row.cpus())
                .env("WORKER_POOL", "platform").startScriptPrintConfig();
        assertEquals(0, exit.code(), exit::logs);
        String command = Output.javaCommand(exit.stdout());
        assertEquals(row.xmx(), flag(command, "-Xmx"), command);
        assertEquals(List.of(row.gc()), GC_FLAG.matcher(command).results().map(m -> m.group(1)).toList(), command);
        assertEquals(row.codeCache(), flag(command, "-XX:ReservedCodeCacheSize="), command);
        assertEquals(row.direct(), flag(command, "-XX:MaxDirectMemorySize="), command);
        assertEquals("-", flag(command, "-Xms"), () -> "a limit keeps the JVM's small initial heap: " + command);
        assertTrue(command.contains(cacheFlag()), () -> "the start-up cache is used: " + command);
        JsonNode config = exit.config();
        assertEquals(row.cores(), config.get("cores").asInt(), exit::logs);
        assertEquals(row.ioThreads(), config.get("io_threads").asInt(), exit::logs);
        assertEquals(row.workerThreads(), config.get("worker_threads").asInt(), exit::logs);
        assertEquals("platform", config.get("worker_pool").asText(), exit::logs);
    }

    @Test
    void noLimitStartsWithASmallHeapAndTheUsersInitialHeapWins() {
        Exit exit = ImageRun.of(tag).startScriptPrintConfig();
        assertEquals(0, exit.code(), exit::logs);
        assertEquals("16m", flag(Output.javaCommand(exit.stdout()), "-Xms"), exit::logs);

        Exit own = ImageRun.of(tag).env("JAVA_OPTS", "-Xms64m").startScriptPrintConfig();
        assertEquals(0, own.code(), own::logs);
        String command = Output.javaCommand(own.stdout());
        assertEquals(1, Output.count(command, "-Xms"), () -> "only the user's -Xms: " + command);
    }

    /** One line on stdout: the flags of the java command a start prints. */
    @Test
    void jvmFlagsPrintsTheFlagsOfAStart() {
        Exit flags = ImageRun.of(tag).memoryMegabytes(256).cpus(1).shell("/start.sh --jvm-flags").run();
        Exit start = ImageRun.of(tag).memoryMegabytes(256).cpus(1).startScriptPrintConfig();
        assertEquals(0, flags.code(), flags::logs);
        String command = Output.javaCommand(start.stdout());
        String startFlags = command.substring("+ exec java ".length(), command.indexOf(" -jar "));
        assertEquals(List.of(startFlags), flags.stdout().lines().toList(), flags::logs);
    }

    @Test
    void theShippedCacheLoadsTheLauncher() {
        Exit exit = ImageRun.of(tag).env("JAVA_OPTS", "-Xlog:class+load=info")
                .startScriptPrintConfig();
        assertEquals(0, exit.code(), exit::logs);
        assertTrue(exit.stdout().contains("dev.undertowbase.launcher.Launcher source: shared objects file"),
                exit::logs);
    }

    /** The user's recipe: /train.sh as the image's non-root user, with an app in /app. */
    @Test
    void aNonRootUserRetrainsTheCacheWithTheirApp() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.DIAG))
                .shell("TRAIN_PATHS='/ /jvm' /train.sh && JAVA_OPTS=-Xlog:class+load=info /start.sh --print-config")
                .run();
        assertEquals(0, exit.code(), exit::logs);
        assertTrue(exit.stderr().contains("train.sh: /opt/launcher/cache/launcher."), exit::logs);
        assertTrue(exit.stdout().contains("dev.undertowbase.launcher.Launcher source: shared objects file"),
                exit::logs);
    }

    private String cacheFlag() {
        return tag.startsWith("java21") ? "-XX:SharedArchiveFile=/opt/launcher/cache/launcher.jsa"
                : "-XX:AOTCache=/opt/launcher/cache/launcher.aot";
    }

    /** The value of a flag like -Xmx in the command line, "-" when absent. */
    private static String flag(String command, String prefix) {
        Matcher m = Pattern.compile("(?<!\\S)" + Pattern.quote(prefix) + "(\\S+)").matcher(command);
        return m.find() ? m.group(1) : "-";
    }
}
