package dev.undertowbase.launcher.server;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ListenAddress;
import dev.undertowbase.launcher.config.ListenSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** The listener's socket address, and the early check that it can be bound. */
public final class Bind {

    private Bind() {
    }

    static InetSocketAddress address(ListenSettings listen) {
        ListenAddress address = listen.value();
        try {
            return new InetSocketAddress(InetAddress.getByName(address.host()), address.port());
        } catch (UnknownHostException e) {
            throw listen.host().bad("unknown host " + address.host());
        }
    }

    /**
     * Fails fast when the address cannot be bound (port in use, address not on this host):
     * starting logging, the app and the XNIO worker first can take over a second on a busy
     * machine, and this error should come at once. Port 0 needs no check.
     */
    public static void check(ListenSettings listen) {
        InetSocketAddress address = address(listen);
        if (address.getPort() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (IOException e) {
            throw failure(listen, e);
        }
    }

    static BadInput failure(ListenSettings listen, IOException e) {
        return listen.port().bad("cannot listen on " + listen.value() + ": " + e.getMessage());
    }
}
