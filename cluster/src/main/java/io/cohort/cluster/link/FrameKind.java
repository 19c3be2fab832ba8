package io.cohort.cluster.link;

import java.util.Optional;

/**
 * The first octet of every datagram on the cluster network: what follows it.
 *
 * <ul>
 *   <li>{@link #SEALED}: a {@link io.cohort.cluster.secure.SealedEnvelope} (whose version octet,
 *       1, is this kind), from a member we share a session with or the master's group key; its
 *       plaintext starts with a {@link SealedContent} octet;</li>
 *   <li>{@link #SIGNED}: a {@link io.cohort.cluster.secure.SignedDatagram}, for the few messages
 *       sent before a session exists;</li>
 *   <li>{@link #JOIN}: a join request ({@code wire} octets) whose credential is the handshake's
 *       offer (JoinRequest broadcast, figure 6, 603);</li>
 *   <li>{@link #ANSWER}: the offer's last 8 octets, then the master's handshake answer to it;</li>
 *   <li>{@link #FINISH}: the joiner's handshake finish: name length (1), name, the offer's last 8
 *       octets, finish.</li>
 * </ul>
 */
enum FrameKind {
    SEALED(1), SIGNED(2), JOIN(3), ANSWER(4), FINISH(5);

    final int code;

    FrameKind(int code) {
        this.code = code;
    }

    static Optional<FrameKind> of(byte[] datagram) {
        if (datagram.length == 0) {
            return Optional.empty();
        }
        for (FrameKind k : values()) {
            if (k.code == (datagram[0] & 0xFF)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
