package io.cohort.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Complete PPTP set-ups in memory, both ends in this thread ({@link PptpInMemoryPair}), the
 * counterpart of {@link SessionSetupBenchmark} with MS-CHAPv2 (the only method MPPE allows):
 *
 * <ul>
 *   <li>{@code connectionAndCall}: a fresh pair, then Start-Control-Connection-Request/Reply,
 *       Outgoing-Call-Request/Reply, LCP, MS-CHAPv2, CCP (MPPE-128 stateless, keys derived on both
 *       ends), IPCP, until IPCP is up on both ends. One op = one complete set-up; compare with
 *       {@code SessionSetupBenchmark.tunnelAndSession} (auth = MSCHAP_V2).</li>
 *   <li>{@code callOnExistingConnection}: one more call on an established control connection to
 *       IPCP up, then its teardown (Call-Clear-Request, Call-Disconnect-Notify, both links closed)
 *       and 30 s of virtual time so that the teardown's timers run out. One op = set-up + teardown;
 *       compare with {@code SessionSetupBenchmark.sessionOnExistingTunnel} (MSCHAP_V2).</li>
 * </ul>
 * Both ends' work is counted, as in {@link SessionSetupBenchmark}.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class PptpSetupBenchmark {
    private static final Duration TEARDOWN_SETTLE = Duration.ofSeconds(30);

    private PptpInMemoryPair.Shared shared;
    private PptpInMemoryPair pair;

    @Setup(Level.Trial)
    public void setUp() {
        shared = new PptpInMemoryPair.Shared();
        pair = new PptpInMemoryPair(shared);
        callOnExistingConnection(); // brings the control connection up
    }

    @Benchmark
    public Object connectionAndCall() {
        PptpInMemoryPair p = new PptpInMemoryPair(shared);
        p.setUpCall();
        return p;
    }

    @Benchmark
    public Object callOnExistingConnection() {
        int call = pair.setUpCall();
        pair.clientControl.clearCall(call);
        pair.runUntil(() -> pair.serverCalls.isEmpty() && pair.clientCalls.isEmpty(), Duration.ofSeconds(10));
        // let the teardown's timers (LCP Terminate-Request restarts) run out, as real time would
        pair.advance(TEARDOWN_SETTLE);
        return call;
    }
}
