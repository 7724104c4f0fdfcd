package dev.undertowbase.tests;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;

/**
 * The image tags under test: system property {@code images}, comma separated, of the repository
 * named by system property {@code repository} ({@code make test IMAGE=...}; default undertow-base).
 */
public final class Images {

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

    static String name(String tag) {
        return repository() + ":" + tag;
    }

    /** The local repository the tags were built under; derived test images are named after it. */
    static String repository() {
        return System.getProperty("repository", "undertow-base");
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
            throw new AssertionError("image " + name(tag) + " is not built: run `make images` (or `make images TAG="
                    + tag + "`) first, or test only built tags with -Dimages=TAG,TAG");
        }
        CHECKED.add(tag);
    }
}
