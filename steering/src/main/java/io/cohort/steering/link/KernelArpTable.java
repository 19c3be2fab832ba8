package io.cohort.steering.link;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pcap4j.util.MacAddress;

/**
 * The kernel's IPv4 neighbour table as {@code /proc/net/arp} shows it: the fallback of {@link
 * NeighbourCache} for members our capture has not yet heard. Read through {@code
 * /proc/thread-self/net/arp}, which shows the calling thread's network namespace ({@code
 * /proc/net} follows the process's).
 */
public final class KernelArpTable {
    /** The calling thread's table. */
    public static final Path THREAD_TABLE = Path.of("/proc/thread-self/net/arp");
    /** {@code ATF_COM}: the entry is complete (has a MAC). */
    private static final int ATF_COM = 0x2;

    private final Path table;

    public KernelArpTable() {
        this(THREAD_TABLE);
    }

    public KernelArpTable(Path table) {
        this.table = table;
    }

    /** The complete entry for {@code ip} on {@code device}, if any; an unreadable table has none. */
    public Optional<MacAddress> lookup(Inet4Address ip, String device) {
        try {
            return find(Files.readString(table), ip, device);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The entry in a table's text: lines of "IP address, HW type, Flags, HW address, Mask,
     * Device" after a header line.
     */
    static Optional<MacAddress> find(String text, Inet4Address ip, String device) {
        String wanted = ip.getHostAddress();
        for (String line : text.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[0].equals(wanted) || !f[5].equals(device)) {
                continue;
            }
            try {
                int flags = Integer.decode(f[2]);
                MacAddress mac = MacAddress.getByName(f[3]);
                if ((flags & ATF_COM) != 0 && !mac.equals(ArpPacket.ZERO_MAC)) {
                    return Optional.of(mac);
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
