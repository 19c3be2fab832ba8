package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Value semantics of the AVP records and their envelope. */
class AvpTest {

    @Test
    void octetStringRecordsCompareByContent() {
        assertThat(new Avp.Challenge(new byte[] {1, 2})).isEqualTo(new Avp.Challenge(new byte[] {1, 2}))
                .hasSameHashCodeAs(new Avp.Challenge(new byte[] {1, 2}))
                .isNotEqualTo(new Avp.Challenge(new byte[] {1, 3}));
        assertThat(new Avp.UnknownAvp(9, 1, false, new byte[] {1}))
                .isEqualTo(new Avp.UnknownAvp(9, 1, false, new byte[] {1}))
                .isNotEqualTo(new Avp.UnknownAvp(9, 2, false, new byte[] {1}));
    }

    @Test
    void octetStringRecordsAreImmutable() {
        byte[] in = {1, 2};
        Avp.RandomVector rv = new Avp.RandomVector(in);
        in[0] = 9;
        rv.value()[1] = 9;

        assertThat(rv.value()).containsExactly(1, 2);
    }

    @Test
    void everyStandardRecordKnowsItsType() {
        assertThat(new Avp.HostName("h").type()).isEqualTo(AvpType.HOST_NAME);
        assertThat(new Avp.HostName("h").attributeType()).isEqualTo(7);
        assertThat(new Avp.HostName("h").vendorId()).isZero();
        assertThat(new Avp.SequencingRequired().type()).isEqualTo(AvpType.SEQUENCING_REQUIRED);
        assertThat(new Avp.UnknownAvp(311, 12, false, new byte[0]).attributeType()).isEqualTo(12);
    }

    @Test
    void defaultFlagsAreTheRfcMBits() {
        assertThat(FlaggedAvp.of(new Avp.TieBreaker(1))).isEqualTo(new FlaggedAvp(new Avp.TieBreaker(1), false, false));
        assertThat(FlaggedAvp.of(new Avp.AssignedTunnelId(1)).mandatory()).isTrue();
        assertThat(FlaggedAvp.hidden(new Avp.AssignedTunnelId(1)).hidden()).isTrue();
        assertThat(FlaggedAvp.of(new Avp.UnknownAvp(1, 1, false, new byte[0])).mandatory()).isFalse();
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThatThrownBy(() -> new Avp.AssignedTunnelId(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Avp.CallSerialNumber(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Avp.ProxyAuthenId(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Avp.ResultCode(1, OptionalInt.empty(), "text without an error code"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlaggedAvp(new Avp.UnknownAvp(1, 1, true, new byte[0]), false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void controlMessageListIsImmutable() {
        ControlMessage m = ControlMessage.of(MessageType.HELLO, new Avp.VendorName("v"));

        assertThatThrownBy(() -> m.avps().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
