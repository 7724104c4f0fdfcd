package dev.undertowbase.tests;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;

/**
 * The image tags and the names of the images under test: system property {@code images} (comma
 * separated) names the tags, and the images are {@code REPO:TAG} with {@code REPO} from system
 * property {@code image.repo} ({@code make test IMAGE=ub-foo} passes {@code -Dimage.repo=ub-foo}),
 * so that several people can build and test side by side on one Docker engine.
 */
public final class Images {

    /** The name the images are published under (and the default {@code image.repo}). */
    static final String PRODUCT = "undertow-base";

    static final String DEFAULT_TAGS = "java25,java25-slim,java21,java21-slim";

    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private Images() {
    }

    /** Argument source of every image test class. */
    public static List<String> tags() {
        return Arrays.stream(System.getProperty("images", DEFAULT_TAGS).split(","))
                .map(String::trim)
                .filter(tag -> !tag.isEmpty())
                .toList();
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
