package io.cohort.ppp.mppe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** The sample values of RFC 3079 section 3.5 (src/test/resources/mppe/rfc3079-3.5.txt) and golden files. */
final class Rfc3079Vectors {
    private static final Map<String, String> VALUES = load();

    private Rfc3079Vectors() {}

    static byte[] hex(String name) {
        String v = VALUES.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vector " + name);
        }
        return HexFormat.of().parseHex(v.replaceAll("\\s", ""));
    }

    static String text(String name) {
        return VALUES.get(name);
    }

    /** The octets of a .hex file under /mppe: '#' starts a comment, whitespace is ignored. */
    static byte[] golden(String file) {
        StringBuilder hex = new StringBuilder();
        for (String line : read("/mppe/" + file).split("\n")) {
            int hash = line.indexOf('#');
            hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(hex);
    }

    private static Map<String, String> load() {
        Map<String, String> out = new HashMap<>();
        for (String line : read("/mppe/rfc3079-3.5.txt").split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Rfc3079Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
