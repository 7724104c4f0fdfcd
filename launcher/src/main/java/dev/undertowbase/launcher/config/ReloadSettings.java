package dev.undertowbase.launcher.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reload variables, read once from the launcher's environment map.
 *
 * @param watchRoots RELOAD_DIRS (relative entries resolved against APP_DIR), else APP_DIR; the
 *                   source directory is added when it lies outside them
 * @param sourceDir  RELOAD_SRC, else APP_DIR/src (which need not exist)
 * @param poll       RELOAD_POLL: scan for changes instead of waiting for file system events
 * @param anyFile    true when RELOAD_DIRS names the directories: then any file change counts,
 *                   not only classes, jars and sources
 */
public record ReloadSettings(Path appDir, List<Path> watchRoots, Path sourceDir, boolean poll, boolean anyFile) {

    public static ReloadSettings load(Map<String, String> env, Path appDir) {
        boolean poll = bool(env, "RELOAD_POLL");
        String src = blankToNull(env.get("RELOAD_SRC"));
        Path sourceDir = src == null ? appDir.resolve("src") : directory("RELOAD_SRC", src, appDir);

        String dirs = blankToNull(env.get("RELOAD_DIRS"));
        List<Path> roots = new ArrayList<>();
        if (dirs == null) {
            roots.add(appDir);
        } else {
            for (String entry : dirs.split(",")) {
                if (!entry.isBlank()) {
                    roots.add(directory("RELOAD_DIRS", entry.trim(), appDir));
                }
            }
        }
        if (Files.isDirectory(sourceDir) && roots.stream().noneMatch(sourceDir::startsWith)) {
            roots.add(sourceDir);
        }
        return new ReloadSettings(appDir, List.copyOf(roots), sourceDir, poll, dirs != null);
    }

    private static boolean bool(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadInput(name + ": \"" + value + "\" is not true or false");
        };
    }

    private static Path directory(String name, String value, Path appDir) {
        Path dir = appDir.resolve(value).normalize();
        if (!Files.isDirectory(dir)) {
            throw new BadInput(name + ": \"" + value + "\" is not a directory");
        }
        return dir;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
