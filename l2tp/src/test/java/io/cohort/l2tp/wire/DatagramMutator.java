package io.cohort.l2tp.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages valid L2TP datagrams for robustness tests: octet-level damage (bit flips, replaced
 * octets, truncation, random tails) plus edits that keep the framing plausible so that the damage
 * reaches the AVP and message layers (header Length and AVP Length fields, M/H/reserved bits,
 * duplicated, removed, swapped and inserted AVPs). After an AVP edit the header Length is fixed
 * up, so the datagram still frames correctly. Deterministic for a given {@link Random}.
 * Public so that the server's live fuzz test can use it (test-jar).
 */
public final class DatagramMutator {
    /** One kind of damage. */
    public enum Kind {
        FLIP_BIT, REPLACE_OCTET, TRUNCATE, EXTEND, HEADER_FLAGS, HEADER_LENGTH, AVP_LENGTH, AVP_HIDDEN_BIT,
        AVP_MANDATORY_BIT, AVP_RESERVED_BITS, AVP_VALUE, DUPLICATE_AVP, REMOVE_AVP, SWAP_AVPS, INSERT_UNKNOWN_AVP,
        MESSAGE_TYPE
    }

    private static final int CONTROL_HEADER = 12;
    private static final Kind[] KINDS = Kind.values();
    private final Random random;

    public DatagramMutator(Random random) {
        this.random = random;
    }

    /** One to three random kinds of damage applied in turn; never returns the input array. */
    public byte[] mutate(byte[] datagram) {
        byte[] d = datagram.clone();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            d = mutate(d, KINDS[random.nextInt(KINDS.length)]);
        }
        return d;
    }

    /** This kind of damage; falls back to a bit flip where the kind does not apply. */
    public byte[] mutate(byte[] datagram, Kind kind) {
        byte[] d = datagram.clone();
        List<int[]> avps = avps(d);
        switch (kind) {
            case FLIP_BIT -> flipBit(d);
            case REPLACE_OCTET -> {
                if (d.length > 0) {
                    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                }
            }
            case TRUNCATE -> d = Arrays.copyOf(d, d.length == 0 ? 0 : random.nextInt(d.length));
            case EXTEND -> {
                byte[] tail = new byte[1 + random.nextInt(64)];
                random.nextBytes(tail);
                d = concat(d, tail);
            }
            case HEADER_FLAGS -> {
                if (d.length > 0) {
                    d[0] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case HEADER_LENGTH -> {
                if (d.length >= 4) {
                    int length = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> 0xFFFF;
                        case 2 -> random.nextInt(16);
                        default -> Math.max(0, d.length + random.nextInt(9) - 4);
                    };
                    d[2] = (byte) (length >>> 8);
                    d[3] = (byte) length;
                }
            }
            case AVP_LENGTH -> {
                if (avps.isEmpty()) {
                    flipBit(d);
                } else {
                    int at = pick(avps)[0];
                    int length = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(6);
                        case 1 -> 0x3FF;
                        case 2 -> d.length - at + 1 + random.nextInt(4);
                        default -> random.nextInt(0x400);
                    };
                    int bits = ((d[at] & 0xFC) << 8) | (length & 0x3FF);
                    d[at] = (byte) (bits >>> 8);
                    d[at + 1] = (byte) bits;
                }
            }
            case AVP_HIDDEN_BIT -> flagBit(d, avps, 0x40);
            case AVP_MANDATORY_BIT -> flagBit(d, avps, 0x80);
            case AVP_RESERVED_BITS -> flagBit(d, avps, 0x04 << random.nextInt(4));
            case AVP_VALUE -> {
                int[] a = avps.isEmpty() ? null : pick(avps);
                if (a == null || a[1] <= 6) {
                    flipBit(d);
                } else {
                    d[a[0] + 6 + random.nextInt(a[1] - 6)] = (byte) random.nextInt(256);
                }
            }
            case DUPLICATE_AVP -> {
                if (avps.isEmpty()) {
                    flipBit(d);
                } else {
                    int[] a = pick(avps);
                    d = fixLength(insert(d, a[0] + a[1], Arrays.copyOfRange(d, a[0], a[0] + a[1])));
                }
            }
            case REMOVE_AVP -> {
                if (avps.isEmpty()) {
                    flipBit(d);
                } else {
                    int[] a = pick(avps);
                    d = fixLength(concat(Arrays.copyOf(d, a[0]), Arrays.copyOfRange(d, a[0] + a[1], d.length)));
                }
            }
            case SWAP_AVPS -> {
                if (avps.size() < 2) {
                    flipBit(d);
                } else {
                    int[] first = avps.get(random.nextInt(avps.size() - 1));
                    int[] last = avps.getLast();
                    d = swap(d, first, last);
                }
            }
            case INSERT_UNKNOWN_AVP -> {
                int at = avps.isEmpty() ? d.length : pick(avps)[0];
                byte[] value = new byte[random.nextInt(8)];
                random.nextBytes(value);
                int length = 6 + value.length;
                int flags = random.nextInt(4) << 14; // M and H at random
                int vendor = random.nextBoolean() ? 0 : random.nextInt(0x10000);
                int attribute = random.nextBoolean() ? 40 + random.nextInt(200) : random.nextInt(0x10000);
                byte[] avp = concat(new byte[] {(byte) ((flags | length) >>> 8), (byte) length,
                        (byte) (vendor >>> 8), (byte) vendor, (byte) (attribute >>> 8), (byte) attribute}, value);
                d = fixLength(insert(d, at, avp));
            }
            case MESSAGE_TYPE -> {
                if (avps.isEmpty() || avps.getFirst()[1] != 8) {
                    flipBit(d);
                } else {
                    int at = avps.getFirst()[0] + 6;
                    int type = random.nextInt(20);
                    d[at] = 0;
                    d[at + 1] = (byte) type;
                }
            }
        }
        return d;
    }

    /** Random octets of random length up to {@code maxLength}, often starting like an L2TP header. */
    public static byte[] randomDatagram(Random random, int maxLength) {
        byte[] d = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(d);
        if (d.length >= 2 && random.nextBoolean()) {
            d[0] = (byte) (random.nextBoolean() ? 0xC8 : d[0] & 0x4B);
            d[1] = 0x02;
            if (d.length >= 4 && random.nextBoolean()) {
                d[2] = (byte) (d.length >>> 8);
                d[3] = (byte) d.length;
            }
        }
        return d;
    }

    /** [offset, length] of each AVP of a control message, up to the first one that does not frame. */
    static List<int[]> avps(byte[] d) {
        List<int[]> out = new ArrayList<>();
        if (d.length < CONTROL_HEADER || (d[0] & 0xC8) != 0xC8) {
            return out;
        }
        int end = Math.min(d.length, ((d[2] & 0xFF) << 8) | (d[3] & 0xFF));
        int pos = CONTROL_HEADER;
        while (end - pos >= 6) {
            int length = ((d[pos] & 0x03) << 8) | (d[pos + 1] & 0xFF);
            if (length < 6 || length > end - pos) {
                break;
            }
            out.add(new int[] {pos, length});
            pos += length;
        }
        return out;
    }

    private int[] pick(List<int[]> avps) {
        return avps.get(random.nextInt(avps.size()));
    }

    private void flipBit(byte[] d) {
        if (d.length > 0) {
            d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
        }
    }

    private void flagBit(byte[] d, List<int[]> avps, int bit) {
        if (avps.isEmpty()) {
            flipBit(d);
        } else {
            d[pick(avps)[0]] ^= (byte) bit;
        }
    }

    /** Sets the header Length of a control message to the datagram's length. */
    private static byte[] fixLength(byte[] d) {
        if (d.length >= 4 && (d[0] & 0x40) != 0 && d.length <= 0xFFFF) {
            d[2] = (byte) (d.length >>> 8);
            d[3] = (byte) d.length;
        }
        return d;
    }

    private static byte[] swap(byte[] d, int[] first, int[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(d.length);
        out.write(d, 0, first[0]);
        out.write(d, second[0], second[1]);
        out.write(d, first[0] + first[1], second[0] - first[0] - first[1]);
        out.write(d, first[0], first[1]);
        out.write(d, second[0] + second[1], d.length - second[0] - second[1]);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] d, int at, byte[] part) {
        return concat(concat(Arrays.copyOf(d, at), part), Arrays.copyOfRange(d, at, d.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
