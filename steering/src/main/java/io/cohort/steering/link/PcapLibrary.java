package io.cohort.steering.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Points pcap4j at the system's libpcap. pcap4j loads the library named by the system property
 * {@value #PROPERTY} (default {@code pcap}, i.e. {@code libpcap.so}), once, when its native
 * mappings are first used. Debian and Ubuntu install {@code libpcap.so} only with the
 * development package; the runtime package has {@code libpcap.so.0.8}. So unless the property is
 * set already (an operator's choice wins) or a {@code libpcap.so} exists, this sets the property
 * to the absolute path of the first runtime library found. Process-wide by nature: pcap4j reads
 * the property once per JVM.
 */
final class PcapLibrary {
    /** pcap4j's property for the library name or path. */
    static final String PROPERTY = "org.pcap4j.core.pcapLibName";

    private static final List<String> DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64", "/lib");
    private static final List<String> NAMES = List.of("libpcap.so", "libpcap.so.1", "libpcap.so.0.8");

    private PcapLibrary() {}

    /** Sets {@value #PROPERTY} if needed; idempotent. */
    static synchronized void configure() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        for (String name : NAMES) {
            for (String directory : DIRECTORIES) {
                Path candidate = Path.of(directory, name);
                if (Files.exists(candidate)) {
                    if (!name.equals("libpcap.so")) {
                        System.setProperty(PROPERTY, candidate.toString());
                    }
                    return;
                }
            }
        }
    }
}
