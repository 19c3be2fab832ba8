package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.ClusterCa;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The byte format of every sealed cluster message (all integers big-endian):
 *
 * <pre>
 *  0        1        2            2+L        6+L                 14+L          14+L+n
 *  +--------+--------+------------+----------+-------------------+-------------+--------------+
 *  |version |   L    | sender     | key id   | sequence number   | ciphertext  | Poly1305 tag |
 *  |  = 1   | 1..64  | (L ASCII)  | 4 bytes  | 8 bytes, &gt;= 1     | n bytes     | 16 bytes     |
 *  +--------+--------+------------+----------+-------------------+-------------+--------------+
 * </pre>
 *
 * The sender is the member name of its certificate ({@link ClusterCa#NAME}). The header (bytes
 * 0 to 14+L) is the AEAD's associated data, so every bit of it is authenticated; the nonce is
 * four zero bytes and the sequence number. A key has exactly one sender (pairwise keys are per
 * direction, a group key belongs to the master that made it) and a sender never repeats a
 * sequence number under one key, so a nonce is never reused.
 *
 * @param sender         the sending member
 * @param keyId          which of the sender's keys sealed it ({@link TrafficKey})
 * @param sequence       the per-key sequence number, from 1
 * @param headerLength   the length of the header (associated data) in {@code bytes}
 */
public record SealedEnvelope(MemberId sender, int keyId, long sequence, int headerLength) {
    public static final int VERSION = 1;
    public static final int TAG_LENGTH = 16;
    public static final int MAX_SENDER_LENGTH = 64;
    /** Header bytes other than the sender name. */
    static final int FIXED_HEADER = 1 + 1 + 4 + 8;

    /**
     * The octets sealing adds to a message from {@code sender}: header and tag (the ciphertext is
     * as long as the plaintext). What a sizing of the cluster's traffic must add to the codec's
     * octets.
     */
    public static int overhead(MemberId sender) {
        return FIXED_HEADER + sender.name().getBytes(StandardCharsets.US_ASCII).length + TAG_LENGTH;
    }

    /** The header of a message from {@code sender} under {@code keyId} with {@code sequence}. */
    static byte[] header(MemberId sender, int keyId, long sequence) {
        byte[] name = sender.name().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(FIXED_HEADER + name.length)
                .put((byte) VERSION).put((byte) name.length).put(name).putInt(keyId).putLong(sequence)
                .array();
    }

    /** The header of {@code bytes}, validated; the ciphertext and tag follow it. */
    public static SealedEnvelope parse(byte[] bytes) throws EnvelopeFormatException {
        if (bytes.length < 2) {
            throw new EnvelopeFormatException("too short: " + bytes.length + " bytes");
        }
        if (bytes[0] != VERSION) {
            throw new EnvelopeFormatException("unknown version " + (bytes[0] & 0xFF));
        }
        int nameLength = bytes[1] & 0xFF;
        if (nameLength == 0 || nameLength > MAX_SENDER_LENGTH) {
            throw new EnvelopeFormatException("sender name length " + nameLength + " is not 1.." + MAX_SENDER_LENGTH);
        }
        int headerLength = FIXED_HEADER + nameLength;
        if (bytes.length < headerLength + TAG_LENGTH) {
            throw new EnvelopeFormatException(bytes.length + " bytes cannot hold a " + headerLength + "-byte header and a tag");
        }
        String name = new String(bytes, 2, nameLength, StandardCharsets.US_ASCII);
        if (!ClusterCa.NAME.matcher(name).matches()) {
            throw new EnvelopeFormatException("the sender is not a member name");
        }
        ByteBuffer rest = ByteBuffer.wrap(bytes, 2 + nameLength, 12);
        int keyId = rest.getInt();
        long sequence = rest.getLong();
        if (sequence == 0) {
            throw new EnvelopeFormatException("sequence number 0");
        }
        return new SealedEnvelope(MemberId.of(name), keyId, sequence, headerLength);
    }
}
