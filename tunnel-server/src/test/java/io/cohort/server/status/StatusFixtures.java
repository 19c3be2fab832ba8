package io.cohort.server.status;

import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionKey;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.TunnelEntry;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelProtocol;
import io.cohort.server.registry.TunnelState;
import io.cohort.telemetry.Counters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A small server state with one tunnel, two sessions (one authenticated) and some counters. */
public final class StatusFixtures {
    public static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private StatusFixtures() {
    }

    public static StatusSnapshot snapshot() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        InstantSource clock = now::get;
        SessionRegistry registry = new SessionRegistry(clock);
        Ipv4Pool pool = new Ipv4Pool(((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse("10.99.0.0/24")).cidr(),
                Ipv4Literal.parse("10.99.0.1").orElseThrow());
        Counters counters = new Counters();
        StatusSource source = new StatusSource("gw1", "1.2.3", clock, registry, pool,
                Ipv4Literal.parse("10.99.0.1").orElseThrow(), counters);

        TunnelKey tunnel = new TunnelKey(TunnelProtocol.L2TP, 4711);
        TunnelEntry t = registry.addTunnel(tunnel, 12,
                new InetSocketAddress(Ipv4Literal.parse("192.0.2.7").orElseThrow(), 1701));
        t.state(TunnelState.ESTABLISHED);
        t.traffic().received(300);
        SessionEntry alice = registry.addSession(new SessionKey(tunnel, 1), 21);
        alice.user("alice\u001b[31m");
        alice.address(pool.allocate("alice\u001b[31m"));
        alice.state(SessionState.UP);
        alice.traffic().received(1000);
        alice.traffic().sent(2000);
        registry.addSession(new SessionKey(tunnel, 2), 22);
        counters.counter("l2tp.rx.packets").add(42);
        counters.counter("control.requests").increment();

        now.set(T0.plus(Duration.ofSeconds(3723)));
        return source.snapshot();
    }
}
