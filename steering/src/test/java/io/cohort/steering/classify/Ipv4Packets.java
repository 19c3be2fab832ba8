package io.cohort.steering.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds IPv4 test packets field by field, and reads the golden hex files beside the tests. */
public final class Ipv4Packets {
    public static final int UDP = 17;
    public static final int TCP = 6;
    public static final int GRE = 47;

    private Ipv4Packets() {}

    /** An IPv4 packet (20-byte header, DF) carrying {@code payload}. */
    public static byte[] ipv4(int source, int destination, int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(source).putInt(destination).put(payload);
        return b.array();
    }

    public static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sourcePort)
                .putShort((short) destinationPort).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload).array();
    }

    /** A 20-byte TCP SYN header. */
    public static byte[] tcpSyn(int sourcePort, int destinationPort) {
        return ByteBuffer.allocate(20).putShort((short) sourcePort).putShort((short) destinationPort)
                .putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x02).putShort((short) 64240)
                .putInt(0).array();
    }

    /** An L2TP header (RFC 2661 section 3.1), with the Length field if {@code withLength}. */
    public static byte[] l2tp(boolean control, boolean withLength, int tunnelId, int sessionId) {
        int flags = (control ? 0x8000 | 0x0800 : 0) | (withLength ? 0x4000 : 0) | 2;
        int length = (withLength ? 8 : 6) + (control ? 4 : 0);
        ByteBuffer b = ByteBuffer.allocate(length).putShort((short) flags);
        if (withLength) {
            b.putShort((short) length);
        }
        b.putShort((short) tunnelId).putShort((short) sessionId);
        if (control) {
            b.putShort((short) 0).putShort((short) 0);
        }
        return b.array();
    }

    /** An enhanced GRE header (RFC 2637 section 4.1) with K and S, and a 4-byte PPP payload. */
    public static byte[] enhancedGre(int callId) {
        return ByteBuffer.allocate(16).put((byte) 0x30).put((byte) 0x01).putShort((short) 0x880B)
                .putShort((short) 4).putShort((short) callId).putInt(7)
                .put(new byte[] {(byte) 0xFF, 0x03, (byte) 0xC0, 0x21}).array();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    /** The bytes of a golden file: hex pairs, {@code #} comments to the end of the line. */
    public static byte[] golden(String name) {
        try (InputStream in = Ipv4Packets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int comment = line.indexOf('#');
                hex.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
