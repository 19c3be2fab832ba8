package io.cohort.ppp;

import io.cohort.ppp.auth.AuthExchange;
import io.cohort.ppp.auth.AuthOutcome;
import io.cohort.ppp.automaton.ExtendedCodes;
import io.cohort.ppp.automaton.LayerEvents;
import io.cohort.ppp.automaton.OptionAutomaton;
import io.cohort.ppp.ccp.EncryptionPolicy;
import io.cohort.ppp.ccp.MppeLayer;
import io.cohort.ppp.chap.ChapClient;
import io.cohort.ppp.chap.ChapServer;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.ipcp.IpcpNegotiator;
import io.cohort.ppp.ipv6cp.Ipv6cpNegotiator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.lcp.LcpExtendedCodes;
import io.cohort.ppp.lcp.LcpKeepalive;
import io.cohort.ppp.lcp.LcpNegotiator;
import io.cohort.ppp.lcp.LcpSettings;
import io.cohort.ppp.mppe.MppeHeader;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.pap.PapClient;
import io.cohort.ppp.pap.PapServer;
import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppFrame;
import io.cohort.ppp.wire.PppFrameCodec;
import io.cohort.ppp.wire.PppProtocol;
import io.cohort.time.Scheduler;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One PPP link, server or client role: LCP establishes the link, the authenticate phase runs
 * PAP, CHAP-MD5 or MS-CHAPv2, then IPCP (and IPV6CP if configured) open the network phase
 * (RFC 1661 section 3). If the {@link EncryptionPolicy} requires MPPE, CCP runs beside IPCP in the
 * Network phase ({@link MppeLayer}); IPv4/IPv6 then flow only encrypted as protocol 0x00FD, the
 * network-up events wait for CCP, and cleartext datagrams are dropped (RFC 3078 sections 3, 9).
 * Single-threaded: every method must be called on the engine thread, and
 * asynchronous authenticator results come back through {@code engineExecutor}. Bad frames never
 * throw: they are counted, logged at a limited rate and dropped.
 *
 * <p>In the Network phase the link's state splits as in the patent's figure 7:
 * {@link #initialState()} (what was negotiated, sent once) and {@link #essentialState()} (the MPPE
 * counts and keys, sent on each change); {@link #resume} rebuilds a link from them, on another
 * member, that carries on without renegotiating anything.
 */
public final class PppLink {
    private final PppLinkConfig config;
    private final Scheduler scheduler;
    private final Executor engine;
    private final PppLinkEvents events;
    private final LcpNegotiator lcpOptions;
    private final OptionAutomaton lcp;
    private final LcpKeepalive keepalive;
    private final IpcpNegotiator ipcpOptions;
    private final OptionAutomaton ipcp;
    private final Ipv6cpNegotiator ipv6cpOptions;
    private final OptionAutomaton ipv6cp;
    private final NcpLayer ipcpLayer = new NcpLayer(true);
    private final NcpLayer ipv6cpLayer = new NcpLayer(false);
    private final MppeLayer mppe;

    private Phase phase = Phase.DEAD;
    private AuthExchange auth;
    private AuthMethod authMethod;
    private String user;
    private MppeKeyMaterial keys;
    private String downReason;
    private long rxFrames;
    private long rxBytes;
    private long txFrames;
    private long txBytes;

    public PppLink(PppLinkConfig config, Scheduler scheduler, Executor engineExecutor, PppLinkEvents events) {
        this.config = config;
        this.scheduler = scheduler;
        this.engine = engineExecutor;
        this.events = events;
        boolean server = config.role() == Role.SERVER;
        lcpOptions = new LcpNegotiator(new LcpSettings(config.mru(), server ? config.authMethods() : List.of(),
                server ? List.of() : config.authMethods(), config.restart().maxFailure()), config.random());
        LcpExtendedCodes lcpCodes = new LcpExtendedCodes(lcpOptions, this::sendLcp, this::protocolRejected,
                this::echoReplied);
        lcp = new OptionAutomaton("ppp.lcp", config.restart(), scheduler, lcpOptions, new LcpLayer(), lcpCodes,
                this::sendLcp, config.counters());
        keepalive = new LcpKeepalive(scheduler, config.echoInterval(), config.echoFailures(), lcpOptions::ourMagic,
                this::sendLcp, () -> close("peer not responding to LCP echo"));
        ipcpOptions = new IpcpNegotiator(config.ipcp(), () -> config.allocator()
                .flatMap(a -> a.allocate(user == null ? "" : user)));
        ipcp = new OptionAutomaton("ppp.ipcp", config.restart(), scheduler, ipcpOptions, ipcpLayer,
                ExtendedCodes.NONE, p -> send(PppProtocol.IPCP, p), config.counters());
        ipv6cpOptions = config.ipv6() ? new Ipv6cpNegotiator(config.random()) : null;
        ipv6cp = config.ipv6() ? new OptionAutomaton("ppp.ipv6cp", config.restart(), scheduler, ipv6cpOptions,
                ipv6cpLayer, ExtendedCodes.NONE, p -> send(PppProtocol.IPV6CP, p), config.counters()) : null;
        mppe = config.encryption() instanceof EncryptionPolicy.MppeRequired required
                ? new MppeLayer(required.settings(), server, config.restart(), scheduler, p -> send(PppProtocol.CCP, p),
                        new MppeEvents(), config.counters(), config.log(), config.name())
                : null;
    }

    /**
     * A link rebuilt in the Network phase from another link's state records (patent, figure 7):
     * LCP, IPCP, IPV6CP and CCP Opened without a packet sent, MPPE resumed at the counts and keys
     * of {@code essential}, the LCP keepalive started. No event is reported: the owner knows what
     * the records say. {@code config} must be the configuration the original link ran with.
     *
     * @throws IllegalArgumentException if the records do not fit {@code config} (MPPE or IPV6CP
     *                                  present in one and not the other)
     */
    public static PppLink resume(PppLinkConfig config, Scheduler scheduler, Executor engineExecutor,
                                 PppLinkEvents events, PppLinkInitialState initial, PppLinkEssentialState essential) {
        PppLink link = new PppLink(config, scheduler, engineExecutor, events);
        link.resume(initial, essential);
        return link;
    }

    private void resume(PppLinkInitialState initial, PppLinkEssentialState essential) {
        if ((mppe != null) != initial.mppeMode().isPresent() || (mppe != null) != essential.mppeSend().isPresent()) {
            throw new IllegalArgumentException("MPPE state does not match the encryption policy");
        }
        if (initial.ipv6cp().isPresent() && ipv6cp == null) {
            throw new IllegalArgumentException("IPV6CP state for a link without IPv6");
        }
        boolean server = config.role() == Role.SERVER;
        lcpOptions.resume(initial.lcp());
        lcp.resumeOpened();
        authMethod = (server ? initial.lcp().weRequireAuth() : initial.lcp().peerRequiresAuth()).orElse(null);
        user = initial.user().orElse(null);
        keys = initial.mppeKeys().orElse(null);
        phase = Phase.NETWORK;
        if (config.echoInterval().isPositive()) {
            keepalive.start();
        }
        if (mppe != null) {
            mppe.resume(keys, initial.mppeMode().get(), essential.mppeSend().get(), essential.mppeReceive().get());
        }
        ipcpOptions.resume(initial.ipcp());
        ipcp.resumeOpened();
        ipcpLayer.announced = true;
        initial.ipv6cp().ifPresent(ids -> {
            ipv6cpOptions.resume(ids);
            ipv6cp.resumeOpened();
            ipv6cpLayer.announced = true;
        });
    }

    /**
     * Moves the MPPE coherency count of our direction {@code counts} ahead (0 to 2047), for a link
     * resumed from essential state that may trail what the original sent: the peer takes the jump
     * for lost packets and keeps in step (RFC 3078 8.1, 8.2; {@link io.cohort.ppp.mppe.MppeEncryptor#jumpAhead}).
     * Without MPPE there is no count to move and nothing happens. The receiving direction needs no
     * jump: it follows the peer's counts, and in stateful mode asks for a flush if it has to.
     */
    public void jumpMppeCountsAhead(int counts) {
        if (mppe != null) {
            mppe.jumpSendCountsAhead(counts);
        }
    }

    /**
     * What this link negotiated (patent, figure 7: initial state), once it is in the Network phase
     * with IPCP Opened and MPPE in force if required. The result holds a copy of the MPPE master key.
     *
     * @throws IllegalStateException before that
     */
    public PppLinkInitialState initialState() {
        if (phase != Phase.NETWORK || !lcp.isOpened() || !ipcp.isOpened() || (mppe != null && !mppe.isOpen())) {
            throw new IllegalStateException("PPP link " + config.name() + " is not up: " + phase);
        }
        Optional<MppeKeyMaterial> material = Optional.empty();
        if (mppe != null) {
            byte[] master = keys.masterKey();
            material = Optional.of(new MppeKeyMaterial(master));
            Arrays.fill(master, (byte) 0);
        }
        return new PppLinkInitialState(lcpOptions.openedOptions(), Optional.ofNullable(user),
                ipcpOptions.openedAddresses(),
                ipv6cp != null && ipv6cp.isOpened() ? Optional.of(ipv6cpOptions.interfaceIds()) : Optional.empty(),
                mppe == null ? Optional.empty() : mppe.mode(), material);
    }

    /**
     * The MPPE counts and keys as they stand now (patent, figure 7: essential state); empty
     * without MPPE. Only meaningful while {@link #initialState()} is.
     */
    public PppLinkEssentialState essentialState() {
        if (mppe == null || !mppe.isOpen()) {
            return PppLinkEssentialState.NONE;
        }
        return new PppLinkEssentialState(mppe.sendState(), mppe.receiveState());
    }

    /** The lower layer is up: start LCP (RFC 1661 3.3, Link Establishment phase). */
    public void open() {
        if (phase != Phase.DEAD || downReason != null) {
            return;
        }
        phase = Phase.ESTABLISH;
        lcp.open();
        lcp.up();
    }

    /** Administratively closes the link; {@link PppLinkEvents#linkDown} follows once LCP is done. */
    public void close(String reason) {
        if (downReason == null) {
            downReason = reason;
        }
        if (phase == Phase.DEAD) {
            return;
        }
        phase = Phase.TERMINATE;
        lcp.close();
        switch (lcp.state()) {
            case INITIAL, STARTING, CLOSED, STOPPED -> finish();
            default -> { } // Terminate-Request sent; tlf will finish
        }
    }

    /**
     * The lower layer is gone with nothing to tell the peer (RFC 1661 4.3, the Down event; e.g. the
     * session now belongs to another member, which carries on with the peer): the link ends at
     * once without a packet sent, its address goes back to the allocator, its keys are destroyed,
     * and {@link PppLinkEvents#linkDown} follows.
     */
    public void abandon(String reason) {
        if (downReason == null) {
            downReason = reason;
        }
        finish();
    }

    /** One PPP frame from the lower layer. Never throws on bad input. */
    public void receive(ByteBuffer frame) {
        if (phase == Phase.DEAD) {
            count("ppp.rx.dead");
            return;
        }
        rxFrames++;
        rxBytes += frame.remaining();
        switch (PppFrameCodec.decode(frame)) {
            case DecodeResult.Malformed<PppFrame> bad -> malformed(bad.error().counterSuffix(), bad.detail());
            case DecodeResult.Ok<PppFrame> ok -> dispatch(ok.value());
        }
    }

    private void dispatch(PppFrame frame) {
        if (frame.protocol() == MppeHeader.PROTOCOL && mppe != null) {
            decrypt(frame);
            return;
        }
        PppProtocol protocol = PppProtocol.of(frame.protocol());
        if (protocol == null || (protocol == PppProtocol.CCP && mppe == null)
                || (protocol == PppProtocol.IPV6CP && ipv6cp == null)) {
            rejectProtocol(frame);
            return;
        }
        switch (protocol) {
            case IPV4, IPV6 -> {
                if (mppe != null) {
                    count("ppp.rx.cleartext_dropped"); // RFC 3078 9: user data only under MPPE
                } else {
                    deliver(protocol == PppProtocol.IPV4 ? ipcp : ipv6cp, frame);
                }
            }
            case LCP -> control(frame, lcp::receive);
            case PAP, CHAP -> {
                // The authenticator keeps answering after it moved on to the Network phase: a peer
                // whose Success/Authenticate-Ack was lost repeats its Response/Request and stays in
                // its Authenticate phase until it hears the answer again (RFC 1994 4.2, RFC 1334 2.2.1).
                boolean answering = phase == Phase.NETWORK && config.role() == Role.SERVER;
                if ((phase == Phase.AUTHENTICATE || answering) && auth != null
                        && authMethod.protocol() == frame.protocol()) {
                    control(frame, auth::receive);
                } else {
                    count("ppp.rx.auth_out_of_phase");
                }
            }
            case IPCP, IPV6CP, CCP -> {
                // RFC 1661 3.5: NCP packets before the Network phase are silently discarded.
                if (phase == Phase.NETWORK) {
                    control(frame, switch (protocol) {
                        case IPCP -> ipcp::receive;
                        case IPV6CP -> ipv6cp::receive;
                        default -> mppe::receive;
                    });
                    if (ipcpOptions.noAddress()) {
                        close("no IPv4 address available");
                    }
                } else {
                    count("ppp.rx.ncp_out_of_phase");
                }
            }
            default -> rejectProtocol(frame);
        }
    }

    private void control(PppFrame frame, java.util.function.Consumer<ControlPacket> to) {
        switch (ControlPacket.decode(frame.payload())) {
            case DecodeResult.Malformed<ControlPacket> bad -> malformed(bad.error().counterSuffix(), bad.detail());
            case DecodeResult.Ok<ControlPacket> ok -> to.accept(ok.value());
        }
    }

    /** An MPPE packet: decrypted, then delivered as its inner protocol (RFC 3078 3). */
    private void decrypt(PppFrame frame) {
        if (phase != Phase.NETWORK) {
            count("ppp.rx.ncp_out_of_phase");
            return;
        }
        mppe.decrypt(frame.payload()).ifPresent(inner -> {
            PppProtocol p = PppProtocol.of(inner.protocol());
            deliver(p == PppProtocol.IPV4 ? ipcp : p == PppProtocol.IPV6 ? ipv6cp : null, inner);
        });
    }

    private void deliver(OptionAutomaton ncp, PppFrame frame) {
        if (ncp != null && ncp.isOpened()) {
            events.received(frame.protocol(), frame.payload());
        } else {
            count("ppp.rx.ncp_closed");
        }
    }

    /** RFC 1661 5.7: unknown protocols get a Protocol-Reject, but only once LCP is Opened. */
    private void rejectProtocol(PppFrame frame) {
        count("ppp.rx.unknown_protocol");
        if (!lcp.isOpened()) {
            return;
        }
        ByteBuffer info = frame.payload();
        int infoLength = Math.min(info.remaining(), lcpOptions.peerMru() - 6);
        ByteBuffer data = ByteBuffer.allocate(2 + infoLength).putShort((short) frame.protocol());
        data.put(info.slice(info.position(), infoLength));
        sendLcp(new ControlPacket(ControlCode.PROTOCOL_REJECT, nextRejectId++ & 0xFF, data.array()));
    }

    private int nextRejectId;

    public boolean sendIpv4(ByteBuffer packet) {
        return sendData(ipcp, PppProtocol.IPV4, packet);
    }

    public boolean sendIpv6(ByteBuffer packet) {
        return sendData(ipv6cp, PppProtocol.IPV6, packet);
    }

    private boolean sendData(OptionAutomaton ncp, PppProtocol protocol, ByteBuffer packet) {
        if (ncp == null || !ncp.isOpened()) {
            count("ppp.tx.ncp_closed");
            return false;
        }
        if (mppe != null) {
            if (!mppe.isOpen()) {
                count("ppp.tx.awaiting_mppe"); // RFC 3078 9: no user data before MPPE is negotiated
                return false;
            }
            transmit(PppFrameCodec.encode(MppeHeader.PROTOCOL, mppe.encrypt(protocol.number(), packet),
                    !lcpOptions.peerAcceptsAcfc(), lcpOptions.peerAcceptsPfc()));
            return true;
        }
        transmit(PppFrameCodec.encode(protocol.number(), packet, !lcpOptions.peerAcceptsAcfc(),
                lcpOptions.peerAcceptsPfc()));
        return true;
    }

    public PppLinkSnapshot snapshot() {
        boolean v4 = ipcp.isOpened();
        return new PppLinkSnapshot(phase, Optional.ofNullable(user), Optional.ofNullable(authMethod),
                lcpOptions.peerMru(), lcpOptions.peerAcceptsAcfc(), lcpOptions.peerAcceptsPfc(),
                v4 ? Optional.of(ipcpOptions.ourAddress()) : Optional.empty(),
                v4 ? ipcpOptions.peerAddress() : Optional.empty(), v4 ? ipcpOptions.dnsServers() : List.of(),
                ipv6cp != null && ipv6cp.isOpened() ? ipv6cpOptions.ourInterfaceId() : 0,
                ipv6cp != null && ipv6cp.isOpened() ? ipv6cpOptions.peerInterfaceId() : 0,
                rxFrames, rxBytes, txFrames, txBytes, mppe == null ? Optional.empty() : mppe.mode());
    }

    /** MPPE key material from MS-CHAPv2 (the MPPE start keys derive from it); empty for other methods. Never log it. */
    public Optional<MppeKeyMaterial> mppeKeys() {
        return Optional.ofNullable(keys);
    }

    public Phase phase() {
        return phase;
    }

    private void sendLcp(ControlPacket p) {
        // RFC 1661 6.5/6.6: LCP packets always go with full address/control and protocol fields.
        transmit(PppFrameCodec.encode(PppProtocol.LCP.number(), p.encode(), true, false));
    }

    private void send(PppProtocol protocol, ControlPacket p) {
        transmit(PppFrameCodec.encode(protocol.number(), p.encode(), !lcpOptions.peerAcceptsAcfc(),
                lcpOptions.peerAcceptsPfc()));
    }

    private void transmit(ByteBuffer frame) {
        txFrames++;
        txBytes += frame.remaining();
        events.transmit(frame);
    }

    private void protocolRejected(int protocol) {
        if (protocol == PppProtocol.IPCP.number()) {
            ipcp.protocolRejected();
        } else if (protocol == PppProtocol.IPV6CP.number() && ipv6cp != null) {
            ipv6cp.protocolRejected();
        } else if (protocol == PppProtocol.CCP.number() && mppe != null) {
            mppe.protocolRejected();
        }
    }

    private void echoReplied() {
        keepalive.replyReceived();
    }

    private void startAuthentication() {
        boolean server = config.role() == Role.SERVER;
        authMethod = server ? lcpOptions.weRequireAuth() : lcpOptions.peerRequiresAuth();
        if (authMethod == null) {
            enterNetwork();
            return;
        }
        phase = Phase.AUTHENTICATE;
        AuthOutcome outcome = new AuthOutcome() {
            @Override public void succeeded(String who, Optional<MppeKeyMaterial> material) {
                user = who;
                keys = material.orElse(null);
                events.authenticated(who);
                enterNetwork();
            }

            @Override public void failed(String reason) {
                close(reason);
            }
        };
        var sink = (java.util.function.Consumer<ControlPacket>) p -> send(
                authMethod == AuthMethod.PAP ? PppProtocol.PAP : PppProtocol.CHAP, p);
        var restart = config.restart();
        auth = switch (authMethod) {
            case PAP -> server
                    ? new PapServer(config.authenticator().orElseThrow(), engine, scheduler, config.authTimeout(),
                            sink, outcome, config.counters())
                    : new PapClient(config.credentials().orElseThrow(), scheduler, restart.restartInterval(),
                            restart.maxConfigure(), sink, outcome, config.counters());
            case CHAP_MD5, MSCHAP_V2 -> server
                    ? new ChapServer(authMethod, config.name(), config.authenticator().orElseThrow(), engine,
                            scheduler, restart.restartInterval(), restart.maxConfigure(), config.random(), sink,
                            outcome, config.counters())
                    : new ChapClient(authMethod, config.credentials().orElseThrow(), scheduler,
                            restart.restartInterval(), restart.maxConfigure(), config.random(), sink, outcome,
                            config.counters());
        };
        auth.start();
    }

    private void enterNetwork() {
        if (phase == Phase.TERMINATE || phase == Phase.DEAD) {
            return;
        }
        phase = Phase.NETWORK;
        if (mppe != null) {
            mppe.start(Optional.ofNullable(keys)); // CCP first: its request leads (RFC 1962 2)
            if (phase != Phase.NETWORK) {
                return; // no keys: the link is closing
            }
        }
        ipcp.up();
        ipcp.open();
        if (ipv6cp != null) {
            ipv6cp.up();
            ipv6cp.open();
        }
    }

    private void finish() {
        if (phase == Phase.DEAD) {
            return;
        }
        phase = Phase.DEAD;
        keepalive.stop();
        if (auth != null) {
            auth.stop();
        }
        stopMppe();
        ipcp.down();
        if (ipv6cp != null) {
            ipv6cp.down();
        }
        lcp.down();
        ipcpOptions.allocatedPeerAddress().ifPresent(a -> config.allocator().ifPresent(pool -> pool.release(a)));
        if (keys != null) {
            keys.destroy();
        }
        events.linkDown(downReason == null ? "LCP finished" : downReason);
    }

    private void stopMppe() {
        if (mppe != null) {
            mppe.stop();
        }
    }

    private void malformed(String what, String detail) {
        count("ppp.rx.malformed." + what);
        config.log().log(Level.WARNING, "ppp.malformed", "PPP link %s: dropped malformed frame (%s: %s)",
                config.name(), what, detail);
    }

    private void count(String name) {
        config.counters().counter(name).increment();
    }

    /** LCP's This-Layer-* actions drive the link phases (RFC 1661 3.4-3.7). */
    private final class LcpLayer implements LayerEvents {
        @Override public void up() {
            if (lcpOptions.loopedBack()) {
                close("link is looped back (magic number)");
                return;
            }
            if (config.role() == Role.SERVER && !config.authMethods().isEmpty() && lcpOptions.weRequireAuth() == null) {
                close("peer refuses every allowed authentication method");
                return;
            }
            if (config.echoInterval().isPositive()) {
                keepalive.start();
            }
            startAuthentication();
        }

        @Override public void down() {
            keepalive.stop();
            if (auth != null) {
                auth.stop();
                auth = null;
            }
            stopMppe();
            ipcp.down();
            if (ipv6cp != null) {
                ipv6cp.down();
            }
            if (phase != Phase.TERMINATE && phase != Phase.DEAD) {
                phase = Phase.ESTABLISH; // renegotiation: back to Link Establishment
            }
        }

        @Override public void started() { }

        @Override public void finished() {
            if (downReason == null) {
                downReason = lcpOptions.authImpossible() ? "peer refuses every allowed authentication method"
                        : "LCP negotiation ended";
            }
            finish();
        }
    }

    private final class NcpLayer implements LayerEvents {
        private final boolean v4;
        private boolean announced;

        NcpLayer(boolean v4) {
            this.v4 = v4;
        }

        @Override public void up() {
            if (v4 && ipcpOptions.peerAddress().isEmpty()) {
                close("peer IPv4 address unknown");
                return;
            }
            announced = false;
            announceIfReady();
        }

        /** Tells the owner the protocol is usable: opened, and encrypted if MPPE is required. */
        void announceIfReady() {
            OptionAutomaton ncp = v4 ? ipcp : ipv6cp;
            if (announced || ncp == null || !ncp.isOpened() || (mppe != null && !mppe.isOpen())) {
                return;
            }
            announced = true;
            if (v4) {
                events.ipv4Up(ipcpOptions.ourAddress(), ipcpOptions.peerAddress().get());
            } else {
                events.ipv6Up(ipv6cpOptions.ourInterfaceId(), ipv6cpOptions.peerInterfaceId());
            }
        }

        @Override public void down() {
            announced = false;
        }

        @Override public void started() { }

        @Override public void finished() {
            if (v4 && phase == Phase.NETWORK) {
                close("IPCP negotiation failed");
            }
        }
    }

    /** MPPE in force: announce the network protocols that waited; MPPE impossible: terminate. */
    private final class MppeEvents implements MppeLayer.Listener {
        @Override public void opened(MppeMode mode) {
            events.encrypted(mode);
            ipcpLayer.announceIfReady();
            ipv6cpLayer.announceIfReady();
        }

        @Override public void failed(String reason) {
            close(reason); // RFC 3078 2: "the link SHOULD be terminated"
        }
    }
}
