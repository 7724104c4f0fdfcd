package dev.undertowbase.tests;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * examples/todo and its PostgreSQL, run as examples/todo/compose.yaml describes them: the images
 * built from the example's own Dockerfiles (the app on {@code IMAGE_REPO:java25}), the services'
 * environment from the compose file, on a network of their own where the database is "db".
 * The images are kept ({@code REPO-todo}, {@code REPO-todo-postgres}, as {@code make todo} names
 * them), so a second run reuses Docker's layer cache instead of installing PostgreSQL again.
 */
final class TodoPair implements AutoCloseable {

    static final String TAG = "java25";
    static final Path EXAMPLE = ProjectFiles.path("examples/todo");

    private final Network network;
    private final GenericContainer<?> db;
    private final GenericContainer<?> app;
    private final Server server;

    private TodoPair(Network network, GenericContainer<?> db, GenericContainer<?> app) {
        this.network = network;
        this.db = db;
        this.app = app;
        this.server = new Server(app, 8080, () -> { });
    }

    static TodoPair start() {
        Images.requireBuilt(TAG);
        Path jar = EXAMPLE.resolve("target/todo.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is not built: run `mvn -pl examples/todo -am package` (make test builds it)");
        }
        ComposeFile compose = ComposeFile.read(EXAMPLE.resolve("compose.yaml"));
        String name = Images.repo().replaceAll("[^a-zA-Z0-9_.-]", "-") + "-todo-"
                + UUID.randomUUID().toString().substring(0, 8);
        Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withName(name)).build();
        GenericContainer<?> db = new GenericContainer<>(image("-postgres", EXAMPLE.resolve("postgres/Dockerfile"), false))
                .withNetwork(network)
                .withNetworkAliases("db")
                .withEnv(compose.environment("db"))
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name + "-db"))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
        GenericContainer<?> app = new GenericContainer<>(image("", EXAMPLE.resolve("Dockerfile"), true))
                .withNetwork(network)
                .withEnv(compose.environment("app"))
                .withExposedPorts(8080)
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name + "-app"))
                .waitingFor(Wait.forHttp("/todos").forStatusCode(200).withStartupTimeout(Server.STARTUP.multipliedBy(2)));
        try {
            db.start();
            app.start();
        } catch (RuntimeException e) {
            String logs = "--- db ---\n" + logs(db) + "--- app ---\n" + logs(app);
            app.stop();
            db.stop();
            network.close();
            throw new AssertionError("the todo pair did not start; " + logs, e);
        }
        return new TodoPair(network, db, app);
    }

    /** REPO-todo or REPO-todo-postgres, built from the example's Dockerfile on the images under test. */
    private static String image(String suffix, Path dockerfile, boolean onOurBase) {
        ImageFromDockerfile image = new ImageFromDockerfile(Images.repo() + "-todo" + suffix, false)
                .withDockerfile(dockerfile);
        return (onOurBase ? image.withBuildArg("BASE", Images.repo()) : image).get();
    }

    private static String logs(GenericContainer<?> container) {
        return container.getContainerId() == null ? "(not created)\n" : container.getLogs();
    }

    /** The app, serving on its mapped port. */
    Server app() {
        return server;
    }

    /** `docker stop` of the database: PostgreSQL's fast shutdown (the image's STOPSIGNAL), connections closed. */
    void stopDatabase() {
        docker().stopContainerCmd(db.getContainerId()).withTimeout(20).exec();
    }

    /** `docker start` of the same database container: same data, same name on the network. */
    void startDatabase() {
        docker().startContainerCmd(db.getContainerId()).exec();
    }

    String logs() {
        return server.logs() + "--- db ---\n" + db.getLogs();
    }

    private DockerClient docker() {
        return db.getDockerClient();
    }

    @Override
    public void close() {
        try {
            app.stop();
            db.stop();
        } finally {
            network.close();
        }
    }
}
