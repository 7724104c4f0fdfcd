package dev.undertowbase.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.undertowbase.launcher.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.images.builder.Transferable;

/** A started container of an image under test, serving HTTP on a mapped port. */
final class Server implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(60);

    private final GenericContainer<?> container;
    private final int port;
    private final Runnable afterStop;

    /** @param afterStop removes what the container needed besides itself (a derived image) */
    Server(GenericContainer<?> container, int port, Runnable afterStop) {
        this.container = container;
        this.port = port;
        this.afterStop = afterStop;
    }

    String id() {
        return container.getContainerId();
    }

    int mappedPort() {
        return container.getMappedPort(port);
    }

    URI uri(String path) {
        return URI.create("http://" + container.getHost() + ":" + mappedPort() + path);
    }

    /** @param headers name/value pairs */
    HttpResponse<String> get(String path, String... headers) {
        return Http.get(uri(path), headers);
    }

    String stdout() {
        return container.getLogs(OutputType.STDOUT);
    }

    String stderr() {
        return container.getLogs(OutputType.STDERR);
    }

    /** stdout and stderr interleaved in the order they were written. */
    String output() {
        return container.getLogs();
    }

    String logs() {
        return "--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    JsonNode config() {
        return JsonLine.in(stdout());
    }

    void awaitStdout(String fragment) {
        Poll.until(Duration.ofSeconds(30), () -> "stdout to contain \"" + fragment + "\"; " + logs(),
                () -> stdout().contains(fragment));
    }

    void awaitStderr(String fragment) {
        Poll.until(Duration.ofSeconds(30), () -> "stderr to contain \"" + fragment + "\"; " + logs(),
                () -> stderr().contains(fragment));
    }

    /** Polls until the app answers anything on its port; fails at once if the container dies first. */
    void awaitReady() {
        URI probe = uri("/__ready");
        Poll.until(STARTUP, () -> "an HTTP answer from " + probe + "; " + logs(), () -> {
            if (!isRunning()) {
                throw new AssertionError("container exited with " + state().getExitCodeLong()
                        + " before serving HTTP; " + logs());
            }
            return Http.tryGet(probe);
        });
    }

    /** Docker's health status: "starting", "healthy" or "unhealthy" ("none" without a HEALTHCHECK). */
    String health() {
        var health = state().getHealth();
        return health == null ? "none" : health.getStatus();
    }

    /** Waits for Docker to report the container healthy; fails at once when it reports it unhealthy. */
    void awaitHealthy(Duration timeout) {
        Poll.until(timeout, () -> "Docker to report the container healthy; " + inspect().getState().getHealth()
                + "; " + logs(), () -> {
            String health = health();
            if (health.equals("unhealthy")) {
                throw new AssertionError("Docker reports the container unhealthy: " + state().getHealth() + "; " + logs());
            }
            return health.equals("healthy");
        });
    }

    boolean isRunning() {
        return Boolean.TRUE.equals(state().getRunning());
    }

    InspectContainerResponse inspect() {
        return container.getDockerClient().inspectContainerCmd(id()).exec();
    }

    private InspectContainerResponse.ContainerState state() {
        return inspect().getState();
    }

    /** Sends a signal to PID 1, as `docker kill --signal` (and `docker stop`) do. */
    void signal(String signal) {
        container.getDockerClient().killContainerCmd(id()).withSignal(signal).exec();
    }

    /**
     * Runs a command in the running container with extra environment variables, as
     * {@code docker exec -e}: cheaper than a container per case when only the environment varies.
     * The returned output is stdout then stderr (their interleaving is not kept).
     */
    Exit exec(Map<String, String> env, String... command) {
        List<String> argv = new ArrayList<>();
        argv.add("env");
        env.forEach((name, value) -> argv.add(name + "=" + value));
        argv.addAll(List.of(command));
        long started = System.nanoTime();
        try {
            Container.ExecResult result = container.execInContainer(argv.toArray(String[]::new));
            return new Exit(result.getExitCode(), result.getStdout(), result.getStderr(),
                    result.getStdout() + result.getStderr(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("docker exec " + argv + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during docker exec " + argv, e);
        }
    }

    /** Exit status once the container has stopped by itself. */
    long awaitExit(Duration timeout) {
        return Poll.until(timeout, () -> "the container to exit; " + logs(), () -> {
            InspectContainerResponse.ContainerState state = state();
            return Boolean.TRUE.equals(state.getRunning()) ? Optional.empty() : Optional.of(state.getExitCodeLong());
        });
    }

    /** `docker restart`: SIGTERM, wait, start the same container (same file system) again. */
    void restart() {
        container.getDockerClient().restartContainerCmd(id()).withTimeout(20).exec();
    }

    /** Writes a file into the running container, as {@code docker cp} does. */
    void copy(String path, byte[] content) {
        container.copyFileToContainer(Transferable.of(content, 0644), path);
    }

    String file(String path) {
        return container.copyFileFromContainer(path, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A log file's text, or "" while it does not exist yet. */
    String fileOrEmpty(String path) {
        try {
            return file(path);
        } catch (NotFoundException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            container.stop();
        } finally {
            afterStop.run();
        }
    }
}
