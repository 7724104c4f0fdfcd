package dev.undertowbase.launcher.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the app is and which handler to serve (README, Finding your handler). These are read from
 * the environment only, not from HOCON: the app's conf file is found through {@code dir}.
 *
 * @param module       APP_MODULE, or null
 * @param moduleName   MODULE_NAME, or null
 * @param variableName VARIABLE_NAME, "app" by default
 */
public record AppSettings(Path dir, String module, String moduleName, String variableName) {

    static AppSettings read(Map<String, String> env) {
        String named = nonEmpty(env.get("APP_DIR"), null);
        // the default /app may be missing outside an image (the demo app answers); a named one may not
        if (named != null && !Files.isDirectory(Path.of(named))) {
            throw new BadInput("APP_DIR: " + named + " is not a directory");
        }
        return new AppSettings(
            Path.of(named != null ? named : "/app"),
            nonEmpty(env.get("APP_MODULE"), null),
            nonEmpty(env.get("MODULE_NAME"), null),
            nonEmpty(env.get("VARIABLE_NAME"), "app"));
    }

    /** The same app read from {@code other} (reload mode loads from snapshots). */
    public AppSettings withDir(Path other) {
        return new AppSettings(other, module, moduleName, variableName);
    }

    private static String nonEmpty(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }
}
