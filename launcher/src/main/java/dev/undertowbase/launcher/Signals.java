package dev.undertowbase.launcher;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the JVM with status 0 instead of the default 143/130: a stop the
 * container was asked for is a normal exit. {@code System.exit} still runs the shutdown hook,
 * which drains the server.
 */
final class Signals {

    private Signals() {
    }

    static void exitZeroOnTermination() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException e) {
                // the JVM reserves the signal (e.g. with -Xrs): keep its default handling
            }
        }
    }
}
