package io.cohort.cluster.unit;

/**
 * Linux's {@code jhash()} (include/linux/jhash.h: Bob Jenkins' lookup3 {@code hashlittle}) and
 * the scaling nftables applies to it, so that Java computes the very unit the kernel's
 * {@code jhash ... mod 1024 seed S} expression computes (net/netfilter/nft_hash.c,
 * {@code nft_jhash_eval}: {@code reciprocal_scale(jhash(data, len, seed), modulus) + offset}, the
 * offset being 0 unless the rule says {@code offset}).
 *
 * <p>What the kernel hashes for {@code jhash ip saddr . tcp sport}: nftables concatenates the
 * fields in 32-bit registers, each field padded to a multiple of 4 bytes with zeroes, so the data
 * is 8 bytes, not 6: the source address in network order, the port in network order, two zero
 * bytes ({@code nft --debug=netlink} shows {@code jhash(reg 11, 8, seed)}). jhash reads that data
 * as 32-bit words in host order, little-endian on x86-64 and arm64 (the only hosts Cohort runs on;
 * a big-endian member would compute other units and must not join). Verified against the kernel
 * by {@code KernelClassificationIT} in module {@code steering}, and against lookup3's published
 * test vectors by {@code KernelJhashTest}.
 */
public final class KernelJhash {
    /** JHASH_INITVAL: "an arbitrary initial parameter" (include/linux/jhash.h). */
    static final int INITVAL = 0xdeadbeef;

    private KernelJhash() {}

    /** {@code jhash(key, key.length, seed)}, the key's 32-bit words read little-endian. */
    public static int jhash(byte[] key, int seed) {
        int length = key.length;
        int a = INITVAL + length + seed;
        int b = a;
        int c = a;
        int at = 0;
        while (length > 12) {
            a += littleEndianWord(key, at);
            b += littleEndianWord(key, at + 4);
            c += littleEndianWord(key, at + 8);
            // __jhash_mix
            a -= c; a ^= Integer.rotateLeft(c, 4);  c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6);  a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8);  b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4);  b += a;
            length -= 12;
            at += 12;
        }
        if (length == 0) {
            return c; // the tail switch's "case 0: nothing left to add", no final mix
        }
        // the tail switch: the last 1 to 12 bytes, as if zero-padded to 12 and read as words
        a += tailWord(key, at, length);
        b += tailWord(key, at + 4, length - 4);
        c += tailWord(key, at + 8, length - 8);
        return fin(a, b, c);
    }

    /**
     * {@code jhash} of the 8 bytes nftables hashes for {@code ip saddr . tcp sport} (or
     * {@code udp sport}): two words, so no mix round, only the tail and the final mix. Allocates
     * nothing; this is the per-packet path.
     *
     * @param source IPv4 source address, big-endian value (as in {@link FlowKey.Ipv4Flow})
     * @param sourcePort TCP or UDP source port, 0 to 65535
     */
    public static int addressAndPort(int source, int sourcePort, int seed) {
        int a = INITVAL + 8 + seed;
        int b = a;
        int c = a;
        a += Integer.reverseBytes(source); // network-order bytes read as a little-endian word
        b += (sourcePort & 0xFF) << 8 | sourcePort >>> 8 & 0xFF; // port bytes, then two zero bytes
        return fin(a, b, c);
    }

    /**
     * nft's {@code mod range}: include/linux/kernel.h {@code reciprocal_scale(val, ep_ro)}, the
     * top bits of the 32x32-bit product {@code (u64) val * ep_ro >> 32}, not a remainder.
     */
    public static int scale(int hash, int range) {
        return (int) ((Integer.toUnsignedLong(hash) * range) >>> 32);
    }

    /** __jhash_final: the last mix of a, b and c, returning c. */
    private static int fin(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int littleEndianWord(byte[] key, int at) {
        return tailWord(key, at, 4);
    }

    /** The little-endian word at {@code at} of which only the first {@code present} bytes exist. */
    private static int tailWord(byte[] key, int at, int present) {
        int word = 0;
        for (int i = Math.min(present, 4) - 1; i >= 0; i--) {
            word = word << 8 | key[at + i] & 0xFF;
        }
        return word;
    }
}
