package dev.undertowbase.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileOutputStream;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Logback set up in code (no XML to find or parse at start). Server, app, Undertow and XNIO logs
 * (jboss-logging picks SLF4J on its own when logback is present) all go to ERROR_LOG at LOG_LEVEL.
 */
public final class Logging {

    /**
     * Loggers whose INFO lines are start-up banners (versions of XNIO and JBoss Threads) that
     * repeat what the config line already says; they log at WARN unless LOG_LEVEL is debug.
     */
    private static final String[] BANNER_LOGGERS = {"org.xnio", "org.jboss.threads"};

    private static final String JBOSS_LOGGING_PROVIDER = "org.jboss.logging.provider";
    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private Logging() {
    }

    /**
     * @param target "-" for stderr, "" for no logs, else a file appended to
     * @param source what named the target, for the error when the file cannot be opened
     */
    public static void configure(LogLevel level, String target, String source) {
        // Named outright, jboss-logging skips probing for JBoss LogManager through JUL's LogManager
        // (about a third of logging's start-up time); a -D given by the user still wins.
        if (System.getProperty(JBOSS_LOGGING_PROVIDER) == null) {
            System.setProperty(JBOSS_LOGGING_PROVIDER, "slf4j");
        }
        // Named outright, SLF4J skips its lookup across every jar and uses LogbackProvider
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, LogbackProvider.class.getName());
            // which SLF4J announces at INFO on stderr; its warnings still show
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "WARN");
            }
        }
        if (!target.isEmpty() && !target.equals("-")) {
            checkWritable(target, source);
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (target.isEmpty()) {
            root.setLevel(Level.OFF);
            return;
        }
        root.setLevel(level.logback());
        for (String name : BANNER_LOGGERS) {
            context.getLogger(name).setLevel(level == LogLevel.DEBUG ? null : Level.WARN);
        }
        root.addAppender(appender(context, target));
    }

    /** Stderr at INFO: what logs look like before {@link #configure} has run (e.g. in unit tests). */
    static void configureDefault(LoggerContext context) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        for (String name : BANNER_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender(context, "-"));
    }

    private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, String target) {
        LogLineEncoder encoder = new LogLineEncoder();
        encoder.setContext(context);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender;
        if (target.equals("-")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(target);
            file.setAppend(true);
            appender = file;
        }
        appender.setName("error-log");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static void checkWritable(String file, String source) {
        try (FileOutputStream ignored = new FileOutputStream(file, true)) {
            // opened and closed only to report a bad path now, as one line, rather than in logback's status
        } catch (IOException e) {
            throw new BadInput(source + ": cannot write to " + file + ": " + e.getMessage());
        }
    }
}
