package io.cohort.server.l2tp;

import io.cohort.l2tp.session.L2tpSessionDataSequence;
import io.cohort.l2tp.session.L2tpSessionEssentialState;
import io.cohort.l2tp.session.L2tpSessionInitialState;
import io.cohort.l2tp.tunnel.L2tpStateCodec;
import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.statecodec.PppLinkStateCodec;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An L2TP session's replicated state with the PPP link inside it, as published under
 * {@link L2tpStateKeys#SESSION_INITIAL} and {@link L2tpStateKeys#SESSION_ESSENTIAL} (patent,
 * figure 7): the records of {@link L2tpStateCodec} and {@link PppLinkStateCodec} one after the
 * other, each but the last preceded by its length as an unsigned 16-bit number in network byte
 * order. Decoding never throws: damaged octets give a {@link DecodeResult.Malformed} whose detail
 * names the part, never its content.
 */
final class SessionReplicaCodec {
    /** Which part of a session replica failed to decode. */
    enum Fault { FRAMING, L2TP_RECORD, PPP_RECORD }

    /** What is sent once per session: the call's and the link's initial state. */
    record SessionInitial(L2tpSessionInitialState l2tp, PppLinkInitialState ppp) {
        SessionInitial {
            Objects.requireNonNull(l2tp);
            Objects.requireNonNull(ppp);
        }
    }

    /** What is sent on change: the call's state, its data sequence numbers and the link's MPPE state. */
    record SessionEssential(L2tpSessionEssentialState l2tp, L2tpSessionDataSequence dataSequence,
                            PppLinkEssentialState ppp) {
        SessionEssential {
            Objects.requireNonNull(l2tp);
            Objects.requireNonNull(dataSequence);
            Objects.requireNonNull(ppp);
        }

        @Override
        public String toString() {
            // the PPP part holds session keys
            return "SessionEssential[" + l2tp.state() + ", " + dataSequence + "]";
        }
    }

    private SessionReplicaCodec() {}

    static byte[] encode(SessionInitial s) {
        return join(L2tpStateCodec.encode(s.l2tp()), PppLinkStateCodec.encode(s.ppp()));
    }

    static byte[] encode(SessionEssential s) {
        return join(L2tpStateCodec.encode(s.l2tp()), L2tpStateCodec.encode(s.dataSequence()),
                PppLinkStateCodec.encode(s.ppp()));
    }

    static DecodeResult<SessionInitial, Fault> decodeInitial(byte[] octets) {
        List<ByteBuffer> parts = split(octets, 2);
        if (parts == null) {
            return new DecodeResult.Malformed<>(Fault.FRAMING, "session initial state: bad part lengths");
        }
        var l2tp = L2tpStateCodec.decode(parts.get(0), L2tpSessionInitialState.class);
        if (l2tp instanceof DecodeResult.Malformed<L2tpSessionInitialState, ?> m) {
            return new DecodeResult.Malformed<>(Fault.L2TP_RECORD, "session initial state: " + m.error());
        }
        var ppp = PppLinkStateCodec.decodeInitial(parts.get(1));
        if (ppp instanceof DecodeResult.Malformed<PppLinkInitialState, ?> m) {
            return new DecodeResult.Malformed<>(Fault.PPP_RECORD, "PPP initial state: " + m.error());
        }
        return new DecodeResult.Decoded<>(new SessionInitial(value(l2tp), value(ppp)));
    }

    static DecodeResult<SessionEssential, Fault> decodeEssential(byte[] octets) {
        List<ByteBuffer> parts = split(octets, 3);
        if (parts == null) {
            return new DecodeResult.Malformed<>(Fault.FRAMING, "session essential state: bad part lengths");
        }
        var l2tp = L2tpStateCodec.decode(parts.get(0), L2tpSessionEssentialState.class);
        var data = L2tpStateCodec.decode(parts.get(1), L2tpSessionDataSequence.class);
        if (l2tp instanceof DecodeResult.Malformed<L2tpSessionEssentialState, ?> m) {
            return new DecodeResult.Malformed<>(Fault.L2TP_RECORD, "session essential state: " + m.error());
        }
        if (data instanceof DecodeResult.Malformed<L2tpSessionDataSequence, ?> m) {
            return new DecodeResult.Malformed<>(Fault.L2TP_RECORD, "session data sequence: " + m.error());
        }
        var ppp = PppLinkStateCodec.decodeEssential(parts.get(2));
        if (ppp instanceof DecodeResult.Malformed<PppLinkEssentialState, ?> m) {
            return new DecodeResult.Malformed<>(Fault.PPP_RECORD, "PPP essential state: " + m.error());
        }
        return new DecodeResult.Decoded<>(new SessionEssential(value(l2tp), value(data), value(ppp)));
    }

    private static byte[] join(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length + 2 * (parts.length - 1));
        for (int i = 0; i < parts.length; i++) {
            if (i < parts.length - 1) {
                if (parts[i].length > 0xFFFF) {
                    throw new IllegalArgumentException("a state record of " + parts[i].length + " octets");
                }
                out.putShort((short) parts[i].length);
            }
            out.put(parts[i]);
        }
        return out.array();
    }

    /** {@code count} parts, each but the last length-prefixed; null if the lengths do not add up. */
    private static List<ByteBuffer> split(byte[] octets, int count) {
        ByteBuffer in = ByteBuffer.wrap(octets);
        List<ByteBuffer> parts = new ArrayList<>(count);
        for (int i = 0; i < count - 1; i++) {
            if (in.remaining() < 2) {
                return null;
            }
            int length = Short.toUnsignedInt(in.getShort());
            if (in.remaining() < length) {
                return null;
            }
            parts.add(in.slice(in.position(), length));
            in.position(in.position() + length);
        }
        parts.add(in.slice());
        return parts;
    }

    private static <T> T value(DecodeResult<T, ?> decoded) {
        return ((DecodeResult.Decoded<T, ?>) decoded).value();
    }
}
