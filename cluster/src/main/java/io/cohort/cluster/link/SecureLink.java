package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.ClusterOutput;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.secure.EnvelopeFormatException;
import io.cohort.cluster.secure.GroupKey;
import io.cohort.cluster.secure.HandshakeException;
import io.cohort.cluster.secure.JoinerHandshake;
import io.cohort.cluster.secure.Opened;
import io.cohort.cluster.secure.Opener;
import io.cohort.cluster.secure.SealedEnvelope;
import io.cohort.cluster.secure.SignedDatagram;
import io.cohort.cluster.secure.TrafficKey;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.cluster.wire.ClusterCodec;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import java.lang.System.Logger.Level;
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
 * replay-protected (DESIGN.md, "State": replicated state holds session keys). It is the node's
 * {@link ClusterOutput} and is registered as one of its {@link ClusterApplication}s (to follow its
 * role and its members); datagrams that arrive go to {@link #receive}.
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

    /** Where the master's held packets go once their unit's owner acknowledged (figure 9, 943). */
    @FunctionalInterface
    public interface PacketHandOff {
        void deliver(MemberEntry owner, WorkUnit unit, Object packet);
    }

    private final LinkContext link;
    private final JoinExchange joins;
    private final Supplier<SharedConfiguration> configuration;
    private final PacketHandOff handOff;
    private final Map<MemberId, ConfigurationFetch> fetches = new HashMap<>();
    private ClusterNode node;
    private long lastBeaconNanos;
    private boolean beaconSent;

    public SecureLink(LinkSettings settings, MemberCredential credential, MemberId self, MemberCredentialVerifier verifier,
                      Datagrams datagrams, Scheduler scheduler, InstantSource wallClock, SecureRandom random,
                      Counters counters, RateLimitedLog log, Supplier<SharedConfiguration> configuration,
                      PacketHandOff handOff) {
        this.link = new LinkContext(settings, credential, self, verifier, datagrams, scheduler, wallClock, random,
                counters, log);
        this.joins = new JoinExchange(link);
        this.configuration = configuration;
        this.handOff = handOff;
    }

    /** Ties the link to its node; call once, before the node starts. */
    public void attach(ClusterNode clusterNode) {
        if (node != null) {
            throw new IllegalStateException("already attached to " + node.id());
        }
        if (!clusterNode.id().equals(link.self)) {
            throw new IllegalArgumentException("the node is " + clusterNode.id() + ", the link's certificate names "
                    + link.self);
        }
        node = clusterNode;
        joins.attach(clusterNode);
    }

    /** A new CRL (or CA bundle): checks from now on use {@code next}; sessions already made stay. */
    public void replaceVerifier(MemberCredentialVerifier next) {
        link.replaceVerifier(next);
    }

    /** Members we share a pairwise session with. */
    public int sessions() {
        return link.sessions.size();
    }

    // Receiving.

    /** A datagram from {@code from} on the cluster network. Never throws. */
    public void receive(MemberAddress from, byte[] datagram) {
        try {
            Optional<FrameKind> kind = FrameKind.of(datagram);
            if (kind.isEmpty()) {
                link.drop("malformed", from, "unknown frame kind");
                return;
            }
            switch (kind.get()) {
                case SEALED -> sealed(from, datagram);
                case SIGNED -> signed(from, datagram);
                case JOIN -> joins.onJoin(from, datagram);
                case ANSWER -> joins.onAnswer(from, datagram);
                case FINISH -> joins.onFinish(from, datagram);
            }
        } catch (RuntimeException e) {
            link.counters.counter("cluster.link.internal_errors").increment();
            LOGGER.log(Level.ERROR, "internal error on a cluster datagram from " + from, e);
        }
    }

    private void sealed(MemberAddress from, byte[] datagram) {
        if (isOtherMastersBroadcast(datagram)) {
            link.counters.counter("cluster.link.ignored.other_masters_broadcast").increment();
            return; // a master we are not (yet) a member of: its beacon is what we read
        }
        Optional<Opened> maybe = link.opener.open(datagram);
        if (maybe.isEmpty()) {
            return; // counted by the opener
        }
        Opened opened = maybe.get();
        byte[] plaintext = opened.payload();
        Optional<SealedContent> content = SealedContent.of(plaintext);
        if (content.isEmpty()) {
            link.drop("malformed", from, "unknown sealed content from " + opened.sender());
            return;
        }
        byte[] body = Arrays.copyOfRange(plaintext, 1, plaintext.length);
        if (opened.group() && content.get() != SealedContent.MESSAGE) {
            link.drop("not_pairwise", from, content.get() + " under a group key from " + opened.sender());
            return;
        }
        switch (content.get()) {
            case MESSAGE -> link.decode(from, body, opened.sender()).ifPresent(message -> {
                if (opened.group() && !(message instanceof MasterKeepalive)) {
                    link.drop("not_pairwise", from, message.getClass().getSimpleName() + " under a group key");
                } else {
                    node.receive(from, message);
                }
            });
            case GROUP_KEY -> {
                try {
                    link.groupKeys.install(GroupKey.fromGrant(opened.sender(), body));
                    link.counters.counter("cluster.link.group_keys_installed").increment();
                } catch (EnvelopeFormatException e) {
                    link.drop("malformed", from, "group key grant: " + e.getMessage());
                }
            }
            case CONFIGURATION_REQUEST -> link.sendSealed(link.sessions.named(opened.sender()),
                    SealedContent.CONFIGURATION, ConfigurationFetch.encode(configuration.get()));
            case CONFIGURATION -> {
                ConfigurationFetch fetch = fetches.remove(opened.sender());
                if (fetch == null || !fetch.answered(body)) {
                    link.drop("unexpected", from, "configuration from " + opened.sender());
                }
            }
        }
    }

    private boolean isOtherMastersBroadcast(byte[] datagram) {
        try {
            SealedEnvelope header = SealedEnvelope.parse(datagram);
            return (header.keyId() & TrafficKey.GROUP_BIT) != 0 && !link.opener.hasGroupKeyOf(header.sender());
        } catch (EnvelopeFormatException e) {
            return false; // the opener counts it
        }
    }

    private void signed(MemberAddress from, byte[] datagram) {
        if (!link.budget.tryTake()) {
            link.drop("verification_budget", from, "signed datagram beyond the verification budget");
            return;
        }
        SignedDatagram.Verified verified;
        try {
            verified = SignedDatagram.verify(datagram, link.verifier());
        } catch (HandshakeException e) {
            link.drop("signature", from, e.getMessage());
            return;
        }
        MemberId signer = verified.signer().member();
        if (signer.equals(link.self)) {
            link.drop("own_name", from, "a signed datagram in our own name");
            return;
        }
        if (!from.ip().equals(verified.signer().address())) {
            link.drop("address_mismatch", from, signer + "'s certificate is for "
                    + verified.signer().address().getHostAddress());
            return;
        }
        switch (link.stamps.accept(signer, verified.stampMicros())) {
            case REPLAYED -> {
                link.drop("replay", from, "signed datagram of " + signer + " with an old stamp");
                return;
            }
            case SKEWED -> {
                link.drop("clock_skew", from, "stamp of " + signer + " is more than " + link.settings.maxClockSkew()
                        + " from our clock");
                return;
            }
            case FRESH -> { }
        }
        Optional<ClusterMessage> decoded = link.decode(from, verified.message(), signer);
        if (decoded.isEmpty()) {
            return;
        }
        ClusterMessage message = decoded.get();
        if (!travelsSigned(message)) {
            link.drop("must_be_sealed", from, message.getClass().getSimpleName() + " from " + signer + " only signed");
            return;
        }
        boolean ownAddress = switch (message) {
            case OfferMaster o -> o.address().ip().equals(verified.signer().address());
            case OtherMasterExists o -> o.address().ip().equals(verified.signer().address());
            default -> true;
        };
        if (!ownAddress) {
            link.drop("address_mismatch", from, message.getClass().getSimpleName() + " of " + signer
                    + " names another address than its certificate's");
            return;
        }
        node.receive(from, message);
    }

    /**
     * The messages that may travel before a session exists, signed: the election's (offer, other
     * master exists), the master's beacon, and the refusals and exits a non-member must be able to
     * hear. Every other message goes sealed, or not at all.
     */
    private static boolean travelsSigned(ClusterMessage message) {
        return switch (message) {
            case OfferMaster o -> true;
            case OtherMasterExists o -> true;
            case MasterKeepalive k -> true; // the beacon: joiners, rival masters, members whose master restarted
            case Exit e -> true;
            case JoinNak n -> true;
            default -> false;
        };
    }

    // Sending: the node's output.

    @Override
    public void unicast(MemberAddress to, ClusterMessage message) {
        Optional<Sessions.Peer> peer = link.sessions.at(to);
        if (peer.isPresent()) {
            byte[] octets = ClusterCodec.encode(message);
            switch (message) {
                case JoinAck a -> joins.replied(a.target(), octets);
                case JoinNak n -> joins.replied(n.target(), octets);
                default -> { }
            }
            link.sendSealed(peer, SealedContent.MESSAGE, octets);
        } else if (travelsSigned(message)) {
            link.datagrams.send(to, link.signed(message));
        } else {
            link.counters.counter("cluster.link.tx.no_session").increment();
            link.warn("cluster.link.no_session", "no session with %s: %s not sent", to, message.getClass().getSimpleName());
        }
    }

    @Override
    public void broadcast(ClusterMessage message) {
        switch (message) {
            case JoinRequest request -> link.datagrams.broadcast(joins.joinFrame(request));
            case MasterKeepalive keepalive -> {
                byte[] octets = ClusterCodec.encode(keepalive);
                link.datagrams.broadcast(link.groupKeys.sealer().seal(SealedContent.MESSAGE.prefix(octets)));
                long now = link.scheduler.nanos();
                if (!beaconSent || now - lastBeaconNanos >= link.settings.beaconPeriod().toNanos()) {
                    beaconSent = true;
                    lastBeaconNanos = now;
                    link.datagrams.broadcast(SignedDatagram.sign(link.credential, link.stamps.next(), octets));
                }
            }
            default -> link.datagrams.broadcast(link.signed(message));
        }
    }

    @Override
    public void deliver(MemberEntry owner, WorkUnit unit, Object packet) {
        handOff.deliver(owner, unit, packet);
    }

    // Configuration.

    /**
     * Fetches the configuration of the member at {@code source} (the master that told us ours is
     * stale, or a joiner whose configuration is newer than ours). Completes on the node's thread,
     * exceptionally if there is no session with it or it does not answer.
     */
    public CompletionStage<SharedConfiguration> fetchConfiguration(MemberAddress source) {
        Optional<Sessions.Peer> peer = link.sessions.at(source);
        if (peer.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no cluster session with " + source));
        }
        MemberId name = peer.get().name();
        ConfigurationFetch previous = fetches.remove(name);
        if (previous != null) {
            previous.cancel(f -> f.completeExceptionally(new IllegalStateException("superseded")));
        }
        ConfigurationFetch fetch = ConfigurationFetch.start(name, link.scheduler, link.settings,
                () -> link.sendSealed(link.sessions.named(name), SealedContent.CONFIGURATION_REQUEST, new byte[0]));
        fetches.put(name, fetch);
        fetch.result().whenComplete((c, e) -> fetches.remove(name, fetch));
        return fetch.result();
    }

    // The node's events (this link is one of its applications).

    @Override
    public void roleChanged(Role role) {
        joins.roleChanged(role);
        if (role != Role.MASTER) {
            link.groupKeys.dropOwn();
            beaconSent = false;
        }
    }

    @Override
    public void memberLeft(MemberId member) {
        if (node == null || node.role() != Role.MASTER) {
            return; // a member keeps its session with the master: a configuration fetch may need it
        }
        link.sessions.remove(member);
        joins.forget(member);
        rotateGroupKey();
    }

    /** A member left: the remaining members get a new group key, used once granted a few times. */
    private void rotateGroupKey() {
        GroupKey next = link.groupKeys.rotate();
        link.counters.counter("cluster.link.group_key_rotations").increment();
        for (int i = 0; i < ROTATION_GRANTS; i++) {
            link.scheduler.schedule(ROTATION_GRACE.multipliedBy(i).dividedBy(ROTATION_GRANTS), () -> {
                if (node.role() == Role.MASTER && link.groupKeys.rotatingTo(next)) {
                    node.members().stream().filter(m -> !m.equals(link.self)).forEach(m ->
                            link.sendSealed(link.sessions.named(m), SealedContent.GROUP_KEY, next.grant()));
                }
            });
        }
        link.scheduler.schedule(ROTATION_GRACE, () -> {
            if (node.role() == Role.MASTER && link.groupKeys.rotatingTo(next)) {
                link.groupKeys.switchToNext();
            }
        });
    }

    @Override
    public String toString() {
        return "SecureLink[" + link.self + ", " + link.sessions.size() + " sessions]";
    }
}
