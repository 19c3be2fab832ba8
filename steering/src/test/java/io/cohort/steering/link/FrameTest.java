package io.cohort.steering.link;

import static io.cohort.steering.link.LinkFixtures.CLIENT_MAC;
import static io.cohort.steering.link.LinkFixtures.MASTER_MAC;
import static io.cohort.steering.link.LinkFixtures.OWNER_MAC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameTest {
    /** A client's frame to the master: Ethernet header, then the start of an IPv4 header. */
    private static final byte[] CAPTURED = HexFormat.of().parseHex(
            "525400000001" + "525400000010" + "0800" + "4500003c1c4640004011");

    @Test
    void readsTheHeader() {
        Frame frame = Frame.copyOf(CAPTURED);

        assertThat(frame.destination()).isEqualTo(MASTER_MAC);
        assertThat(frame.source()).isEqualTo(CLIENT_MAC);
        assertThat(frame.etherType()).isEqualTo(Frame.ETHERTYPE_IPV4);
        assertThat(frame.length()).isEqualTo(CAPTURED.length);
    }

    @Test
    void readdressingChangesOnlyTheMacsOfACopy() {
        Frame frame = Frame.copyOf(CAPTURED);

        byte[] forwarded = frame.readdressed(OWNER_MAC, MASTER_MAC);

        assertThat(Arrays.copyOfRange(forwarded, 0, 6)).isEqualTo(OWNER_MAC.getAddress());
        assertThat(Arrays.copyOfRange(forwarded, 6, 12)).isEqualTo(MASTER_MAC.getAddress());
        assertThat(Arrays.copyOfRange(forwarded, 12, forwarded.length))
                .isEqualTo(Arrays.copyOfRange(CAPTURED, 12, CAPTURED.length));
        assertThat(frame.toByteArray()).isEqualTo(CAPTURED);
    }

    @Test
    void copiesAreIndependentOfTheCallersArray() {
        byte[] bytes = CAPTURED.clone();
        Frame frame = Frame.copyOf(bytes);
        bytes[0] = 0;

        assertThat(frame.destination()).isEqualTo(MASTER_MAC);
    }

    @Test
    void aFrameNeedsAHeader() {
        assertThatThrownBy(() -> Frame.copyOf(new byte[13])).isInstanceOf(IllegalArgumentException.class);
    }
}
