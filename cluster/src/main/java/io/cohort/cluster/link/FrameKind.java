package io.cohort.cluster.link;

import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
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
enum FrameKind implements CodePoint {
    SEALED(1, "sealed envelope"),
    SIGNED(2, "signed datagram"),
    JOIN(3, "join request with the handshake's offer"),
    ANSWER(4, "master's handshake answer"),
    FINISH(5, "joiner's handshake finish");

    private static final CodeTable<FrameKind> CODES = new CodeTable<>(values());
    private final Definition definition;

    FrameKind(int code, String description) { definition = new Definition(code, description); }

    @Override public Definition definition() { return definition; }

    /** The kind named by the datagram's first octet, empty if it is empty or names none. */
    static Optional<FrameKind> of(byte[] datagram) {
        return datagram.length == 0 ? Optional.empty() : CODES.of(datagram[0] & 0xFF);
    }
}
