package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of the repository's start scripts under {@code /bin/sh} (dash on Debian, as in the
 * images), without Docker: a fake container made of files in a temp directory. The cgroup
 * files are written the way Docker writes them for {@code --memory} and {@code --cpus}, in the
 * v1 or v2 layout, and reach the scripts through their test-only {@code UB_*} variables (see
 * images/start-common.sh). A stand-in {@code java} on the PATH records its arguments, so a
 * start that execs the JVM can be checked too. The scripts' own paths under /opt/launcher are
 * printed as in the image.
 */
final class ScriptRun {

    /** The two layouts of /sys/fs/cgroup a container can see. */
    enum Cgroup { V1, V2 }

    static final Path REPO = repositoryRoot();
    private static final long MIB = 1 << 20;
    private static final String IMAGE_LAUNCHER_DIR = "/opt/launcher";

    private final Path dir;
    private final Path launcher;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Cgroup cgroup = Cgroup.V2;
    private Long memoryMib;
    private Double cpus;
    private long hostRamMib = 24 << 10;
    private int hostCpus = 8;
    private String javaVersion = "25.0.1";
    private String cacheFile = "launcher.aot";

    private ScriptRun(Path dir) {
        this.dir = dir;
        this.launcher = dir.resolve("launcher");
        mkdirs(dir);
    }

    /** A container with no limits on a 24 GiB, 8 CPU host, JDK 25 and the image's AOT cache. */
    static ScriptRun in(Path tempDir) {
        return new ScriptRun(tempDir);
    }

    ScriptRun cgroup(Cgroup layout) {
        this.cgroup = layout;
        return this;
    }

    /** {@code --memory}, as 128m, 2g (or null for no limit). */
    ScriptRun memory(String size) {
        this.memoryMib = size == null ? null : mib(size);
        return this;
    }

    /** {@code --cpus}. */
    ScriptRun cpus(double count) {
        this.cpus = count;
        return this;
    }

    /** The host's RAM, e.g. 24g. */
    ScriptRun hostRam(String size) {
        this.hostRamMib = mib(size);
        return this;
    }

    /** The CPUs the container may run on (the host's, or a --cpuset-cpus). */
    ScriptRun hostCpus(int count) {
        this.hostCpus = count;
        return this;
    }

    /** The JAVA_VERSION of $JAVA_HOME/release, e.g. 21.0.8. */
    ScriptRun java(String version) {
        this.javaVersion = version;
        return this;
    }

    /** The start-up cache the image ships in /opt/launcher/cache (null: none). */
    ScriptRun cache(String fileName) {
        this.cacheFile = fileName;
        return this;
    }

    /** An environment variable of the container (null: not set). */
    ScriptRun env(String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
        return this;
    }

    /** A prestart script (PRE_START_PATH) with this text. */
    ScriptRun prestart(String text) {
        write(dir.resolve("prestart.sh"), text);
        return this;
    }

    /** {@code /start.sh --jvm-flags}. */
    Result jvmFlags() {
        return run("start.sh", "--jvm-flags");
    }

    /** {@code /start.sh ARGS}, exec'ing the stand-in java. */
    Result start(String... args) {
        return run("start.sh", args);
    }

    /** {@code /start-reload.sh ARGS}, exec'ing the stand-in java. */
    Result startReload(String... args) {
        return run("start-reload.sh", args);
    }

    /**
     * What a script did: its exit status, its output, and the arguments the stand-in java got
     * (null when the script did not run it).
     */
    record Result(int code, String stdout, String stderr, List<String> javaArgs) {

        /** stdout's only line; fails when there is not exactly one. */
        String line() {
            List<String> lines = stdout.lines().toList();
            if (lines.size() != 1) {
                fail("expected one line on stdout, got:\n" + this);
            }
            return lines.get(0);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr
                    + "--- java " + javaArgs;
        }
    }

    private Result run(String script, String... args) {
        writeFakeContainer();
        Path javaArgs = dir.resolve("java.args");
        Path cwd = dir.resolve("cwd");
        List<String> command = Stream.concat(Stream.of("/bin/sh", REPO.resolve(script).toString()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        environment.put("JAVA_HOME", dir.resolve("jdk").toString());
        environment.put("UB_LAUNCHER_DIR", launcher.toString());
        environment.put("UB_CGROUP_ROOT", dir.resolve("cgroup").toString());
        environment.put("UB_PROC_MEMINFO", dir.resolve("meminfo").toString());
        environment.put("UB_NPROC", Integer.toString(hostCpus));
        environment.put("PRE_START_PATH", dir.resolve("prestart.sh").toString());
        environment.put("FAKE_JAVA_ARGS", javaArgs.toString());
        environment.putAll(env);
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        try {
            if (Files.exists(javaArgs)) {
                Files.delete(javaArgs);
            }
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(script + " did not end within 10 s");
            }
            List<String> java = Files.exists(javaArgs) ? Files.readAllLines(javaArgs) : null;
            return new Result(process.exitValue(), inImage(Files.readString(stdout)), inImage(Files.readString(stderr)),
                    java == null ? null : java.stream().map(this::inImage).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The launcher directory as the image has it, so expected flags read as in the README. */
    private String inImage(String text) {
        return text.replace(launcher.toString(), IMAGE_LAUNCHER_DIR);
    }

    private void writeFakeContainer() {
        Path cache = launcher.resolve("cache");
        Path cgroupRoot = dir.resolve("cgroup");
        for (Path directory : List.of(dir.resolve("cwd"), dir.resolve("bin"), dir.resolve("jdk"), cache, cgroupRoot)) {
            mkdirs(directory);
        }
        // A file to glob: a JAVA_OPTS word like -Dx=* must reach java as given.
        write(dir.resolve("cwd/-Dx=file"), "");
        write(dir.resolve("bin/java"), """
                #!/bin/sh
                printf '%s\\n' "$@" > "$FAKE_JAVA_ARGS"
                """);
        dir.resolve("bin/java").toFile().setExecutable(true);
        write(dir.resolve("jdk/release"), "JAVA_VERSION=\"" + javaVersion + "\"\n");
        write(dir.resolve("meminfo"), "MemTotal:       " + hostRamMib * 1024 + " kB\nMemFree:         1024 kB\n");
        copy(REPO.resolve("images/start-common.sh"), launcher.resolve("start-common.sh"));
        for (String name : List.of("launcher.aot", "launcher.jsa")) {
            if (name.equals(cacheFile)) {
                write(cache.resolve(name), "cache");
            } else if (Files.exists(cache.resolve(name))) {
                delete(cache.resolve(name));
            }
        }
        writeCgroup(cgroupRoot);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Docker writes them: no limit is "max" (v2) or -1 and a huge byte count (v1). */
    private void writeCgroup(Path root) {
        String quota = cpus == null ? null : Long.toString(Math.round(cpus * 100_000));
        String bytes = memoryMib == null ? null : Long.toString(memoryMib * MIB);
        if (cgroup == Cgroup.V2) {
            write(root.resolve("memory.max"), (bytes == null ? "max" : bytes) + "\n");
            write(root.resolve("cpu.max"), (quota == null ? "max" : quota) + " 100000\n");
        } else {
            mkdirs(root.resolve("memory"));
            mkdirs(root.resolve("cpu"));
            write(root.resolve("memory/memory.limit_in_bytes"), (bytes == null ? "9223372036854771712" : bytes) + "\n");
            write(root.resolve("cpu/cpu.cfs_quota_us"), (quota == null ? "-1" : quota) + "\n");
            write(root.resolve("cpu/cpu.cfs_period_us"), "100000\n");
        }
    }

    /** 128m, 2g, 16384k in MiB. */
    static long mib(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (size.charAt(size.length() - 1)) {
            case 'g' -> n << 10;
            case 'm' -> n;
            case 'k' -> n >> 10;
            default -> throw new IllegalArgumentException(size);
        };
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding start.sh and images/start-common.sh: Maven runs tests in tests/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("images/start-common.sh")) && Files.isRegularFile(dir.resolve("start.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no start.sh and images/start-common.sh above " + Path.of("").toAbsolutePath());
    }
}
