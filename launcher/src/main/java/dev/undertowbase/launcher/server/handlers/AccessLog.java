package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.AccessLogSettings;
import dev.undertowbase.launcher.config.LogSettings;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.UndertowOptions;
import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ExchangeAttributes;
import io.undertow.attribute.SubstituteEmptyWrapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.xnio.OptionMap;

/**
 * The access log: one line per request in the configured format ("combined" by default) to
 * stdout or a file. Request threads only queue their line; one writer thread writes whatever has
 * queued up in a single write and flushes as soon as the queue is empty. A write per request
 * is costly on a pipe such as Docker's log collector; batches pay it once per batch, while an
 * idle server still shows each line as soon as its response completes.
 *
 * <p>With LOG_FORMAT=json each line is a JSON object instead ({@link JsonAccessLog}).
 */
public final class AccessLog implements Feature, AccessLogReceiver {

    /** Lines that may wait for the writer; a full queue makes request threads wait (back-pressure). */
    private static final int QUEUE_LINES = 8192;
    /** Lines written together at most, so one write stays a modest buffer. */
    private static final int BATCH_LINES = 512;
    /** Compared by identity, so no request line can end the log. */
    private static final String END = new String("end of the access log");

    private final String format;
    /** LOG_FORMAT, and the project JSON lines name. */
    private final LogSettings logs;
    private final OutputStream out;
    private final boolean ownsStream;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final Thread writer;
    private volatile boolean closed;

    private AccessLog(String format, LogSettings logs, OutputStream out, boolean ownsStream) {
        this.format = format;
        this.logs = logs;
        this.out = out;
        this.ownsStream = ownsStream;
        this.writer = new Thread(this::writeQueuedLines, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the log's target; null when the access log is off.
     *
     * @param stdout where a target of "-" writes
     */
    public static AccessLog open(AccessLogSettings settings, LogSettings logs, OutputStream stdout) {
        if (!settings.on()) {
            return null;
        }
        AccessLogFormat.check(settings.format());
        String target = settings.target().value();
        if (target.equals("-")) {
            return new AccessLog(settings.format().value(), logs, stdout, false);
        }
        try {
            return new AccessLog(settings.format().value(), logs, new FileOutputStream(target, true), true);
        } catch (IOException e) {
            throw settings.target().bad("cannot write to " + target + ": " + e.getMessage());
        }
    }

    /** Values the client sent are escaped and the status is the one sent (see {@link LogFields}). */
    @Override
    public HttpHandler wrap(HttpHandler next) {
        if (logs.json()) {
            return JsonAccessLog.handler(next, this, logs.googleCloudProject());
        }
        // the names Undertow's AccessLogHandler expands, expanded here since the pattern is parsed here
        String pattern = switch (format) {
            case "common" -> "%h %l %u %t \"%r\" %s %b";
            case "combined" -> "%h %l %u %t \"%r\" %s %b \"%{i,Referer}\" \"%{i,User-Agent}\"";
            case "commonobf" -> "%o %l %u %t \"%r\" %s %b";
            case "combinedobf" -> "%o %l %u %t \"%r\" %s %b \"%{i,Referer}\" \"%{i,User-Agent}\"";
            default -> format;
        };
        ExchangeAttribute line = ExchangeAttributes.parser(AccessLog.class.getClassLoader(),
            LogFields::wrap, new SubstituteEmptyWrapper("-")).parse(pattern);
        return new AccessLogHandler(next, this, pattern, line);
    }

    /**
     * %D and %T (the response time) and the JSON lines' latency need the request start time, which
     * Undertow records only when asked.
     */
    @Override
    public void listenerOptions(OptionMap.Builder options) {
        if (logs.json() || format.contains("%D") || format.contains("%T") || format.contains("%{RESPONSE_TIME")) {
            options.set(UndertowOptions.RECORD_REQUEST_START_TIME, true);
        }
    }

    @Override
    public void logMessage(String message) {
        if (!closed) {
            try {
                queue.put(message);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        write(message + "\n");
    }

    private void writeQueuedLines() {
        StringBuilder batch = new StringBuilder();
        try {
            for (String line = queue.take(); line != END; line = queue.take()) {
                batch.append(line).append('\n');
                for (int n = 1; n < BATCH_LINES && (line = queue.peek()) != null && line != END; n++) {
                    batch.append(queue.poll()).append('\n');
                }
                write(batch.toString());
                batch.setLength(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String lines) {
        try {
            synchronized (out) {
                out.write(lines.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // a closed stdout or a full disk must not fail the requests being completed
        }
    }

    /** Writes every queued line, then closes the file (stdout stays open). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a line queued by a request that raced with close() comes after END
        for (String line = queue.poll(); line != null; line = queue.poll()) {
            write(line + "\n");
        }
        if (ownsStream) {
            try {
                out.close();
            } catch (IOException e) {
                // every line was written and flushed; a failing close loses nothing
            }
        }
    }
}
