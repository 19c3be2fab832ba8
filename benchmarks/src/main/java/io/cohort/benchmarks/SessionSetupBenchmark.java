package io.cohort.benchmarks;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.ppp.lcp.AuthMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Complete set-ups in memory, both ends in this thread: an LAC node + client PPP link against an
 * LNS node + server PPP link, datagrams passed directly (no sockets), virtual time.
 *
 * <ul>
 *   <li>{@code tunnelAndSession}: fresh nodes, then SCCRQ/SCCRP/SCCCN, ICRQ/ICRP/ICCN, LCP, auth,
 *       IPCP until IPCP is up on both ends. One op = one complete set-up.</li>
 *   <li>{@code sessionOnExistingTunnel}: one more session (ICRQ..IPCP) on an established tunnel,
 *       then its teardown (CDN) so that the tunnel does not fill up, and 30 s of virtual time so
 *       that the teardown's timers run out. One op = set-up + teardown.</li>
 * </ul>
 * Both ends' work is counted, so the LNS-only cost is lower than the figure (roughly half).
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SessionSetupBenchmark {

    @Param({"MSCHAP_V2", "PAP"})
    public String auth;

    private static final Duration TEARDOWN_SETTLE = Duration.ofSeconds(30);

    private InMemoryPair.Shared shared;
    private InMemoryPair pair;
    private TunnelHandle tunnel;

    @Setup(Level.Trial)
    public void setUp() {
        shared = new InMemoryPair.Shared(AuthMethod.valueOf(auth), Duration.ZERO);
        pair = new InMemoryPair(shared);
        tunnel = pair.lac.openTunnel(InMemoryPair.LNS_ADDRESS);
        sessionOnExistingTunnel(); // brings the tunnel up
    }

    @Benchmark
    public Object tunnelAndSession() {
        InMemoryPair p = new InMemoryPair(shared);
        p.setUpTunnelAndSession();
        return p;
    }

    @Benchmark
    public Object sessionOnExistingTunnel() {
        SessionHandle s = pair.setUpSession(tunnel);
        pair.lac.closeSession(s, "bench");
        pair.runUntil(() -> pair.lns.sessionCount() == 0 && pair.lac.sessionCount() == 0, Duration.ofSeconds(10));
        // let the teardown's timers (PPP Terminate-Request restarts, CDN retransmission hold) run
        // out, as real time would; otherwise one timer per closed session piles up
        pair.advance(TEARDOWN_SETTLE);
        return s;
    }
}
