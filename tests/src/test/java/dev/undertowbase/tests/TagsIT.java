package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectImageResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.testcontainers.DockerClientFactory;

/** SPEC §2: what differs by tag: the Java version, JDK tools in full images only, latest = java25. */
@EveryTag
class TagsIT {

    private static final Pattern TAG = Pattern.compile("java(\\d+)(-slim)?");

    @Parameter
    String tag;

    @Test
    void javaVersionAndToolsMatchTheTag() {
        Matcher parts = TAG.matcher(tag);
        assertTrue(parts.matches(), () -> "tag names are javaNN or javaNN-slim: " + tag);
        boolean slim = parts.group(2) != null;
        Exit exit = ImageRun.of(tag).shell("java -version 2>&1; for tool in javac jcmd jfr; do "
                + "if command -v $tool >/dev/null; then echo \"tool $tool: yes\"; else echo \"tool $tool: no\"; fi; done")
                .run();
        assertEquals(0, exit.code(), exit::logs);
        assertTrue(exit.stdout().contains("version \"" + parts.group(1) + "."), exit::logs);
        for (String tool : new String[] {"javac", "jcmd", "jfr"}) {
            String expected = "tool " + tool + ": " + (slim ? "no" : "yes");
            assertTrue(exit.stdout().contains(expected), () -> expected + "; " + exit.logs());
        }
    }

    @Test
    void imageMetadata() {
        InspectImageResponse image = DockerClientFactory.instance().client().inspectImageCmd(Images.name(tag)).exec();
        assertEquals("10001:0", image.getConfig().getUser());
        assertEquals("/app", image.getConfig().getWorkingDir());
        assertEquals(List.of("/start.sh"), List.of(image.getConfig().getCmd()));
        assertEquals("undertow-base:" + tag, image.getConfig().getLabels().get("org.opencontainers.image.title"));
        if (tag.equals("java25")) {
            Images.requireBuilt("latest");
            InspectImageResponse latest = DockerClientFactory.instance().client()
                    .inspectImageCmd(Images.name("latest")).exec();
            assertEquals(image.getId(), latest.getId(), "latest is java25");
        }
    }
}
