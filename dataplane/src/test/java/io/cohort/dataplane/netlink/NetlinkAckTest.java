package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class NetlinkAckTest {
    @Test
    void zeroErrorIsSuccess() {
        assertThat(NetlinkAck.errnoFor(ack(5, 0), 5)).isZero();
    }

    @Test
    void negativeErrorIsTheErrno() {
        assertThat(NetlinkAck.errnoFor(ack(5, -17), 5)).isEqualTo(17);
    }

    @Test
    void ackForAnotherSequenceIsSkipped() {
        assertThat(NetlinkAck.errnoFor(ack(4, -1), 5)).isEqualTo(-1);
    }

    @Test
    void findsTheAckAfterAnotherMessage() {
        ByteBuffer first = ack(4, -1);
        ByteBuffer second = ack(5, -3);
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
        assertThat(NetlinkAck.errnoFor(both, 5)).isEqualTo(3);
    }

    @Test
    void lengthBeyondTheReplyIsMalformed() {
        ByteBuffer reply = ack(5, 0);
        reply.order(ByteOrder.nativeOrder()).putInt(0, 400);
        assertThatThrownBy(() -> NetlinkAck.errnoFor(reply, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("errnosAndSequences")
    void anyErrnoRoundTrips(int errno, int sequence) {
        assertThat(NetlinkAck.errnoFor(ack(sequence, -errno), sequence)).isEqualTo(errno);
    }

    static Stream<Arguments> errnosAndSequences() {
        return SeededCases.of(1000, random -> Arguments.of(random.intBetween(0, 4095), random.anyInt()));
    }

    /** NLMSG_ERROR: nlmsghdr, int error, then the original request's nlmsghdr. */
    private static ByteBuffer ack(int sequence, int error) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) Rtnetlink.NLMSG_ERROR).putShort((short) 0x100).putInt(sequence).putInt(4242);
        b.putInt(error);
        b.putInt(44).putShort((short) Rtnetlink.RTM_NEWROUTE).putShort((short) 0x605).putInt(sequence).putInt(0);
        return b.flip();
    }
}
