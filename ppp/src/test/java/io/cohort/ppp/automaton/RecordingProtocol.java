package io.cohort.ppp.automaton;

import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.PppOption;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal protocol around an {@link OptionAutomaton} that records every action it observes,
 * in RFC 1661 abbreviations. The peer's requests are good when they carry option 1 = 0.
 */
final class RecordingProtocol implements OptionNegotiator, LayerEvents, ExtendedCodes {
    static final RestartPolicy POLICY = new RestartPolicy(java.time.Duration.ofSeconds(3), 4, 7, 5);
    static final int ECHO = 9;

    final VirtualScheduler scheduler = new VirtualScheduler();
    final Counters counters = new Counters();
    final List<String> actions = new ArrayList<>();
    final List<ControlPacket> sent = new ArrayList<>();
    final OptionAutomaton automaton;

    RecordingProtocol() {
        automaton = new OptionAutomaton("test", POLICY, scheduler, this, this, this, this::send, counters);
    }

    private void send(ControlPacket p) {
        sent.add(p);
        ControlCode c = p.knownCode();
        actions.add(switch (c) {
            case CONFIGURE_REQUEST -> "scr";
            case CONFIGURE_ACK -> "sca";
            case CONFIGURE_NAK, CONFIGURE_REJECT -> "scn";
            case TERMINATE_REQUEST -> "str";
            case TERMINATE_ACK -> "sta";
            case CODE_REJECT -> "scj";
            default -> "send-" + c;
        });
    }

    ControlPacket lastSent(ControlCode code) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).code() == code.code()) {
                return sent.get(i);
            }
        }
        throw new AssertionError("nothing sent with code " + code);
    }

    static ControlPacket goodRequest() {
        return new ControlPacket(ControlCode.CONFIGURE_REQUEST, 200,
                PppOption.encodeAll(List.of(new PppOption(1, new byte[] {0}))));
    }

    static ControlPacket badRequest() {
        return new ControlPacket(ControlCode.CONFIGURE_REQUEST, 201,
                PppOption.encodeAll(List.of(new PppOption(1, new byte[] {5}))));
    }

    /** A Configure-Ack that matches our last request (any id if we sent none). */
    ControlPacket matchingAck() {
        return matchingReply(ControlCode.CONFIGURE_ACK);
    }

    ControlPacket matchingNak() {
        return matchingReply(ControlCode.CONFIGURE_NAK);
    }

    private ControlPacket matchingReply(ControlCode code) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            ControlPacket p = sent.get(i);
            if (p.code() == ControlCode.CONFIGURE_REQUEST.code()) {
                return new ControlPacket(code, p.identifier(), code == ControlCode.CONFIGURE_ACK ? p.data() : new byte[0]);
            }
        }
        return new ControlPacket(code, 99, new byte[0]);
    }

    @Override public void reset() { }

    @Override public List<PppOption> requestOptions() {
        return List.of(new PppOption(2, new byte[] {1, 2}));
    }

    @Override public RequestVerdict evaluate(List<PppOption> peerOptions) {
        for (PppOption o : peerOptions) {
            if (o.type() == 1 && o.octet(0) != 0) {
                return new RequestVerdict.Nak(List.of(new PppOption(1, new byte[] {0})));
            }
        }
        return RequestVerdict.ACK;
    }

    @Override public void acked(List<PppOption> ours) { }
    @Override public void naked(List<PppOption> suggestions) { }
    @Override public void rejected(List<PppOption> refused) { }

    @Override public void up() { actions.add("tlu"); }
    @Override public void down() { actions.add("tld"); }
    @Override public void started() { actions.add("tls"); }
    @Override public void finished() { actions.add("tlf"); }

    @Override public Kind classify(ControlPacket packet, AutomatonState state) {
        return packet.code() == ECHO ? Kind.RXR : Kind.UNKNOWN;
    }

    @Override public void serve(ControlPacket packet) {
        actions.add("ser");
    }
}
