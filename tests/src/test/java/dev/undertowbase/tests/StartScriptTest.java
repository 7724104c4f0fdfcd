package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.undertowbase.launcher.testing.BadSettingsTable;
import dev.undertowbase.tests.ScriptRun.Cgroup;
import dev.undertowbase.tests.ScriptRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * README, JVM sizing (start.sh): the flags the start scripts give the JVM, row by row and rule by
 * rule, without Docker. Each case runs the repository's scripts under /bin/sh against a fake
 * container (see {@link ScriptRun}): cgroup v1 and v2 files as Docker writes them, on a 24 GiB,
 * 8 CPU host with JDK 25 and the image's AOT cache unless a case says otherwise.
 * MemoryTableIT checks a few of these rows in the real images.
 */
class StartScriptTest {

    /** What every JDK 25 start ends with: the image's cache, the Unsafe flag, native heap trimming, exit on OOM. */
    private static final String JDK25_TAIL = "-XX:AOTCache=/opt/launcher/cache/launcher.aot"
            + " --sun-misc-unsafe-memory-access=allow -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError";
    private static final String AOT_CACHE = "-XX:AOTCache=/opt/launcher/cache/launcher.aot";
    private static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    /** What 256m and --cpus 1 get (the README table) when the user gives nothing. */
    private static final String FLAGS_256M = "-Xmx154m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=16m"
            + " -XX:+UseSerialGC " + JDK25_TAIL;
    private static final List<String> USER_VARIABLES = List.of("JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    private static final double[] TABLE_CPUS = {0.5, 1, 2};

    @TempDir
    Path tempDir;

    private int runs;

    /** A fresh fake container for each run of a case that tries several. */
    private ScriptRun container() {
        return ScriptRun.in(tempDir.resolve("run" + runs++));
    }

    // --- The README table ---------------------------------------------------------------------

    @ParameterizedTest(name = "--memory={0}")
    @CsvSource(delimiter = '|', textBlock = """
            # --memory | -Xmx  | GC at --cpus 0.5 / 1 / 2 | -XX:ReservedCodeCacheSize | -XX:MaxDirectMemorySize
              128m     | 45m   | Serial / Serial / Serial | 16m                       | 8m
              256m     | 154m  | Serial / Serial / Serial | 32m                       | 16m
              512m     | 372m  | Serial / Serial / Serial | 64m                       | 32m
              1g       | 807m  | Serial / Serial / Serial | 128m                      | 64m
              2g       | 1677m | Serial / Serial / G1     | JVM default               | JVM default
            """)
    void aMemoryLimitGivesItsTableRow(String memory, String xmx, String gcs, String codeCache, String direct) {
        String[] gc = gcs.split(" / ");
        String caps = codeCache.equals("JVM default") ? ""
                : " -XX:ReservedCodeCacheSize=" + codeCache + " -XX:MaxDirectMemorySize=" + direct;
        assertEveryCgroupAndCpus(cpu -> "-Xmx" + xmx + caps + " -XX:+Use" + gc[cpu] + "GC " + JDK25_TAIL,
                (run, cpu) -> run.memory(memory).cpus(TABLE_CPUS[cpu]));
    }

    @Test
    void noLimitKeepsTheJvmDefaultHeapWithASmallInitialHeap() {
        assertEveryCgroupAndCpus(cpu -> "-Xms16m -XX:+Use" + (TABLE_CPUS[cpu] < 2 ? "Serial" : "G1") + "GC " + JDK25_TAIL,
                (run, cpu) -> run.cpus(TABLE_CPUS[cpu]));
    }

    /** The table's columns for cgroup v1 and v2 and each of --cpus 0.5, 1 and 2. */
    private void assertEveryCgroupAndCpus(IntFunction<String> expected, Setup setup) {
        List<Executable> checks = new ArrayList<>();
        for (Cgroup cgroup : Cgroup.values()) {
            for (int cpu = 0; cpu < TABLE_CPUS.length; cpu++) {
                ScriptRun run = container().cgroup(cgroup);
                setup.apply(run, cpu);
                String want = expected.apply(cpu);
                Result result = run.jvmFlags();
                String what = "cgroup " + cgroup + ", --cpus " + TABLE_CPUS[cpu] + ": " + result;
                checks.add(() -> assertEquals(want, result.line(), what));
            }
        }
        assertAll(checks);
    }

    private interface Setup {
        void apply(ScriptRun run, int cpuColumn);
    }

    // --- Heap -------------------------------------------------------------------------------

    @ParameterizedTest(name = "--memory={0} --cpus={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # --memory | --cpus | flags before the cache flag
              64m      | 1      | -Xmx16m -XX:ReservedCodeCacheSize=8m -XX:MaxDirectMemorySize=4m -XX:+UseSerialGC
              100m     | 1      | -Xmx25m -XX:ReservedCodeCacheSize=12m -XX:MaxDirectMemorySize=6m -XX:+UseSerialGC
              107m     | 1      | -Xmx27m -XX:ReservedCodeCacheSize=13m -XX:MaxDirectMemorySize=6m -XX:+UseSerialGC
              1791m    | 2      | -Xmx1459m -XX:ReservedCodeCacheSize=223m -XX:MaxDirectMemorySize=111m -XX:+UseSerialGC
              1792m    | 2      | -Xmx1460m -XX:ReservedCodeCacheSize=224m -XX:MaxDirectMemorySize=112m -XX:+UseG1GC
              2047m    | 2      | -Xmx1676m -XX:ReservedCodeCacheSize=255m -XX:MaxDirectMemorySize=127m -XX:+UseG1GC
              2048m    | 1.5    | -Xmx1677m -XX:+UseG1GC
              4g       | 2      | -Xmx3418m -XX:+UseG1GC
            """)
    void theHeapIsTheLimitLessNonHeapButAtLeastAQuarterAndTheCapsAndG1StartAtTheirThresholds(
            String memory, double cpus, String flags) {
        Result result = container().memory(memory).cpus(cpus).jvmFlags();
        assertEquals(flags + " " + JDK25_TAIL, result.line(), result::toString);
    }

    @ParameterizedTest(name = "--memory={0} JAVA_MAX_MEM_RATIO={1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            # --memory | JAVA_MAX_MEM_RATIO | flags before the cache flag
              256m     | 50                 | -Xmx128m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=16m -XX:+UseSerialGC
              128m     | 100                | -Xmx128m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=8m -XX:+UseSerialGC
              4g       | 1                  | -Xmx40m -XX:+UseG1GC
              none     | 50                 | -XX:MaxRAMPercentage=50 -Xms16m -XX:+UseG1GC
            """)
    void memRatioMakesTheHeapThatShareOfTheLimitOrOfTheRam(String memory, String ratio, String flags) {
        Result result = container().memory(memory).env("JAVA_MAX_MEM_RATIO", ratio).jvmFlags();
        assertEquals(flags + " " + JDK25_TAIL, result.line(), result::toString);
    }

    @Test
    void aLimitAtOrAboveTheHostsRamCountsAsNone() {
        Result result = container().hostRam("24g").memory("24g").jvmFlags();
        assertEquals("-Xms16m -XX:+UseG1GC " + JDK25_TAIL, result.line(), result::toString);
    }

    @ParameterizedTest(name = "JAVA_OPTS={0} -> -Xms16m: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # JAVA_OPTS (no limit)       | start.sh adds -Xms16m
              ''                         | true
              -Xmx1g                     | true
              -Xmx16m                    | true
              -XX:MaxHeapSize=16m        | true
              -Xmx8m                     | false
              -Xmx16383k                 | false
              -XX:MaxRAMPercentage=50    | false
              -XX:MaxRAM=4g              | false
              -Xms64m                    | false
              -XX:InitialHeapSize=64m    | false
              -XX:InitialRAMPercentage=5 | false
            """)
    void withoutALimitTheInitialHeapIs16mUnlessTheUserSaysOtherwise(String javaOpts, boolean added) {
        Result result = container().env("JAVA_OPTS", javaOpts).jvmFlags();
        assertEquals(added, words(result.line()).contains("-Xms16m"), result::toString);
    }

    // --- The user's flags win ---------------------------------------------------------------

    /**
     * A flag of the user's in JAVA_OPTS, JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS drops the computed
     * flags of its kind (at 256m, --cpus 1); JAVA_OPTS is also appended last.
     */
    @ParameterizedTest(name = "{0} drops {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # the user's flag                        | computed flags it drops
              -Xmx100m                               | -Xmx154m
              -XX:MaxHeapSize=100m                   | -Xmx154m
              -XX:MaxRAMPercentage=50                | -Xmx154m
              -XX:MaxRAM=1g                          | -Xmx154m
              -XX:+UseSerialGC                       | -XX:+UseSerialGC
              -XX:+UseParallelGC                     | -XX:+UseSerialGC
              -XX:+UseG1GC                           | -XX:+UseSerialGC
              -XX:+UseShenandoahGC                   | -XX:+UseSerialGC
              -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC | -XX:+UseSerialGC
              -XX:+UseZGC                            | -XX:+UseSerialGC -XX:AOTCache=/opt/launcher/cache/launcher.aot
              -XX:ReservedCodeCacheSize=64m          | -XX:ReservedCodeCacheSize=32m
              -XX:MaxDirectMemorySize=64m            | -XX:MaxDirectMemorySize=16m
              -XX:AOTCache=/app/app.aot              | -XX:AOTCache=/opt/launcher/cache/launcher.aot
              -XX:AOTMode=off                        | -XX:AOTCache=/opt/launcher/cache/launcher.aot
              -XX:AOTCacheOutput=/tmp/app.aot        | -XX:AOTCache=/opt/launcher/cache/launcher.aot
              -XX:SharedArchiveFile=/app/app.jsa     | -XX:AOTCache=/opt/launcher/cache/launcher.aot
              -XX:ArchiveClassesAtExit=/tmp/app.jsa  | -XX:AOTCache=/opt/launcher/cache/launcher.aot
              -Xshare:off                            | -XX:AOTCache=/opt/launcher/cache/launcher.aot
              --sun-misc-unsafe-memory-access=warn   | --sun-misc-unsafe-memory-access=allow
              -XX:TrimNativeHeapInterval=0           | -XX:TrimNativeHeapInterval=2000
            """)
    void theUsersFlagDropsTheComputedOne(String userFlag, String dropped) {
        List<String> computed = new ArrayList<>(words(FLAGS_256M));
        computed.removeAll(words(dropped));
        List<Executable> checks = new ArrayList<>();
        for (String variable : USER_VARIABLES) {
            Result result = container().memory("256m").cpus(1).env(variable, userFlag).jvmFlags();
            String expected = String.join(" ", computed) + (variable.equals("JAVA_OPTS") ? " " + userFlag : "");
            checks.add(() -> assertEquals(expected, result.line(), variable + ": " + result));
        }
        assertAll(checks);
    }

    @Test
    void otherUserFlagsDropNothingAndJavaOptsComesLast() {
        Result result = container().memory("256m").cpus(1).env("JAVA_OPTS", "-Xss512k -Dapp.mode=prod")
                .env("JDK_JAVA_OPTIONS", "-verbose:gc").jvmFlags();
        assertEquals(FLAGS_256M + " -Xss512k -Dapp.mode=prod", result.line(), result::toString);
    }

    @ParameterizedTest(name = "--cpus={0} -XX:ActiveProcessorCount={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 2 | -XX:+UseG1GC
            2 | 1 | -XX:+UseSerialGC
            """)
    void theUsersProcessorCountDecidesTheCollector(double cpus, int count, String gc) {
        Result result = container().memory("2g").cpus(cpus).env("JDK_JAVA_OPTIONS", "-XX:ActiveProcessorCount=" + count)
                .jvmFlags();
        assertEquals("-Xmx1677m " + gc + " " + JDK25_TAIL, result.line(), result::toString);
    }

    // --- GC ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "JDK {0} JAVA_GC={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # JDK    | JAVA_GC  | flags (2g, 2 CPUs)
              25.0.1 | auto     | -Xmx1677m -XX:+UseG1GC -XX:AOTCache=/opt/launcher/cache/launcher.aot --sun-misc-unsafe-memory-access=allow -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
              25.0.1 | serial   | -Xmx1677m -XX:+UseSerialGC -XX:AOTCache=/opt/launcher/cache/launcher.aot --sun-misc-unsafe-memory-access=allow -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
              25.0.1 | parallel | -Xmx1677m -XX:+UseParallelGC -XX:AOTCache=/opt/launcher/cache/launcher.aot --sun-misc-unsafe-memory-access=allow -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
              25.0.1 | g1       | -Xmx1677m -XX:+UseG1GC -XX:AOTCache=/opt/launcher/cache/launcher.aot --sun-misc-unsafe-memory-access=allow -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
              25.0.1 | z        | -Xmx1677m -XX:+UseZGC --sun-misc-unsafe-memory-access=allow -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
              21.0.8 | auto     | -Xmx1677m -XX:+UseG1GC -XX:SharedArchiveFile=/opt/launcher/cache/launcher.jsa -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
              21.0.8 | z        | -Xmx1677m -XX:+UseZGC -XX:+ZGenerational -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
            """)
    void javaGcPicksTheCollectorAndJdk21ZgcIsTheGenerationalOne(String jdk, String gc, String flags) {
        ScriptRun run = container().memory("2g").cpus(2).java(jdk).env("JAVA_GC", gc);
        if (jdk.startsWith("21")) {
            run.cache("launcher.jsa");
        }
        Result result = run.jvmFlags();
        assertEquals(flags, result.line(), result::toString);
    }

    // --- Start-up cache ---------------------------------------------------------------------

    @ParameterizedTest(name = "host {0}, --memory={1}, JAVA_GC={2}, JAVA_MAX_MEM_RATIO={3}, JAVA_OPTS={4} -> cache: {5}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            # host RAM | --memory | JAVA_GC | JAVA_MAX_MEM_RATIO | JAVA_OPTS               | cache
              64g      | 36g      | auto    | none               | ''                      | true
              64g      | 37g      | auto    | none               | ''                      | false
              64g      | 40g      | auto    | 75                 | ''                      | true
              64g      | 36g      | auto    | 90                 | ''                      | false
              124g     | none     | auto    | none               | ''                      | true
              125g     | none     | auto    | none               | ''                      | false
              64g      | none     | auto    | 50                 | ''                      | false
              64g      | none     | auto    | none               | -Xmx31g                 | true
              64g      | none     | auto    | none               | -Xmx32000m              | false
              64g      | none     | auto    | none               | -XX:MaxRAMPercentage=40 | true
              64g      | none     | auto    | none               | -XX:MaxRAMPercentage=50 | false
              24g      | none     | z       | none               | ''                      | false
              24g      | none     | auto    | none               | -XX:+UseZGC             | false
              24g      | none     | z       | none               | -XX:+UseSerialGC        | true
            """)
    void theCacheIsLeftOutWithZgcOrAHeapOf32GibOrMore(String hostRam, String memory, String gc, String ratio,
                                                      String javaOpts, boolean cache) {
        Result result = container().hostRam(hostRam).memory(memory).env("JAVA_GC", gc)
                .env("JAVA_MAX_MEM_RATIO", ratio).env("JAVA_OPTS", javaOpts).jvmFlags();
        assertEquals(cache, words(result.line()).contains(AOT_CACHE), result::toString);
    }

    @Test
    void withoutACacheFileThereIsNoCacheFlag() {
        Result result = container().memory("256m").cpus(1).cache(null).jvmFlags();
        assertEquals(FLAGS_256M.replace(AOT_CACHE + " ", ""), result.line(), result::toString);
    }

    // --- The Unsafe flag, in every script ---------------------------------------------------

    @ParameterizedTest(name = "JDK {0}")
    @CsvSource({"25.0.1, true", "24, true", "21.0.8, false"})
    void jdk24AndLaterAllowUnsafeMemoryAccessInBothStartScripts(String jdk, boolean allowed) {
        Result start = container().java(jdk).start();
        Result reload = container().java(jdk).startReload();
        assertAll(
                () -> assertEquals(allowed, start.javaArgs().contains(UNSAFE), start::toString),
                () -> assertEquals(allowed, reload.javaArgs().contains(UNSAFE), reload::toString));
    }

    /** For start.sh, see theUsersFlagDropsTheComputedOne. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("USER_VARIABLES")
    void theUsersOwnUnsafeSettingWinsInStartReload(String variable) {
        Result result = container().env(variable, "--sun-misc-unsafe-memory-access=warn").startReload();
        assertFalse(result.javaArgs().contains(UNSAFE), result::toString);
    }

    // --- Bad input --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            JAVA_GC            | fast   | is not one of serial, parallel, g1, z, auto
            JAVA_GC            | G1     | is not one of serial, parallel, g1, z, auto
            JAVA_GC            | a\\cb  | is not one of serial, parallel, g1, z, auto
            JAVA_MAX_MEM_RATIO | 0      | is not a whole percentage from 1 to 100
            JAVA_MAX_MEM_RATIO | 101    | is not a whole percentage from 1 to 100
            JAVA_MAX_MEM_RATIO | 50.5   | is not a whole percentage from 1 to 100
            JAVA_MAX_MEM_RATIO | 050    | is not a whole percentage from 1 to 100
            JAVA_MAX_MEM_RATIO | half   | is not a whole percentage from 1 to 100
            """)
    void aBadValueStopsTheStartWithOneErrorLine(String variable, String value, String problem) {
        Result result = container().env(variable, value).start();
        assertEquals(2, result.code(), result::toString);
        assertEquals("error: " + variable + ": \"" + value + "\" " + problem + "\n", result.stderr());
        assertNull(result.javaArgs(), "java never runs");
    }

    @Test
    void aBadJavaDebugStopsTheReloadStartWithOneErrorLine() {
        Result result = container().env("JAVA_DEBUG", "yes").startReload();
        assertEquals(2, result.code(), result::toString);
        assertEquals("error: JAVA_DEBUG: \"yes\" is not true or false\n", result.stderr());
        assertNull(result.javaArgs(), "java never runs");
    }

    /** README, JVM sizing: JAVA_MAX_MEM_RATIO may not make a heap below the 8 MiB the server needs. */
    @ParameterizedTest(name = "--memory={0} host RAM {1} JAVA_MAX_MEM_RATIO={2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            # --memory | host RAM | ratio | the error
              256m     | 24g      | 3     | error: JAVA_MAX_MEM_RATIO: "3" gives a 7 MiB heap at the 256 MiB memory limit; the server needs at least 8 MiB
              128m     | 24g      | 1     | error: JAVA_MAX_MEM_RATIO: "1" gives a 1 MiB heap at the 128 MiB memory limit; the server needs at least 8 MiB
              none     | 512m     | 1     | error: JAVA_MAX_MEM_RATIO: "1" gives a 5 MiB heap of the host's 512 MiB; the server needs at least 8 MiB
            """)
    void aRatioThatGivesAHeapBelow8MibStopsTheStart(String memory, String hostRam, String ratio, String error) {
        Result result = container().memory(memory).hostRam(hostRam).env("JAVA_MAX_MEM_RATIO", ratio).start();
        assertStoppedWith(error, result);
    }

    @Test
    void aRatioThatGivesExactly8MibIsTaken() {
        Result result = container().memory("128m").env("JAVA_MAX_MEM_RATIO", "7").jvmFlags();
        assertTrue(result.line().startsWith("-Xmx8m "), result::toString);
    }

    /**
     * README, JVM sizing: a JVM option that the JVM would refuse (or take and ignore) stops the
     * start with one line naming the variable and the option, before java runs: what the list of
     * the JVM's options decides at once, the rest by a trial run of the JVM. At 256m and --cpus 1.
     */
    @ParameterizedTest(name = "JAVA_OPTS={0}")
    @CsvSource(delimiter = '|', textBlock = """
            # JAVA_OPTS                                 | the error line starts with
              -Xmx1k                                    | error: JAVA_OPTS: "-Xmx1k" is a heap below the 8 MiB the server needs
              -XX:MaxHeapSize=4m                        | error: JAVA_OPTS: "-XX:MaxHeapSize=4m" is a heap below the 8 MiB the server needs
              -Xms300m                                  | error: JAVA_OPTS: "-Xms300m" is more than the maximum heap, -Xmx154m
              -Xms2g -Xmx1g                             | error: JAVA_OPTS: "-Xms2g" is more than the maximum heap, -Xmx1g
              -XX:+UseSerialGC -XX:+UseG1GC             | error: JAVA_OPTS: "-XX:+UseG1GC" picks a second garbage collector after -XX:+UseSerialGC (give one; JAVA_GC picks one too)
              -XX:+UseZGC -Dx=1 -XX:+UseParallelGC      | error: JAVA_OPTS: "-XX:+UseParallelGC" picks a second garbage collector after -XX:+UseZGC
              garbage                                   | error: JAVA_OPTS: "garbage" is not a JVM option (JAVA_OPTS holds options, each starting with -, separated by blanks)
              -XX:MaxRAMPercentage=200                  | error: JAVA_OPTS: "-XX:MaxRAMPercentage=200" is outside the range 0.000 to 100.000 that this JVM allows
              -XX:MaxRAMPercentage=2                    | error: JAVA_OPTS: "-XX:MaxRAMPercentage=2" gives a 5 MiB heap of the 256 MiB memory limit; the server needs at least 8 MiB
              -XX:+LogCompilation                       | error: JAVA_OPTS: "-XX:+LogCompilation" is a diagnostic option: -XX:+UnlockDiagnosticVMOptions must come before it
              -XX:+UseEpsilonGC                         | error: JAVA_OPTS: "-XX:+UseEpsilonGC" is an experimental option: -XX:+UnlockExperimentalVMOptions must come before it
              -XX:UseG1GC=true                          | error: JAVA_OPTS: "-XX:UseG1GC=true" gives a value to a switch: -XX:+UseG1GC or -XX:-UseG1GC
              -XX:+MaxHeapSize                          | error: JAVA_OPTS: "-XX:+MaxHeapSize" switches an option that takes a value: -XX:MaxHeapSize=...
              -verbose:everything                       | error: JAVA_OPTS: "-verbose:everything" is not -verbose:class, -verbose:gc, -verbose:jni or -verbose:module (the JVM would ignore it)
              -javaagent:/nonexistent.jar               | error: JAVA_OPTS: "-javaagent:/nonexistent.jar" names /nonexistent.jar, which is not a file this user can read
              -agentlib:nosuchagent                     | error: JAVA_OPTS: "-agentlib:nosuchagent" names no agent library: there is no libnosuchagent.so in
              -XX:+NoSuchFlag                           | error: JAVA_OPTS: "-XX:+NoSuchFlag" is refused by the JVM: Unrecognized VM option 'NoSuchFlag'
              -Dok=1 -Xlog:gc -XX:+NoSuchFlag           | error: JAVA_OPTS: "-XX:+NoSuchFlag" is refused by the JVM: Unrecognized VM option 'NoSuchFlag'
              -Xmxfoo                                   | error: JAVA_OPTS: "-Xmxfoo" is refused by the JVM: Invalid maximum heap size: -Xmxfoo
              -Xlog:bogus                               | error: JAVA_OPTS: "-Xlog:bogus" is refused by the JVM: Invalid tag 'bogus' in log selection.
              --no-such-option                          | error: JAVA_OPTS: "--no-such-option" is refused by the JVM: Unrecognized option: --no-such-option
              -Xss1k                                    | error: JAVA_OPTS: "-Xss1k" is refused by the JVM: The Java thread stack size specified is too small.
            """)
    void aJvmOptionTheJvmWouldRefuseStopsTheStartWithOneLine(String javaOpts, String error) {
        Result result = container().memory("256m").cpus(1).env("JAVA_OPTS", javaOpts).start();
        assertStoppedWith(error, result);
    }

    /** The same checks name JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS, which the JVM reads too. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            JAVA_TOOL_OPTIONS | -Xmx1k           | error: JAVA_TOOL_OPTIONS: "-Xmx1k" is a heap below the 8 MiB the server needs
            JDK_JAVA_OPTIONS  | garbage          | error: JDK_JAVA_OPTIONS: "garbage" is not a JVM option (JDK_JAVA_OPTIONS holds options
            JAVA_TOOL_OPTIONS | -XX:+NoSuchFlag  | error: JAVA_TOOL_OPTIONS: "-XX:+NoSuchFlag" is refused by the JVM: Unrecognized VM option 'NoSuchFlag'
            JDK_JAVA_OPTIONS  | '-Dx="a b" -Xlog:bogus' | error: JDK_JAVA_OPTIONS: "-Dx="a b" -Xlog:bogus" is refused by the JVM: Invalid tag 'bogus' in log selection.
            """)
    void theJvmsOwnOptionVariablesAreCheckedAlike(String variable, String value, String error) {
        Result result = container().memory("256m").cpus(1).env(variable, value).start();
        assertStoppedWith(error, result);
    }

    @Test
    void optionsTheListVouchesForStartWithoutATrialRun() {
        String javaOpts = "-Xmx300m -Xms64m -XX:+UseParallelGC -Dfoo=bar -XX:+UnlockDiagnosticVMOptions"
                + " -XX:+LogCompilation -XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=32m -XX:HeapDumpPath=/tmp"
                + " -Xss512k -verbose:gc -ea --add-opens=java.base/java.lang=ALL-UNNAMED";
        Result result = container().memory("1g").env("JAVA_OPTS", javaOpts).start();
        assertAll(
                () -> assertEquals(0, result.code(), result::toString),
                () -> assertEquals(List.of(), result.trials(), "no trial run of the JVM"),
                () -> assertTrue(String.join(" ", result.javaArgs()).contains(javaOpts + " -jar "), result::toString));
    }

    /** -XX:+ZGenerational is obsolete on JDK 25: not on the list, so the JVM is asked, which warns and goes on. */
    @Test
    void anOptionTheListCannotVouchForIsTriedOnceThenTheStartGoesOn() {
        Result result = container().memory("256m").cpus(1).env("JAVA_OPTS", "-Xlog:gc -XX:+ZGenerational").start();
        assertAll(
                () -> assertEquals(0, result.code(), result::toString),
                () -> assertEquals(1, result.trials().size(), result::toString),
                () -> assertTrue(result.trials().get(0).endsWith(" -Xlog:gc -XX:+ZGenerational -version"), result::toString),
                () -> assertTrue(String.join(" ", result.javaArgs()).contains(" -Xlog:gc -XX:+ZGenerational -jar "),
                        result::toString));
    }

    @Test
    void anAgentIsNeverRunInATrial() {
        String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=*:5005";
        Result result = container().env("JAVA_OPTS", jdwp + " -Xlog:gc").start();
        assertAll(
                () -> assertEquals(0, result.code(), result::toString),
                () -> assertEquals(1, result.trials().size(), result::toString),
                () -> assertFalse(result.trials().get(0).contains("jdwp"), "a suspending debugger would hang the trial"),
                () -> assertTrue(result.javaArgs().contains(jdwp), result::toString));
    }

    @Test
    void aJavaAgentOnARuntimeWithoutJavaInstrumentStopsTheStart() throws IOException {
        Path agent = write(tempDir.resolve("agent.jar"), "a jar");
        Result result = container().withoutInstrument().env("JAVA_OPTS", "-javaagent:" + agent).start();
        assertStoppedWith("error: JAVA_OPTS: \"-javaagent:" + agent + "\" needs the java.instrument module,"
                + " which this runtime does not have (the full tags do)", result);
    }

    @Test
    void startReloadChecksJavaOptsToo() {
        Result result = container().env("JAVA_OPTS", "-Xms1g").startReload();
        assertStoppedWith("error: JAVA_OPTS: \"-Xms1g\" is more than the maximum heap, -Xmx512m", result);
    }

    @Test
    void aPrestartPathThatIsADirectoryStopsTheStart() {
        Result result = container().env("PRE_START_PATH", tempDir.toString()).start();
        assertStoppedWith("error: PRE_START_PATH: \"" + tempDir + "\" is a directory, not a script", result);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            TRAIN_OUTPUT | /nonexistent | error: TRAIN_OUTPUT: "/nonexistent" is not a directory user
            TRAIN_PATHS  | / health     | error: TRAIN_PATHS: "health" is not a request path (one that starts with /)
            """)
    void trainChecksItsVariablesBeforeTraining(String variable, String value, String error) {
        Result result = container().env(variable, value).train();
        assertStoppedWith(error, result);
    }

    /**
     * The table of bad settings (bad-settings.txt): each row read by a start script stops it
     * with one error line naming the variable, in a 256 MiB container. BadSettingsIT runs every
     * row in the images.
     */
    @TestFactory
    Stream<DynamicTest> everyBadSettingOfTheScriptsStopsTheStartWithOneErrorLine() throws IOException {
        BadSettingsTable table = BadSettingsTable.load(ProjectFiles.root());
        Path fixtures = tempDir.resolve("fixtures");
        table.writeFiles(fixtures);
        Path unreadable = unreadable(tempDir.resolve("unreadable"));
        return table.rows.stream().filter(row -> row.reader().isScript()).map(row -> DynamicTest.dynamicTest(
                row.toString(), () -> {
                    assumeTrue(!row.needsUnreadableFile() || unreadable != null, "root reads every file");
                    String value = row.value(fixtures.toString(), String.valueOf(unreadable));
                    Result result = container().memory("256m").env("PORT", "0").env(row.name(), value)
                            .script(row.reader().script);
                    BadSettingsTable.assertRejected(row, value,
                            new BadSettingsTable.Outcome(result.code(), result.stdout(), result.stderr()));
                }));
    }

    /** A file this user cannot read; null when there is none (root reads every file). */
    private static Path unreadable(Path file) throws IOException {
        write(file, "secret");
        Files.setPosixFilePermissions(file, Set.of());
        return Files.isReadable(file) ? null : file;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }

    /** Exit status 2, the one line on stderr, and java never exec'd. */
    private static void assertStoppedWith(String errorStart, Result result) {
        assertAll(
                () -> assertEquals(2, result.code(), result::toString),
                () -> assertEquals(1, result.stderr().lines().count(), result::toString),
                () -> assertTrue(result.stderr().startsWith(errorStart), () -> "expected " + errorStart + "\n" + result),
                () -> assertNull(result.javaArgs(), "java never runs"));
    }

    // --- /start.sh and /start-reload.sh exec java -------------------------------------------

    @Test
    void startExecsJavaWithTheFlagsItPrintsAndPassesItsArguments() {
        Result result = container().memory("256m").cpus(1).env("JAVA_OPTS", "-Dx=* -Dy=1").start("--print-config");
        List<String> expected = Stream.of(words(FLAGS_256M), List.of("-Dx=*", "-Dy=1", "-jar",
                "/opt/launcher/launcher.jar", "--print-config")).flatMap(List::stream).toList();
        assertEquals(0, result.code(), result::toString);
        assertEquals(expected, result.javaArgs(), "JAVA_OPTS is split at blanks, never globbed");
        assertTrue(result.stdout().lines().anyMatch(("+ exec java " + String.join(" ", expected))::equals),
                result::toString);
        assertEquals("", result.stderr());
    }

    @ParameterizedTest(name = "JAVA_DEBUG={0} JAVA_OPTS={1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''    | ''           | -Xmx512m -XX:+UseSerialGC --sun-misc-unsafe-memory-access=allow -jar /opt/launcher/launcher.jar --reload
            ''    | -Xmx1g       | -XX:+UseSerialGC --sun-misc-unsafe-memory-access=allow -Xmx1g -jar /opt/launcher/launcher.jar --reload
            TRUE  | -XX:+UseG1GC | -Xmx512m -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 --sun-misc-unsafe-memory-access=allow -XX:+UseG1GC -jar /opt/launcher/launcher.jar --reload
            """)
    void startReloadExecsTheReloadingLauncherWithAFixedHeapAndCollectorThatJavaOptsReplace(String debug, String javaOpts,
                                                                                           String args) {
        Result result = container().memory("256m").env("JAVA_DEBUG", debug).env("JAVA_OPTS", javaOpts).startReload();
        assertEquals(0, result.code(), result::toString);
        assertEquals(words(args), result.javaArgs(), result::toString);
        assertTrue(result.stdout().contains("+ exec java " + args + "\n"), result::toString);
    }

    // --- /start.sh --jvm-flags --------------------------------------------------------------

    @Test
    void jvmFlagsPrintsJustTheFlagsOfAStartAfterThePrestartScript() {
        String prestart = "echo preparing; export JAVA_OPTS=-Xmx100m\n";
        Result flags = container().memory("256m").cpus(1).prestart(prestart).jvmFlags();
        Result start = container().memory("256m").cpus(1).prestart(prestart).start();
        List<String> startFlags = start.javaArgs().subList(0, start.javaArgs().indexOf("-jar"));
        assertAll(
                () -> assertEquals(0, flags.code(), flags::toString),
                () -> assertEquals(String.join(" ", startFlags), flags.line(), "the flags of a start"),
                () -> assertTrue(flags.line().endsWith(" -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError -Xmx100m"), flags::toString),
                () -> assertTrue(flags.stderr().contains("preparing\n"), "the prestart output is on stderr"),
                () -> assertNull(flags.javaArgs(), "java never runs"));
    }

    @Test
    void jvmFlagsStopsOnABadValueWithTheErrorLineLast() {
        Result result = container().env("JAVA_GC", "fast").jvmFlags();
        assertEquals(2, result.code(), result::toString);
        assertEquals("", result.stdout(), result::toString);
        assertTrue(result.stderr().endsWith("error: JAVA_GC: \"fast\" is not one of serial, parallel, g1, z, auto\n"),
                result::toString);
    }

    @Test
    void jvmFlagsStopsWhenThePrestartScriptFails() {
        Result result = container().prestart("echo no database >&2; false\n").jvmFlags();
        assertTrue(result.code() != 0, result::toString);
        assertEquals("", result.stdout(), result::toString);
        assertTrue(result.stderr().contains("no database"), result::toString);
    }

    private static List<String> words(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split(" +"));
    }
}
