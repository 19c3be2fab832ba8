package io.cohort.lab.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespaces and the one bridge of a local cluster. The bridge lives in a namespace of its
 * own (the "switch"), and every veth is created inside the namespaces, so the host's own
 * namespace is never touched: deleting the namespaces removes everything. Names carry this
 * process's PID ({@code cl<pid>n<network>-<label>}), so that concurrent runs do not collide and
 * {@link #sweepStale()} can remove what a killed run left behind.
 */
final class NamespaceNetwork implements AutoCloseable {
    static final String BRIDGE = "br0";
    private static final Pattern NAME = Pattern.compile("cl(\\d+)n\\d+-[a-z0-9]+");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String prefix = "cl" + ProcessHandle.current().pid() + "n" + SEQUENCE.incrementAndGet() + "-";
    private final LocalNamespace switchNamespace;
    private final List<LocalNamespace> namespaces = new ArrayList<>();
    private boolean closed;

    private NamespaceNetwork() {
        this.switchNamespace = add("switch");
        try {
            switchNamespace.exec("ip", "link", "add", BRIDGE, "type", "bridge", "forward_delay", "0", "stp_state", "0");
            switchNamespace.exec("ip", "link", "set", BRIDGE, "up");
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
        String port = "p-" + label;
        ns.exec("ip", "link", "add", device, "type", "veth", "peer", "name", port, "netns", switchNamespace.name());
        ns.exec("ip", "link", "set", device, "up");
        ns.exec("ip", "addr", "add", cidr, "dev", device);
        switchNamespace.exec("ip", "link", "set", port, "master", BRIDGE);
        switchNamespace.exec("ip", "link", "set", port, "up");
        return ns;
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
