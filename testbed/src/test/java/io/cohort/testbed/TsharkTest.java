package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsharkTest {
    @TempDir
    Path dir;

    @Test
    void returnsWhatTsharkPrintedOnStandardOutput() {
        assumeTrue(Tshark.installed(), "needs tshark (apt-get install tshark)");
        assertThat(Tshark.run("-v")).startsWith("TShark (Wireshark)");
    }

    @Test
    void aFailureCarriesWhatTsharkPrintedOnStandardError() {
        assumeTrue(Tshark.installed(), "needs tshark (apt-get install tshark)");
        Path missing = dir.resolve("missing.pcap");
        assertThatThrownBy(() -> Tshark.run("-r", missing.toString()))
                .isInstanceOf(TestbedException.class)
                .hasMessageContaining("tshark -r " + missing + " exited with")
                .hasMessageContaining("missing.pcap\" doesn't exist");
    }
}
