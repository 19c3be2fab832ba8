package io.cohort.ppp.ccp;

import io.cohort.ppp.automaton.AutomatonState;
import io.cohort.ppp.automaton.LayerEvents;
import io.cohort.ppp.automaton.OptionAutomaton;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.mppe.MppeDecryptor;
import io.cohort.ppp.mppe.MppeDecryptorState;
import io.cohort.ppp.mppe.MppeEncryptor;
import io.cohort.ppp.mppe.MppeEncryptorState;
import io.cohort.ppp.mppe.MppeHeader;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeReceiveResult;
import io.cohort.ppp.mppe.MppeStartKeys;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * CCP and MPPE for one link whose policy requires encryption: the CCP automaton with
 * {@link CcpNegotiator} and {@link CcpResetCodes}, and once CCP is Opened an
 * {@link MppeEncryptor}/{@link MppeDecryptor} pair keyed from the MS-CHAPv2 master key
 * (RFC 3079 section 3). CCP is an NCP: {@link #start} runs when the link enters the Network phase.
 *
 * <p>RFC 3078 section 3: only protocols 0x0021 to 0x00FA are encrypted, so IPCP and CCP packets
 * themselves travel in clear, but no network-layer datagram may flow before CCP is Opened ("Peers
 * MUST NOT transmit user data until the MPPE negotiation is complete", section 9); the link owner
 * asks {@link #isOpen()} before sending and drops cleartext datagrams from the peer.
 *
 * <p>Stateful mode (8.2): a lost packet drops it and sends a Reset-Request without data. While
 * packets are discarded awaiting one with FLUSHED set, an unacknowledged Reset-Request is repeated
 * at most once per restart interval (RFC 1962 3.1 repeats it "until a valid Reset-Ack is
 * received"; the rate keeps a burst of discarded packets from becoming a burst of requests); once
 * it was acknowledged, a packet still without FLUSHED means the flushed one was lost too, so a new
 * Reset-Request goes out at once.
 *
 * <p>{@link Listener#failed} reports that MPPE cannot be agreed; the owner terminates the link.
 * Keys are never logged; {@link #stop()} wipes them.
 */
public final class MppeLayer {
    /** What the layer tells its link, on the engine thread. */
    public interface Listener {
        /** CCP reached Opened: MPPE is in force both ways and user data may flow. */
        void opened(MppeMode mode);

        /** MPPE is impossible with this peer; {@code reason} holds no secrets. */
        void failed(String reason);
    }

    private final boolean server;
    private final Scheduler scheduler;
    private final RestartPolicy restart;
    private final Consumer<ControlPacket> sendCcp;
    private final Listener listener;
    private final Counters counters;
    private final RateLimitedLog log;
    private final String linkName;
    private final CcpNegotiator negotiator;
    private final OptionAutomaton ccp;

    private MppeKeyMaterial material;
    private MppeEncryptor encryptor;
    private MppeDecryptor decryptor;
    private MppeMode mode;
    private boolean running;
    private boolean peerRejectedCcp;
    private int resetIdentifier;
    private boolean resetPending;
    private long lastResetNanos;

    /**
     * @param server   which end derives which start key (RFC 3079 3.3)
     * @param sendCcp  sends a CCP packet (protocol 0x80FD) to the peer
     */
    public MppeLayer(CcpSettings settings, boolean server, RestartPolicy restart, Scheduler scheduler,
                     Consumer<ControlPacket> sendCcp, Listener listener, Counters counters, RateLimitedLog log,
                     String linkName) {
        this.server = server;
        this.scheduler = scheduler;
        this.restart = restart;
        this.sendCcp = sendCcp;
        this.listener = listener;
        this.counters = counters;
        this.log = log;
        this.linkName = linkName;
        this.negotiator = new CcpNegotiator(settings);
        CcpResetCodes resetCodes = new CcpResetCodes(sendCcp, this::peerRequestedReset, this::resetAcked);
        this.ccp = new OptionAutomaton("ppp.ccp", restart, scheduler, negotiator, new CcpEvents(), resetCodes,
                sendCcp, counters);
    }

    /**
     * The link entered the Network phase (RFC 1962 section 2: CCP runs there). Without MS-CHAPv2
     * key material MPPE cannot be keyed (RFC 3079 3), so that fails at once.
     */
    public void start(Optional<MppeKeyMaterial> keys) {
        if (keys.isEmpty()) {
            listener.failed("MPPE required but the authentication gave no MPPE keys (MS-CHAPv2 needed)");
            return;
        }
        material = keys.get();
        running = true;
        peerRejectedCcp = false;
        ccp.up();
        ccp.open();
    }

    /**
     * Rebuilds the layer of a link that is taken over (patent, figure 7): CCP Opened in
     * {@code mode} without negotiation, the start keys derived again from the master key (RFC 3079
     * 3), each direction resumed at its essential state. No event is reported: the owner rebuilding
     * the link knows MPPE is in force.
     */
    public void resume(MppeKeyMaterial keys, MppeMode agreed, MppeEncryptorState send, MppeDecryptorState receive) {
        if (running) {
            throw new IllegalStateException("MPPE layer already running");
        }
        material = keys;
        running = true;
        peerRejectedCcp = false;
        ccp.resumeOpened();
        mode = agreed;
        MppeStartKeys start = MppeStartKeys.derive(material, mode.strength(), server);
        byte[] sendKey = start.send();
        byte[] receiveKey = start.receive();
        try {
            encryptor = new MppeEncryptor(sendKey, mode, send);
            decryptor = new MppeDecryptor(receiveKey, mode, receive);
        } finally {
            Arrays.fill(sendKey, (byte) 0);
            Arrays.fill(receiveKey, (byte) 0);
            start.destroy();
        }
    }

    /** {@link MppeEncryptor#jumpAhead}: only while MPPE is in force. */
    public void jumpSendCountsAhead(int counts) {
        if (encryptor == null) {
            throw new IllegalStateException("MPPE not open");
        }
        encryptor.jumpAhead(counts);
    }

    /** The sending direction's essential state, if MPPE is in force. */
    public Optional<MppeEncryptorState> sendState() {
        return encryptor == null ? Optional.empty() : Optional.of(encryptor.state());
    }

    /** The receiving direction's essential state, if MPPE is in force. */
    public Optional<MppeDecryptorState> receiveState() {
        return decryptor == null ? Optional.empty() : Optional.of(decryptor.state());
    }

    /** A CCP packet from the peer (Network phase only). */
    public void receive(ControlPacket packet) {
        if (!running) {
            count("ppp.ccp.rx.not_running");
            return;
        }
        ccp.receive(packet);
        if (running && negotiator.failed()) {
            fail("MPPE required but the peer refused every allowed MPPE mode");
        }
    }

    /** The peer sent an LCP Protocol-Reject of CCP (RFC 1661 5.7: RXJ- for an NCP). */
    public void protocolRejected() {
        if (running) {
            peerRejectedCcp = true;
            ccp.protocolRejected();
        }
    }

    /** Whether MPPE is in force: user data may be sent and received. */
    public boolean isOpen() {
        return encryptor != null;
    }

    /** The mode in force, if CCP is Opened. */
    public Optional<MppeMode> mode() {
        return Optional.ofNullable(mode);
    }

    /**
     * The information field of an MPPE packet (protocol 0x00FD) carrying {@code payload} of
     * {@code protocol}; the inner protocol field is always two octets. Only when {@link #isOpen()}.
     */
    public ByteBuffer encrypt(int protocol, ByteBuffer payload) {
        if (encryptor == null || !MppeHeader.encrypts(protocol)) {
            throw new IllegalStateException("MPPE not open or protocol not encrypted: " + protocol);
        }
        byte[] plain = new byte[2 + payload.remaining()];
        plain[0] = (byte) (protocol >>> 8);
        plain[1] = (byte) protocol;
        payload.duplicate().get(plain, 2, plain.length - 2);
        return ByteBuffer.wrap(encryptor.encrypt(plain));
    }

    /**
     * Decrypts the information field of a received 0x00FD packet into the inner frame, or drops it
     * (counted; a Reset-Request sent where RFC 3078 8.2 says so).
     */
    public Optional<PppFrame> decrypt(ByteBuffer info) {
        if (decryptor == null) {
            count("ppp.mppe.rx.not_open");
            return Optional.empty();
        }
        byte[] packet = new byte[info.remaining()];
        info.duplicate().get(packet);
        switch (decryptor.decrypt(packet)) {
            case MppeReceiveResult.Dropped d -> {
                count("ppp.mppe.rx.dropped." + d.reason().name().toLowerCase(Locale.ROOT));
                log.log(Level.DEBUG, "ppp.mppe.dropped", "PPP link %s: MPPE packet dropped (%s)", linkName,
                        d.reason());
                if (d.reason().sendResetRequest()) {
                    sendResetRequest(true);
                } else if (decryptor.awaitingFlush()) {
                    // Acknowledged yet still no FLUSHED packet: that packet was lost, ask again now;
                    // unacknowledged: repeat at the restart interval (RFC 1962 3.1).
                    sendResetRequest(!resetPending);
                }
                return Optional.empty();
            }
            case MppeReceiveResult.Decrypted ok -> {
                resetPending = false;
                return innerFrame(ok.plaintext());
            }
        }
    }

    /** The decrypted protocol field (one or two octets, RFC 1661 6.5) and data; only 0x0021-0x00FA (3). */
    private Optional<PppFrame> innerFrame(byte[] plain) {
        int protocol;
        int offset;
        if (plain.length >= 1 && (plain[0] & 1) == 1) {
            protocol = plain[0] & 0xFF;
            offset = 1;
        } else if (plain.length >= 2 && (plain[1] & 1) == 1) {
            protocol = ((plain[0] & 0xFF) << 8) | (plain[1] & 0xFF);
            offset = 2;
        } else {
            count("ppp.mppe.rx.bad_inner_protocol");
            return Optional.empty();
        }
        if (!MppeHeader.encrypts(protocol)) {
            count("ppp.mppe.rx.bad_inner_protocol");
            return Optional.empty();
        }
        return Optional.of(new PppFrame(protocol,
                ByteBuffer.wrap(plain, offset, plain.length - offset).slice().asReadOnlyBuffer()));
    }

    private void sendResetRequest(boolean fresh) {
        long now = scheduler.nanos();
        if (!fresh && now - lastResetNanos < restart.restartInterval().toNanos()) {
            return;
        }
        if (fresh) {
            resetIdentifier = (resetIdentifier + 1) & 0xFF; // RFC 1962 3.1: a new request, a new Identifier
        }
        resetPending = true;
        lastResetNanos = now;
        count("ppp.mppe.tx.reset_request");
        sendCcp.accept(ResetPacket.request(resetIdentifier).toControlPacket());
    }

    private void peerRequestedReset() {
        count("ppp.mppe.rx.reset_request");
        if (encryptor != null) {
            encryptor.resetRequested();
        }
    }

    private void resetAcked(ResetPacket ack) {
        if (resetPending && ack.identifier() == resetIdentifier) {
            resetPending = false; // the decryptor itself resynchronises on FLUSHED (RFC 3078 8.2)
        }
    }

    /** The link left the Network phase (or died): CCP down, ciphers wiped. Does not report failure. */
    public void stop() {
        if (running) {
            running = false;
            halt();
        }
        material = null; // owned and wiped by the link
    }

    /** CCP down (its restart timer with it) and the ciphers wiped. */
    private void halt() {
        if (ccp.state() != AutomatonState.INITIAL && ccp.state() != AutomatonState.STARTING) {
            ccp.down();
        }
        closeCiphers();
    }

    private void closeCiphers() {
        if (encryptor != null) {
            encryptor.destroy();
            decryptor.destroy();
        }
        encryptor = null;
        decryptor = null;
        mode = null;
        resetPending = false;
    }

    private void fail(String reason) {
        running = false;
        halt();
        material = null;
        listener.failed(reason);
    }

    private void count(String name) {
        counters.counter(name).increment();
    }

    @Override
    public String toString() {
        return "MppeLayer[" + ccp.state() + (mode == null ? "" : ", " + mode) + "]";
    }

    /** CCP's This-Layer-* actions: key MPPE on tlu, wipe it on tld, fail on tlf. */
    private final class CcpEvents implements LayerEvents {
        @Override public void up() {
            Optional<MppeMode> agreed = negotiator.negotiated();
            if (agreed.isEmpty() || material == null) {
                fail("CCP opened without one MPPE mode agreed in both directions");
                return;
            }
            mode = agreed.get();
            // RFC 3079 3.1-3.3: start keys from the master key; each CCP Opened starts afresh.
            MppeStartKeys keys = MppeStartKeys.derive(material, mode.strength(), server);
            try {
                byte[] send = keys.send();
                byte[] receive = keys.receive();
                encryptor = new MppeEncryptor(send, mode);
                decryptor = new MppeDecryptor(receive, mode);
                Arrays.fill(send, (byte) 0);
                Arrays.fill(receive, (byte) 0);
            } finally {
                keys.destroy();
            }
            count("ppp.ccp.opened");
            listener.opened(mode);
        }

        @Override public void down() {
            closeCiphers(); // renegotiation or the link going down: no data until Opened again
        }

        @Override public void started() { }

        @Override public void finished() {
            if (running) {
                fail(peerRejectedCcp ? "MPPE required but the peer rejected CCP"
                        : "MPPE required but CCP negotiation failed");
            }
        }
    }
}
