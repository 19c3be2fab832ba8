package io.cohort.pptp.state;

import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.ControlState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.control.PptpCallEssentialState;
import io.cohort.pptp.gre.GreChannel;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.pptp.gre.GreSequenceState;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.testsupport.RandomValues;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Random valid PPTP state records of every {@link PptpStateKind}, for the codec's properties. */
final class RandomPptpStates {
    private RandomPptpStates() {}

    /** A record of a random kind. */
    static Record any(RandomValues r) {
        return switch (r.oneOf(PptpStateKind.class)) {
            case CONTROL_CONNECTION_INITIAL -> controlConnectionInitial(r);
            case CALL_INITIAL -> call(r);
            case CONTROL_CONNECTION_ESSENTIAL -> controlConnectionEssential(r);
            case GRE_CHANNEL_INITIAL -> greChannelInitial(r);
            case GRE_CHANNEL_ESSENTIAL -> greChannelEssential(r);
        };
    }

    static ControlConnectionInitialState controlConnectionInitial(RandomValues r) {
        return new ControlConnectionInitialState(new ControlMessage.StartControlConnectionRequest(u16(r), u32(r),
                u32(r), u16(r), u16(r), r.string(0, 64, '\u0001', '\u00FF'), r.string(0, 64, '\u0001', '\u00FF')));
    }

    static PptpCall call(RandomValues r) {
        return new PptpCall(u16(r), u16(r), u16(r), duration(r), u16(r), u16(r), u32(r));
    }

    static ControlConnectionEssentialState controlConnectionEssential(RandomValues r) {
        if (r.chance(0.2)) {
            return new ControlConnectionEssentialState(ControlState.WAIT_STOP_REPLY, 0, false, List.of());
        }
        List<PptpCallEssentialState> calls = r.uniqueListOf(0, 12, RandomPptpStates::u16, x -> x).stream()
                .map(id -> new PptpCallEssentialState(id,
                        r.bool() ? Optional.of(new ControlMessage.SetLinkInfo(u16(r), u32(r), u32(r))) : Optional.empty(),
                        r.bool() ? Optional.of(new ControlMessage.WanErrorNotify(u16(r), u32(r), u32(r), u32(r), u32(r),
                                u32(r), u32(r))) : Optional.empty()))
                .toList();
        long echoIdentifier = u32(r);
        return new ControlConnectionEssentialState(ControlState.ESTABLISHED, echoIdentifier,
                echoIdentifier != 0 && r.bool(), calls);
    }

    static GreChannelInitialState greChannelInitial(RandomValues r) {
        return new GreChannelInitialState(u16(r), u16(r), duration(r), r.intBetween(1, 0xFFFF));
    }

    static GreChannelEssentialState greChannelEssential(RandomValues r) {
        return new GreChannelEssentialState(
                new GreSequenceState(u32(r), r.bool() ? OptionalLong.of(u32(r)) : OptionalLong.empty()),
                r.intBetween(1, GreChannel.MAX_TRANSMIT_WINDOW), duration(r), duration(r));
    }

    /** Mostly the milliseconds to seconds of real delays and RTTs, sometimes any non-negative duration. */
    static Duration duration(RandomValues r) {
        return r.chance(0.8) ? Duration.ofNanos(r.longBetween(0, 60_000_000_000L))
                : Duration.ofSeconds(r.longBetween(0, Long.MAX_VALUE), r.intBetween(0, 999_999_999));
    }

    static int u16(RandomValues r) {
        return r.intBetween(0, 0xFFFF);
    }

    static long u32(RandomValues r) {
        return r.longBetween(0, 0xFFFF_FFFFL);
    }
}
