package dev.undertowbase.launcher.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The app's class path (README, Finding your handler): APP_DIR/classes/, APP_DIR/*.jar, APP_DIR/lib/*.jar. */
final class AppClassPath {

    private AppClassPath() {
    }

    static List<Path> entries(Path appDir) {
        List<Path> entries = new ArrayList<>();
        Path classes = appDir.resolve("classes");
        if (Files.isDirectory(classes)) {
            entries.add(classes);
        }
        entries.addAll(jars(appDir));
        entries.addAll(jars(appDir.resolve("lib")));
        return entries;
    }

    /** The jars directly in a directory, by name, so the class path does not depend on the file system's order. */
    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files
                .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the class path holds a jar or at least one class file. */
    static boolean hasCode(List<Path> entries) {
        for (Path entry : entries) {
            if (!Files.isDirectory(entry)) {
                return true;
            }
            try (Stream<Path> files = Files.walk(entry)) {
                if (files.anyMatch(f -> f.toString().endsWith(".class"))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    /** A fresh loader over the entries, delegating to the launcher's own loader first. */
    static URLClassLoader loader(List<Path> entries) {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entries.get(i).toString(), e);
            }
        }
        return new URLClassLoader("app", urls, AppClassPath.class.getClassLoader());
    }
}
