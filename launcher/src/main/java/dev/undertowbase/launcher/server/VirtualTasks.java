package dev.undertowbase.launcher.server;

import dev.undertowbase.launcher.config.Tuning;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Xnio;

/**
 * The XNIO worker's task pool when WORKER_POOL is virtual (README, Blocking handlers): each task,
 * a dispatched handler or a {@code BlockingHandler}, runs on a new virtual thread.
 *
 * <p>XNIO gives every thread that waits in a blocking stream ({@code getInputStream()} before the
 * body has arrived, {@code getOutputStream()} on a full socket) a selector of its own, two file
 * descriptors kept in a thread local and closed by XNIO when one of its worker threads ends. A
 * virtual thread ends after one task and nothing would close its selector but a finalizer after
 * some later GC, so each task ends with XNIO's own thread-exit clean-up ({@code
 * Xnio.handleThreadExit()}, protected, hence the method handle).
 *
 * <p>The JDK reads its carrier count once, when the first virtual thread is made, so the count
 * of {@link Tuning#carrierThreads()} is set here, before the first one, unless JAVA_OPTS set it.
 */
final class VirtualTasks {

    private static final Logger log = LoggerFactory.getLogger(VirtualTasks.class);

    private VirtualTasks() {
    }

    static ExecutorService create(Xnio xnio, int carriers) {
        if (System.getProperty(Tuning.CARRIERS_PROPERTY) == null) {
            System.setProperty(Tuning.CARRIERS_PROPERTY, Integer.toString(carriers));
        }
        ThreadFactory threads = Thread.ofVirtual().name("virtual-task-", 1).factory();
        MethodHandle threadExit = threadExit();
        if (threadExit == null) {
            return Executors.newThreadPerTaskExecutor(threads);
        }
        return Executors.newThreadPerTaskExecutor(task -> threads.newThread(() -> {
            try {
                task.run();
            } finally {
                closeSelector(threadExit, xnio);
            }
        }));
    }

    private static void closeSelector(MethodHandle threadExit, Xnio xnio) {
        try {
            threadExit.invokeExact(xnio);
        } catch (Throwable e) {
            log.debug("XNIO's thread-exit clean-up failed", e);
        }
    }

    /** Null (and a warning) if this XNIO has no such method: selectors then wait for the GC. */
    private static MethodHandle threadExit() {
        try {
            return MethodHandles.privateLookupIn(Xnio.class, MethodHandles.lookup())
                .findVirtual(Xnio.class, "handleThreadExit", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot reach Xnio.handleThreadExit ({}): selectors of virtual threads that wait in blocking "
                + "streams are closed only by the GC", e.toString());
            return null;
        }
    }
}
