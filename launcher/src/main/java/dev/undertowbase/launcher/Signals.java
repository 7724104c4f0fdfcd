package dev.undertowbase.launcher;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the JVM with status 0 instead of the default 143/130: a stop the
 * container was asked for is a normal exit. {@code System.exit} still runs the shutdown hook,
 * which drains the server. A second signal while it runs calls {@code again} (README, Stopping:
 * it cuts SHUTDOWN_DELAY short), as a repeated Ctrl-C means "hurry up".
 */
final class Signals {

    private Signals() {
    }

    static void exitZeroOnTermination(Runnable again) {
        AtomicBoolean received = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.getAndSet(true)) {
                        again.run();
                    } else {
                        System.exit(0);
                    }
                });
            } catch (IllegalArgumentException e) {
                // the JVM reserves the signal (e.g. with -Xrs): keep its default handling
            }
        }
    }
}
