package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.SeededCases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FailingCaseReport.class)
class NetlinkReplyTest {
    @Test
    void zeroErrorIsSuccess() {
        NetlinkReply reply = new NetlinkReply(5);
        assertThat(reply.take(ack(5, 0))).isTrue();
        assertThat(reply.errno()).isZero();
        assertThat(reply.messages()).isEmpty();
    }

    @Test
    void negativeErrorIsTheErrno() {
        NetlinkReply reply = new NetlinkReply(5);
        assertThat(reply.take(ack(5, -17))).isTrue();
        assertThat(reply.errno()).isEqualTo(17);
    }

    @Test
    void ackForAnotherSequenceIsSkipped() {
        NetlinkReply reply = new NetlinkReply(5);
        assertThat(reply.take(ack(4, -1))).isFalse();
        assertThat(reply.errno()).isZero();
    }

    @Test
    void findsTheAckAfterAnotherMessage() {
        ByteBuffer first = ack(4, -1);
        ByteBuffer second = ack(5, -3);
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
        NetlinkReply reply = new NetlinkReply(5);
        assertThat(reply.take(both)).isTrue();
        assertThat(reply.errno()).isEqualTo(3);
    }

    @Test
    void lengthBeyondTheReplyIsMalformed() {
        ByteBuffer reply = ack(5, 0);
        reply.order(ByteOrder.nativeOrder()).putInt(0, 400);
        assertThatThrownBy(() -> new NetlinkReply(5).take(reply)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> errnosAndSequences() {
        return SeededCases.of(1000, random -> Arguments.of(random.intBetween(0, 4095), random.anyInt()));
    }

    @ParameterizedTest
    @MethodSource("errnosAndSequences")
    void anyErrnoRoundTrips(int errno, int sequence) {
        NetlinkReply reply = new NetlinkReply(sequence);
        reply.take(ack(sequence, -errno));
        assertThat(reply.errno()).isEqualTo(errno);
    }

    @Test
    void aSingleAnswerNotFlaggedMultiEndsTheReply() throws IOException {
        NetlinkReply reply = new NetlinkReply(1);
        assertThat(reply.take(kernel("kernel-newlink-lan0.hex"))).isTrue();
        assertThat(reply.errno()).isZero();
        assertThat(reply.messages()).singleElement()
                .satisfies(m -> assertThat(m.type()).isEqualTo(Rtnetlink.RTM_NEWLINK));
    }

    @Test
    void aDumpEndsWithDoneAndKeepsEveryMessageBeforeIt() throws IOException {
        NetlinkReply reply = new NetlinkReply(1);
        assertThat(reply.take(kernel("kernel-newaddr-dump.hex"))).isTrue();
        assertThat(reply.errno()).isZero();
        assertThat(reply.messages()).hasSize(3).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(Rtnetlink.RTM_NEWADDR);
            assertThat(m.flags() & Rtnetlink.NLM_F_MULTI).isNotZero();
        });
    }

    @Test
    void aDumpSplitOverDatagramsWaitsForDone() throws IOException {
        ByteBuffer whole = kernel("kernel-newaddr-dump.hex");
        int firstLength = whole.order(ByteOrder.nativeOrder()).getInt(0);
        NetlinkReply reply = new NetlinkReply(1);
        assertThat(reply.take(whole.slice(0, firstLength))).isFalse();
        assertThat(reply.take(whole.slice(firstLength, whole.limit() - firstLength))).isTrue();
        assertThat(reply.messages()).hasSize(3);
    }

    @Test
    void theKernelsRefusalOfAGetIsItsErrno() throws IOException {
        NetlinkReply reply = new NetlinkReply(1);
        assertThat(reply.take(kernel("kernel-getlink-nosuch0-enodev.hex"))).isTrue();
        assertThat(reply.errno()).isEqualTo(19);
        assertThat(reply.messages()).isEmpty();
    }

    @Test
    void aDoneCarryingAnErrorIsThatErrno() {
        ByteBuffer done = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        done.putInt(20).putShort((short) Rtnetlink.NLMSG_DONE).putShort((short) Rtnetlink.NLM_F_MULTI).putInt(7).putInt(0);
        done.putInt(-105).flip();
        NetlinkReply reply = new NetlinkReply(7);
        assertThat(reply.take(done)).isTrue();
        assertThat(reply.errno()).isEqualTo(105);
    }

    static ByteBuffer kernel(String name) throws IOException {
        return ByteBuffer.wrap(RtnetlinkMessagesTest.golden(name));
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
