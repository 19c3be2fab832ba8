package io.cohort.lab.localcluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A cluster of real {@code cohort run} processes on this one host: each member in its own network
 * namespace, a client namespace beside them, all joined by one bridge in a "switch" namespace
 * ({@link NamespaceNetwork}; the host's own namespace is left alone); optionally an inside LAN
 * ({@link InsideLan}) with a host behind the cluster that the clients ping through their
 * tunnels. A throw-away cluster CA
 * ({@link ClusterFiles}) issues every member's certificate; each member gets its configuration file
 * ({@link MemberConfiguration}: multicast on the LAN, every unit assigned at once, the shared
 * {@code [steering]}, its own pool and control socket) and one users file with
 * {@link #user()}.
 *
 * <p>{@link #start} returns once the cluster has formed: one master, every member listing all the
 * others, all 1024 units owned, spread evenly. The spread needs a detour: a master gives out the
 * pool of units among the members it has once no member has joined it for 200 ms, and a member
 * that joins later gets units only by the rebalance, one per 2 s; JVMs starting together on one
 * host cannot be made to join within 200 ms of each other. So a seed member starts first and
 * forms the cluster alone (it owns every unit), the members join it, and the seed leaves: the
 * master that follows gives the seed's units out among all members at once (cluster/README.md,
 * "Work units" and "Assign every unit"). On a loaded host the members sometimes do not all join
 * that master in time; then they are started again (at most {@value #SPREAD_ATTEMPTS} times). Members can be added ({@link #addMember}) and removed cleanly
 * ({@link #removeMember}: SIGTERM, the member leaves and the master gives its units to the others).
 *
 * <p>{@link #prepare} builds the same cluster without starting anything, for whoever times the
 * formation itself (the cluster benchmark): every member's namespace, certificate and
 * configuration are ready, and {@link #startMember} starts them. A member can be killed like a
 * failed host ({@link #killMember}: SIGKILL, its namespace and files stay) and started again.
 * {@link #close()} stops every process and deletes the namespaces and files; so do a JVM shutdown
 * (Ctrl-C) and a start that fails half-way.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long an agreement must hold to count as formed (one that breaks sooner was a flap). */
    private static final Duration STABLE = Duration.ofSeconds(1);
    private static final int LOG_TAIL = 30;
    private static final String SEED = "seed";
    /**
     * How long the members must have stayed one cluster with the seed before it leaves: their JVMs'
     * start-up has used the cores by then, so that the election after the seed is not decided by
     * who got CPU time.
     */
    private static final Duration SEED_SETTLE = Duration.ofSeconds(3);
    /** How often the members are started again when the seed's units did not spread evenly. */
    private static final int SPREAD_ATTEMPTS = 3;

    private final LocalClusterSettings settings;
    private final ClusterUser user = ClusterUser.random();
    private final Map<String, MemberProcess> members = new LinkedHashMap<>();
    /** Members whose process does not run (prepared, or killed): their namespace and configuration. */
    private final Map<String, MemberHost> stopped = new LinkedHashMap<>();
    private final List<ClientProcess> clients = new ArrayList<>();
    private final Thread shutdownHook = Thread.ofPlatform().name("local-cluster-teardown").unstarted(this::teardown);
    private ClusterFiles files;
    private NamespaceNetwork network;
    private LocalNamespace client;
    /** The host behind the cluster, on the inside LAN; null without one. */
    private LocalNamespace insideHost;
    /** The LAN address of every member the cluster will have had (for the static transport). */
    private List<String> peers;
    private int lastIndex;
    private boolean closed;

    private LocalCluster(LocalClusterSettings settings) {
        this.settings = settings;
    }

    /**
     * Builds the network, starts {@code settings.members()} members and waits until they have
     * formed a cluster. A failure on the way tears down what was built and is thrown.
     */
    public static LocalCluster start(LocalClusterSettings settings) throws InterruptedException {
        LocalCluster cluster = create(settings);
        try {
            cluster.build(cluster.seeded() ? 0 : 1);
            for (int attempt = 1; !cluster.startMembers() && attempt < SPREAD_ATTEMPTS; attempt++) {
                cluster.stopMembers();
            }
            cluster.awaitFormed();
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Builds the network and every member ({@code m1} to {@code mN}): namespace, certificate and
     * configuration, but starts no process and waits for nothing; {@link #startMember} starts them.
     * A failure on the way tears down what was built and is thrown.
     */
    public static LocalCluster prepare(LocalClusterSettings settings) {
        LocalCluster cluster = create(settings);
        try {
            cluster.build(1);
            for (int index = 1; index <= settings.members(); index++) {
                MemberHost host = cluster.host("m" + index, index);
                cluster.stopped.put(host.name(), host);
                cluster.lastIndex = index;
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static LocalCluster create(LocalClusterSettings settings) {
        NamespacePrivileges.missing().ifPresent(message -> {
            throw new LocalClusterException(message);
        });
        NamespaceNetwork.sweepStale();
        LocalCluster cluster = new LocalCluster(settings);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        return cluster;
    }

    /** Whether {@link #start} forms the cluster through a seed member (see the class comment). */
    private boolean seeded() {
        return settings.members() > 1 && !settings.unitsOnDemand();
    }

    /** Files ({@link ClusterFiles}), network and client namespace; {@code firstPeer}: the index of the first member (0: the seed). */
    private void build(int firstPeer) {
        peers = IntStream.rangeClosed(firstPeer, settings.members()).mapToObj(settings.lan()::memberAddress).toList();
        files = ClusterFiles.create(settings.workParent(), user);
        network = NamespaceNetwork.create();
        client = network.attach("client", ClusterLan.DEVICE, ClusterLan.cidr(settings.lan().clientAddress()));
        settings.inside().ifPresent(inside -> {
            insideHost = network.attachInsideOnly("inside", InsideLan.DEVICE, ClusterLan.cidr(inside.hostAddress()));
            for (String pools : InsideLan.POOL_ROUTES) { // on-link: whichever member serves a client answers ARP for it
                insideHost.exec("ip", "route", "add", pools, "dev", InsideLan.DEVICE);
            }
        });
    }

    /**
     * Starts the members through the seed (one member: alone) and waits until they have formed a
     * cluster; returns whether the units are spread evenly. They are not when the members did not
     * all join the master that followed the seed before it gave out the seed's units (on a loaded
     * host two of them may even both become master for a moment): then the rebalance would take
     * twenty minutes, and starting again is quicker.
     */
    private boolean startMembers() throws InterruptedException {
        if (!seeded()) { // on demand: units go to the least loaded as packets come
            for (int i = 0; i < settings.members(); i++) {
                addMember();
            }
            return true;
        }
        launch(host(SEED, 0));
        awaitFormed();
        for (int i = 0; i < settings.members(); i++) {
            addMember();
        }
        awaitFormed(SEED_SETTLE);
        removeMember(SEED);
        return awaitFormed().evenlySpread();
    }

    /** Kills every member and deletes their namespaces (the network, the CA and the client stay). */
    private synchronized void stopMembers() {
        List<MemberProcess> all = new ArrayList<>(members.values());
        members.clear();
        all.forEach(MemberProcess::kill);
        all.forEach(m -> network.remove(m.namespace()));
        stopped.values().forEach(h -> network.remove(h.namespace()));
        stopped.clear();
        lastIndex = 0;
    }

    /** The user every member knows (for the built-in clients). */
    public ClusterUser user() {
        return user;
    }

    /**
     * The namespace of the host behind the cluster, at {@link InsideLan#hostAddress()}, if the
     * settings have an inside LAN.
     */
    public Optional<LocalNamespace> insideHost() {
        return Optional.ofNullable(insideHost);
    }

    /** The client namespace: on the LAN at {@link ClusterLan#clientAddress()}. */
    public LocalNamespace clientNamespace() {
        return client;
    }

    /**
     * The namespace of the LAN's switch: a device made in it (a QEMU guest's tap) joins the LAN by
     * {@link #bridgeToLan}, and the host behind it then reaches the cluster as the client
     * namespace does, at an address of its own ({@link ClusterLan#guestAddress()}).
     */
    public LocalNamespace lanSwitch() {
        return network.switchNamespace();
    }

    /** Puts {@code device}, made in {@link #lanSwitch()}, on the LAN's bridge and sets it up. */
    public void bridgeToLan(String device) {
        network.bridgeToLan(device);
    }

    public LocalClusterSettings settings() {
        return settings;
    }

    /** The running members, in start order. */
    public synchronized List<MemberProcess> members() {
        return List.copyOf(members.values());
    }

    /**
     * Where clients connect: the cluster IP, or with no steering mode (nothing holds the
     * cluster IP) every member's own address.
     */
    public synchronized List<String> serviceAddresses() {
        if (settings.steering().isEmpty()) {
            return members.values().stream().map(MemberProcess::address).toList();
        }
        return List.of(settings.lan().clusterAddress());
    }

    /**
     * Starts built-in clients ({@code cohort demo-client}) in the client namespace against
     * {@link #serviceAddresses()}; each output line goes to {@code echo}. They are stopped by
     * {@link #close()} at the latest.
     */
    public synchronized ClientProcess startClients(ClientProcess.Load load, Consumer<String> echo) {
        if (closed) {
            throw new IllegalStateException("the local cluster is closed");
        }
        ClientProcess process = ClientProcess.start(this, load, echo);
        clients.add(process);
        return process;
    }

    /** What every member says now. */
    public ClusterSnapshot snapshot() {
        return ClusterSnapshot.of(members());
    }

    /**
     * Every member's view of the cluster now, without their statuses (each member answers one
     * request instead of two: for polling the formation often).
     */
    public ClusterSnapshot views() {
        return ClusterSnapshot.viewsOf(members());
    }

    /** The members whose process does not run (prepared, or killed), in start order. */
    public synchronized List<String> stoppedMembers() {
        return List.copyOf(stopped.keySet());
    }

    /** The log of member {@code name}, running or stopped: every start of it, one after the other. */
    public synchronized Path memberLog(String name) {
        MemberHost host = members.containsKey(name) ? members.get(name).host() : stopped.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no member " + name);
        }
        return host.configuration().directory().log();
    }

    /** Every namespace of the cluster (the switch's, the members', the client's) while it is open. */
    public List<LocalNamespace> namespaces() {
        return network.namespaces();
    }

    /**
     * Starts one more member (name {@code mN}, the next unused index) in a new namespace; does not
     * wait for it to join ({@link #awaitFormed()}).
     */
    public synchronized MemberProcess addMember() {
        if (members.size() >= ClusterLan.MAX_MEMBERS) {
            throw new LocalClusterException("a local cluster has at most " + ClusterLan.MAX_MEMBERS + " members");
        }
        int index = ++lastIndex;
        return launch(host("m" + index, index));
    }

    /**
     * Starts the process of {@code name}, a member prepared ({@link #prepare}) or killed
     * ({@link #killMember}), in its namespace with its configuration and state; does not wait for
     * it to serve ({@link MemberProcess#awaitStarted}) or join.
     */
    public synchronized MemberProcess startMember(String name) {
        MemberHost host = stopped.remove(name);
        if (host == null) {
            throw new IllegalArgumentException("no stopped member " + name + " (stopped: " + stopped.keySet() + ")");
        }
        return launch(host);
    }

    /**
     * Kills {@code name} with SIGKILL, as if its host failed: it says nothing to the others, and
     * its namespace, configuration and state stay for {@link #startMember}. Returns once the
     * process is gone; does not wait for the others to notice.
     */
    public void killMember(String name) {
        MemberProcess m;
        synchronized (this) {
            m = members.remove(name);
            if (m == null) {
                throw new IllegalArgumentException("no running member " + name);
            }
            stopped.put(name, m.host());
        }
        m.kill();
    }

    /** A member's namespace on the LAN, its configuration and (if it has none yet) its certificate. */
    private synchronized MemberHost host(String name, int index) {
        MemberConfiguration configuration = new MemberConfiguration(name, index, settings, files.pkiDir(),
                files.home(name), files.usersFile(), peers);
        files.certify(name, configuration.address());
        LocalNamespace ns = network.attach(name, ClusterLan.DEVICE, ClusterLan.cidr(configuration.address()));
        settings.inside().ifPresent(inside -> {
            network.attachInside(ns, name, InsideLan.DEVICE, ClusterLan.cidr(inside.memberAddress(index)));
            // A router between its sessions (the TUN) and the inside LAN; the kernel answers a
            // member's proxy ARP entries only with forwarding on.
            ns.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        });
        return new MemberHost(configuration, ns);
    }

    private synchronized MemberProcess launch(MemberHost host) {
        try {
            MemberProcess process = MemberProcess.start(host, settings.cohort());
            members.put(host.name(), process);
            return process;
        } catch (IOException e) {
            stopped.put(host.name(), host);
            throw new LocalClusterException("cannot start member " + host.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes {@code name} cleanly: SIGTERM (it stops and leaves; the master's watchdog notices
     * and gives its units to the others), then its namespace goes. Does not wait for the rest to
     * agree ({@link #awaitFormed()}).
     */
    public void removeMember(String name) {
        MemberProcess m;
        synchronized (this) {
            m = members.remove(name);
        }
        if (m == null) {
            throw new IllegalArgumentException("no member " + name + " (members: " + members().stream()
                    .map(MemberProcess::name).toList() + ")");
        }
        m.stop();
        network.remove(m.namespace());
    }

    /** The master {@code snapshot}'s members agree on, with every unit assigned unless units go on demand. */
    private Optional<String> formed(ClusterSnapshot snapshot) {
        return settings.unitsOnDemand() ? snapshot.agreedMaster() : snapshot.formedMaster();
    }

    /**
     * Waits until the running members have formed one cluster ({@link ClusterSnapshot#formedMaster()},
     * or {@link ClusterSnapshot#agreedMaster()} with units on demand) that has held for
     * {@link #STABLE} (one that breaks sooner was a flap), and returns the last snapshot. A member
     * that exits, or no agreement within the settings' formation timeout, is a
     * {@link LocalClusterException} with the members' last words.
     */
    public ClusterSnapshot awaitFormed() throws InterruptedException {
        return awaitFormed(STABLE);
    }

    private ClusterSnapshot awaitFormed(Duration holdFor) throws InterruptedException {
        long deadline = System.nanoTime() + settings.formationTimeout().toNanos();
        Optional<String> agreed = Optional.empty();
        long agreedSince = 0;
        while (true) {
            for (MemberProcess m : members()) {
                if (!m.isAlive()) {
                    throw new LocalClusterException(m + " exited; its log ends:\n" + m.logTail(LOG_TAIL));
                }
            }
            ClusterSnapshot snapshot = snapshot();
            Optional<String> master = formed(snapshot);
            long now = System.nanoTime();
            if (master.isEmpty() || !master.equals(agreed)) {
                agreed = master;
                agreedSince = now;
            } else if (now - agreedSince >= holdFor.toNanos()) {
                return snapshot;
            }
            if (now - deadline > 0) {
                StringBuilder logs = new StringBuilder();
                for (MemberProcess m : members()) {
                    logs.append("\n--- ").append(m).append(", log ").append(m.log()).append(":\n").append(m.logTail(LOG_TAIL));
                }
                throw new LocalClusterException("the members did not form a cluster within " + settings.formationTimeout()
                        + ":\n" + snapshot.render() + logs);
            }
            Thread.sleep(POLL);
        }
    }

    /** Where this run's files are (CA, configurations, member logs). */
    public Path workDirectory() {
        return files.directory();
    }

    /** Stops every member, deletes the namespaces and (unless kept) the files. Idempotent. */
    @Override
    public void close() {
        teardown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs teardown(), which is idempotent
        }
    }

    private synchronized void teardown() {
        if (closed) {
            return;
        }
        closed = true;
        clients.forEach(ClientProcess::close);
        clients.clear();
        List<MemberProcess> running = new ArrayList<>(members.values());
        members.clear();
        running.forEach(MemberProcess::terminate);
        running.forEach(MemberProcess::awaitGone);
        if (network != null) {
            network.close();
        }
        if (files != null && !settings.keepFiles()) {
            files.delete();
        }
    }
}
