package dev.undertowbase.launcher.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Found by logback through ServiceLoader when the first logger is created before
 * {@link Logging#configure} named {@link LogbackProvider} (unit tests, a failure before logging is
 * set up), so logback neither searches for nor parses an XML file. {@link Logging#configure}
 * replaces this set-up.
 */
public final class LogbackDefaults extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logging.configureDefault(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
