package io.cohort.steering.link;

/**
 * Completes a TCP or UDP checksum that the sender's kernel left partial. A host whose interface
 * offloads transmit checksums (a veth, a virtio NIC: a client in a namespace or a VM beside the
 * master) hands its packets over with only the pseudo-header sum in the checksum field
 * ({@code CHECKSUM_PARTIAL}), and the receiving kernel trusts them. The master, which captured
 * such a frame, must send a complete one to the owner, whose kernel would otherwise drop it.
 *
 * <p>Only a field that holds exactly the partial value (the folded pseudo-header sum, RFC 793
 * section 3.1 and RFC 768, as Linux leaves it for offload) is completed; any other checksum, right
 * or corrupt, is left alone, so forwarding never makes a corrupt packet look sound (but for the
 * one corrupt packet in 65,536 whose field happens to equal the partial value).
 */
final class PartialChecksum {
    private static final int ETHERNET = Frame.HEADER_LENGTH;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private PartialChecksum() {}

    /** Completes the checksum of the IPv4 TCP or UDP packet in {@code frame} in place, if it is partial. */
    static void complete(byte[] frame) {
        if (frame.length < ETHERNET + 20 || (frame[12] & 0xFF) != 0x08 || frame[13] != 0 || (frame[ETHERNET] & 0xF0) != 0x40) {
            return;
        }
        int ihl = (frame[ETHERNET] & 0x0F) * 4;
        int totalLength = u16(frame, ETHERNET + 2);
        int protocol = frame[ETHERNET + 9] & 0xFF;
        boolean fragment = (u16(frame, ETHERNET + 6) & 0x3FFF) != 0;
        int l4 = ETHERNET + ihl;
        int l4Length = totalLength - ihl;
        if (fragment || ihl < 20 || ETHERNET + totalLength > frame.length || (protocol != TCP && protocol != UDP)) {
            return;
        }
        int field = l4 + (protocol == TCP ? 16 : 6);
        if (field + 2 > ETHERNET + totalLength) {
            return;
        }
        long pseudo = sum(frame, ETHERNET + 12, 8) + protocol + l4Length;
        int partial = fold(pseudo); // Linux: th->check = ~csum_tcpudp_magic(...) = the folded sum itself
        if (u16(frame, field) != partial) {
            return;
        }
        frame[field] = 0;
        frame[field + 1] = 0;
        int full = ~fold(pseudo + sum(frame, l4, l4Length)) & 0xFFFF;
        if (protocol == UDP && full == 0) {
            full = 0xFFFF; // RFC 768: a computed zero is sent as all ones
        }
        frame[field] = (byte) (full >>> 8);
        frame[field + 1] = (byte) full;
    }

    private static long sum(byte[] b, int offset, int length) {
        long s = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            s += u16(b, i);
        }
        if (i < offset + length) {
            s += (b[i] & 0xFF) << 8;
        }
        return s;
    }

    private static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF;
    }
}
