package io.cohort.ppp.automaton;

import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppOption;
import io.cohort.telemetry.Counters;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The RFC 1661 section 4 option-negotiation automaton, one instance per protocol per link.
 *
 * <p>Events come from the owner ({@link #up()}, {@link #down()}, {@link #open()},
 * {@link #close()}), from received packets ({@link #receive(ControlPacket)}) and from the restart
 * timer. Each event is looked up in {@link TransitionTable} and its actions run in table order
 * after the state has been updated, so a {@code tlu} callback already sees {@code OPENED}. If a
 * callback re-enters the automaton (e.g. closes it), the remaining actions of the interrupted
 * transition are abandoned: the re-entrant event has already decided the state.
 *
 * <p>Memory per instance is a few fields and at most one pending timer.
 */
public final class OptionAutomaton {
    private static final int MAX_CODE_REJECT_DATA = 1496;
    private static final int FIRST_EXTENDED_CODE = 8;

    private final String name;
    private final RestartPolicy policy;
    private final Scheduler scheduler;
    private final OptionNegotiator negotiator;
    private final LayerEvents layer;
    private final ExtendedCodes extended;
    private final Consumer<ControlPacket> sink;
    private final Counters counters;

    private AutomatonState state = AutomatonState.INITIAL;
    private int restartCount;
    private int naksSinceAck;
    private Timer timer = Timer.NONE;
    private int nextIdentifier;
    private int requestIdentifier = -1;
    private byte[] requestData = new byte[0];
    private int terminateIdentifier = -1;
    private long generation;

    /**
     * @param name     counter prefix, e.g. {@code ppp.lcp}
     * @param sink     sends a control packet of this protocol to the peer
     * @param counters shared counters (not per link)
     */
    public OptionAutomaton(String name, RestartPolicy policy, Scheduler scheduler,
                           OptionNegotiator negotiator, LayerEvents layer, ExtendedCodes extended,
                           Consumer<ControlPacket> sink, Counters counters) {
        this.name = name;
        this.policy = policy;
        this.scheduler = scheduler;
        this.negotiator = negotiator;
        this.layer = layer;
        this.extended = extended;
        this.sink = sink;
        this.counters = counters;
    }

    public AutomatonState state() {
        return state;
    }

    /** The restart counter, for tests and diagnostics. */
    public int restartCount() {
        return restartCount;
    }

    public boolean isOpened() {
        return state == AutomatonState.OPENED;
    }

    public void up() {
        fire(AutomatonEvent.UP, null, null);
    }

    public void down() {
        fire(AutomatonEvent.DOWN, null, null);
    }

    public void open() {
        fire(AutomatonEvent.OPEN, null, null);
    }

    public void close() {
        fire(AutomatonEvent.CLOSE, null, null);
    }

    /** A Protocol-Reject of this protocol arrived in LCP (RFC 1661 5.7): RXJ- for an NCP. */
    public void protocolRejected() {
        fire(AutomatonEvent.RXJ_MINUS, null, null);
    }

    /**
     * Enters Opened directly, without negotiation and without any action: a link rebuilt from its
     * state records on another member (patent, figure 7) whose negotiator already holds the agreed
     * values. Identifiers restart at 0: a Configure-Request's Identifier only has to match its
     * own reply (RFC 1661 5.1), so it is calculable state.
     */
    public void resumeOpened() {
        if (state != AutomatonState.INITIAL) {
            throw new IllegalStateException(name + " resumed in state " + state);
        }
        state = AutomatonState.OPENED;
        generation++;
    }

    /** Handles one received packet of this protocol; bad packets are counted and dropped. */
    public void receive(ControlPacket packet) {
        ControlCode code = packet.code() < FIRST_EXTENDED_CODE ? packet.knownCode() : null;
        if (code == null) {
            if (packet.code() == 0) {
                fire(AutomatonEvent.RUC, packet, null);
                return;
            }
            switch (extended.classify(packet, state)) {
                case RXR -> fire(AutomatonEvent.RXR, packet, null);
                case REJECT_PERMITTED -> fire(AutomatonEvent.RXJ_PLUS, packet, null);
                case REJECT_CATASTROPHIC -> fire(AutomatonEvent.RXJ_MINUS, packet, null);
                case DISCARD -> count("rx.discarded");
                case UNKNOWN -> fire(AutomatonEvent.RUC, packet, null);
            }
            return;
        }
        switch (code) {
            case CONFIGURE_REQUEST -> receiveConfigureRequest(packet);
            case CONFIGURE_ACK, CONFIGURE_NAK, CONFIGURE_REJECT -> receiveConfigureReply(code, packet);
            case TERMINATE_REQUEST -> fire(AutomatonEvent.RTR, packet, null);
            case TERMINATE_ACK -> fire(AutomatonEvent.RTA, packet, null);
            case CODE_REJECT -> receiveCodeReject(packet);
            default -> throw new IllegalStateException("unreachable code " + code);
        }
    }

    private void receiveConfigureRequest(ControlPacket packet) {
        if (!negotiating()) {
            // Closed answers with Terminate-Ack, Closing/Stopping ignore: no need to judge.
            fire(AutomatonEvent.RCR_PLUS, packet, null);
            return;
        }
        if (!(PppOption.decodeAll(packet.data()) instanceof DecodeResult.Ok<List<PppOption>> ok)) {
            count("rx.malformed_options");
            return;
        }
        if (state == AutomatonState.STOPPED) {
            startNegotiation(); // Stopped + RCR begins a fresh negotiation (irc,scr,sca/8)
        }
        RequestVerdict verdict = negotiator.evaluate(ok.value());
        if (verdict instanceof RequestVerdict.Nak nak && naksSinceAck >= policy.maxFailure()) {
            // RFC 1661 4.6 Max-Failure: stop Nak-ing, reject the options that would not converge.
            verdict = rejectNakedTypes(ok.value(), nak);
        }
        fire(verdict instanceof RequestVerdict.Ack ? AutomatonEvent.RCR_PLUS : AutomatonEvent.RCR_MINUS,
                packet, verdict);
    }

    private static RequestVerdict rejectNakedTypes(List<PppOption> peer, RequestVerdict.Nak nak) {
        List<PppOption> refused = new ArrayList<>();
        for (PppOption o : peer) {
            for (PppOption n : nak.options()) {
                if (n.type() == o.type()) {
                    refused.add(o);
                    break;
                }
            }
        }
        return refused.isEmpty() ? nak : new RequestVerdict.Reject(refused);
    }

    private void receiveConfigureReply(ControlCode code, ControlPacket packet) {
        boolean awaitingReply = state == AutomatonState.REQ_SENT || state == AutomatonState.ACK_RCVD
                || state == AutomatonState.ACK_SENT || state == AutomatonState.OPENED;
        if (!awaitingReply) {
            fire(code == ControlCode.CONFIGURE_ACK ? AutomatonEvent.RCA : AutomatonEvent.RCN, packet, null);
            return;
        }
        // RFC 1661 5.2-5.4: replies must match the identifier of our last Configure-Request.
        if (packet.identifier() != requestIdentifier) {
            count("rx.stale_reply");
            return;
        }
        byte[] data = packet.data();
        if (code == ControlCode.CONFIGURE_ACK && !Arrays.equals(data, requestData)) {
            count("rx.ack_mismatch"); // 5.2: Ack options must be exactly those requested
            return;
        }
        if (!(PppOption.decodeAll(data) instanceof DecodeResult.Ok<List<PppOption>> ok)) {
            count("rx.malformed_options");
            return;
        }
        requestIdentifier = -1; // each reply answers one request; a duplicate is stale
        boolean committing = state == AutomatonState.REQ_SENT || state == AutomatonState.ACK_SENT;
        switch (code) {
            case CONFIGURE_ACK -> {
                if (committing) {
                    negotiator.acked(ok.value());
                }
                fire(AutomatonEvent.RCA, packet, null);
            }
            case CONFIGURE_NAK -> {
                negotiator.naked(ok.value());
                fire(AutomatonEvent.RCN, packet, null);
            }
            default -> {
                negotiator.rejected(ok.value());
                fire(AutomatonEvent.RCN, packet, null);
            }
        }
    }

    private void receiveCodeReject(ControlPacket packet) {
        if (packet.dataLength() < 1) {
            count("rx.malformed_code_reject");
            return;
        }
        int rejected = packet.dataView().get(0) & 0xFF;
        // RFC 1661 5.6: rejecting a code the automaton needs (1-7) is catastrophic.
        boolean catastrophic = rejected >= 1 && rejected < FIRST_EXTENDED_CODE;
        fire(catastrophic ? AutomatonEvent.RXJ_MINUS : AutomatonEvent.RXJ_PLUS, packet, null);
    }

    private boolean negotiating() {
        return state == AutomatonState.STOPPED || state.ordinal() >= AutomatonState.REQ_SENT.ordinal();
    }

    private void timeout() {
        if (!state.timerRuns()) {
            return;
        }
        fire(restartCount > 0 ? AutomatonEvent.TO_PLUS : AutomatonEvent.TO_MINUS, null, null);
    }

    private void fire(AutomatonEvent event, ControlPacket packet, RequestVerdict verdict) {
        Transition t = TransitionTable.lookup(state, event);
        if (t == null) {
            count("illegal_event");
            return;
        }
        AutomatonState from = state;
        state = t.next();
        long myGeneration = ++generation;
        if (!state.timerRuns()) {
            timer.cancel();
            timer = Timer.NONE;
        }
        boolean fresh = from.ordinal() < AutomatonState.STOPPED.ordinal();
        List<AutomatonAction> actions = t.actions();
        for (int i = 0; i < actions.size() && generation == myGeneration; i++) {
            switch (actions.get(i)) {
                case TLU -> layer.up();
                case TLD -> layer.down();
                case TLS -> layer.started();
                case TLF -> layer.finished();
                case IRC -> restartCount = actions.contains(AutomatonAction.STR)
                        ? policy.maxTerminate() : policy.maxConfigure();
                case ZRC -> {
                    restartCount = 0;
                    startTimer();
                }
                case SCR -> sendConfigureRequest(fresh);
                case SCA -> sendConfigureAck(packet);
                case SCN -> sendConfigureNakOrReject(packet, verdict);
                case STR -> sendTerminateRequest();
                case STA -> sink.accept(new ControlPacket(ControlCode.TERMINATE_ACK, packet.identifier(), new byte[0]));
                case SCJ -> sendCodeReject(packet);
                case SER -> extended.serve(packet);
            }
        }
    }

    private void sendConfigureRequest(boolean fresh) {
        if (fresh) {
            startNegotiation();
        }
        requestIdentifier = nextIdentifier();
        requestData = PppOption.encodeAll(negotiator.requestOptions());
        restartCount--;
        startTimer();
        sink.accept(new ControlPacket(ControlCode.CONFIGURE_REQUEST, requestIdentifier, requestData));
    }

    private void startNegotiation() {
        negotiator.reset();
        naksSinceAck = 0;
    }

    /** Sets the restart counter: only for tests that must reach TO- in every timed state. */
    void restartCountForTest(int count) {
        restartCount = count;
    }

    /** Fires the restart timer now: only for tests. */
    void timeoutForTest() {
        timeout();
    }

    private void sendConfigureAck(ControlPacket request) {
        naksSinceAck = 0;
        sink.accept(new ControlPacket(ControlCode.CONFIGURE_ACK, request.identifier(), request.data()));
    }

    private void sendConfigureNakOrReject(ControlPacket request, RequestVerdict verdict) {
        switch (verdict) {
            case RequestVerdict.Nak nak -> {
                naksSinceAck++;
                sink.accept(new ControlPacket(ControlCode.CONFIGURE_NAK, request.identifier(),
                        PppOption.encodeAll(nak.options())));
            }
            case RequestVerdict.Reject reject -> sink.accept(new ControlPacket(ControlCode.CONFIGURE_REJECT,
                    request.identifier(), PppOption.encodeAll(reject.options())));
            case RequestVerdict.Ack ack -> throw new IllegalStateException("scn with an Ack verdict");
        }
    }

    private void sendTerminateRequest() {
        terminateIdentifier = nextIdentifier();
        restartCount--;
        startTimer();
        sink.accept(new ControlPacket(ControlCode.TERMINATE_REQUEST, terminateIdentifier, new byte[0]));
    }

    private void sendCodeReject(ControlPacket rejected) {
        byte[] whole = rejected.encode().array();
        byte[] data = whole.length > MAX_CODE_REJECT_DATA ? Arrays.copyOf(whole, MAX_CODE_REJECT_DATA) : whole;
        sink.accept(new ControlPacket(ControlCode.CODE_REJECT, nextIdentifier(), data));
    }

    private void startTimer() {
        timer.cancel();
        timer = scheduler.schedule(policy.restartInterval(), this::timeout);
    }

    private int nextIdentifier() {
        int id = nextIdentifier;
        nextIdentifier = (nextIdentifier + 1) & 0xFF;
        return id;
    }

    private void count(String what) {
        counters.counter(name + "." + what).increment();
    }

    @Override
    public String toString() {
        return "OptionAutomaton[" + name + ", " + state + "]";
    }
}
