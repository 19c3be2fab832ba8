package io.cohort.ppp;

import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;

/** A server link and a client link joined by an in-memory wire on virtual time. */
final class BackToBack {
    final VirtualScheduler scheduler = new VirtualScheduler();
    final Counters counters = new Counters();
    Recorder serverEvents = new Recorder("server");
    final Recorder clientEvents = new Recorder("client");
    final List<Inet4Address> released = new ArrayList<>();
    PppLink server;
    final PppLink client;
    private final PppLinkConfig serverConfig;
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    /** Decides per frame (from server?, frame) whether it is delivered; may deliver twice. */
    BiPredicate<Boolean, ByteBuffer> pass = (fromServer, f) -> true;
    int duplicateEvery;
    private int frames;

    BackToBack(List<AuthMethod> serverMethods, List<AuthMethod> clientMethods, String password, long seed) {
        this(serverMethods, clientMethods, password, seed, EncryptionPolicy.NONE, EncryptionPolicy.NONE);
    }

    BackToBack(List<AuthMethod> serverMethods, List<AuthMethod> clientMethods, String password, long seed,
               EncryptionPolicy serverEncryption, EncryptionPolicy clientEncryption) {
        Random random = new Random(seed);
        RateLimitedLog log = RateLimitedLog.standard(System.getLogger("ppp-test"), scheduler);
        Ipv4AddressAllocator pool = new Ipv4AddressAllocator() {
            @Override public Optional<Inet4Address> allocate(String user) {
                return Optional.of(ip("10.0.0.2"));
            }

            @Override public void release(Inet4Address address) {
                released.add(address);
            }
        };
        InMemoryUserDirectory users = new InMemoryUserDirectory().put("alice", "wonderland");
        RestartPolicy restart = RestartPolicy.RFC_DEFAULTS;
        serverConfig = new PppLinkConfig(Role.SERVER, "cohort", serverMethods,
                Optional.of(new DirectoryAuthenticator(users)), Optional.empty(), Optional.of(pool),
                new IpcpSettings(Optional.of(ip("10.0.0.1")), Optional.of(ip("192.0.2.53")), Optional.of(ip("192.0.2.54")),
                        Optional.empty(), Optional.empty(), false),
                true, 1400, Duration.ofSeconds(10), 3, restart, random, counters, log, serverEncryption);
        PppLinkConfig clientConfig = new PppLinkConfig(Role.CLIENT, "client", clientMethods, Optional.empty(),
                Optional.of(new Credentials("alice", password)), Optional.empty(), IpcpSettings.client(true),
                true, 1500, Duration.ofSeconds(10), 3, restart, random, counters, log, clientEncryption);
        server = new PppLink(serverConfig, scheduler, Runnable::run, serverEvents.forwardingTo(true));
        client = new PppLink(clientConfig, scheduler, Runnable::run, clientEvents.forwardingTo(false));
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The server's member dies (its link falls silent, its timers still run but reach nobody) and
     * another member rebuilds the server link from the state records; the client is not told.
     */
    PppLink failOverServer(PppLinkInitialState initial, PppLinkEssentialState essential) {
        serverEvents.silenced = true;
        serverEvents = new Recorder("rebuilt server").forwardingTo(true);
        server = PppLink.resume(serverConfig, scheduler, Runnable::run, serverEvents, initial, essential);
        return server;
    }

    void start() {
        server.open();
        client.open();
        pump();
    }

    /** Delivers queued frames until the wire is quiet. */
    void pump() {
        int guard = 0;
        while (!wire.isEmpty()) {
            wire.poll().run();
            if (++guard > 100_000) {
                throw new AssertionError("frames never stop");
            }
        }
    }

    /** Advances virtual time in steps, delivering frames in between. */
    void run(Duration total) {
        Duration step = Duration.ofMillis(500);
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plus(step)) {
            pump();
            scheduler.advance(step);
        }
        pump();
    }

    final class Recorder implements PppLinkEvents {
        final String name;
        final List<String> log = new ArrayList<>();
        final List<ByteBuffer> received = new ArrayList<>();
        String authenticated;
        Inet4Address local;
        Inet4Address peer;
        MppeMode encrypted;
        boolean encryptedBeforeIpv4Up;
        boolean ipv6Up;
        String down;
        private boolean fromServer;
        private boolean silenced;

        Recorder(String name) {
            this.name = name;
        }

        Recorder forwardingTo(boolean isServer) {
            this.fromServer = isServer;
            return this;
        }

        @Override public void transmit(ByteBuffer frame) {
            if (silenced) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
            if (!pass.test(fromServer, copy)) {
                return;
            }
            PppLink to = fromServer ? client : server;
            wire.add(() -> to.receive(copy.duplicate()));
            if (duplicateEvery > 0 && ++frames % duplicateEvery == 0) {
                wire.add(() -> to.receive(copy.duplicate()));
            }
        }

        @Override public void authenticated(String user) {
            authenticated = user;
        }

        @Override public void encrypted(MppeMode mode) {
            encrypted = mode;
        }

        @Override public void ipv4Up(Inet4Address l, Inet4Address p) {
            encryptedBeforeIpv4Up = encrypted != null;
            local = l;
            peer = p;
        }

        @Override public void ipv6Up(long localId, long peerId) {
            ipv6Up = true;
        }

        @Override public void received(int protocol, ByteBuffer packet) {
            received.add(ByteBuffer.allocate(packet.remaining()).put(packet.duplicate()).flip());
        }

        @Override public void linkDown(String reason) {
            down = reason;
        }
    }
}
