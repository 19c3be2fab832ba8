package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Cidr;
import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * {@code [pool]}: the clients' addresses and the server's own PPP address.
 *
 * @param ipv4    the clients' addresses, a block with a prefix length from /12 to /30
 * @param gateway the server's address on every link (the IPCP local address); it may lie in the
 *                pool, but not on its network or broadcast address
 */
public record PoolSection(Ipv4Cidr ipv4, Inet4Address gateway) {
    private static final int MIN_PREFIX = 12;
    private static final int MAX_PREFIX = 30;
    public static final PoolSection DEFAULT =
            new PoolSection(new Ipv4Cidr(Ipv4Literal.toInt(address("10.99.0.0")), 24), address("10.99.0.1"));

    public PoolSection {
        Objects.requireNonNull(ipv4);
        Objects.requireNonNull(gateway);
        SettingRules rules = new SettingRules("pool");
        int prefix = ipv4.prefixLength();
        rules.check(prefix >= MIN_PREFIX && prefix <= MAX_PREFIX, "ipv4",
                "prefix length /" + prefix + " is out of range /" + MIN_PREFIX + "../" + MAX_PREFIX);
        rules.check(!gateway.isAnyLocalAddress() && !gateway.isMulticastAddress() && Ipv4Literal.toInt(gateway) != -1,
                "gateway", gateway.getHostAddress() + " cannot be a host address");
        rules.compare(!gateway.equals(ipv4.networkAddress()) && !gateway.equals(ipv4.broadcastAddress()), "gateway",
                gateway.getHostAddress() + " is the network or broadcast address of pool.ipv4 " + ipv4, "ipv4");
        rules.enforce();
    }

    private static Inet4Address address(String literal) {
        return Ipv4Literal.parse(literal).orElseThrow();
    }

    static PoolSection read(SectionValues s) {
        return new PoolSection(s.cidr("ipv4", DEFAULT.ipv4()), s.ipv4("gateway", DEFAULT.gateway()));
    }
}
