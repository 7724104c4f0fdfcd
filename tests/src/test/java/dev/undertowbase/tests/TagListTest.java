package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One list of tags: the Dockerfiles, images/TAG.dockerfile. The Makefile and the image tests
 * derive theirs from them ({@link Images#all()}); the lists that must be written out (GitHub
 * reads a workflow's matrix before any checkout, and the README is read by people) are checked
 * against them here. No Docker needed.
 */
class TagListTest {

    private static final Pattern MATRIX_TAGS = Pattern.compile("(?m)^\\s*tag:\\s*\\[([^\\]]*)\\]");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".github/workflows/test.yml", ".github/workflows/deploy.yml"})
    void workflowMatrixHasEveryTag(String workflow) {
        String text = read(workflow);
        Matcher matrix = MATRIX_TAGS.matcher(text);
        assertTrue(matrix.find(), () -> workflow + " has a matrix line `tag: [...]`");
        List<String> tags = Arrays.stream(matrix.group(1).split(",")).map(String::trim).toList();
        assertEquals(Images.all(), tags, () -> workflow + ": the matrix names the tags of images/*.dockerfile, in order");
    }

    @Test
    void readmeTagsTableHasEveryTag() {
        String readme = read("README.md");
        int start = readme.indexOf("\n## Tags\n");
        assertTrue(start >= 0, "README has a section ## Tags");
        int end = readme.indexOf("\n## ", start + 1);
        List<String> tags = readme.substring(start, end < 0 ? readme.length() : end).lines()
                .filter(line -> line.startsWith("| `"))
                .flatMap(line -> CODE.matcher(line.split("\\|")[1]).results().map(code -> code.group(1)))
                .filter(tag -> !tag.equals("latest"))
                .toList();
        assertEquals(Images.all(), tags, "README, Tags: one row a tag of images/*.dockerfile, in order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.undertowbase.tests.Images#all")
    void dockerfileTitleNamesItsTag(String tag) {
        String label = "org.opencontainers.image.title=\"" + Images.PRODUCT + ":" + tag + "\"";
        assertTrue(read("images/" + tag + ".dockerfile").contains(label), () -> "images/" + tag + ".dockerfile has " + label);
    }

    private static String read(String relative) {
        try {
            return Files.readString(ProjectFiles.path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
