package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ProtocolSettings;
import dev.undertowbase.launcher.config.Sourced;
import dev.undertowbase.launcher.server.Feature;
import dev.undertowbase.launcher.server.Transport;
import io.undertow.UndertowOptions;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.OpenListener;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * README, HTTP/2 and TLS: the listener speaks HTTPS with the certificate and key of TLS_CERT_FILE
 * and TLS_KEY_FILE, offering "h2" and "http/1.1" by ALPN when HTTP/2 is on (as
 * {@code Undertow.builder()} sets up an HTTPS listener).
 *
 * <p>The files are read again every {@link #POLL}: by content, so a Kubernetes Secret volume,
 * which swaps a {@code ..data} symlink, and a copy over the old file are both seen. New
 * connections get a changed certificate at once; open ones keep theirs. A change that does not
 * load (a bad file, or a key that does not match the certificate) keeps the old certificate, and
 * is logged as one error line once it has stayed the same for one poll: a rotation that writes
 * the two files one after the other passes through a mismatch, which is not worth an error.
 */
public final class Tls implements Feature, Transport {

    static final Duration POLL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Tls.class);

    private final Sourced<Path> certFile;
    private final Sourced<Path> keyFile;
    private final SSLContext first;
    private final Duration poll;
    /** What the server presents now; guarded by this. */
    private TlsFiles current;
    /** The last change that did not load, and whether it was logged; guarded by this. */
    private Failure failure;
    private UndertowXnioSsl ssl;
    private ScheduledExecutorService poller;

    private Tls(TlsFiles files, SSLContext first, Duration poll) {
        this.certFile = files.certFile();
        this.keyFile = files.keyFile();
        this.current = files;
        this.first = first;
        this.poll = poll;
    }

    /** Loads the certificate and key (bad files: a {@link BadInput}); null when TLS is off. */
    public static Tls open(ProtocolSettings settings) {
        return open(settings, POLL);
    }

    /** @param poll the time between two reads of the files */
    static Tls open(ProtocolSettings settings, Duration poll) {
        if (!settings.tls()) {
            return null;
        }
        TlsFiles files = TlsFiles.read(settings.certFile(), settings.keyFile());
        TlsFiles.Identity identity = files.identity();
        log.info("TLS certificate from {}: {}", files.certFile().value(), identity.describe());
        warnIfNotValid(files, identity);
        return new Tls(files, identity.sslContext(), poll);
    }

    @Override
    public String scheme() {
        return "https";
    }

    /** With HTTP/2 on, ALPN picks the HTTP/2 listener for "h2" and the HTTP/1.1 one otherwise. */
    @Override
    public OpenListener openListener(HttpOpenListener http) {
        OptionMap options = http.getUndertowOptions();
        if (!options.get(UndertowOptions.ENABLE_HTTP2, false)) {
            return http;
        }
        Http2OpenListener http2 = new Http2OpenListener(http.getBufferPool(), options);
        http2.setRootHandler(http.getRootHandler());
        return new AlpnOpenListener(http.getBufferPool(), options, http).addProtocol(Http2OpenListener.HTTP2, http2, 10);
    }

    @Override
    public synchronized AcceptingChannel<? extends StreamConnection> bind(XnioWorker worker, InetSocketAddress address,
            ChannelListener<StreamConnection> connections, OptionMap socketOptions) throws IOException {
        ssl = new UndertowXnioSsl(worker.getXnio(), OptionMap.create(Options.USE_DIRECT_BUFFERS, true), first);
        AcceptingChannel<? extends StreamConnection> channel =
            ssl.createSslConnectionServer(worker, address, ChannelListeners.openListenerAdapter(connections), socketOptions);
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::reload, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return channel;
    }

    /** One poll: reads both files and, when they changed and load, presents the new certificate. */
    synchronized void reload() {
        TlsFiles files = null;
        try {
            files = TlsFiles.read(certFile, keyFile);
            if (files.sameAs(current)) {
                failure = null;
                return;
            }
            TlsFiles.Identity identity = files.identity();
            ssl.updateSSLContext(identity.sslContext());
            current = files;
            failure = null;
            log.info("TLS certificate reloaded from {}: {}", certFile.value(), identity.describe());
            warnIfNotValid(files, identity);
        } catch (BadInput e) {
            Failure seen = new Failure(files, e.getMessage(), false);
            if (seen.sameAs(failure)) {
                if (!failure.logged()) {
                    log.error("{}; still serving the previous certificate", e.getMessage());
                    failure = new Failure(files, e.getMessage(), true);
                }
            } else {
                failure = seen;
            }
        } catch (RuntimeException e) {
            // the poller must go on polling whatever happens
            log.error("TLS certificate reload failed; still serving the previous certificate", e);
        }
    }

    /** Stops polling; the connections are the server's to close. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private static void warnIfNotValid(TlsFiles files, TlsFiles.Identity identity) {
        String problem = identity.validityProblem();
        if (problem != null) {
            log.warn("{}: {}: the certificate {}; clients will refuse it", files.certFile().source(),
                files.certFile().value(), problem);
        }
    }

    /** A change that did not load: the files as read (null when unreadable) and the problem. */
    private record Failure(TlsFiles files, String problem, boolean logged) {

        boolean sameAs(Failure other) {
            return other != null && problem.equals(other.problem)
                && (files == null ? other.files == null : files.sameAs(other.files));
        }
    }

    @Override
    public String toString() {
        return "TLS from " + certFile.value();
    }
}
