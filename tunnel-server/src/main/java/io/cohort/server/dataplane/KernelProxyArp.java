package io.cohort.server.dataplane;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.NetlinkSocket;
import io.cohort.dataplane.netlink.ProxyNeighbours;
import io.cohort.telemetry.RateLimitedLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The proxy ARP entries of the inside interface in the kernel ({@code ip neigh add proxy}), through
 * a netlink socket opened in the server's network namespace. The kernel answers for such an
 * address only while forwarding is on for the interface and the address is routed out of another
 * (the TUN: our pool's route, or a taken-over session's /32); it answers broadcast requests after
 * a random delay up to {@code proxy_delay}, which is set to 0 here so that the hosts learn the
 * new neighbour at once.
 */
final class KernelProxyArp implements InsideNeighbours.ProxyArpEntries, AutoCloseable {
    private static final Path IPV4 = Path.of("/proc/sys/net/ipv4");

    private final String device;
    private final NetlinkSocket netlink;
    private final RateLimitedLog log;

    private KernelProxyArp(String device, NetlinkSocket netlink, RateLimitedLog log) {
        this.device = device;
        this.netlink = netlink;
        this.log = log;
    }

    /**
     * Opens the entries of {@code device} in the calling thread's namespace ({@code /proc/sys/net}
     * shows that thread's namespace too), with no proxy delay; warns if forwarding is off there.
     *
     * @throws IOException if there is no such interface or its settings cannot be written
     */
    static KernelProxyArp open(String device, RateLimitedLog log) throws IOException {
        NetlinkSocket netlink;
        try {
            netlink = NetlinkSocket.open();
            netlink.interfaceIndex(device);
        } catch (SystemCallException e) {
            throw new IOException("inside interface " + device + ": " + e.getMessage(), e);
        }
        try {
            Files.writeString(IPV4.resolve("neigh").resolve(device).resolve("proxy_delay"), "0\n");
            if (Files.readString(IPV4.resolve("conf").resolve(device).resolve("forwarding")).strip().equals("0")) {
                log.log(Level.WARNING, "inside.forwarding", "forwarding is off on the inside interface %s: the kernel "
                        + "answers no proxy ARP there and forwards nothing between it and the TUN "
                        + "(set net.ipv4.ip_forward = 1)", device);
            }
        } catch (IOException e) {
            netlink.close();
            throw new IOException("inside interface " + device + ": " + e.getMessage(), e);
        }
        return new KernelProxyArp(device, netlink, log);
    }

    @Override
    public boolean add(Inet4Address address) {
        try {
            new ProxyNeighbours(netlink).add(device, address);
            return true;
        } catch (SystemCallException e) {
            log.log(Level.WARNING, "inside.proxy_add", "cannot answer ARP for %s on %s: %s", address.getHostAddress(),
                    device, e.getMessage());
            return false;
        }
    }

    @Override
    public void remove(Inet4Address address) {
        try {
            new ProxyNeighbours(netlink).delete(device, address);
        } catch (SystemCallException e) {
            log.log(Level.WARNING, "inside.proxy_remove", "cannot stop answering ARP for %s on %s: %s",
                    address.getHostAddress(), device, e.getMessage());
        }
    }

    @Override
    public List<Inet4Address> present() {
        try {
            return new ProxyNeighbours(netlink).list(device);
        } catch (SystemCallException e) {
            log.log(Level.WARNING, "inside.proxy_list", "cannot list the proxy ARP entries of %s: %s", device,
                    e.getMessage());
            return List.of();
        }
    }

    @Override
    public void close() {
        netlink.close();
    }
}
