package dev.undertowbase.launcher.reload.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Size, modification time and file key (inode) of the files under some roots. The polling
 * watcher compares two scans; a reload compares the scan before its copy and compile with the
 * one after, to know the files had settled. The inode catches a file replaced within the
 * timestamp's granularity (docker cp writes whole-second times, and a new inode).
 */
public final class FileStamps {

    public record Stamp(long size, long modifiedNanos, Object fileKey) {
    }

    private FileStamps() {
    }

    /** Every file under the roots (a root may itself be a file) that {@code relevant} accepts. */
    public static Map<Path, Stamp> scan(List<Path> roots, Predicate<Path> watchedDir, Predicate<Path> relevant) {
        Map<Path, Stamp> stamps = new HashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return dir.equals(root) || watchedDir.test(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && relevant.test(file)) {
                                stamps.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                                    attrs.fileKey()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // deleted while we walked, or a symlink loop: the next scan sees what is there
                            return FileVisitResult.CONTINUE;
                        }
                    });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stamps;
    }

    static Map<Path, Stamp> scan(List<Path> roots, ChangeFilter filter) {
        return scan(roots, filter::watched, filter::relevant);
    }
}
