package dev.undertowbase.tests;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * The image tags and the names of the images under test.
 *
 * <p>The tags are the Dockerfiles: {@code images/TAG.dockerfile} is the one list, which the
 * Makefile reads too. System property {@code images} (comma separated) narrows the run to some of
 * them. The images are {@code REPO:TAG} with {@code REPO} from system property {@code image.repo}
 * ({@code make test IMAGE=ub-foo} passes {@code -Dimage.repo=ub-foo}), so that several people can
 * build and test side by side on one Docker engine.
 */
public final class Images {

    /** The name the images are published under (and the default {@code image.repo}). */
    static final String PRODUCT = "undertow-base";

    private static final Pattern DOCKERFILE = Pattern.compile("(java(\\d+)(-slim)?)\\.dockerfile");
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private Images() {
    }

    /** Argument source of every image test class (see {@link EveryTag}). */
    public static List<String> tags() {
        String selected = System.getProperty("images", "");
        if (selected.isBlank()) {
            return all();
        }
        return Arrays.stream(selected.split(","))
                .map(String::trim)
                .filter(tag -> !tag.isEmpty())
                .toList();
    }

    /** Every tag the repository builds, newest Java first, full before slim. */
    static List<String> all() {
        Path dir = ProjectFiles.path("images");
        try (Stream<Path> files = Files.list(dir)) {
            List<Matcher> tags = files.map(file -> DOCKERFILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .sorted(Comparator.<Matcher>comparingInt(tag -> -Integer.parseInt(tag.group(2)))
                            .thenComparing(tag -> tag.group(3) != null))
                    .toList();
            if (tags.isEmpty()) {
                throw new AssertionError("no javaNN[-slim].dockerfile in " + dir);
            }
            return tags.stream().map(tag -> tag.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository part of the image names under test: {@code image.repo}, by default {@value #PRODUCT}. */
    static String repo() {
        String repo = System.getProperty("image.repo", "").trim();
        return repo.isEmpty() ? PRODUCT : repo;
    }

    static String name(String tag) {
        return repo() + ":" + tag;
    }

    /**
     * Fails (never skips) when the tag was not built: a suite that silently skips would report
     * green for images nobody tested.
     */
    static void requireBuilt(String tag) {
        if (CHECKED.contains(tag)) {
            return;
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(name(tag)).exec();
        } catch (NotFoundException e) {
            String image = repo().equals(PRODUCT) ? "" : " IMAGE=" + repo();
            throw new AssertionError("image " + name(tag) + " is not built: run `make images" + image
                    + "` (or `make images TAG=" + tag + image + "`) first, or test only built tags with -Dimages=TAG,TAG");
        }
        CHECKED.add(tag);
    }
}
