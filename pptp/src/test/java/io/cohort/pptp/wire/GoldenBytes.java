package io.cohort.pptp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Loads hand-written golden octets from {@code src/test/resources/<folder>/*.hex}. Public for the gre tests. */
public final class GoldenBytes {
    private GoldenBytes() {}

    /** The octets of a .hex file: '#' starts a comment, whitespace is ignored. */
    public static byte[] load(String path) {
        try (InputStream in = GoldenBytes.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + path);
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

    /** Every .hex file of a resource folder, sorted by name. */
    public static List<byte[]> all(String folder) {
        try (Stream<Path> files = Files.list(Path.of(GoldenBytes.class.getResource("/" + folder).toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex")).sorted()
                    .map(n -> load(folder + "/" + n)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
