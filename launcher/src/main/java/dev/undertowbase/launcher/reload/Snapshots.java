package dev.undertowbase.launcher.reload;

import dev.undertowbase.launcher.reload.watch.FileStamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Private copies of the app's code for each class loader, so the user can replace the originals
 * while a loader holds its jars open, and a loader never reads a file half written. A generation
 * is a directory laid out like APP_DIR (classes/, *.jar, lib/*.jar), which AppLocator then reads
 * as it reads APP_DIR. The work directory is under java.io.tmpdir: writable for any uid, also in
 * a read-only container with a tmpfs /tmp.
 *
 * <p>A jar is copied once per version into {@code jars/} and linked into each generation, so an
 * unchanged lib/ costs nothing per reload; classes/ is copied each time, and compiled sources are
 * written into that copy.
 */
final class Snapshots {

    private record StoredJar(FileStamps.Stamp stamp, Path copy) {
    }

    private final Path appDir;
    private final Path workDir;
    private final Path store;
    private final Map<Path, StoredJar> jars = new HashMap<>();
    private int generations;
    private int copies;

    Snapshots(Path appDir, Path workDir) {
        this.appDir = appDir;
        this.workDir = workDir;
        this.store = workDir.resolve("jars");
    }

    /**
     * A new generation of the class path entries (APP_DIR/classes and jars); its classes/ always
     * exists, for compiled sources. {@code stamps} are the entries' stamps taken before copying.
     */
    Path take(List<Path> classPath, Map<Path, FileStamps.Stamp> stamps) {
        Path generation = workDir.resolve("gen-" + ++generations);
        try {
            Files.createDirectories(generation.resolve("classes"));
            for (Path entry : classPath) {
                Path target = generation.resolve(appDir.relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    copyTree(entry, target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, stored(entry, stamps.get(entry)));
                }
            }
        } catch (IOException e) {
            delete(generation);
            throw new UncheckedIOException(e);
        }
        return generation;
    }

    /** Deletes the jar copies that the generation in use does not link to. */
    void prune(Path inUse) {
        Set<Path> linked = new HashSet<>();
        try (Stream<Path> files = Files.walk(inUse)) {
            for (Path file : files.filter(Files::isSymbolicLink).toList()) {
                linked.add(Files.readSymbolicLink(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars.values().removeIf(jar -> !linked.contains(jar.copy()));
        if (!Files.isDirectory(store)) {
            return;
        }
        try (Stream<Path> files = Files.list(store)) {
            files.filter(copy -> !linked.contains(copy)).forEach(Snapshots::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a file or a directory tree; links are removed, never followed. What another thread
     * deletes meanwhile is fine (closing LiveReload deletes the work directory while the reloader
     * may still be deleting the generation it replaced).
     */
    static void delete(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path stored(Path jar, FileStamps.Stamp stamp) throws IOException {
        StoredJar known = jars.get(jar);
        if (known != null && known.stamp().equals(stamp)) {
            return known.copy();
        }
        Files.createDirectories(store);
        Path copy = store.resolve(++copies + "-" + jar.getFileName());
        Files.copy(jar, copy);
        jars.put(jar, new StoredJar(stamp, copy));
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // deleted while we copied: the stamps taken after the copy will differ, and the reload is retried
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
