package dev.undertowbase.launcher;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The access log: one line per request in the configured format ("combined" by default) to
 * stdout or a file. Each line is a single unbuffered write, so `docker logs` and `tail -f` see it
 * as soon as the response completes and lines from different threads never interleave.
 */
final class AccessLog implements AccessLogReceiver, AutoCloseable {

    private final OutputStream out;
    private final boolean ownsStream;

    private AccessLog(OutputStream out, boolean ownsStream) {
        this.out = out;
        this.ownsStream = ownsStream;
    }

    /** Null when the access log is off. */
    static AccessLog open(ServerConfig config, OutputStream stdout) {
        String target = config.accessLog();
        if (target.isEmpty()) {
            return null;
        }
        if (target.equals("-")) {
            return new AccessLog(stdout, false);
        }
        try {
            return new AccessLog(new FileOutputStream(target, true), true);
        } catch (IOException e) {
            throw new BadInput(config.accessLogSource() + ": cannot write to " + target + ": " + e.getMessage());
        }
    }

    HttpHandler wrap(HttpHandler next, String format) {
        return new AccessLogHandler(next, this, format, AccessLog.class.getClassLoader());
    }

    /** Whether the format needs the request start time (%D and %T), which Undertow records only on request. */
    static boolean needsTiming(String format) {
        return format.contains("%D") || format.contains("%T") || format.contains("%{RESPONSE_TIME");
    }

    @Override
    public void logMessage(String message) {
        byte[] line = (message + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (out) {
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            // a closed stdout or a full disk must not fail the request being completed
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsStream) {
            out.close();
        }
    }
}
