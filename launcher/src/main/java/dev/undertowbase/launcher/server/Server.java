package dev.undertowbase.launcher.server;

import dev.undertowbase.launcher.config.ListenAddress;
import dev.undertowbase.launcher.config.ListenSettings;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.config.WorkerPool;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The HTTP listener, built from Undertow's parts rather than {@code Undertow.builder()}: on
 * shutdown the listening socket must close (new connections are refused) while in-flight
 * requests finish, and the builder's only way to stop accepting, {@code ListenerInfo.suspend()},
 * also closes every open connection, in-flight ones included.
 *
 * <p>Handlers run on the IO threads, as in plain Undertow; one that blocks should call
 * {@code exchange.dispatch(this)} first or be wrapped in a {@code BlockingHandler}, which moves
 * it to the XNIO worker's task pool: a virtual thread per task, or platform threads
 * ({@code worker_pool}, {@code worker_threads}). The pool is the worker's own, not a dispatch
 * executor set per request, so every way into it (a dispatch from a callback outside the
 * handler's call, {@code getWorker().execute}) gets the same threads.
 */
public final class Server {

    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** JBoss Threads' switch for the MBean of the worker pool it makes for XNIO. */
    private static final String EQE_DISABLE_MBEAN = "jboss.threads.eqe.disable-mbean";

    private static Xnio xnio;
    /** What every listener sets; the features add theirs. */
    private static final OptionMap SERVER_OPTIONS = OptionMap.create(UndertowOptions.BUFFER_PIPELINED_DATA, true);
    /** Time the worker's threads get to end once every request is done. */
    private static final long WORKER_STOP_MILLIS = 2_000;

    private final XnioWorker worker;
    /** The virtual threads' task pool, which XNIO neither shuts down nor waits for; null for platform threads. */
    private final ExecutorService virtualTasks;
    private final AcceptingChannel<? extends StreamConnection> channel;
    private final OpenListener openListener;
    private final GracefulShutdownHandler gate;
    private final HandlerChain chain;
    private final String url;
    /** Counted down by a second SIGTERM/SIGINT: the rest of SHUTDOWN_DELAY is skipped. */
    private final CountDownLatch delayCut = new CountDownLatch(1);
    private boolean stopped;

    private Server(XnioWorker worker, ExecutorService virtualTasks, AcceptingChannel<? extends StreamConnection> channel,
                   OpenListener openListener, GracefulShutdownHandler gate, HandlerChain chain, String url) {
        this.worker = worker;
        this.virtualTasks = virtualTasks;
        this.channel = channel;
        this.openListener = openListener;
        this.gate = gate;
        this.chain = chain;
        this.url = url;
    }

    /**
     * Binds and starts serving {@code app} behind the chain's features, over the chain's
     * {@link Transport}; logs "Listening on http://HOST:PORT" (https with TLS). The chain's
     * features are closed when the server stops, and also here when it cannot start.
     */
    public static Server start(ListenSettings listen, Tuning tuning, HandlerChain chain, HttpHandler app) {
        InetSocketAddress address = Bind.address(listen);

        GracefulShutdownHandler gate = new GracefulShutdownHandler(app);
        HttpOpenListener http = new HttpOpenListener(bufferPool(), chain.listenerOptions(SERVER_OPTIONS));
        http.setRootHandler(chain.wrap(gate));
        Transport transport = chain.transport();
        OpenListener openListener = transport.openListener(http);

        Xnio xnio = xnio();
        ExecutorService virtualTasks = tuning.workerPool() == WorkerPool.VIRTUAL
            ? VirtualTasks.create(xnio, tuning.carrierThreads()) : null;
        XnioWorker worker;
        try {
            worker = createWorker(xnio, tuning, virtualTasks);
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        AcceptingChannel<? extends StreamConnection> channel;
        try {
            // the transport's connections (decrypted, with TLS) meet the connection features first
            channel = transport.bind(worker, address, (StreamConnection connection) -> {
                chain.accepted(connection);
                openListener.handleEvent(connection);
            }, socketOptions(tuning));
        } catch (IOException e) {
            worker.shutdownNow();
            if (virtualTasks != null) {
                virtualTasks.shutdownNow();
            }
            chain.close();
            throw Bind.failure(listen, e);
        }
        channel.resumeAccepts();

        int port = channel.getLocalAddress(InetSocketAddress.class).getPort();
        String url = transport.scheme() + "://" + new ListenAddress(listen.value().host(), port);
        log.info("Listening on {} ({} IO threads, {}){}", url, tuning.ioThreads(),
            virtualTasks != null ? "a virtual thread per blocking task on " + tuning.carrierThreads() + " carriers"
                : tuning.workerThreads() + " worker threads",
            sinceJvmStart());
        return new Server(worker, virtualTasks, channel, openListener, gate, chain, url);
    }

    /** The URL the server listens on, with the bound port (useful when port 0 picked one). */
    public String url() {
        return url;
    }

    public int port() {
        return channel.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /** {@link #stop(Duration, Duration)} without a delay. */
    public void stop(Duration grace) {
        stop(Duration.ZERO, grace);
    }

    /**
     * README, Stopping: tells the features the server is stopping (readiness answers 503 from
     * here on) and goes on serving for {@code delay}; then refuses new connections, answers 503
     * to new requests on open ones, lets in-flight requests finish for up to {@code grace}, and
     * closes everything. Each phase logs one line. Safe to call more than once; must not be
     * called from an IO thread (it waits for them).
     */
    public synchronized void stop(Duration delay, Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        chain.stopping();
        if (delay.isPositive()) {
            log.info("Shutdown: readiness answers 503; still serving for {}s (SHUTDOWN_DELAY)", delay.toMillis() / 1000.0);
            try {
                if (delayCut.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.info("Shutdown delay cut short by a second signal");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        gate.shutdown();
        IoUtils.safeClose(channel);
        log.info("Shutting down: waiting up to {}s for in-flight requests", grace.toMillis() / 1000.0);
        boolean drained;
        try {
            drained = gate.awaitShutdown(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            log.warn("Requests still in flight after the graceful timeout of {}s; closing them",
                grace.toMillis() / 1000.0);
        }
        openListener.closeConnections();
        if (drained) {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(WORKER_STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.shutdownNow();
            }
        } else {
            // the graceful timeout is spent: interrupt the stuck handlers now
            worker.shutdownNow();
        }
        if (virtualTasks != null) {
            // drained: no task is left; else interrupt the stuck ones, as shutdownNow does for platform threads
            if (drained) {
                virtualTasks.shutdown();
            } else {
                virtualTasks.shutdownNow();
            }
        }
        chain.close();
        log.info("Stopped");
    }

    /** Ends a running SHUTDOWN_DELAY at once (a second SIGTERM or Ctrl-C); the drain follows. */
    public void cutShutdownDelay() {
        delayCut.countDown();
    }

    /**
     * XNIO, created once; {@code Launcher} starts this on a thread of its own, so that finding
     * XNIO's provider and setting it up overlap with loading the app. XNIO and JBoss Threads
     * register no MBeans (see {@link NoPlatformMBeanServer}): creating the platform MBean server
     * for them cost more CPU at start than the rest of XNIO's set-up.
     */
    public static synchronized Xnio xnio() {
        if (xnio == null) {
            if (System.getProperty(EQE_DISABLE_MBEAN) == null) {
                System.setProperty(EQE_DISABLE_MBEAN, "true");
            }
            Supplier<Xnio> create = () -> Xnio.getInstance(HttpOpenListener.class.getClassLoader());
            // without java.management XNIO has no MBeans to register (and that builder no superclass)
            xnio = ModuleLayer.boot().findModule("java.management").isPresent() ? NoPlatformMBeanServer.during(create)
                : create.get();
        }
        return xnio;
    }

    /**
     * ", 0.214 s after the JVM started", from the JVM's own start time, so every start says what
     * it took (this costs about 2.5 ms of CPU; /proc/self/stat would be cheaper but dates the
     * process from before the container runtime set it up). Empty in a runtime without
     * java.management.
     */
    private static String sinceJvmStart() {
        if (ModuleLayer.boot().findModule("java.management").isEmpty()) {
            return "";
        }
        long millis = ManagementFactory.getRuntimeMXBean().getUptime();
        return ", " + millis / 1000 + "." + Long.toString(1000 + millis % 1000).substring(1) + " s after the JVM started";
    }

    /** @param virtualTasks the task pool for virtual threads; null: XNIO's pool of platform threads */
    private static XnioWorker createWorker(Xnio xnio, Tuning tuning, ExecutorService virtualTasks) {
        // the same worker options as Undertow.builder() uses, with our thread counts
        OptionMap.Builder options = OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, tuning.ioThreads())
            .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
            .set(Options.CONNECTION_LOW_WATER, 1_000_000)
            .set(Options.TCP_NODELAY, true)
            .set(Options.CORK, true);
        if (virtualTasks == null) {
            options.set(Options.WORKER_TASK_CORE_THREADS, tuning.workerThreads())
                .set(Options.WORKER_TASK_MAX_THREADS, tuning.workerThreads());
        }
        try {
            return xnio.createWorkerBuilder().populateFromOptions(options.getMap())
                .setExternalExecutorService(virtualTasks).build();
        } catch (IllegalStateException e) {
            // each IO thread opens a selector: too many of them run out of file descriptors
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw tuning.io().bad("cannot start " + tuning.ioThreads() + " IO threads: " + cause.getMessage());
        }
    }

    private static OptionMap socketOptions(Tuning tuning) {
        return OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, tuning.ioThreads())
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, 1000)
            .getMap();
    }

    /** Undertow.builder()'s sizing: small buffers when the heap is small. */
    private static ByteBufferPool bufferPool() {
        long maxMemory = Runtime.getRuntime().maxMemory();
        if (maxMemory < 64L << 20) {
            return new ThreadAwareBufferPool(false, 512);
        }
        if (maxMemory < 128L << 20) {
            return new ThreadAwareBufferPool(true, 1024);
        }
        return new ThreadAwareBufferPool(true, 1024 * 16 - 20);
    }
}
