package io.cohort.benchmarks.cluster;

import io.cohort.cluster.unit.FlowKey;
import io.cohort.cluster.unit.KernelJhash;
import io.cohort.cluster.unit.UnitIdSpace;
import io.cohort.cluster.unit.WorkFilter;
import io.cohort.cluster.unit.WorkUnit;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The userspace filter's cost per packet (the patent's figure 9, step 911): {@link WorkFilter#unitOf} for a TCP/UDP flow
 * (the kernel's jhash, {@code KernelJhash}), an L2TP tunnel ID and a GRE Call ID (low 10 bits),
 * and the lookup of the unit in the owned set (a {@link BitSet} and a {@code boolean[1024]}).
 * Each call takes the next of 1024 pre-built random keys so that nothing is constant-folded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WorkFilterBenchmark {
    private static final int KEYS = 1024;

    private final FlowKey[] flows = new FlowKey[KEYS];
    private final FlowKey[] tunnels = new FlowKey[KEYS];
    private final FlowKey[] calls = new FlowKey[KEYS];
    private final int[] sources = new int[KEYS];
    private final int[] ports = new int[KEYS];
    private final int[] units = new int[KEYS];
    private final BitSet ownedBits = new BitSet(WorkUnit.COUNT);
    private final boolean[] ownedArray = new boolean[WorkUnit.COUNT];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < KEYS; i++) {
            sources[i] = random.nextInt();
            ports[i] = random.nextInt(0x10000);
            flows[i] = new FlowKey.Ipv4Flow(sources[i], 0xC0000201, FlowKey.Ipv4Flow.UDP, ports[i], 1701);
            int id = UnitIdSpace.id(WorkUnit.of(random.nextInt(1, WorkUnit.COUNT)), random.nextInt(64));
            tunnels[i] = new FlowKey.L2tpTunnel(id);
            calls[i] = new FlowKey.PptpCall(id);
            units[i] = random.nextInt(WorkUnit.COUNT);
        }
        for (int u = 0; u < WorkUnit.COUNT; u++) {
            if (random.nextBoolean()) {
                ownedBits.set(u);
                ownedArray[u] = true;
            }
        }
    }

    private int index() {
        return next++ & KEYS - 1;
    }

    /** An SCCRQ or a TCP SYN to 1723: jhash of address and port through the FlowKey switch. */
    @Benchmark
    public int ipv4FlowJhash() {
        return WorkFilter.unitOf(flows[index()]);
    }

    /** The bare hash on two ints, as a data plane that has not built a FlowKey could call it. */
    @Benchmark
    public int kernelJhashOnly() {
        int i = index();
        return KernelJhash.scale(KernelJhash.addressAndPort(sources[i], ports[i], WorkFilter.KERNEL_SEED), WorkUnit.COUNT);
    }

    @Benchmark
    public int l2tpTunnelId() {
        return WorkFilter.unitOf(tunnels[index()]);
    }

    @Benchmark
    public int greCallId() {
        return WorkFilter.unitOf(calls[index()]);
    }

    @Benchmark
    public boolean ownedLookupBitSet() {
        return ownedBits.get(units[index()]);
    }

    @Benchmark
    public boolean ownedLookupBooleanArray() {
        return ownedArray[units[index()]];
    }

    /** The whole userspace decision for a flow: classify, then look up. */
    @Benchmark
    public boolean ipv4FlowClassifyAndLookup() {
        return ownedBits.get(WorkFilter.unitOf(flows[index()]));
    }
}
