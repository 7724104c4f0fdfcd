package dev.undertowbase.launcher;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListeners;
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
 * it to the worker pool ({@code worker_threads}).
 */
public final class Server {

    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** Time the worker's threads get to end once every request is done. */
    private static final long WORKER_STOP_MILLIS = 2_000;
    /** JBoss Threads' switch for the MBean of the worker pool it makes for XNIO. */
    private static final String EQE_DISABLE_MBEAN = "jboss.threads.eqe.disable-mbean";

    private static Xnio xnio;

    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> channel;
    private final HttpOpenListener openListener;
    private final GracefulShutdownHandler gate;
    private final AccessLog accessLog;
    private final String url;
    private boolean stopped;

    private Server(XnioWorker worker, AcceptingChannel<StreamConnection> channel, HttpOpenListener openListener,
                   GracefulShutdownHandler gate, AccessLog accessLog, String url) {
        this.worker = worker;
        this.channel = channel;
        this.openListener = openListener;
        this.gate = gate;
        this.accessLog = accessLog;
        this.url = url;
    }

    /**
     * Binds and starts serving {@code app}; logs "Listening on http://HOST:PORT".
     *
     * @param stdout where an access log of "-" goes
     */
    public static Server start(ServerConfig config, Tuning tuning, HttpHandler app, OutputStream stdout) {
        ListenAddress listen = config.listen();
        InetSocketAddress address = Bind.address(config);

        AccessLog accessLog = AccessLog.open(config, stdout);
        GracefulShutdownHandler gate = new GracefulShutdownHandler(app);
        HttpHandler root = accessLog == null ? gate : accessLog.wrap(gate, config.accessLogFormat());

        HttpOpenListener openListener = new HttpOpenListener(bufferPool(), serverOptions(config));
        openListener.setRootHandler(root);

        XnioWorker worker = createWorker(tuning);
        AcceptingChannel<StreamConnection> channel;
        try {
            channel = worker.createStreamConnectionServer(address,
                ChannelListeners.openListenerAdapter(openListener), socketOptions(tuning));
        } catch (IOException e) {
            worker.shutdownNow();
            throw Bind.failure(config, e);
        }
        channel.resumeAccepts();

        int port = channel.getLocalAddress(InetSocketAddress.class).getPort();
        String url = "http://" + new ListenAddress(listen.host(), port);
        log.info("Listening on {} ({} IO threads, {} worker threads){}", url, tuning.ioThreads(), tuning.workerThreads(),
            sinceJvmStart());
        return new Server(worker, channel, openListener, gate, accessLog, url);
    }

    /** The URL the server listens on, with the bound port (useful when port 0 picked one). */
    public String url() {
        return url;
    }

    public int port() {
        return channel.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /**
     * Refuses new connections, answers 503 to new requests on open ones, lets in-flight requests
     * finish for up to {@code grace}, then closes everything. Safe to call more than once; must not
     * be called from an IO thread (it waits for them).
     */
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
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
        if (accessLog != null) {
            IoUtils.safeClose(accessLog);
        }
        log.info("Stopped");
    }

    /**
     * XNIO, created once; {@code Launcher} starts this on a thread of its own, so that finding
     * XNIO's provider and setting it up overlap with loading the app. XNIO and JBoss Threads
     * register no MBeans (see {@link NoPlatformMBeanServer}): creating the platform MBean server
     * for them cost more CPU at start than the rest of XNIO's set-up.
     */
    static synchronized Xnio xnio() {
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

    private static XnioWorker createWorker(Tuning tuning) {
        try {
            // the same worker options as Undertow.builder() uses, with our thread counts
            return xnio().createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, tuning.ioThreads())
                .set(Options.WORKER_TASK_CORE_THREADS, tuning.workerThreads())
                .set(Options.WORKER_TASK_MAX_THREADS, tuning.workerThreads())
                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the XNIO worker", e);
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

    private static OptionMap serverOptions(ServerConfig config) {
        OptionMap.Builder options = OptionMap.builder()
            .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
            .set(UndertowOptions.NO_REQUEST_TIMEOUT, millisOrDisabled(config.keepAlive()));
        if (!config.timeout().isZero()) {
            int timeout = millisOrDisabled(config.timeout());
            options.set(UndertowOptions.IDLE_TIMEOUT, timeout);
            options.set(UndertowOptions.REQUEST_PARSE_TIMEOUT, timeout);
        }
        if (!config.accessLog().isEmpty() && AccessLog.needsTiming(config.accessLogFormat())) {
            options.set(UndertowOptions.RECORD_REQUEST_START_TIME, true);
        }
        return options.getMap();
    }

    /** Milliseconds for an Undertow timeout option; -1 (off) for zero. */
    private static int millisOrDisabled(Duration duration) {
        if (duration.isZero()) {
            return -1;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
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

    /** Undertow.builder()'s sizing: small buffers when the heap is small. */
    private static ByteBufferPool bufferPool() {
        long maxMemory = Runtime.getRuntime().maxMemory();
        if (maxMemory < 64L << 20) {
            return new DefaultByteBufferPool(false, 512, -1, 4);
        }
        if (maxMemory < 128L << 20) {
            return new DefaultByteBufferPool(true, 1024, -1, 4);
        }
        return new DefaultByteBufferPool(true, 1024 * 16 - 20, -1, 4);
    }
}
