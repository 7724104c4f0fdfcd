package dev.undertowbase.launcher.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stacks the configuration layers of README, Configuration files, and resolves them once:
 * SERVER_ARGS, then the app's file, then the environment (through the ${?VAR} lines of the
 * defaults file), then the defaults.
 *
 * @param config       the merged, resolved configuration (sections server and app)
 * @param configFile   the app's conf file, or null when it has none
 * @param defaultsFile where the defaults came from
 * @param serverKeys   the keys of the defaults' server section: every setting there is
 */
public record ConfigLayers(Config config, String configFile, String defaultsFile, Set<String> serverKeys) {

    /** Prefix of the origin description of a value that came from an environment variable. */
    static final String ENV_ORIGIN = "env var ";

    public static ConfigLayers load(Map<String, String> env, Path defaultsPath, Path appDir) {
        Config defaults;
        String defaultsFile;
        if (Files.isRegularFile(defaultsPath)) {
            defaults = parseFile(defaultsPath, "the defaults file");
            defaultsFile = defaultsPath.toString();
        } else {
            URL bundled = ConfigLayers.class.getResource("/server.conf");
            if (bundled == null) {
                throw new IllegalStateException("server.conf is missing from the launcher jar");
            }
            defaults = parse(() -> ConfigFactory.parseURL(bundled, strict()));
            defaultsFile = bundled.toString();
        }

        Path appFile = appFile(env, appDir);
        Config app = appFile == null ? ConfigFactory.empty() : parseFile(appFile, "SERVER_CONF");

        String argsText = env.get("SERVER_ARGS");
        Config args = argsText == null || argsText.isBlank()
            ? ConfigFactory.empty()
            : parse(() -> ConfigFactory.parseString(argsText, strict().setOriginDescription("SERVER_ARGS")));

        Config merged = args.withFallback(app).withFallback(defaults);
        Config resolved = resolve(merged, env);
        Set<String> serverKeys = defaults.hasPath("server") ? Set.copyOf(defaults.getObject("server").keySet()) : Set.of();
        return new ConfigLayers(resolved, appFile == null ? null : appFile.toString(), defaultsFile, serverKeys);
    }

    private static Path appFile(Map<String, String> env, Path appDir) {
        String named = env.get("SERVER_CONF");
        if (named != null && !named.isEmpty()) {
            Path file = Path.of(named);
            if (!Files.exists(file)) {
                throw new BadInput("SERVER_CONF: " + file + " does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInput("SERVER_CONF: " + file + " is not a file");
            }
            return file;
        }
        for (Path candidate : new Path[] {appDir.resolve("server.conf"), appDir.resolve("conf/server.conf")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The ${?VAR} lookups go to a fallback layer built from the injected env map rather than the
     * process environment, so tests and print-config see exactly the map they pass. Each value
     * carries its variable's name as origin, which error messages report. The env keys are
     * removed again after resolving so the result holds only the configuration's own keys.
     */
    private static Config resolve(Config merged, Map<String, String> env) {
        Map<String, ConfigValue> values = new HashMap<>();
        env.forEach((name, value) -> {
            if (!merged.root().containsKey(name)) {
                values.put(name, ConfigValueFactory.fromAnyRef(value, ENV_ORIGIN + name));
            }
        });
        ConfigObject envLayer = ConfigValueFactory.fromMap(values, "environment");
        Config resolved = parse(() -> merged.withFallback(envLayer).resolve(ConfigResolveOptions.noSystem()));
        ConfigObject root = resolved.root();
        for (String name : values.keySet()) {
            root = root.withoutKey(name);
        }
        return root.toConfig();
    }

    private static ConfigParseOptions strict() {
        return ConfigParseOptions.defaults().setAllowMissing(false);
    }

    private static Config parseFile(Path file, String what) {
        try {
            return ConfigFactory.parseFile(file.toFile(), strict());
        } catch (ConfigException.IO e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BadInput(what + ": cannot read " + file + ": " + cause.getMessage());
        } catch (ConfigException e) {
            throw new BadInput(describe(e));
        }
    }

    private static Config parse(Supplier<Config> parser) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw new BadInput(describe(e));
        }
    }

    /** "file:line: problem", without the origin prefix Typesafe Config puts in its messages. */
    static String describe(ConfigException e) {
        String message = e.getMessage();
        ConfigOrigin origin = e.origin();
        if (origin == null) {
            return message;
        }
        String prefix = origin.description() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return location(origin) + ": " + message;
    }

    /** An origin as "file:line" (or "SERVER_ARGS:line"). */
    static String location(ConfigOrigin origin) {
        String where = origin.filename() != null ? origin.filename() : origin.description();
        int line = origin.lineNumber();
        String lineSuffix = ": " + line;
        if (line >= 0 && where.endsWith(lineSuffix)) {
            where = where.substring(0, where.length() - lineSuffix.length());
        }
        return line >= 0 ? where + ":" + line : where;
    }
}
