package io.cohort.client.load;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.pptp.PptpClient;
import io.cohort.client.pptp.SharedRawGreSocket;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;

/**
 * PPTP's counterpart of {@code L2tpClient.connect(sessions, perTunnel)} for load generators:
 * several {@link PptpClient}s, each with its own control connection (the "tunnel") and engine
 * thread, the calls spread evenly over them and all placed at once. They share one raw GRE socket
 * ({@link SharedRawGreSocket}, which also gives them disjoint Call IDs). GRE windows are not
 * enforced ({@link #GRE}), so that a generator measures the server rather than RFC 2637 4.2's
 * transmit window. Sockets are created by the thread that opens the group (the raw GRE socket) and
 * by the {@code threads} given to {@link #connect} (the TCP connections): inside a network
 * namespace, both must be in it.
 */
public final class PptpClientGroup implements AutoCloseable {
    /** The client's GRE defaults without holding back on the server's receive window. */
    public static final GreChannelSettings GRE = new GreChannelSettings(GreChannelSettings.DEFAULTS.ackDelay(),
            GreChannelSettings.DEFAULTS.minAckTimeout(), GreChannelSettings.DEFAULTS.maxAckTimeout(), false);

    private final SharedRawGreSocket gre;
    private final Counters greCounters;
    private final List<PptpClient> clients;
    private final Map<ClientSession, PptpClient> owners = new IdentityHashMap<>();

    private PptpClientGroup(SharedRawGreSocket gre, Counters greCounters, List<PptpClient> clients) {
        this.gre = gre;
        this.greCounters = greCounters;
        this.clients = clients;
    }

    /** {@code connections} clients sharing one raw GRE socket (root or CAP_NET_RAW). */
    public static PptpClientGroup open(ClientOptions options, int connections) throws IOException {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive");
        }
        Counters greCounters = new Counters();
        SharedRawGreSocket gre = SharedRawGreSocket.open(options.server().getAddress(), connections, greCounters);
        List<PptpClient> clients = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(PptpClient.open(options, gre.factory(i), GRE, gre.callIds(i)));
            }
        } catch (IOException | RuntimeException e) {
            clients.forEach(PptpClient::close);
            gre.close();
            throw e;
        }
        return new PptpClientGroup(gre, greCounters, clients);
    }

    /**
     * Places {@code sessions} calls, spread evenly over the control connections, each
     * connection's batch from its own thread made by {@code threads}; returns when every call is
     * up. The first failure is thrown once all batches have ended.
     */
    public List<ClientSession> connect(int sessions, ThreadFactory threads) throws IOException, TimeoutException {
        int n = clients.size();
        if (sessions < n) {
            throw new IllegalArgumentException(sessions + " sessions cannot fill " + n + " control connections");
        }
        List<List<ClientSession>> results = new ArrayList<>(n);
        Exception[] failures = new Exception[n];
        List<Thread> started = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            int calls = sessions / n + (i < sessions % n ? 1 : 0);
            results.add(List.of());
            Thread t = threads.newThread(() -> {
                try {
                    results.set(index, clients.get(index).connect(calls));
                } catch (IOException | TimeoutException | RuntimeException e) {
                    failures[index] = e;
                }
            });
            t.start();
            started.add(t);
        }
        try {
            for (Thread t : started) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
        for (Exception e : failures) {
            switch (e) {
                case null -> { }
                case IOException io -> throw io;
                case TimeoutException te -> throw te;
                case RuntimeException re -> throw re;
                default -> throw new IllegalStateException(e);
            }
        }
        List<ClientSession> all = new ArrayList<>(sessions);
        synchronized (owners) {
            for (int i = 0; i < n; i++) {
                for (ClientSession s : results.get(i)) {
                    owners.put(s, clients.get(i));
                    all.add(s);
                }
            }
        }
        return all;
    }

    /**
     * Sends each packet on its session (sessions of this group) through its client's engine,
     * without copying ({@link PptpClient#sendIpv4(List, List)}), one engine call per client;
     * returns how many the links took.
     */
    public int sendIpv4(List<ClientSession> sessions, List<ByteBuffer> packets) throws IOException {
        Map<PptpClient, List<ClientSession>> bySession = new IdentityHashMap<>();
        Map<PptpClient, List<ByteBuffer>> byPacket = new IdentityHashMap<>();
        synchronized (owners) {
            for (int i = 0; i < sessions.size(); i++) {
                PptpClient c = owners.get(sessions.get(i));
                if (c == null) {
                    throw new IllegalArgumentException(sessions.get(i) + " is not a session of this group");
                }
                bySession.computeIfAbsent(c, k -> new ArrayList<>()).add(sessions.get(i));
                byPacket.computeIfAbsent(c, k -> new ArrayList<>()).add(packets.get(i));
            }
        }
        int sent = 0;
        for (Map.Entry<PptpClient, List<ClientSession>> e : bySession.entrySet()) {
            sent += e.getKey().sendIpv4(e.getValue(), byPacket.get(e.getKey()));
        }
        return sent;
    }

    /** The clients' PPTP, GRE and PPP counters added up, with the shared GRE socket's. */
    public Map<String, Long> counters() {
        Map<String, Long> sum = new TreeMap<>(greCounters.snapshot());
        for (PptpClient c : clients) {
            c.counters().snapshot().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    /** Closes every client (their calls cleared), in parallel, then the GRE socket. */
    @Override
    public void close() {
        List<Thread> closing = clients.stream().map(c -> Thread.ofPlatform().name("pptp-close").start(c::close))
                .toList();
        try {
            for (Thread t : closing) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gre.close();
        }
    }
}
