package dev.undertowbase.launcher.server;

import java.util.function.Supplier;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * An MBean server builder that refuses, named by {@code javax.management.builder.initial} while
 * XNIO is created. XNIO registers its beans (per worker and listener) in the platform MBean
 * server, which creates that server with every JDK MXBean on first use: about 75 ms of CPU at
 * every start, for beans nothing outside the process could read in a slim image (it has no
 * remote JMX). XNIO catches the refusal, registers nothing and keeps that answer for the life of
 * the process. The property is restored at once, before any of the app's code runs, so the app's
 * own use of the platform MBean server and of the platform MXBeans is untouched.
 */
public final class NoPlatformMBeanServer extends MBeanServerBuilder {

    private static final String BUILDER = "javax.management.builder.initial";

    @Override
    public MBeanServerDelegate newMBeanServerDelegate() {
        throw new UnsupportedOperationException("no platform MBean server while XNIO starts");
    }

    /**
     * Runs {@code action} while the platform MBean server cannot be created, unless the user named
     * a builder. Only for a runtime with java.management: this class extends one of its classes.
     */
    static <T> T during(Supplier<T> action) {
        if (System.getProperty(BUILDER) != null) {
            return action.get();
        }
        System.setProperty(BUILDER, NoPlatformMBeanServer.class.getName());
        try {
            return action.get();
        } finally {
            System.clearProperty(BUILDER);
        }
    }
}
