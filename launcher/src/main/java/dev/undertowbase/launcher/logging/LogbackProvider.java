package dev.undertowbase.launcher.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;

/**
 * Logback as SLF4J's provider, set up in code. Logback's own initialisation (a service lookup
 * for configurators across every jar, reading both Logback jars' version files, status
 * reports) would only end in {@link LogbackDefaults}, which {@link Logging#configure} then
 * replaces; named by {@code slf4j.provider}, SLF4J also skips its own lookup across the jars.
 */
public final class LogbackProvider extends LogbackServiceProvider {

    @Override
    public void initialize() {
        LoggerContext context = (LoggerContext) getLoggerFactory();
        context.setName("default");
        context.setMDCAdapter(getMDCAdapter());
        Logging.configureDefault(context);
        context.start();
    }
}
