package dev.undertowbase.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * One container of an image under test: environment, files, limits, user. {@link #start()}
 * gives a {@link Server} that answers HTTP; {@link #run()} runs a container to its end.
 */
final class ImageRun {

    static final String PRINT_CONFIG = "java -jar " + Output.LAUNCHER_JAR + " --print-config";

    private final String tag;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Transferable> files = new LinkedHashMap<>();
    private String[] command;
    private int port = 8080;
    private Long nanoCpus;
    private Long memoryBytes;
    private String cpuset;
    private String user;
    private boolean readOnly;

    private ImageRun(String tag) {
        this.tag = tag;
    }

    static ImageRun of(String tag) {
        Images.requireBuilt(tag);
        return new ImageRun(tag);
    }

    ImageRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Files of an app, by path relative to /app. */
    ImageRun app(Map<String, byte[]> appFiles) {
        appFiles.forEach((path, content) -> file("/app/" + path, content));
        return this;
    }

    ImageRun file(String path, byte[] content) {
        files.put(path, Transferable.of(content, 0644));
        return this;
    }

    ImageRun file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    ImageRun script(String path, String text) {
        files.put(path, Transferable.of(text.getBytes(StandardCharsets.UTF_8), 0755));
        return this;
    }

    /** Runs a shell command line instead of the image's CMD. */
    ImageRun shell(String commandLine) {
        this.command = new String[] {"/bin/sh", "-c", commandLine};
        return this;
    }

    /** The container port to publish (8080 unless the test moves the listener). */
    ImageRun port(int containerPort) {
        this.port = containerPort;
        return this;
    }

    /** {@code --cpus}. */
    ImageRun cpus(double cpus) {
        this.nanoCpus = Math.round(cpus * 1_000_000_000L);
        return this;
    }

    /** {@code --memory} (swap limited to the same, as a container platform does). */
    ImageRun memoryMegabytes(long megabytes) {
        this.memoryBytes = megabytes << 20;
        return this;
    }

    /** {@code --cpuset-cpus}. */
    ImageRun cpuset(String cpus) {
        this.cpuset = cpus;
        return this;
    }

    /** {@code --user}. */
    ImageRun user(String userAndGroup) {
        this.user = userAndGroup;
        return this;
    }

    /**
     * {@code --read-only --tmpfs /tmp}. A read-only root file system takes no copies, so the
     * files go into a derived image (FROM the tag, COPY), the way users ship their apps anyway.
     */
    ImageRun readOnly() {
        this.readOnly = true;
        return this;
    }

    /** Starts the container and waits until it answers HTTP. */
    Server start() {
        Server server = startUnchecked();
        try {
            server.awaitReady();
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts the container without waiting: for servers expected to die or to be watched. */
    Server startUnchecked() {
        GenericContainer<?> container = container().withExposedPorts(port);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            removeDerivedImage();
            throw e;
        }
        return new Server(container, port, this::removeDerivedImage);
    }

    /** Runs the container to its end (at most a minute) and removes it. */
    Exit run() {
        GenericContainer<?> container = container();
        container.start();
        try {
            DockerClient docker = container.getDockerClient();
            String id = container.getContainerId();
            int code = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            Duration runtime = Duration.between(Instant.parse(state.getStartedAt()), Instant.parse(state.getFinishedAt()));
            return new Exit(code, container.getLogs(OutputType.STDOUT), container.getLogs(OutputType.STDERR),
                    container.getLogs(), runtime);
        } finally {
            container.stop();
            removeDerivedImage();
        }
    }

    /** {@code java -jar launcher.jar --print-config} in a fresh container: the JSON line and exit 0. */
    Exit printConfig() {
        return shell(PRINT_CONFIG).run();
    }

    /** {@code /start.sh --print-config}: prestart and JVM flags as for the server, then the JSON line. */
    Exit startScriptPrintConfig() {
        this.command = new String[] {"/start.sh", "--print-config"};
        return run();
    }

    private GenericContainer<?> container() {
        GenericContainer<?> container = readOnly ? new GenericContainer<>(derivedImage())
                : new GenericContainer<>(Images.name(tag));
        container.withEnv(env)
                .withStartupCheckStrategy(new StartedIsEnough())
                .waitingFor(new NoWait())
                .withCreateContainerCmdModifier(this::applyLimits);
        if (command != null) {
            container.withCommand(command);
        }
        if (readOnly) {
            container.withTmpFs(Map.of("/tmp", "rw,size=64m"));
        } else {
            files.forEach((path, content) -> container.withCopyToContainer(content, path));
        }
        return container;
    }

    private String derivedImageName() {
        return Images.repository() + "-it/" + tag + ":read-only";
    }

    /** Removed by the test itself: Testcontainers' exit hook leaves built images behind. */
    private void removeDerivedImage() {
        if (readOnly) {
            DockerClientFactory.instance().client().removeImageCmd(derivedImageName()).withForce(true).exec();
        }
    }

    private ImageFromDockerfile derivedImage() {
        ImageFromDockerfile image = new ImageFromDockerfile(derivedImageName(), false);
        List<Map.Entry<String, Transferable>> entries = List.copyOf(files.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            image.withFileFromTransferable("file" + i, entries.get(i).getValue());
        }
        return image.withDockerfileFromBuilder(dockerfile -> {
            dockerfile.from(Images.name(tag));
            for (int i = 0; i < entries.size(); i++) {
                dockerfile.copy("file" + i, entries.get(i).getKey());
            }
        });
    }

    private void applyLimits(CreateContainerCmd cmd) {
        HostConfig host = cmd.getHostConfig();
        if (nanoCpus != null) {
            host.withNanoCPUs(nanoCpus);
        }
        if (memoryBytes != null) {
            host.withMemory(memoryBytes).withMemorySwap(memoryBytes);
        }
        if (cpuset != null) {
            host.withCpusetCpus(cpuset);
        }
        if (readOnly) {
            host.withReadonlyRootfs(true);
        }
        if (user != null) {
            cmd.withUser(user);
        }
    }

    /** Readiness is the test's business (HTTP or log polls); Testcontainers only creates and starts. */
    private static final class StartedIsEnough extends StartupCheckStrategy {
        @Override
        public boolean waitUntilStartupSuccessful(GenericContainer<?> container) {
            return true;
        }

        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }

    private static final class NoWait implements WaitStrategy {
        @Override
        public void waitUntilReady(WaitStrategyTarget target) {
        }

        @Override
        public WaitStrategy withStartupTimeout(Duration startupTimeout) {
            return this;
        }
    }
}
