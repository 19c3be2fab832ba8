package io.cohort.systemtests;

import io.cohort.client.EngineThread;
import io.cohort.lab.localcluster.ClusterUser;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkConfig;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.Role;
import io.cohort.ppp.auth.Credentials;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.testbed.PptpLinuxClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What pppd is to pptp-linux, where there is no pppd (no /dev/ppp on this host): the in-repo PPP
 * engine ({@link PppLink}, client role, MS-CHAPv2 and MPPE-128 as the members require) on the other
 * side of pptp-linux's terminal. Frames it sends are HDLC-framed onto the terminal
 * ({@link PptpLinuxClient#sendPpp}); what pptp-linux writes to the terminal is split into frames at
 * the flags, unescaped and checked (RFC 1662 section 4) before the link gets them. The link sends
 * no LCP Echo-Requests of its own and answers the server's (RFC 1661 section 5.8) as pppd would,
 * so the call stays up while the test is idle.
 */
final class PtyPppPeer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int MRU = 1400;
    /** None of our own: the server's LCP echoes check the link. */
    private static final Duration NO_ECHOES = Duration.ZERO;
    private static final int GOOD_FCS = 0xF0B8;

    private final PptpLinuxClient pptp;
    private final EngineThread engine = EngineThread.start("pty-ppp");
    private final Counters counters = new Counters();
    private final CompletableFuture<Inet4Address> up = new CompletableFuture<>();
    private final CompletableFuture<String> down = new CompletableFuture<>();
    private final Thread reader;
    private final PppLink link;
    private volatile boolean closed;
    private int readOffset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private PtyPppPeer(PptpLinuxClient pptp, ClusterUser user) {
        this.pptp = pptp;
        PppLinkConfig config = new PppLinkConfig(Role.CLIENT, "pty-ppp-peer", List.of(AuthMethod.MSCHAP_V2),
                Optional.empty(), Optional.of(new Credentials(user.name(), user.password())), Optional.empty(),
                IpcpSettings.client(false), false, MRU, NO_ECHOES, 3, RestartPolicy.RFC_DEFAULTS,
                new SecureRandom(), counters,
                RateLimitedLog.standard(System.getLogger(PtyPppPeer.class.getName()), engine.scheduler()),
                EncryptionPolicy.MPPE_128_REQUIRED);
        this.link = new PppLink(config, engine.scheduler(), engine.executor(), new Events());
        this.reader = Thread.ofPlatform().daemon().name("pty-ppp-reader").unstarted(this::readTerminal);
    }

    /** Opens PPP over {@code pptp}'s call (already established) as {@code user}. */
    static PtyPppPeer open(PptpLinuxClient pptp, ClusterUser user) {
        PtyPppPeer peer = new PtyPppPeer(pptp, user);
        peer.reader.start();
        peer.engine.executor().execute(peer.link::open);
        return peer;
    }

    /** Waits until IPCP is up and returns our address. */
    Inet4Address awaitUp(Duration timeout) throws InterruptedException {
        try {
            return up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("PPP over pptp-linux not up within " + timeout + ": " + this, e);
        }
    }

    /** Whether the link went down, and why. */
    Optional<String> down() {
        return Optional.ofNullable(down.getNow(null));
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        engine.close();
    }

    @Override
    public String toString() {
        return "PPP peer of pptp-linux: " + (down.isDone() ? "down (" + down.join() + ")"
                : up.isDone() ? "up" : "negotiating") + ", counters " + counters.snapshot();
    }

    private void readTerminal() {
        while (!closed) {
            try {
                byte[] all = pptp.pppReceived();
                if (all.length > readOffset) {
                    byte[] fresh = Arrays.copyOfRange(all, readOffset, all.length);
                    readOffset = all.length;
                    for (byte[] frame : frames(fresh)) {
                        engine.executor().execute(() -> link.receive(ByteBuffer.wrap(frame)));
                    }
                }
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pptp-linux's terminal", e);
            }
        }
    }

    /** The complete frames in {@code bytes} (and what came before them), unescaped, FCS checked and removed. */
    private List<byte[]> frames(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        boolean escaped = false;
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v == 0x7E) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                escaped = false;
                if (frame.length > 2 && fcs(frame) == GOOD_FCS) {
                    out.add(Arrays.copyOf(frame, frame.length - 2));
                } else if (frame.length > 0) {
                    counters.counter("pty.rx.bad_frame").increment();
                }
            } else if (v == 0x7D) {
                escaped = true;
            } else {
                partial.write(escaped ? v ^ 0x20 : v);
                escaped = false;
            }
        }
        return out;
    }

    /** RFC 1662 appendix C.2: the FCS-16 over a frame and its FCS is {@value #GOOD_FCS} when it is intact. */
    private static int fcs(byte[] frame) {
        int fcs = 0xFFFF;
        for (byte b : frame) {
            fcs ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                fcs = (fcs & 1) != 0 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
            }
        }
        return fcs;
    }

    /** The link's events, on the engine thread. */
    private final class Events implements PppLinkEvents {
        @Override
        public void transmit(ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            try {
                pptp.sendPpp(bytes);
            } catch (IOException e) {
                counters.counter("pty.tx.failed").increment();
            }
        }

        @Override
        public void authenticated(String user) {
        }

        @Override
        public void ipv4Up(Inet4Address local, Inet4Address peer) {
            up.complete(local);
        }

        @Override
        public void ipv6Up(long localInterfaceId, long peerInterfaceId) {
        }

        @Override
        public void received(int protocol, ByteBuffer packet) {
            counters.counter("pty.rx.network_packets").increment();
        }

        @Override
        public void linkDown(String reason) {
            down.complete(reason);
            up.completeExceptionally(new IllegalStateException("link down: " + reason));
        }
    }
}
