package dev.undertowbase.launcher.testing;

import dev.undertowbase.launcher.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;


/** Environment maps for tests: APP_DIR points at a test directory, nothing comes from the real env. */
public final class TestEnv {

    /** Never exists, so the copy of server.conf bundled in the launcher is the defaults file. */
    public static final Path NO_DEFAULTS_FILE = Path.of("/nonexistent/server-conf/server.conf");

    /** An APP_DIR that holds nothing, for settings read without an app (a named APP_DIR must exist). */
    public static final Path NO_APP_DIR = emptyDirectory();

    private TestEnv() {
    }

    /** An env of APP_DIR plus name/value pairs. */
    public static Map<String, String> env(Path appDir, String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_DIR", appDir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    public static ServerConfig load(Map<String, String> env) {
        return ServerConfig.load(env, NO_DEFAULTS_FILE);
    }

    public static ServerConfig load(Path appDir, String... pairs) {
        return load(env(appDir, pairs));
    }

    private static Path emptyDirectory() {
        try {
            Path dir = Files.createTempDirectory("no-app-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes a file, creating its directory. */
    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
