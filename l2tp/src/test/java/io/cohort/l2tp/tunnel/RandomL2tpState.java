package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.control.ControlChannelEssentialState;
import io.cohort.l2tp.session.L2tpSessionDataSequence;
import io.cohort.l2tp.session.L2tpSessionEssentialState;
import io.cohort.l2tp.session.L2tpSessionInitialState;
import io.cohort.l2tp.session.SessionRole;
import io.cohort.l2tp.session.SessionState;
import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.RandomControlMessages;
import io.cohort.testsupport.RandomValues;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalLong;

/** Random valid values of every replicated L2TP state record, for {@link L2tpStateCodec}'s properties. */
final class RandomL2tpState {
    private RandomL2tpState() {}

    static Record any(RandomValues r) {
        return switch (r.intBetween(0, 4)) {
            case 0 -> tunnelInitial(r);
            case 1 -> tunnelEssential(r);
            case 2 -> sessionInitial(r);
            case 3 -> sessionEssential(r);
            default -> dataSequence(r);
        };
    }

    static L2tpTunnelInitialState tunnelInitial(RandomValues r) {
        byte[] raw = r.bytes(r.bool() ? 4 : 16);
        InetAddress address;
        try {
            address = InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return new L2tpTunnelInitialState(r.intBetween(1, 0xFFFF), r.intBetween(0, 0xFFFF),
                new InetSocketAddress(address, r.intBetween(0, 0xFFFF)), r.oneOf(TunnelRole.class),
                r.string(0, 64, RandomValues.ALPHANUMERIC + "-. é€"), r.intBetween(1, 0xFFFF));
    }

    static L2tpTunnelEssentialState tunnelEssential(RandomValues r) {
        return new L2tpTunnelEssentialState(r.oneOf(TunnelState.class),
                new ControlChannelEssentialState<>(r.intBetween(0, 0xFFFF), r.intBetween(0, 0xFFFF),
                        r.listOf(0, 4, RandomL2tpState::pending), r.listOf(0, 3, RandomL2tpState::pending)),
                r.longBetween(0, 0xFFFF_FFFFL),
                r.bool() ? Optional.of(new Avp.Challenge(r.bytes(0, 64))) : Optional.empty(),
                r.bool() ? OptionalLong.of(r.anyLong()) : OptionalLong.empty());
    }

    static PendingControlMessage pending(RandomValues r) {
        return new PendingControlMessage(r.intBetween(0, 0xFFFF), RandomControlMessages.message(r, r.bool()));
    }

    static L2tpSessionInitialState sessionInitial(RandomValues r) {
        return new L2tpSessionInitialState(r.intBetween(1, 0xFFFF), r.intBetween(0, 0xFFFF),
                r.oneOf(SessionRole.class), r.longBetween(0, 0xFFFF_FFFFL), r.bool());
    }

    static L2tpSessionEssentialState sessionEssential(RandomValues r) {
        return new L2tpSessionEssentialState(r.oneOf(SessionState.class), r.bool(),
                r.bool() ? Optional.of(new Avp.CallErrors(u32(r), u32(r), u32(r), u32(r), u32(r), u32(r)))
                        : Optional.empty(),
                r.bool() ? Optional.of(new Avp.Accm(r.anyInt(), r.anyInt())) : Optional.empty());
    }

    static L2tpSessionDataSequence dataSequence(RandomValues r) {
        return new L2tpSessionDataSequence(r.intBetween(0, 0xFFFF), r.intBetween(0, 0xFFFF));
    }

    private static long u32(RandomValues r) {
        return r.longBetween(0, 0xFFFF_FFFFL);
    }
}
