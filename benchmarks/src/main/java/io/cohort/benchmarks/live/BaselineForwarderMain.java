package io.cohort.benchmarks.live;

import io.cohort.dataplane.tun.TunDevice;
import io.cohort.dataplane.tun.UdpTunForwarder;
import io.cohort.telemetry.Counters;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * The baseline of the live run as its own JVM, like the server: {@link UdpTunForwarder} from a UDP
 * port into a new TUN device, until killed. Usage: {@code BaselineForwarderMain <tun> <port>}. The
 * caller sets the device up. Same socket buffer as the server's L2TP socket (4 MiB).
 */
public final class BaselineForwarderMain {
    static final String READY = "baseline forwarder ready";
    private static final int SOCKET_BUFFER = 4 << 20;

    private BaselineForwarderMain() {
    }

    public static void main(String[] args) throws Exception {
        TunDevice tun = TunDevice.open(args[0]);
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        channel.bind(new InetSocketAddress(Integer.parseInt(args[1])));
        UdpTunForwarder forwarder = UdpTunForwarder.start(channel, tun, new Counters());
        System.out.println(READY + ": UDP port " + args[1] + " -> " + tun.name());
        System.out.flush();
        while (forwarder.isRunning()) {
            Thread.sleep(1000);
        }
        forwarder.failure().ifPresent(e -> System.out.println("forwarder stopped: " + e));
    }
}
