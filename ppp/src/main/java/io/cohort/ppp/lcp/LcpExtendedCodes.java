package io.cohort.ppp.lcp;

import io.cohort.ppp.automaton.AutomatonState;
import io.cohort.ppp.automaton.ExtendedCodes;
import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.PppProtocol;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * LCP's codes 8 to 11 (RFC 1661 sections 5.7 to 5.9): Protocol-Reject, Echo-Request, Echo-Reply,
 * Discard-Request. Echo-Replies feed the keepalive; an Echo-Request carrying our own magic number
 * counts towards loop detection.
 */
public final class LcpExtendedCodes implements ExtendedCodes {
    private final LcpNegotiator negotiator;
    private final Consumer<ControlPacket> sink;
    private final IntConsumer protocolRejected;
    private final Runnable echoReplied;
    private int ownMagicEchoes;

    /**
     * @param protocolRejected told the protocol number the peer rejected (not LCP's own)
     * @param echoReplied      told when a valid Echo-Reply arrives
     */
    public LcpExtendedCodes(LcpNegotiator negotiator, Consumer<ControlPacket> sink,
                            IntConsumer protocolRejected, Runnable echoReplied) {
        this.negotiator = negotiator;
        this.sink = sink;
        this.protocolRejected = protocolRejected;
        this.echoReplied = echoReplied;
    }

    @Override
    public Kind classify(ControlPacket packet, AutomatonState state) {
        ControlCode code = packet.knownCode();
        if (code == null) {
            return Kind.UNKNOWN;
        }
        boolean opened = state == AutomatonState.OPENED;
        return switch (code) {
            case PROTOCOL_REJECT -> {
                if (!opened || packet.dataLength() < 2) {
                    yield Kind.DISCARD; // 5.7: only meaningful in Opened
                }
                int protocol = packet.dataView().getShort(0) & 0xFFFF;
                if (protocol == PppProtocol.LCP.number()) {
                    yield Kind.REJECT_CATASTROPHIC;
                }
                protocolRejected.accept(protocol);
                yield Kind.REJECT_PERMITTED;
            }
            case ECHO_REQUEST -> {
                if (opened && magicOf(packet) != 0 && magicOf(packet) == negotiator.ourMagic()) {
                    ownMagicEchoes++; // 6.4: our own echo came back
                }
                yield Kind.RXR;
            }
            case ECHO_REPLY -> {
                if (opened && packet.dataLength() >= 4) {
                    echoReplied.run();
                }
                yield Kind.RXR;
            }
            case DISCARD_REQUEST -> Kind.RXR;
            default -> Kind.UNKNOWN;
        };
    }

    @Override
    public void serve(ControlPacket packet) {
        if (packet.code() != ControlCode.ECHO_REQUEST.code() || packet.dataLength() < 4) {
            return;
        }
        // 5.8: the reply carries our magic number and echoes the rest of the data.
        byte[] data = packet.data();
        ByteBuffer.wrap(data).putInt(0, negotiator.ourMagic());
        sink.accept(new ControlPacket(ControlCode.ECHO_REPLY, packet.identifier(), data));
    }

    /** Echo-Requests received that carried our own magic number. */
    public int ownMagicEchoes() {
        return ownMagicEchoes;
    }

    private static int magicOf(ControlPacket p) {
        return p.dataLength() >= 4 ? p.dataView().getInt(0) : 0;
    }
}
