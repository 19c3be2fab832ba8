package io.cohort.ppp;

import java.util.Arrays;
import java.util.Random;

/**
 * Damages valid PPP frames for robustness tests: octet-level damage plus edits aimed at the
 * layers inside (address/control and protocol fields, the control packet's code and Length, the
 * first option's type and length, the CHAP Value-Size and PAP Peer-ID Length octets).
 */
final class FrameMutator {
    private final Random random;

    FrameMutator(Random random) {
        this.random = random;
    }

    /** One to three kinds of damage; never returns the input array. */
    byte[] mutate(byte[] frame) {
        byte[] d = frame.clone();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            d = once(d);
        }
        return d;
    }

    private byte[] once(byte[] d) {
        int packet = packetOffset(d);
        switch (random.nextInt(10)) {
            case 0 -> flipBit(d, 0, d.length);
            case 1 -> setOctet(d, random.nextInt(Math.max(1, d.length)), random.nextInt(256));
            case 2 -> d = Arrays.copyOf(d, d.length == 0 ? 0 : random.nextInt(d.length));
            case 3 -> {
                byte[] tail = new byte[1 + random.nextInt(32)];
                random.nextBytes(tail);
                int at = d.length;
                d = Arrays.copyOf(d, d.length + tail.length);
                System.arraycopy(tail, 0, d, at, tail.length);
            }
            case 4 -> flipBit(d, 0, Math.min(d.length, packet)); // address, control, protocol
            case 5 -> setOctet(d, packet, random.nextBoolean() ? random.nextInt(16) : random.nextInt(256)); // code
            case 6 -> { // Length
                int length = switch (random.nextInt(3)) {
                    case 0 -> random.nextInt(5);
                    case 1 -> 0xFFFF;
                    default -> d.length - packet + random.nextInt(7) - 3;
                };
                setOctet(d, packet + 2, length >>> 8);
                setOctet(d, packet + 3, length);
            }
            case 7 -> setOctet(d, packet + 5, random.nextInt(4) == 0 ? random.nextInt(2) : random.nextInt(256)); // 1st option length / CHAP size
            case 8 -> setOctet(d, packet + 4, random.nextInt(256)); // 1st option type / Value-Size / Peer-ID Length
            default -> flipBit(d, packet, d.length);
        }
        return d;
    }

    /** Where the control packet starts: after FF 03 (if present) and the protocol field. */
    static int packetOffset(byte[] d) {
        int at = d.length >= 2 && d[0] == (byte) 0xFF && d[1] == 0x03 ? 2 : 0;
        return at < d.length && (d[at] & 1) == 1 ? at + 1 : at + 2;
    }

    private void flipBit(byte[] d, int from, int to) {
        if (to > from) {
            d[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
        }
    }

    private static void setOctet(byte[] d, int at, int value) {
        if (at >= 0 && at < d.length) {
            d[at] = (byte) value;
        }
    }
}
