package io.cohort.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of network namespaces joined by veth pairs and bridges, built for one test and torn
 * down by {@link #close()}: peer processes are killed first, then namespaces are deleted in
 * reverse order of creation (deleting a namespace deletes the interfaces inside it). Every
 * interface is created directly inside a test namespace, never in the host's, so a crash can
 * leave behind only namespaces, which {@link #sweepStale()} removes. A JVM shutdown hook closes
 * networks that tests forgot to close.
 */
public final class TestNetwork implements AutoCloseable {
    private static final AtomicInteger NAMESPACE_SEQUENCE = new AtomicInteger();

    private final List<Netns> namespaces = new ArrayList<>();
    private final List<PeerProcess> processes = new ArrayList<>();
    private final Path logDirectory;
    private final Thread shutdownHook;
    private boolean closed;

    private TestNetwork(Path logDirectory) {
        this.logDirectory = logDirectory;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::teardown);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A new, empty test network whose peer logs go under {@code target/testbed-logs} (the build
     * directory of the module under test) or the temporary directory outside a Maven build.
     */
    public static TestNetwork create() {
        Path base = Files.isDirectory(Path.of("target")) ? Path.of("target", "testbed-logs")
                : Path.of(System.getProperty("java.io.tmpdir"), "cohort-testbed-logs");
        try {
            Files.createDirectories(base);
            return new TestNetwork(Files.createTempDirectory(base, "net-").toAbsolutePath());
        } catch (IOException e) {
            throw new TestbedException("cannot create a log directory under " + base, e);
        }
    }

    /** Where peer process logs of this network are written. */
    public Path logDirectory() {
        return logDirectory;
    }

    /**
     * Creates a namespace with its loopback up. {@code label} (0-8 of {@code [a-z0-9]}) only
     * helps humans reading {@code ip netns list}; the name is unique regardless.
     */
    public synchronized Netns namespace(String label) {
        ensureOpen();
        NetnsName name = new NetnsName(ProcessHandle.current().pid(), NAMESPACE_SEQUENCE.incrementAndGet(), label);
        Command.run("ip", "netns", "add", name.text()).orThrow();
        Netns netns = new Netns(name.text(), logDirectory, this::register);
        namespaces.add(netns);
        netns.linkUp("lo");
        return netns;
    }

    /** Creates a veth pair with end {@code nameA} in {@code a} and {@code nameB} in {@code b}; both up. */
    public void veth(Netns a, String nameA, Netns b, String nameB) {
        requireInterfaceName(nameA);
        requireInterfaceName(nameB);
        a.execOrThrow("ip", "link", "add", nameA, "type", "veth", "peer", "name", nameB, "netns", b.name());
        a.linkUp(nameA);
        b.linkUp(nameB);
    }

    /** Creates a bridge (up, no STP, no forwarding delay) in {@code ns}. */
    public void bridge(Netns ns, String bridgeName) {
        requireInterfaceName(bridgeName);
        ns.execOrThrow("ip", "link", "add", bridgeName, "type", "bridge", "forward_delay", "0", "stp_state", "0");
        ns.linkUp(bridgeName);
    }

    /**
     * Joins {@code ns} to a bridge: a veth whose end {@code nameInNs} sits in {@code ns} and whose
     * other end {@code portName} is enslaved to {@code bridgeName} in {@code bridgeNs}.
     */
    public void attachToBridge(Netns ns, String nameInNs, Netns bridgeNs, String bridgeName, String portName) {
        veth(ns, nameInNs, bridgeNs, portName);
        bridgeNs.execOrThrow("ip", "link", "set", portName, "master", bridgeName);
    }

    /**
     * A namespace that something else made and will delete (for example a local cluster's client
     * namespace), to run peer processes in: they are killed when this network closes, the
     * namespace is left alone.
     */
    public synchronized Netns adopt(String existingName) {
        ensureOpen();
        if (!Command.run("ip", "netns", "list").orThrow().output().lines().anyMatch(l -> l.split("\\s+")[0].equals(existingName))) {
            throw new TestbedException("no namespace " + existingName);
        }
        return new Netns(existingName, logDirectory, this::register);
    }

    /** The namespaces created so far, oldest first. */
    public synchronized List<Netns> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Kills peer processes and deletes every namespace this network created. Idempotent. */
    @Override
    public void close() {
        teardown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run teardown(), which is idempotent
        }
    }

    /**
     * Deletes namespaces left by earlier test JVMs that died without cleaning up: those with the
     * testbed's name format whose creating process is no longer alive. Returns their names.
     */
    public static List<String> sweepStale() {
        List<String> removed = new ArrayList<>();
        for (String line : Command.run("ip", "netns", "list").orThrow().output().lines().toList()) {
            String name = line.split("\\s+")[0];
            NetnsName.parse(name).filter(n -> !n.creatorAlive()).ifPresent(n -> {
                Command.run("ip", "netns", "delete", name).orThrow();
                removed.add(name);
            });
        }
        return removed;
    }

    private synchronized void register(PeerProcess process) {
        ensureOpen();
        processes.add(process);
    }

    private synchronized void teardown() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (PeerProcess process : processes.reversed()) {
            try {
                process.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (Netns ns : namespaces.reversed()) {
            CommandResult result = Command.run("ip", "netns", "delete", ns.name());
            if (!result.succeeded()) {
                failures.add(new TestbedException("cannot delete namespace " + ns.name() + ": " + result.output().strip()));
            }
        }
        if (!failures.isEmpty()) {
            TestbedException failure = new TestbedException("test network teardown failed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("test network already closed");
        }
    }

    private static void requireInterfaceName(String name) {
        if (name.isEmpty() || name.length() > 15 || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a valid interface name (1-15 of [A-Za-z0-9._-]): '" + name + "'");
        }
    }
}
