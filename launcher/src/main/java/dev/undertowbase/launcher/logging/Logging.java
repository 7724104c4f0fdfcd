package dev.undertowbase.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.undertowbase.launcher.config.LogLevel;
import dev.undertowbase.launcher.config.LogSettings;
import dev.undertowbase.launcher.config.Sourced;
import java.io.FileOutputStream;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Logback set up in code (no XML to find or parse at start). Server, app, Undertow and XNIO logs
 * (jboss-logging picks SLF4J on its own when logback is present) all go to ERROR_LOG at LOG_LEVEL,
 * as text lines or, with LOG_FORMAT=json, as JSON lines.
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

    public static void configure(LogSettings settings) {
        LogLevel level = settings.level();
        String target = settings.errorLog().value();
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
            checkWritable(settings.errorLog());
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (target.isEmpty()) {
            root.setLevel(Level.OFF);
            return;
        }
        root.setLevel(logback(level));
        for (String name : BANNER_LOGGERS) {
            context.getLogger(name).setLevel(level == LogLevel.DEBUG ? null : Level.WARN);
        }
        root.addAppender(appender(context, target, settings.json()
            ? JsonLogEncoder.create(settings.googleCloudProject())
            : new LogLineEncoder()));
        RepeatedStackTraces repeated = new RepeatedStackTraces();
        repeated.setContext(context);
        repeated.start();
        context.addTurboFilter(repeated);
    }

    /**
     * Writes a JSON server line and a JSON access line to nowhere, so that the start-up cache's
     * training run, which logs text, also loads and links the JSON encoder and Jackson's
     * generator. Without them in the cache, LOG_FORMAT=json started with about 50 ms more CPU
     * than text; a cache trained on JSON alone made text start 110 ms slower instead.
     */
    public static void loadJsonClasses() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Encoder<ILoggingEvent> encoder = JsonLogEncoder.create("project");
        encoder.encode(new LoggingEvent(Logging.class.getName(), context.getLogger(Logging.class), Level.INFO,
            "training {}", null, new Object[] {"line"}));
        JsonLine.start(System.currentTimeMillis(), "INFO", "GET / HTTP/1.1 200", "access-log", "training")
            .startObject("httpRequest").string("requestMethod", "GET").number("status", 200).endObject()
            .trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "project")
            .finish();
    }

    /** Stderr at INFO: what logs look like before {@link #configure} has run (e.g. in unit tests). */
    static void configureDefault(LoggerContext context) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        for (String name : BANNER_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender(context, "-", new LogLineEncoder()));
    }

    private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, String target,
                                                                Encoder<ILoggingEvent> encoder) {
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

    private static void checkWritable(Sourced<String> file) {
        try (FileOutputStream ignored = new FileOutputStream(file.value(), true)) {
            // opened and closed only to report a bad path now, as one line, rather than in logback's status
        } catch (IOException e) {
            throw file.bad("cannot write to " + file.value() + ": " + e.getMessage());
        }
    }

    private static Level logback(LogLevel level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARN;
            // logback has nothing above ERROR
            case ERROR, CRITICAL -> Level.ERROR;
        };
    }
}
