package dev.undertowbase.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Tells the image's HEALTHCHECK ({@code /opt/launcher/healthcheck.sh}, README, Probes and health checks)
 * where the server answers: one line "HOST PORT PATH" in the file HEALTHCHECK_FILE names (the
 * images set /tmp/undertow-base.healthcheck): the address to connect to, the port actually
 * bound (PORT, BIND, SERVER_ARGS, conf files and the prestart script can all change it) and the
 * liveness path, empty when LIVENESS_PATH is off. Written once the server listens.
 */
final class HealthcheckFile {

    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private HealthcheckFile() {
    }

    /** Writes the line to {@code file}; nothing when it is null or blank. */
    static void writeIfAsked(String file, String host, int port, String livenessPath) {
        if (file != null && !file.isBlank()) {
            write(Path.of(file.trim()), line(host, port, livenessPath));
        }
    }

    /** A wildcard listener is asked on the loopback address. */
    static String line(String host, int port, String livenessPath) {
        String target = ANY_ADDRESS.contains(host) ? "127.0.0.1" : host;
        return target + " " + port + " " + livenessPath + "\n";
    }

    /**
     * Replaces the file in one step, so the check never reads half of it. A directory that cannot
     * be written (/tmp on a read-only root without a tmpfs there) is no error: the check then
     * falls back to PORT and BIND.
     *
     * <p>The temporary file is named after the process, not by {@code Files.createTempFile}: its
     * random name seeds a {@code SecureRandom}, which loads the JDK's security providers, 15 ms
     * spent right after Listening, beside the first request (measured in java25-slim, README,
     * Start-up cache). {@code CREATE_NEW} never writes through a link someone else left there.
     */
    static void write(Path file, String line) {
        Path tmp = temporary(file);
        try {
            try {
                // left by an earlier run with the same pid: a restarted container keeps its /tmp
                Files.deleteIfExists(tmp);
                Files.writeString(tmp, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                // readable by any user the check may run as, whatever the umask
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LoggerFactory.getLogger(HealthcheckFile.class).debug(
                "cannot write {} for the HEALTHCHECK ({}); it falls back to PORT and BIND", file, e.toString());
        }
    }

    /** The name {@link #write} writes under before the move: this process's, beside the file. */
    static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }
}
