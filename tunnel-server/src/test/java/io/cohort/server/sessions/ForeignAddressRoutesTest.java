package io.cohort.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.dataplane.HostRoutes;
import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import io.cohort.server.pool.Ipv4Pool;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignAddressRoutesTest {
    private final List<String> kernel = new ArrayList<>();
    private final Ipv4Pool pool = new Ipv4Pool(((Ipv4Cidr.Parsed.Ok) Ipv4Cidr.parse("10.101.0.0/24")).cidr(),
            ip("10.101.0.1"));
    private final ForeignAddressRoutes<Object> routes = new ForeignAddressRoutes<>(pool, new HostRoutes() {
        @Override
        public boolean add(Inet4Address address) {
            return kernel.add("route " + address.getHostAddress());
        }

        @Override
        public void remove(Inet4Address address) {
            kernel.add("unroute " + address.getHostAddress());
        }

        @Override
        public boolean addLocal(Inet4Address gateway) {
            return kernel.add("hold " + gateway.getHostAddress());
        }

        @Override
        public void removeLocal(Inet4Address gateway) {
            kernel.add("let go " + gateway.getHostAddress());
        }
    });

    private static Inet4Address ip(String s) {
        return Ipv4Literal.parse(s).orElseThrow();
    }

    @Test
    void anAddressOfOurOwnPoolWithOurGatewayNeedsNothing() {
        Object session = new Object();
        assertThat(pool.claim(ip("10.101.0.7"), "alice")).isTrue();

        assertThat(routes.route(ip("10.101.0.7"))).isTrue();
        routes.resumed(session, ip("10.101.0.7"), ip("10.101.0.1"));
        routes.linkDown(session);

        assertThat(kernel).isEmpty();
    }

    @Test
    void sessionsOfTwoProtocolsShareTheOldGatewayWhichGoesWithTheLastOfThem() {
        Object l2tp = new Object();
        Object pptp = new Object();
        assertThat(pool.claim(ip("10.102.0.3"), "alice")).isTrue();
        assertThat(pool.claim(ip("10.102.0.4"), "bob")).isTrue();

        assertThat(routes.route(ip("10.102.0.3"))).isTrue();
        routes.resumed(l2tp, ip("10.102.0.3"), ip("10.102.0.1"));
        assertThat(routes.route(ip("10.102.0.4"))).isTrue();
        routes.resumed(pptp, ip("10.102.0.4"), ip("10.102.0.1"));
        routes.linkDown(l2tp);
        assertThat(kernel).containsExactly("route 10.102.0.3", "hold 10.102.0.1", "route 10.102.0.4",
                "unroute 10.102.0.3");

        routes.linkDown(pptp);
        assertThat(kernel).endsWith("unroute 10.102.0.4", "let go 10.102.0.1");
    }

    @Test
    void aSessionThatDidNotResumeGivesItsRouteBack() {
        assertThat(pool.claim(ip("10.102.0.9"), "carol")).isTrue();
        assertThat(routes.route(ip("10.102.0.9"))).isTrue();

        routes.unroute(ip("10.102.0.9"));

        assertThat(kernel).containsExactly("route 10.102.0.9", "unroute 10.102.0.9");
    }
}
