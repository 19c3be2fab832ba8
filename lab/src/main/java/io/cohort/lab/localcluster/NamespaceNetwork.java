package io.cohort.lab.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespaces and the bridges of a local cluster: the LAN ({@value #BRIDGE}) and the inside LAN
 * ({@value #INSIDE_BRIDGE}, see {@link InsideLan}). The bridges live in a namespace of their
 * own (the "switch"), and every veth is created inside the namespaces, so the host's own
 * namespace is never touched: deleting the namespaces removes everything. Names carry this
 * process's PID ({@code cl<pid>n<network>-<label>}), so that concurrent runs do not collide and
 * {@link #sweepStale()} can remove what a killed run left behind.
 */
final class NamespaceNetwork implements AutoCloseable {
    static final String BRIDGE = "br0";
    static final String INSIDE_BRIDGE = "br1";
    private static final Pattern NAME = Pattern.compile("cl(\\d+)n\\d+-[a-z0-9]+");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String prefix = "cl" + ProcessHandle.current().pid() + "n" + SEQUENCE.incrementAndGet() + "-";
    private final LocalNamespace switchNamespace;
    private final List<LocalNamespace> namespaces = new ArrayList<>();
    private boolean closed;

    private NamespaceNetwork() {
        this.switchNamespace = add("switch");
        try {
            for (String bridge : List.of(BRIDGE, INSIDE_BRIDGE)) {
                switchNamespace.exec("ip", "link", "add", bridge, "type", "bridge", "forward_delay", "0", "stp_state", "0");
                switchNamespace.exec("ip", "link", "set", bridge, "up");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A new network: the switch namespace with its bridge. */
    static NamespaceNetwork create() {
        return new NamespaceNetwork();
    }

    /**
     * A namespace joined to the bridge by a veth whose end {@code device} (up, with {@code cidr})
     * sits in it; its loopback is up.
     */
    synchronized LocalNamespace attach(String label, String device, String cidr) {
        LocalNamespace ns = add(label);
        link(ns, "p-" + label, BRIDGE, device, cidr);
        return ns;
    }

    /**
     * Joins {@code ns} (of {@code label}, already attached) to the inside bridge as well, by a
     * veth whose end {@code device} (up, with {@code cidr}) sits in it.
     */
    synchronized void attachInside(LocalNamespace ns, String label, String device, String cidr) {
        link(ns, "i-" + label, INSIDE_BRIDGE, device, cidr);
    }

    /** A namespace on the inside bridge only, as {@link #attach} does for the LAN. */
    synchronized LocalNamespace attachInsideOnly(String label, String device, String cidr) {
        LocalNamespace ns = add(label);
        link(ns, "i-" + label, INSIDE_BRIDGE, device, cidr);
        return ns;
    }

    private void link(LocalNamespace ns, String port, String bridge, String device, String cidr) {
        ns.exec("ip", "link", "add", device, "type", "veth", "peer", "name", port, "netns", switchNamespace.name());
        ns.exec("ip", "link", "set", device, "up");
        ns.exec("ip", "addr", "add", cidr, "dev", device);
        switchNamespace.exec("ip", "link", "set", port, "master", bridge);
        switchNamespace.exec("ip", "link", "set", port, "up");
    }

    /** The namespace that holds the bridges. */
    LocalNamespace switchNamespace() {
        return switchNamespace;
    }

    /**
     * Puts {@code device}, made in the switch namespace by someone else (a QEMU guest's tap), on
     * the LAN's bridge and sets it up.
     */
    synchronized void bridgeToLan(String device) {
        switchNamespace.exec("ip", "link", "set", device, "master", BRIDGE);
        switchNamespace.exec("ip", "link", "set", device, "up");
    }

    /** The namespaces not yet deleted, oldest first (the switch first). */
    synchronized List<LocalNamespace> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Deletes the namespace of {@code label} (its veth goes with it). */
    synchronized void remove(LocalNamespace ns) {
        if (namespaces.remove(ns)) {
            HostCommand.run(List.of("ip", "netns", "delete", ns.name()));
        }
    }

    private synchronized LocalNamespace add(String label) {
        if (closed) {
            throw new IllegalStateException("the local cluster's network is closed");
        }
        LocalNamespace ns = new LocalNamespace(prefix + label);
        HostCommand.runOrThrow(List.of("ip", "netns", "add", ns.name()));
        namespaces.add(ns);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** Deletes every namespace, newest first. Idempotent; failures are reported together. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        for (LocalNamespace ns : namespaces.reversed()) {
            HostCommand.Result r = HostCommand.run(List.of("ip", "netns", "delete", ns.name()));
            if (r.exit() != 0) {
                failures.add(ns.name() + ": " + r.output().strip());
            }
        }
        namespaces.clear();
        if (!failures.isEmpty()) {
            throw new LocalClusterException("cannot delete namespaces " + failures);
        }
    }

    /** Deletes namespaces of earlier local clusters whose process is gone; returns their names. */
    static List<String> sweepStale() {
        List<String> removed = new ArrayList<>();
        for (String line : HostCommand.runOrThrow(List.of("ip", "netns", "list")).lines().toList()) {
            String name = line.split("\\s+")[0];
            Matcher m = NAME.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                HostCommand.run(List.of("ip", "netns", "delete", name));
                removed.add(name);
            }
        }
        return removed;
    }
}
