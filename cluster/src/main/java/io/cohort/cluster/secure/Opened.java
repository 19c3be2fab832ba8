package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;

/**
 * An authenticated, decrypted, first-seen cluster message.
 *
 * @param sender   the member whose key sealed it
 * @param group    whether it came under the sender's group key (a master broadcast)
 * @param sequence its sequence number under that key
 * @param payload  the plaintext
 */
public record Opened(MemberId sender, boolean group, long sequence, byte[] payload) {
    @Override
    public String toString() {
        return "Opened[" + sender + (group ? " group" : "") + " #" + Long.toUnsignedString(sequence) + ", "
                + payload.length + " bytes]";
    }
}
