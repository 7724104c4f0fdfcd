package dev.undertowbase.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** The listener's socket address, and the early check that it can be bound. */
final class Bind {

    private Bind() {
    }

    static InetSocketAddress address(ServerConfig config) {
        ListenAddress listen = config.listen();
        try {
            return new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port());
        } catch (UnknownHostException e) {
            throw new BadInput(config.listenSource() + ": unknown host " + listen.host());
        }
    }

    /**
     * Fails fast when the address cannot be bound (port in use, address not on this host):
     * starting logging, the app and the XNIO worker first can take longer than the second
     * SPEC §8 allows for this error on a busy machine. Port 0 needs no check.
     */
    static void check(ServerConfig config) {
        InetSocketAddress address = address(config);
        if (address.getPort() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (IOException e) {
            throw failure(config, e);
        }
    }

    static BadInput failure(ServerConfig config, IOException e) {
        return new BadInput(config.listenSource() + ": cannot listen on " + config.listen() + ": " + e.getMessage());
    }
}
