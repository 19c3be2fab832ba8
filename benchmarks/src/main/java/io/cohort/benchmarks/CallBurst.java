package io.cohort.benchmarks;

import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.ppp.lcp.AuthMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long many calls placed at once on few tunnels take in <b>virtual</b> time, with no network
 * delay and no CPU limit (the engines of {@link InMemoryPair}, datagrams delivered at once): any
 * time that passes is spent waiting for timers, i.e. the control channel's ack delay, window and
 * retransmissions. Usage: {@code CallBurst [sessions] [tunnels...]} (defaults 1000 and 1 10 100 1000).
 * Resolution: the pair's 50 ms step.
 */
public final class CallBurst {
    private CallBurst() {
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Integer> tunnelCounts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            tunnelCounts.add(Integer.parseInt(args[i]));
        }
        if (tunnelCounts.isEmpty()) {
            tunnelCounts = List.of(1, 10, 100, 1000);
        }
        InMemoryPair.Shared shared = new InMemoryPair.Shared(AuthMethod.MSCHAP_V2, Duration.ofSeconds(30));
        for (int tunnels : tunnelCounts) {
            InMemoryPair pair = new InMemoryPair(shared);
            long start = pair.lnsScheduler.nanos();
            List<TunnelHandle> handles = new ArrayList<>();
            for (int t = 0; t < tunnels; t++) {
                handles.add(pair.lac.openTunnel(InMemoryPair.LNS_ADDRESS));
            }
            for (int i = 0; i < sessions; i++) {
                pair.lac.placeCall(handles.get(i % tunnels)).orElseThrow();
            }
            pair.runUntil(() -> pair.serversUp == sessions && pair.clientsUp == sessions, Duration.ofMinutes(10));
            double seconds = (pair.lnsScheduler.nanos() - start) / 1e9;
            System.out.printf("%d sessions over %d tunnels: %.2f s of virtual time (%s set-ups/s if CPU were free)%n",
                    sessions, tunnels, seconds, seconds == 0 ? "unbounded" : String.format("%.0f", sessions / seconds));
        }
    }
}
