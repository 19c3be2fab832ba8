package io.cohort.steering.link;

import io.cohort.dataplane.netlink.InterfaceConfig;
import io.cohort.dataplane.netlink.NetlinkSocket;
import io.cohort.dataplane.packet.EthernetMulticastMembership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.pcap4j.util.MacAddress;

/**
 * Prepares a member's interfaces for steering, and on {@link #close} undoes exactly what it
 * changed (DESIGN.md, "Steering packets to members"). In every mode:
 *
 * <ul>
 *   <li>the cluster IP as a /32 on {@code lo}, so that every member's kernel accepts packets for
 *       it whichever way they arrive (mode 1: forwarded by the master; modes 2 and 3: flooded);
 *   <li>{@code arp_ignore=1} and {@code arp_announce=2} on the LAN interface (Linux
 *       Documentation/networking/ip-sysctl.rst): the kernel answers ARP only for addresses on
 *       the interface asked on, so never for the cluster IP on {@code lo}, and never uses the
 *       cluster IP as the sender of its own ARP requests. Only the master answers for it,
 *       from userspace ({@link ClusterArp});
 * </ul>
 *
 * <p>then the mode's own step ({@link io.cohort.steering.SteeringMode#prepareInterfaces}), one of
 * the steps below: {@link #makePromiscuous} (method 2, to accept frames to the cluster-wide
 * unicast MAC) or {@link #joinMulticastGroup} (method 3).
 *
 * <p>Every change applies to the network namespace of the thread that calls {@code apply}: the
 * addresses and link flags through an rtnetlink socket opened there, the sysctls through {@code
 * /proc/sys/net}, which shows the namespace of the thread that reads it, so {@code close} must
 * run in that namespace too. A setting that already had the wanted value is left alone and not
 * undone; a multicast membership is counted by the kernel beside any other. The kernel filter's
 * ingress rule of methods 2 and 3 (frames to the steering MAC are "for this host") is not set
 * here.
 */
public final class InterfacePreparation implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InterfacePreparation.class.getName());
    private static final Path CONF = Path.of("/proc/sys/net/ipv4/conf");

    private final String device;
    private final NetlinkSocket netlink;
    private final InterfaceConfig links;
    private final Deque<Undo> undos = new ArrayDeque<>();
    private boolean closed;

    private InterfacePreparation(String device, NetlinkSocket netlink) {
        this.device = device;
        this.netlink = netlink;
        this.links = new InterfaceConfig(netlink);
    }

    /** A steering mode's own change to the LAN interface, made with the steps below. */
    @FunctionalInterface
    public interface ModeStep {
        void applyTo(InterfacePreparation preparation) throws InterfacePreparationException;
    }

    /**
     * Applies the common preparation to {@code device} and {@code lo}, then {@code modeStep}. On
     * failure, what was already changed is undone before the exception is thrown.
     *
     * @throws InterfacePreparationException naming the interface and the step that failed
     */
    public static InterfacePreparation apply(String device, Inet4Address clusterIp, ModeStep modeStep)
            throws InterfacePreparationException {
        if (!Files.isDirectory(CONF.resolve(device))) {
            throw new InterfacePreparationException("no IPv4 interface " + device + " (no " + CONF.resolve(device) + ")");
        }
        InterfacePreparation p;
        try {
            p = new InterfacePreparation(device, NetlinkSocket.open());
        } catch (IOException e) {
            throw new InterfacePreparationException("steering preparation of " + device + ": " + e.getMessage(), e);
        }
        try {
            p.addClusterIpToLoopback(clusterIp);
            p.setSysctl("arp_ignore", "1");
            p.setSysctl("arp_announce", "2");
            modeStep.applyTo(p);
            return p;
        } catch (InterfacePreparationException e) {
            try {
                p.close();
            } catch (UncheckedIOException undoFailure) {
                e.addSuppressed(undoFailure);
            }
            throw e;
        }
    }

    /** The steps done, newest first, as descriptions (for logs and tests). */
    public synchronized List<String> changes() {
        return undos.stream().map(Undo::description).toList();
    }

    /**
     * Undoes every change, newest first (sysctls in the calling thread's namespace). Tries all of
     * them; failures are logged and the first is thrown at the end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        while (!undos.isEmpty()) {
            Undo undo = undos.pop();
            try {
                undo.action().run();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "steering: cannot undo '" + undo.description() + "': " + e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        netlink.close();
        if (first != null) {
            throw new UncheckedIOException(first);
        }
    }

    private void addClusterIpToLoopback(Inet4Address clusterIp) throws InterfacePreparationException {
        String cidr = clusterIp.getHostAddress() + "/32";
        boolean present = step("list the addresses of lo", () -> links.ipv4Addresses("lo")).stream()
                .anyMatch(a -> a.address().equals(clusterIp) && a.prefixLength() == 32);
        if (present) {
            return;
        }
        change("add " + cidr + " to lo", () -> links.addAddress("lo", clusterIp, 32));
        done("add " + cidr + " to lo", () -> links.deleteAddress("lo", clusterIp, 32));
    }

    private void setSysctl(String name, String value) throws InterfacePreparationException {
        Path path = CONF.resolve(device).resolve(name);
        String old = step("read " + path, () -> Files.readString(path)).strip();
        if (old.equals(value)) {
            return;
        }
        step("set " + path + " to " + value, () -> Files.writeString(path, value));
        done("set " + name + "=" + value + " on " + device + " (was " + old + ")", () -> Files.writeString(path, old));
    }

    /** Makes the LAN interface promiscuous (the flag a user sets), unless it is already. */
    public void makePromiscuous() throws InterfacePreparationException {
        // the flag a user sets (dev->gflags), not a packet socket's promiscuity
        if (step("read the flags of " + device, () -> links.link(device)).promiscuous()) {
            return;
        }
        change("make " + device + " promiscuous", () -> links.setPromiscuous(device, true));
        done("make " + device + " promiscuous", () -> links.setPromiscuous(device, false));
    }

    /** Joins the LAN interface to the group of multicast MAC {@code mac}, until close. */
    public void joinMulticastGroup(MacAddress mac) throws InterfacePreparationException {
        String text = mac.toString().toLowerCase(Locale.ROOT);
        EthernetMulticastMembership membership = step("join " + device + " to multicast MAC " + text,
                () -> EthernetMulticastMembership.join(device, mac.getAddress()));
        done("join " + device + " to multicast MAC " + text, membership::close);
    }

    private synchronized void done(String description, IoAction undo) {
        undos.push(new Undo(description, undo));
    }

    private void change(String what, IoAction action) throws InterfacePreparationException {
        step(what, () -> {
            action.run();
            return null;
        });
    }

    private <T> T step(String what, IoSupplier<T> action) throws InterfacePreparationException {
        try {
            return action.get();
        } catch (IOException e) {
            throw new InterfacePreparationException("steering preparation of " + device + ": cannot " + what + ": "
                    + e.getMessage(), e);
        }
    }

    private record Undo(String description, IoAction action) {}

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
