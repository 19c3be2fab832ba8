package io.cohort.l2tp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads hand-written golden datagrams from {@code src/test/resources/wire/*.hex}. */
public final class GoldenBytes {
    private GoldenBytes() {}

    /** The octets of a .hex file: '#' starts a comment, whitespace is ignored. */
    public static byte[] load(String name) {
        try (InputStream in = GoldenBytes.class.getResourceAsStream("/wire/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    public static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
