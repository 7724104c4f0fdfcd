package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** README, Paths: non-root uid 10001 with group 0, the JVM as PID 1, any --user, a read-only root. */
@EveryTag
class UsersIT {

    @Parameter
    String tag;

    @Test
    void runsAsUser10001InGroupRootAsPid1() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.DIAG)).start()) {
            assertTrue(server.inspect().getConfig().getUser().matches("10001(:0)?"),
                    () -> "image USER is 10001:0, is " + server.inspect().getConfig().getUser());
            Map<String, String> who = whoami(server);
            assertEquals("10001", who.get("uid"));
            assertEquals("0", who.get("gid"));
            assertEquals("1", who.get("pid"), "exec: the JVM is PID 1 and receives signals");
        }
    }

    @Test
    void runsAsAnArbitraryUser() {
        try (Server server = ImageRun.of(tag).user("12345:0").app(TestApps.jarApp(TestApps.DIAG)).start()) {
            Map<String, String> who = whoami(server);
            assertEquals("12345", who.get("uid"));
            assertEquals("0", who.get("gid"));
            assertEquals("Hello World!", server.get("/").body());
        }
    }

    @Test
    void runsOnAReadOnlyRootWithATmpfs() {
        try (Server server = ImageRun.of(tag).readOnly().app(TestApps.jarApp(TestApps.DIAG)).start()) {
            assertEquals("Hello World!", server.get("/").body());
            assertTrue(server.inspect().getHostConfig().getReadonlyRootfs(), "--read-only");
            assertEquals("10001", whoami(server).get("uid"));
        }
    }

    /** The DIAG app's /whoami: real uid and gid from /proc/self/status, and the pid. */
    private static Map<String, String> whoami(Server server) {
        return server.get("/whoami").body().lines()
                .map(line -> line.split("[:=]\\s*", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0].toLowerCase(),
                        pair -> pair[1].trim().split("\\s+")[0]));
    }
}
