package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

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

    @Property
    void anyErrnoRoundTrips(@ForAll @IntRange(min = 0, max = 4095) int errno, @ForAll int sequence) {
        assertThat(NetlinkAck.errnoFor(ack(sequence, -errno), sequence)).isEqualTo(errno);
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
