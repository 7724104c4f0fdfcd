package dev.undertowbase.launcher.server;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ListenAddress;
import dev.undertowbase.launcher.config.ListenSettings;
import dev.undertowbase.launcher.config.Sourced;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
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

    /**
     * The error of a listener that cannot bind, against the setting to change: the host when this
     * machine has no such address ("Cannot assign requested address"), else the port (in use, or
     * below 1024 without the right to bind it).
     */
    static BadInput failure(ListenSettings listen, IOException e) {
        Sourced<?> culprit = isLocal(address(listen).getAddress()) ? listen.port() : listen.host();
        return culprit.bad("cannot listen on " + listen.value() + ": " + e.getMessage());
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }
}
