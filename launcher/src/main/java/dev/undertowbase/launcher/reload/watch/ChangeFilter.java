package dev.undertowbase.launcher.reload.watch;

import dev.undertowbase.launcher.config.ReloadSettings;
import java.nio.file.Path;

/**
 * Which file changes can change what the app serves. By default: anything under APP_DIR/classes,
 * the jars in APP_DIR and APP_DIR/lib, and .java files under the source directory, so an app
 * that writes its own files into APP_DIR (data, logs) does not reload itself. With RELOAD_DIRS
 * the user chose the directories, and any file in them counts. Hidden files and editor backups
 * (".Main.java.swp", "Main.java~") never count, and hidden directories (.git) are not watched.
 */
public final class ChangeFilter {

    private final Path appDir;
    private final Path classes;
    private final Path lib;
    private final Path sourceDir;
    private final boolean anyFile;
    private final Path workDir;

    /** @param workDir the reloader's own snapshots, ignored should a watched directory hold them */
    public ChangeFilter(ReloadSettings settings, Path workDir) {
        this.appDir = settings.appDir();
        this.classes = appDir.resolve("classes");
        this.lib = appDir.resolve("lib");
        this.sourceDir = settings.sourceDir();
        this.anyFile = settings.anyFile();
        this.workDir = workDir;
    }

    boolean relevant(Path file) {
        Path name = file.getFileName();
        if (name == null || ignored(name.toString()) || file.startsWith(workDir)) {
            return false;
        }
        if (anyFile || file.startsWith(classes)) {
            return true;
        }
        String fileName = name.toString();
        if (fileName.endsWith(".jar")) {
            return appDir.equals(file.getParent()) || lib.equals(file.getParent());
        }
        return fileName.endsWith(".java") && file.startsWith(sourceDir);
    }

    boolean watched(Path dir) {
        Path name = dir.getFileName();
        return !dir.startsWith(workDir) && (name == null || !ignored(name.toString()));
    }

    private static boolean ignored(String name) {
        // "4913" is the file vim creates to test whether it may write a directory
        return name.startsWith(".") || name.endsWith("~") || name.equals("4913");
    }
}
