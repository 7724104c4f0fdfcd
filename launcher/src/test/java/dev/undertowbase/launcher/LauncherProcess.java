package dev.undertowbase.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the launcher as a child JVM from the test class path, with exactly the given environment. */
final class LauncherProcess {

    record Result(int status, String stdout, String stderr, Duration elapsed) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    private LauncherProcess() {
    }

    static ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            // jboss-threads uses sun.misc.Unsafe; without this JDK 23+ prints a 4-line warning (JEP 471)
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    /** Runs to completion (at most 30 s). */
    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = builder(env, args).start();
        CompletableFuture<String> stdout = read(process.getInputStream());
        CompletableFuture<String> stderr = read(process.getErrorStream());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher still running after 30 s; stderr: " + stderr.getNow(""));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(process.exitValue(), stdout.join(), stderr.join(), elapsed);
    }

    static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
