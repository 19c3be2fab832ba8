package io.cohort.pptp.wire;

import io.cohort.pptp.wire.ControlMessage.*;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every control message, covering each field's whole range. Public for the control tests. */
public final class WireArbitraries {
    private WireArbitraries() {}

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    static Arbitrary<Integer> textLength() {
        return Arbitraries.integers().between(0, ControlMessage.TEXT_FIELD_LENGTH);
    }

    /** Latin-1 without NUL, up to {@code size} characters, often empty or full. */
    static Arbitrary<String> text(int size) {
        return Arbitraries.strings().withCharRange('\u0001', '\u00FF').ofMaxLength(size)
                .edgeCases(c -> c.add("").add("x".repeat(size)));
    }

    public static Arbitrary<ControlMessage> anyMessage() {
        return Arbitraries.oneOf(
                Combinators.combine(u16(), u32(), u32(), u16(), u16(), text(64), text(64))
                        .as(StartControlConnectionRequest::new),
                Combinators.combine(u16(), u8(), u8(), u32(), u32(), u16(), u16(), text(64))
                        .flatAs((v, r, e, f, b, c, fw, h) -> text(64).map(
                                vs -> new StartControlConnectionReply(v, r, e, f, b, c, fw, h, vs))),
                u8().map(StopControlConnectionRequest::new),
                Combinators.combine(u8(), u8()).as(StopControlConnectionReply::new),
                u32().map(EchoRequest::new),
                Combinators.combine(u32(), u8(), u8()).as(EchoReply::new),
                Combinators.combine(u16(), u16(), u32(), u32(), u32(), u32(), u16(), u16())
                        .flatAs((id, sn, min, max, bt, ft, w, d) -> Combinators.combine(textLength(), text(64), text(64))
                                .as((l, p, s) -> new OutgoingCallRequest(id, sn, min, max, bt, ft, w, d, l, p, s))),
                Combinators.combine(u16(), u16(), u8(), u8(), u16(), u32(), u16(), u16())
                        .flatAs((id, peer, r, e, cause, speed, w, d) -> u32().map(
                                ch -> new OutgoingCallReply(id, peer, r, e, cause, speed, w, d, ch))),
                Combinators.combine(u16(), u16(), u32(), u32(), textLength(), textLength(), text(64), text(64))
                        .flatAs((id, sn, bt, ch, l1, l2, n1, n2) -> text(64).map(
                                s -> new IncomingCallRequest(id, sn, bt, ch, l1, l2, n1, n2, s))),
                Combinators.combine(u16(), u16(), u8(), u8(), u16(), u16()).as(IncomingCallReply::new),
                Combinators.combine(u16(), u32(), u16(), u16(), u32()).as(IncomingCallConnected::new),
                u16().map(CallClearRequest::new),
                Combinators.combine(u16(), u8(), u8(), u16(), text(128)).as(CallDisconnectNotify::new),
                Combinators.combine(u16(), u32(), u32(), u32(), u32(), u32(), u32()).as(WanErrorNotify::new),
                Combinators.combine(u16(), u32(), u32()).as(SetLinkInfo::new));
    }
}
