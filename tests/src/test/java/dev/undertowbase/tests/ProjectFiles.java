package dev.undertowbase.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the working directory (Maven runs the tests in tests/). */
final class ProjectFiles {

    private static final Path ROOT = findRoot();

    private ProjectFiles() {
    }

    /** The repository root. */
    static Path root() {
        return ROOT;
    }

    /** A path relative to the repository root, e.g. {@code images/java25.dockerfile}. */
    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** The nearest directory at or above the working directory with the Makefile and images/. */
    private static Path findRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Makefile")) && Files.isDirectory(dir.resolve("images"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root (a directory with Makefile and images/) at or above " + start);
    }
}
