package io.cohort.steering.kernel;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** A client's source address and port. */
record Endpoint(Inet4Address address, int port) {

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code count} distinct endpoints from {@code addresses}, ports 10000 to 59999. */
    static List<Endpoint> random(List<Inet4Address> addresses, int count, SplittableRandom random) {
        Set<Endpoint> chosen = new HashSet<>();
        List<Endpoint> ordered = new ArrayList<>();
        while (ordered.size() < count) {
            Endpoint e = new Endpoint(addresses.get(random.nextInt(addresses.size())), 10000 + random.nextInt(50000));
            if (chosen.add(e)) {
                ordered.add(e);
            }
        }
        return ordered;
    }

    /** An endpoint of {@code address} not in {@code taken} that {@code wanted} accepts. */
    static Endpoint find(Inet4Address address, Set<Endpoint> taken, Predicate<Endpoint> wanted) {
        for (int port = 60000; port < 65536; port++) {
            Endpoint e = new Endpoint(address, port);
            if (!taken.contains(e) && wanted.test(e)) {
                return e;
            }
        }
        throw new IllegalStateException("no wanted port on " + address);
    }
}
