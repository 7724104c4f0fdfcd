package dev.undertowbase.launcher.server;

import io.undertow.server.OpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * How the listening socket carries HTTP: plain TCP ({@link #CLEARTEXT}) unless a feature of the
 * chain implements this interface (TLS does), the way {@code Undertow.builder()} picks an HTTP or
 * an HTTPS listener. At most one feature of a chain may implement it.
 */
public interface Transport {

    /** Plain TCP: the server's HTTP/1.1 listener (which also takes h2c) serves every connection. */
    Transport CLEARTEXT = new Transport() {
        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public AcceptingChannel<? extends StreamConnection> bind(XnioWorker worker, InetSocketAddress address,
                ChannelListener<StreamConnection> connections, OptionMap socketOptions) throws IOException {
            return worker.createStreamConnectionServer(address, ChannelListeners.openListenerAdapter(connections),
                socketOptions);
        }
    };

    /** The URL scheme of the "Listening on" line: http or https. */
    String scheme();

    /**
     * What serves the accepted connections, built around the server's HTTP/1.1 listener (which has
     * the root handler, the buffer pool and the listener options): that listener itself by default.
     */
    default OpenListener openListener(HttpOpenListener http) {
        return http;
    }

    /**
     * Binds the listening socket; each accepted connection goes to {@code connections}. Called
     * once, after {@link #openListener}.
     */
    AcceptingChannel<? extends StreamConnection> bind(XnioWorker worker, InetSocketAddress address,
        ChannelListener<StreamConnection> connections, OptionMap socketOptions) throws IOException;
}
