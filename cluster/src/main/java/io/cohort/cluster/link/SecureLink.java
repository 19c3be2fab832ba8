package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.ClusterOutput;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.secure.EnvelopeFormatException;
import io.cohort.cluster.secure.GroupKey;
import io.cohort.cluster.secure.HandshakeException;
import io.cohort.cluster.secure.JoinerHandshake;
import io.cohort.cluster.secure.MasterHandshake;
import io.cohort.cluster.secure.Opened;
import io.cohort.cluster.secure.Opener;
import io.cohort.cluster.secure.SealedEnvelope;
import io.cohort.cluster.secure.Sealer;
import io.cohort.cluster.secure.SessionKeys;
import io.cohort.cluster.secure.SignedDatagram;
import io.cohort.cluster.secure.TrafficKey;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.cluster.wire.ClusterCodec;
import io.cohort.cluster.wire.DecodeResult;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Carries a {@link ClusterNode}'s messages over the cluster network, authenticated, encrypted and
 * replay-protected (issue 4 item 8). It is the node's {@link ClusterOutput} and is registered as
 * one of its {@link ClusterApplication}s (to follow its role and its members); datagrams that
 * arrive go to {@link #receive}.
 *
 * <p><b>Join.</b> The node's join request is broadcast as a {@link FrameKind#JOIN} frame whose
 * credential is the handshake offer ({@link JoinerHandshake}). Only a master answers: it checks the
 * certificate (refusing with a signed "NAK, credential rejected"), answers, and hands the join
 * request to its node only once the joiner's finish proved it holds its certificate's key. Then
 * both sides share a pairwise session, and the master grants the joiner its group key over it.
 *
 * <p><b>Messages.</b> A unicast to a member we share a session with is sealed under it; the
 * master's keepalive broadcast is sealed under its group key, and every {@code beaconPeriod} also
 * sent {@linkplain SignedDatagram signed}, so that joiners and a rival master (figure 8A) see it.
 * The few messages sent before any session exists (an offer to be master, "other master exists",
 * a refusal, an exit) go signed. Whatever arrives otherwise (a type that must be sealed but is
 * only signed, a sender that is not who sealed or signed it, an address that is not the
 * certificate's, a stale or skewed stamp, a datagram beyond the budget of public-key checks) is
 * dropped, counted ({@code cluster.link.dropped.*}, plus {@link Opener}'s) and, rate-limited,
 * logged. Nothing here throws at the sender of a datagram.
 *
 * <p><b>Configuration.</b> {@link #fetchConfiguration} asks a member we share a session with for
 * its {@link SharedConfiguration}; every member answers such requests with what its supplier
 * gives (figure 6, 641).
 *
 * <p>Single-threaded, on the node's thread.
 */
public final class SecureLink implements ClusterOutput, ClusterApplication {
    private static final System.Logger LOGGER = System.getLogger(SecureLink.class.getName());
    /** How long a rotated group key is granted before keepalives are sealed with it. */
    static final Duration ROTATION_GRACE = Duration.ofMillis(150);
    private static final int ROTATION_GRANTS = 3;
    private static final int OFFER_TAG = 8;

    /** Where the master's held packets go once their unit's owner acknowledged (figure 9, 943). */
    @FunctionalInterface
    public interface PacketHandOff {
        void deliver(MemberEntry owner, WorkUnit unit, Object packet);
    }

    /** A member we share a pairwise session with. */
    private record Peer(MemberId name, MemberAddress address, Sealer sealer) {
    }

    private final LinkSettings settings;
    private final MemberCredential credential;
    private final MemberId self;
    private MemberCredentialVerifier verifier;
    private final Datagrams datagrams;
    private final Scheduler scheduler;
    private final SecureRandom random;
    private final Counters counters;
    private final RateLimitedLog log;
    private final Supplier<SharedConfiguration> configuration;
    private final PacketHandOff handOff;
    private final Opener opener;
    private final SignedStamps stamps;
    private final VerificationBudget budget;
    private final GroupKeys groupKeys;
    private final PendingJoins pending;
    private final Map<MemberId, Peer> peers = new HashMap<>();
    private final Map<MemberAddress, MemberId> peerAt = new HashMap<>();
    private final Map<MemberId, ConfigurationFetch> fetches = new HashMap<>();
    private ClusterNode node;
    private JoinerHandshake joining;
    private boolean joinAnswered;
    private long lastBeaconNanos;
    private boolean beaconSent;

    public SecureLink(LinkSettings settings, MemberCredential credential, MemberId self, MemberCredentialVerifier verifier,
                      Datagrams datagrams, Scheduler scheduler, InstantSource wallClock, SecureRandom random,
                      Counters counters, RateLimitedLog log, Supplier<SharedConfiguration> configuration,
                      PacketHandOff handOff) {
        this.settings = settings;
        this.credential = credential;
        this.self = self;
        this.verifier = verifier;
        this.datagrams = datagrams;
        this.scheduler = scheduler;
        this.random = random;
        this.counters = counters;
        this.log = log;
        this.configuration = configuration;
        this.handOff = handOff;
        this.opener = new Opener(counters);
        this.stamps = new SignedStamps(wallClock, settings.maxClockSkew());
        this.budget = new VerificationBudget(scheduler, settings.verificationsPerSecond());
        this.groupKeys = new GroupKeys(self, random, opener);
        this.pending = new PendingJoins(settings.pendingJoinLifetime());
    }

    /** Ties the link to its node; call once, before the node starts. */
    public void attach(ClusterNode clusterNode) {
        if (node != null) {
            throw new IllegalStateException("already attached to " + node.id());
        }
        if (!clusterNode.id().equals(self)) {
            throw new IllegalArgumentException("the node is " + clusterNode.id() + ", the link's certificate names " + self);
        }
        node = clusterNode;
    }

    /** A new CRL (or CA bundle): checks from now on use {@code next}; sessions already made stay. */
    public void replaceVerifier(MemberCredentialVerifier next) {
        verifier = next;
    }

    /** Members we share a pairwise session with. */
    public int sessions() {
        return peers.size();
    }

    // Receiving.

    /** A datagram from {@code from} on the cluster network. Never throws. */
    public void receive(MemberAddress from, byte[] datagram) {
        try {
            Optional<FrameKind> kind = FrameKind.of(datagram);
            if (kind.isEmpty()) {
                drop("malformed", from, "unknown frame kind");
                return;
            }
            switch (kind.get()) {
                case SEALED -> sealed(from, datagram);
                case SIGNED -> signed(from, datagram);
                case JOIN -> joinFrame(from, datagram);
                case ANSWER -> answerFrame(from, datagram);
                case FINISH -> finishFrame(from, datagram);
            }
        } catch (RuntimeException e) {
            counters.counter("cluster.link.internal_errors").increment();
            LOGGER.log(Level.ERROR, "internal error on a cluster datagram from " + from, e);
        }
    }

    private void sealed(MemberAddress from, byte[] datagram) {
        if (isOtherMastersBroadcast(datagram)) {
            counters.counter("cluster.link.ignored.other_masters_broadcast").increment();
            return; // a master we are not (yet) a member of: its beacon is what we read
        }
        Optional<Opened> maybe = opener.open(datagram);
        if (maybe.isEmpty()) {
            return; // counted by the opener
        }
        Opened opened = maybe.get();
        byte[] plaintext = opened.payload();
        Optional<SealedContent> content = SealedContent.of(plaintext);
        if (content.isEmpty()) {
            drop("malformed", from, "unknown sealed content from " + opened.sender());
            return;
        }
        byte[] body = Arrays.copyOfRange(plaintext, 1, plaintext.length);
        if (opened.group() && content.get() != SealedContent.MESSAGE) {
            drop("not_pairwise", from, content.get() + " under a group key from " + opened.sender());
            return;
        }
        switch (content.get()) {
            case MESSAGE -> decode(from, body, opened.sender()).ifPresent(message -> {
                if (opened.group() && !(message instanceof MasterKeepalive)) {
                    drop("not_pairwise", from, message.getClass().getSimpleName() + " under a group key");
                } else {
                    node.receive(from, message);
                }
            });
            case GROUP_KEY -> {
                try {
                    groupKeys.install(GroupKey.fromGrant(opened.sender(), body));
                    counters.counter("cluster.link.group_keys_installed").increment();
                } catch (EnvelopeFormatException e) {
                    drop("malformed", from, "group key grant: " + e.getMessage());
                }
            }
            case CONFIGURATION_REQUEST -> sendSealed(peers.get(opened.sender()), SealedContent.CONFIGURATION,
                    ConfigurationFetch.encode(configuration.get()));
            case CONFIGURATION -> {
                ConfigurationFetch fetch = fetches.remove(opened.sender());
                if (fetch == null || !fetch.answered(body)) {
                    drop("unexpected", from, "configuration from " + opened.sender());
                }
            }
        }
    }

    private boolean isOtherMastersBroadcast(byte[] datagram) {
        try {
            SealedEnvelope header = SealedEnvelope.parse(datagram);
            return (header.keyId() & TrafficKey.GROUP_BIT) != 0 && !opener.hasGroupKeyOf(header.sender());
        } catch (EnvelopeFormatException e) {
            return false; // the opener counts it
        }
    }

    private void signed(MemberAddress from, byte[] datagram) {
        if (!budget.tryTake()) {
            drop("verification_budget", from, "signed datagram beyond the verification budget");
            return;
        }
        SignedDatagram.Verified verified;
        try {
            verified = SignedDatagram.verify(datagram, verifier);
        } catch (HandshakeException e) {
            drop("signature", from, e.getMessage());
            return;
        }
        MemberId signer = verified.signer().member();
        if (signer.equals(self)) {
            drop("own_name", from, "a signed datagram in our own name");
            return;
        }
        if (!from.ip().equals(verified.signer().address())) {
            drop("address_mismatch", from, signer + "'s certificate is for " + verified.signer().address().getHostAddress());
            return;
        }
        switch (stamps.accept(signer, verified.stampMicros())) {
            case REPLAYED -> {
                drop("replay", from, "signed datagram of " + signer + " with an old stamp");
                return;
            }
            case SKEWED -> {
                drop("clock_skew", from, "stamp of " + signer + " is more than " + settings.maxClockSkew()
                        + " from our clock");
                return;
            }
            case FRESH -> { }
        }
        Optional<ClusterMessage> decoded = decode(from, verified.message(), signer);
        if (decoded.isEmpty()) {
            return;
        }
        ClusterMessage message = decoded.get();
        boolean allowed = switch (message) {
            case OfferMaster o -> o.address().ip().equals(verified.signer().address());
            case OtherMasterExists o -> o.address().ip().equals(verified.signer().address());
            case MasterKeepalive k -> true; // the beacon: joiners, rival masters, members whose master restarted
            case Exit e -> true;
            case JoinNak n -> true;
            default -> false;
        };
        if (!allowed) {
            drop("must_be_sealed", from, message.getClass().getSimpleName() + " from " + signer + " only signed");
            return;
        }
        node.receive(from, message);
    }

    /** The master's side: a join request carrying a handshake offer. */
    private void joinFrame(MemberAddress from, byte[] datagram) {
        if (node.role() != Role.MASTER) {
            return; // joins are the master's; the others ignore them (figure 6)
        }
        Optional<ClusterMessage> decoded = decode(from, Arrays.copyOfRange(datagram, 1, datagram.length), null);
        if (decoded.isEmpty()) {
            return;
        }
        if (!(decoded.get() instanceof JoinRequest request)) {
            drop("malformed", from, "a join frame without a join request");
            return;
        }
        if (request.sender().equals(self)) {
            return;
        }
        byte[] offer = request.credential();
        long now = scheduler.nanos();
        Optional<PendingJoins.Pending> same = pending.sameOffer(request.sender(), offer, now);
        if (same.isPresent()) {
            if (same.get().finished) {
                node.receive(from, request); // a retransmission: the node answers each
            } else {
                counters.counter("cluster.link.answers_repeated").increment();
                datagrams.send(request.address(), answer(offer, same.get().handshake));
            }
            return;
        }
        if (!budget.tryTake()) {
            drop("verification_budget", from, "join beyond the verification budget");
            return;
        }
        if (!from.ip().equals(request.address().ip())) {
            drop("address_mismatch", from, "join of " + request.sender() + " claims " + request.address());
            return;
        }
        MasterHandshake handshake;
        try {
            handshake = MasterHandshake.onOffer(credential, self, verifier, offer, random);
        } catch (HandshakeException e) {
            refuseJoin(request, e.credentialRefusal().map(Enum::name).orElse(e.failure().name()), e.getMessage());
            return;
        }
        if (!handshake.joiner().member().equals(request.sender())
                || !handshake.joiner().address().equals(request.address().ip())) {
            refuseJoin(request, "NAME_OR_ADDRESS_MISMATCH", "the certificate is " + handshake.joiner()
                    + ", the join request says " + request.sender() + " at " + request.address());
            return;
        }
        pending.put(request.sender(), new PendingJoins.Pending(offer, handshake, request, now));
        counters.counter("cluster.link.handshakes_answered").increment();
        datagrams.send(request.address(), answer(offer, handshake));
    }

    /**
     * The answer frame: the offer's last {@value #OFFER_TAG} octets (its random nonce's) first, so
     * that a joiner drops answers to its earlier offers without checking their signatures.
     */
    private static byte[] answer(byte[] offer, MasterHandshake handshake) {
        byte[] body = handshake.answer();
        byte[] out = new byte[1 + OFFER_TAG + body.length];
        out[0] = (byte) FrameKind.ANSWER.code;
        System.arraycopy(offerTag(offer), 0, out, 1, OFFER_TAG);
        System.arraycopy(body, 0, out, 1 + OFFER_TAG, body.length);
        return out;
    }

    private static byte[] offerTag(byte[] offer) {
        return Arrays.copyOfRange(offer, Math.max(0, offer.length - OFFER_TAG), offer.length);
    }

    private void refuseJoin(JoinRequest request, String reason, String detail) {
        counters.counter("cluster.join.refused." + reason.toLowerCase(java.util.Locale.ROOT)).increment();
        log.log(Level.WARNING, "cluster.join.refused", "refused the join of %s from %s: %s (%s)", request.sender(),
                request.address(), reason, detail);
        sendSigned(request.address(), new JoinNak(self, request.sender(), NakReason.CREDENTIAL_REJECTED));
    }

    /** The joiner's side: the master's answer to our offer. */
    private void answerFrame(MemberAddress from, byte[] datagram) {
        if (joining == null || joinAnswered || datagram.length < 1 + OFFER_TAG
                || !Arrays.equals(datagram, 1, 1 + OFFER_TAG, offerTag(joining.offer()), 0, OFFER_TAG)) {
            counters.counter("cluster.link.answers_ignored").increment(); // an earlier offer's, or one we finished
            return;
        }
        if (!budget.tryTake()) {
            drop("verification_budget", from, "handshake answer beyond the verification budget");
            return;
        }
        JoinerHandshake.Completed completed;
        try {
            completed = joining.onAnswer(Arrays.copyOfRange(datagram, 1 + OFFER_TAG, datagram.length));
        } catch (HandshakeException e) {
            drop("handshake", from, "the answer to our join: " + e.getMessage());
            return;
        }
        SessionKeys keys = completed.keys();
        if (!from.ip().equals(keys.peer().address())) {
            drop("address_mismatch", from, "answer signed by " + keys.peer());
            return;
        }
        joinAnswered = true;
        install(keys, from);
        byte[] name = self.name().getBytes(StandardCharsets.UTF_8);
        byte[] finish = completed.finish();
        byte[] body = new byte[1 + name.length + finish.length];
        body[0] = (byte) name.length;
        System.arraycopy(name, 0, body, 1, name.length);
        System.arraycopy(finish, 0, body, 1 + name.length, finish.length);
        datagrams.send(from, frame(FrameKind.FINISH, body));
    }

    /** The master's side: the joiner's finish completes the session; its join goes to the node. */
    private void finishFrame(MemberAddress from, byte[] datagram) {
        int nameLength = datagram.length > 1 ? datagram[1] & 0xFF : 0;
        if (nameLength == 0 || datagram.length < 2 + nameLength) {
            drop("malformed", from, "truncated handshake finish");
            return;
        }
        MemberId joiner;
        try {
            joiner = MemberId.of(new String(datagram, 2, nameLength, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            drop("malformed", from, "handshake finish without a name");
            return;
        }
        Optional<PendingJoins.Pending> maybe = pending.awaitingFinish(joiner, scheduler.nanos());
        if (maybe.isEmpty()) {
            counters.counter("cluster.link.finishes_ignored").increment();
            return;
        }
        PendingJoins.Pending p = maybe.get();
        SessionKeys keys;
        try {
            keys = p.handshake.onFinish(Arrays.copyOfRange(datagram, 2 + nameLength, datagram.length));
        } catch (HandshakeException e) {
            pending.forget(joiner);
            drop("handshake", from, "the finish of " + joiner + ": " + e.getMessage());
            return;
        }
        p.finished = true;
        install(keys, p.request.address());
        groupKeys.forJoiner().forEach(key -> sendSealed(peers.get(joiner), SealedContent.GROUP_KEY, key.grant()));
        node.receive(p.request.address(), p.request);
    }

    private void install(SessionKeys keys, MemberAddress address) {
        MemberId peer = keys.peer().member();
        Peer previous = peers.put(peer, new Peer(peer, address, keys.sealer(self)));
        if (previous != null) {
            peerAt.remove(previous.address());
        }
        peerAt.put(address, peer);
        keys.installInto(opener);
        counters.counter("cluster.link.sessions_established").increment();
        LOGGER.log(Level.DEBUG, "cluster session with {0} at {1}", peer, address);
    }

    private Optional<ClusterMessage> decode(MemberAddress from, byte[] octets, MemberId expectedSender) {
        return switch (ClusterCodec.decode(octets)) {
            case DecodeResult.Ok(ClusterMessage message) -> {
                if (expectedSender != null && !message.sender().equals(expectedSender)) {
                    drop("sender_mismatch", from, message.sender() + "'s message from " + expectedSender);
                    yield Optional.empty();
                }
                yield Optional.of(message);
            }
            case DecodeResult.Error error -> {
                drop("malformed", from, error.toString());
                yield Optional.empty();
            }
        };
    }

    private void drop(String why, MemberAddress from, String detail) {
        counters.counter("cluster.link.dropped." + why).increment();
        log.log(Level.WARNING, "cluster.link." + why, "dropped a cluster datagram from %s (%s): %s", from, why, detail);
    }

    // Sending: the node's output.

    @Override
    public void unicast(MemberAddress to, ClusterMessage message) {
        MemberId name = peerAt.get(to);
        if (name != null) {
            sendSealed(peers.get(name), SealedContent.MESSAGE, ClusterCodec.encode(message));
        } else if (message instanceof OtherMasterExists || message instanceof Exit || message instanceof JoinNak) {
            sendSigned(to, message);
        } else {
            counters.counter("cluster.link.tx.no_session").increment();
            log.log(Level.WARNING, "cluster.link.no_session", "no session with %s: %s not sent", to,
                    message.getClass().getSimpleName());
        }
    }

    @Override
    public void broadcast(ClusterMessage message) {
        switch (message) {
            case JoinRequest request -> {
                if (joining == null) {
                    joining = JoinerHandshake.start(credential, self, verifier, random);
                    joinAnswered = false;
                }
                JoinRequest withOffer = new JoinRequest(request.sender(), request.address(), request.configVersion(),
                        joining.offer());
                datagrams.broadcast(frame(FrameKind.JOIN, ClusterCodec.encode(withOffer)));
            }
            case MasterKeepalive keepalive -> {
                byte[] octets = ClusterCodec.encode(keepalive);
                datagrams.broadcast(groupKeys.sealer().seal(SealedContent.MESSAGE.prefix(octets)));
                long now = scheduler.nanos();
                if (!beaconSent || now - lastBeaconNanos >= settings.beaconPeriod().toNanos()) {
                    beaconSent = true;
                    lastBeaconNanos = now;
                    datagrams.broadcast(SignedDatagram.sign(credential, stamps.next(), octets));
                }
            }
            default -> datagrams.broadcast(SignedDatagram.sign(credential, stamps.next(), ClusterCodec.encode(message)));
        }
    }

    @Override
    public void deliver(MemberEntry owner, WorkUnit unit, Object packet) {
        handOff.deliver(owner, unit, packet);
    }

    private void sendSealed(Peer peer, SealedContent content, byte[] body) {
        if (peer == null) {
            counters.counter("cluster.link.tx.no_session").increment();
            return;
        }
        datagrams.send(peer.address(), peer.sealer().seal(content.prefix(body)));
    }

    private void sendSigned(MemberAddress to, ClusterMessage message) {
        datagrams.send(to, SignedDatagram.sign(credential, stamps.next(), ClusterCodec.encode(message)));
    }

    private static byte[] frame(FrameKind kind, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) kind.code;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    // Configuration.

    /**
     * Fetches the configuration of the member at {@code source} (the master that told us ours is
     * stale, or a joiner whose configuration is newer than ours). Completes on the node's thread,
     * exceptionally if there is no session with it or it does not answer.
     */
    public CompletionStage<SharedConfiguration> fetchConfiguration(MemberAddress source) {
        MemberId name = peerAt.get(source);
        if (name == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no cluster session with " + source));
        }
        ConfigurationFetch previous = fetches.remove(name);
        if (previous != null) {
            previous.cancel(f -> f.completeExceptionally(new IllegalStateException("superseded")));
        }
        ConfigurationFetch fetch = ConfigurationFetch.start(name, scheduler, settings,
                () -> sendSealed(peers.get(name), SealedContent.CONFIGURATION_REQUEST, new byte[0]));
        fetches.put(name, fetch);
        fetch.result().whenComplete((c, e) -> fetches.remove(name, fetch));
        return fetch.result();
    }

    // The node's events (this link is one of its applications).

    @Override
    public void roleChanged(Role role) {
        joining = null; // a new join attempt makes a new offer
        joinAnswered = false;
        if (role != Role.MASTER) {
            groupKeys.dropOwn();
            pending.clear();
            beaconSent = false;
        }
    }

    @Override
    public void memberLeft(MemberId member) {
        if (node == null || node.role() != Role.MASTER) {
            return; // a member keeps its session with the master: a configuration fetch may need it
        }
        Peer peer = peers.remove(member);
        if (peer != null) {
            peerAt.remove(peer.address());
        }
        opener.removeSender(member);
        pending.forget(member);
        rotateGroupKey();
    }

    /** A member left: the remaining members get a new group key, used once granted a few times. */
    private void rotateGroupKey() {
        GroupKey next = groupKeys.rotate();
        counters.counter("cluster.link.group_key_rotations").increment();
        for (int i = 0; i < ROTATION_GRANTS; i++) {
            scheduler.schedule(ROTATION_GRACE.multipliedBy(i).dividedBy(ROTATION_GRANTS), () -> {
                if (node.role() == Role.MASTER && groupKeys.rotatingTo(next)) {
                    node.members().stream().filter(m -> !m.equals(self))
                            .forEach(m -> sendSealed(peers.get(m), SealedContent.GROUP_KEY, next.grant()));
                }
            });
        }
        scheduler.schedule(ROTATION_GRACE, () -> {
            if (node.role() == Role.MASTER && groupKeys.rotatingTo(next)) {
                groupKeys.switchToNext();
            }
        });
    }

    @Override
    public String toString() {
        return "SecureLink[" + self + ", " + peers.size() + " sessions]";
    }
}
