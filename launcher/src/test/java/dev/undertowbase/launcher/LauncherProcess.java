package dev.undertowbase.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher as a child JVM from the test class path, with exactly the given environment. Its
 * stdout and stderr go to files, which a test can read while it runs and after it ends.
 */
final class LauncherProcess {

    record Result(int status, String stdout, String stderr, Duration elapsed) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    final Process process;
    final Path stdout;
    final Path stderr;

    private LauncherProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static LauncherProcess start(Map<String, String> env, String... args) throws IOException {
        return start(env, List.of(), args);
    }

    /** @param prefix what runs the JVM, e.g. a shell setting a resource limit first */
    private static LauncherProcess start(Map<String, String> env, List<String> prefix, String... args)
        throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            // jboss-threads uses sun.misc.Unsafe; without this JDK 23+ prints a 4-line warning (JEP 471)
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher-stdout", ".txt");
        Path err = Files.createTempFile("launcher-stderr", ".txt");
        out.toFile().deleteOnExit();
        err.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new LauncherProcess(builder.start(), out, err);
    }

    /** Runs to completion (at most 30 s). */
    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, List.of(), args);
    }

    /** Runs to completion with at most {@code openFiles} file descriptors (the shell's ulimit -n). */
    static Result run(Map<String, String> env, int openFiles) throws IOException, InterruptedException {
        return run(env, List.of("/bin/sh", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", "sh"));
    }

    private static Result run(Map<String, String> env, List<String> prefix, String... args)
        throws IOException, InterruptedException {
        long start = System.nanoTime();
        LauncherProcess launcher = start(env, prefix, args);
        if (!launcher.process.waitFor(30, TimeUnit.SECONDS)) {
            launcher.process.destroyForcibly();
            throw new AssertionError("launcher still running after 30 s; stderr: " + launcher.stderr());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(launcher.process.exitValue(), launcher.stdout(), launcher.stderr(), elapsed);
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
