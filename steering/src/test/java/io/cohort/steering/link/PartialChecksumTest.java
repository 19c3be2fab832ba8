package io.cohort.steering.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A partial TCP/UDP checksum is completed; a complete or corrupt one is left as it is. */
class PartialChecksumTest {
    private static final byte[] SOURCE = {10, 77, 0, (byte) 200};
    private static final byte[] DESTINATION = {10, 77, 0, 100};

    @ParameterizedTest
    @ValueSource(ints = {6, 17})
    void aPartialChecksumBecomesTheFullOne(int protocol) {
        byte[] frame = frame(protocol, 37); // odd length: the last byte is padded
        int field = checksumField(protocol);
        int full = reference(frame, protocol);
        put(frame, field, pseudoHeaderSum(frame, protocol));

        PartialChecksum.complete(frame);

        assertThat(u16(frame, field)).isEqualTo(full);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 17})
    void aCompleteOrCorruptChecksumIsLeftAlone(int protocol) {
        byte[] frame = frame(protocol, 40);
        int field = checksumField(protocol);
        put(frame, field, reference(frame, protocol));
        byte[] complete = frame.clone();
        PartialChecksum.complete(frame);
        assertThat(frame).isEqualTo(complete);

        put(frame, field, 0x1234);
        byte[] corrupt = frame.clone();
        PartialChecksum.complete(frame);
        assertThat(frame).isEqualTo(corrupt);
    }

    @Test
    void otherFramesAreLeftAlone() {
        byte[] gre = frame(47, 20);
        byte[] before = gre.clone();
        PartialChecksum.complete(gre);
        assertThat(gre).isEqualTo(before);
        PartialChecksum.complete(new byte[10]);
    }

    private static byte[] frame(int protocol, int payload) {
        int l4Header = protocol == 6 ? 20 : protocol == 17 ? 8 : 4;
        int total = 20 + l4Header + payload;
        ByteBuffer b = ByteBuffer.allocate(14 + total);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putInt(0).put((byte) 64).put((byte) protocol)
                .putShort((short) 0).put(SOURCE).put(DESTINATION);
        for (int i = 0; i < l4Header + payload; i++) {
            b.put((byte) (i * 31 + 7));
        }
        byte[] frame = b.array();
        if (protocol == 17) {
            put(frame, 14 + 20 + 4, 8 + payload); // UDP length
        }
        put(frame, 14 + 20 + (protocol == 6 ? 16 : protocol == 17 ? 6 : 2), 0);
        return frame;
    }

    private static int checksumField(int protocol) {
        return 14 + 20 + (protocol == 6 ? 16 : 6);
    }

    /** The RFC 1071 checksum over pseudo-header and segment, summed in 32-bit words (another way than the code's). */
    private static int reference(byte[] frame, int protocol) {
        int field = checksumField(protocol);
        byte[] copy = frame.clone();
        put(copy, field, 0);
        int length = copy.length - 34;
        ByteBuffer pseudo = ByteBuffer.allocate(12 + length + 4);
        pseudo.put(SOURCE).put(DESTINATION).put((byte) 0).put((byte) protocol).putShort((short) length)
                .put(copy, 34, length);
        long sum = 0;
        pseudo.flip();
        while (pseudo.remaining() >= 4) {
            sum += pseudo.getInt() & 0xFFFFFFFFL;
        }
        long tail = 0;
        for (int shift = 24; pseudo.hasRemaining(); shift -= 8) {
            tail |= (long) (pseudo.get() & 0xFF) << shift;
        }
        sum += tail;
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int result = (int) ~sum & 0xFFFF;
        return protocol == 17 && result == 0 ? 0xFFFF : result;
    }

    private static int pseudoHeaderSum(byte[] frame, int protocol) {
        long sum = u16(frame, 26) + u16(frame, 28) + u16(frame, 30) + u16(frame, 32) + protocol + (frame.length - 34);
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static void put(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    private static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF;
    }
}
