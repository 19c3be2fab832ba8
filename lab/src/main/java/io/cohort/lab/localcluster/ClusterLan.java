package io.cohort.lab.localcluster;

/**
 * The addresses of a local cluster, all on one /24 behind the bridge: member {@code i} at
 * {@code .10+i} (index 0 is the seed member that forms a cluster whose units are all assigned at once, see {@link LocalCluster}), the cluster IP at {@code .100}, the client namespace at {@code .200},
 * a guest bridged onto the LAN at {@code .201}; member
 * {@code i} hands out {@code 10.(100+i).0.0/20} (4094 addresses, gateway {@code .0.1}), so pools never
 * overlap and one member can hold every session of a benchmark.
 */
public record ClusterLan(String prefix) {
    /** The LAN of the demo and the tests: 10.77.0.0/24. */
    public static final ClusterLan DEFAULT = new ClusterLan("10.77.0");
    /** The device name of every namespace's link to the bridge. */
    public static final String DEVICE = "eth0";
    /** The cluster UDP port of every member ({@code [cluster] port}). */
    public static final int PORT = 7400;
    /** The largest number of members a local cluster may have. */
    public static final int MAX_MEMBERS = 16;

    public ClusterLan {
        if (!prefix.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("a LAN prefix is three octets, e.g. 10.77.0: " + prefix);
        }
    }

    public String memberAddress(int index) {
        checkIndex(index);
        return prefix + "." + (10 + index);
    }

    public String clusterAddress() {
        return prefix + ".100";
    }

    public String clientAddress() {
        return prefix + ".200";
    }

    /** A host of its own beside the client namespace: a QEMU guest bridged onto the LAN ({@link LocalCluster#bridgeToLan}). */
    public String guestAddress() {
        return prefix + ".201";
    }

    /** {@code address/24}. */
    public static String cidr(String address) {
        return address + "/24";
    }

    public String pool(int index) {
        checkIndex(index);
        return "10." + (100 + index) + ".0.0/20";
    }

    public String gateway(int index) {
        checkIndex(index);
        return "10." + (100 + index) + ".0.1";
    }

    private static void checkIndex(int index) {
        if (index < 0 || index > 2 * MAX_MEMBERS) {
            throw new IllegalArgumentException("member index " + index + " is not 0.." + 2 * MAX_MEMBERS);
        }
    }
}
