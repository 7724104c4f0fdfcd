package dev.undertowbase.launcher;

import ch.qos.logback.classic.LoggerContext;
import dev.undertowbase.launcher.logging.LogbackDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Many starts of the launcher in one JVM, for {@link BadSettingsTest}: a JVM start per bad value
 * would cost a second each. {@code BadSettingsDriver CASES NAME=VALUE...}: each line of the file
 * CASES is one start, {@code ARGUMENTS<TAB>NAME<TAB>VALUE} (ARGUMENTS empty or --reload), in the
 * environment of the NAME=VALUE arguments plus NAME=VALUE of the line.
 *
 * <p>Each start is {@link Launcher#run} with its own stdout and stderr, and System.out and
 * System.err (where logs and stack traces go) pointed at them, with logging as it is before the
 * launcher configures it. It prints the report BadSettingsTable reads: for each start
 * {@code === N STATUS}, then its stderr lines as {@code 2| LINE} and its stdout lines as
 * {@code 1| LINE}. A value wrongly accepted leaves its server running (on a free port, with
 * PORT=0 in the environment) until the driver halts.
 */
final class BadSettingsDriver {

    private BadSettingsDriver() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream report = System.out;
        PrintStream realErr = System.err;
        Map<String, String> base = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            base.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        int n = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            n++;
            String[] fields = line.split("\t", -1);
            Map<String, String> env = new HashMap<>(base);
            env.put(fields[1], fields[2]);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setOut(stdout);
            System.setErr(stderr);
            int status;
            try {
                resetLogging();
                status = Launcher.run(fields[0].isEmpty() ? new String[0] : fields[0].split(" "), env, 2, stdout, stderr);
            } catch (RuntimeException | Error e) {
                // escaped the launcher: it shows as the stack trace it would print
                e.printStackTrace(stderr);
                status = Launcher.FAILED;
            } finally {
                System.setOut(report);
                System.setErr(realErr);
            }
            report.println("=== " + n + " " + status);
            err.toString(StandardCharsets.UTF_8).lines().forEach(l -> report.println("2| " + l));
            out.toString(StandardCharsets.UTF_8).lines().forEach(l -> report.println("1| " + l));
        }
        report.flush();
        // a wrongly accepted value left a server running
        Runtime.getRuntime().halt(0);
    }

    /** Logging as a fresh launcher has it (an earlier start may have configured it, or switched it off). */
    private static void resetLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new LogbackDefaults().configure(context);
    }
}
