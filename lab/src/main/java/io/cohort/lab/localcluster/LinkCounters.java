package io.cohort.lab.localcluster;

/**
 * What one network interface has counted since it was created, as {@code /proc/net/dev} shows it
 * inside its namespace: Ethernet frames with their headers, every IP fragment, ARP and IGMP included.
 */
public record LinkCounters(long rxBytes, long rxPackets, long txBytes, long txPackets) {
    /** Column of each counter after the {@code device:} of a {@code /proc/net/dev} line (receive first, then transmit). */
    private static final int RX_BYTES = 0;
    private static final int RX_PACKETS = 1;
    private static final int TX_BYTES = 8;
    private static final int TX_PACKETS = 9;

    /** The counters of {@code device} in the text of {@code /proc/net/dev}; a device not listed is an {@link IllegalArgumentException}. */
    public static LinkCounters parse(String procNetDev, String device) {
        for (String line : procNetDev.lines().toList()) {
            String t = line.strip();
            if (t.startsWith(device + ":")) {
                String[] f = t.substring(device.length() + 1).strip().split("\\s+");
                return new LinkCounters(Long.parseLong(f[RX_BYTES]), Long.parseLong(f[RX_PACKETS]),
                        Long.parseLong(f[TX_BYTES]), Long.parseLong(f[TX_PACKETS]));
            }
        }
        throw new IllegalArgumentException("no interface " + device + " in /proc/net/dev:\n" + procNetDev);
    }
}
