package io.cohort.lab.demo;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.load.PptpClientGroup;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Many sessions of both protocols from the built-in clients, spread so that a cluster sees many
 * flows: every L2TP tunnel has its own {@link L2tpClient} (its own UDP source port, which is what
 * a cluster classifies a new tunnel on), PPTP calls go over several control connections (their own
 * TCP source ports) per server address. All are set up at once. Sockets are created by the
 * calling thread and threads it starts, so inside a network namespace the caller must be in it.
 */
public final class BuiltInClients implements AutoCloseable {
    private static final int L2TP_PORT = 1701;
    private static final int PPTP_PORT = 1723;
    private static final int PING_ATTEMPTS = 3;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final List<L2tpClient> l2tpClients = new ArrayList<>();
    private final List<PptpClientGroup> pptpGroups = new ArrayList<>();
    private final List<ClientSession> l2tp = new ArrayList<>();
    private final List<ClientSession> pptp = new ArrayList<>();
    private int pptpConnections;
    private Duration l2tpSetup = Duration.ZERO;
    private Duration pptpSetup = Duration.ZERO;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BuiltInClients() {
    }

    /**
     * What to connect.
     *
     * @param servers the addresses to connect to, used in turn (one cluster IP, or several servers)
     * @param user the PPP user
     * @param password its password
     * @param l2tpSessions L2TP sessions
     * @param pptpSessions PPTP calls
     * @param perTunnel sessions per L2TP tunnel and calls per PPTP control connection
     * @param l2tpPorts UDP source ports of the first L2TP tunnels (the rest ephemeral)
     * @param setupTimeout time allowed for each batch
     */
    public record Plan(List<InetAddress> servers, String user, String password, int l2tpSessions, int pptpSessions,
                       int perTunnel, List<Integer> l2tpPorts, Duration setupTimeout) {
        public Plan {
            servers = List.copyOf(servers);
            l2tpPorts = List.copyOf(l2tpPorts);
            if (servers.isEmpty() || l2tpSessions < 0 || pptpSessions < 0 || perTunnel < 1) {
                throw new IllegalArgumentException("need a server, sessions not negative, per-tunnel positive");
            }
        }

        int l2tpTunnels() {
            return Math.max((l2tpSessions + perTunnel - 1) / perTunnel, l2tpPorts.size());
        }
    }

    /** Sets up every session of {@code plan}; all or nothing (a failure closes what came up). */
    public static BuiltInClients connect(Plan plan) throws IOException, TimeoutException, InterruptedException {
        BuiltInClients clients = new BuiltInClients();
        try {
            clients.connectL2tp(plan);
            clients.connectPptp(plan);
            return clients;
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    private void connectL2tp(Plan plan) throws IOException, TimeoutException, InterruptedException {
        int tunnels = plan.l2tpTunnels();
        if (tunnels == 0) {
            return;
        }
        List<Callable<List<ClientSession>>> batches = new ArrayList<>();
        int left = Math.max(plan.l2tpSessions(), tunnels);
        for (int t = 0; t < tunnels; t++) {
            int sessions = left / (tunnels - t);
            left -= sessions;
            ClientOptions options = options(plan, plan.servers().get(t % plan.servers().size()), L2TP_PORT);
            L2tpClient client = t < plan.l2tpPorts().size() ? L2tpClient.open(options, plan.l2tpPorts().get(t))
                    : L2tpClient.open(options);
            l2tpClients.add(client);
            batches.add(() -> client.connect(sessions, sessions));
        }
        long start = System.nanoTime();
        l2tp.addAll(all(batches));
        l2tpSetup = Duration.ofNanos(System.nanoTime() - start);
    }

    private void connectPptp(Plan plan) throws IOException, TimeoutException, InterruptedException {
        if (plan.pptpSessions() == 0) {
            return;
        }
        List<Callable<List<ClientSession>>> batches = new ArrayList<>();
        int servers = Math.min(plan.servers().size(), plan.pptpSessions());
        int left = plan.pptpSessions();
        for (int i = 0; i < servers; i++) {
            int calls = left / (servers - i);
            left -= calls;
            int connections = (calls + plan.perTunnel() - 1) / plan.perTunnel();
            PptpClientGroup group = PptpClientGroup.open(options(plan, plan.servers().get(i), PPTP_PORT), connections);
            pptpGroups.add(group);
            pptpConnections += connections;
            batches.add(() -> group.connect(calls, Thread.ofPlatform().factory()));
        }
        long start = System.nanoTime();
        pptp.addAll(all(batches));
        pptpSetup = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Runs the batches at once, each on a thread of its own (sockets are made on this thread's namespace). */
    private static List<ClientSession> all(List<Callable<List<ClientSession>>> batches)
            throws IOException, TimeoutException, InterruptedException {
        List<ClientSession> up = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            List<Future<List<ClientSession>>> results = batches.stream().map(threads::submit).toList();
            Exception first = null;
            for (Future<List<ClientSession>> f : results) {
                try {
                    up.addAll(f.get());
                } catch (ExecutionException e) {
                    first = first == null && e.getCause() instanceof Exception cause ? cause : first;
                }
            }
            switch (first) {
                case null -> { }
                case IOException io -> throw io;
                case TimeoutException te -> throw te;
                case RuntimeException re -> throw re;
                default -> throw new IOException(first);
            }
        }
        return up;
    }

    private static ClientOptions options(Plan plan, InetAddress server, int port) {
        return ClientOptions.of(new InetSocketAddress(server, port), plan.user(), plan.password())
                .withSetupTimeout(plan.setupTimeout());
    }

    public List<ClientSession> l2tpSessions() {
        return List.copyOf(l2tp);
    }

    public List<ClientSession> pptpSessions() {
        return List.copyOf(pptp);
    }

    public int l2tpTunnels() {
        return l2tpClients.size();
    }

    public int pptpConnections() {
        return pptpConnections;
    }

    public Duration l2tpSetup() {
        return l2tpSetup;
    }

    public Duration pptpSetup() {
        return pptpSetup;
    }

    /**
     * Pings each session's gateway through its tunnel (up to {@value #PING_ATTEMPTS} tries, all
     * sessions at once); returns how many sessions got an answer.
     */
    public static int answering(List<ClientSession> sessions) throws InterruptedException {
        return answering(sessions, Optional.empty());
    }

    /**
     * Pings {@code target} (a host behind the server), or without one each session's gateway,
     * through each session's tunnel (up to {@value #PING_ATTEMPTS} tries, all sessions at once);
     * returns how many sessions got an answer.
     */
    public static int answering(List<ClientSession> sessions, Optional<Inet4Address> target)
            throws InterruptedException {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> answered = sessions.stream()
                    .map(s -> threads.submit(() -> answers(s, target.orElse(s.gateway())))).toList();
            int n = 0;
            for (Future<Boolean> f : answered) {
                try {
                    n += f.get() ? 1 : 0;
                } catch (ExecutionException e) {
                    // a session whose ping failed does not answer
                }
            }
            return n;
        }
    }

    private static boolean answers(ClientSession s, Inet4Address target) {
        for (int i = 0; i < PING_ATTEMPTS; i++) {
            if (s.ping(target, 1, PING_TIMEOUT).received() == 1) {
                return true;
            }
        }
        return false;
    }

    /** Hangs up every session and closes the clients. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        List<Thread> closing = new ArrayList<>();
        l2tpClients.forEach(c -> closing.add(Thread.ofPlatform().name("l2tp-close").start(c::close)));
        pptpGroups.forEach(g -> closing.add(Thread.ofPlatform().name("pptp-close").start(g::close)));
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
