package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.pki.MemberCredential;
import io.cohort.cluster.pki.MemberCredentialVerifier;
import io.cohort.cluster.secure.Opener;
import io.cohort.cluster.secure.SignedDatagram;
import io.cohort.cluster.wire.ClusterCodec;
import io.cohort.cluster.wire.DecodeFault;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import io.cohort.time.Scheduler;
import io.cohort.wire.DecodeResult;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;

/**
 * What the parts of a {@link SecureLink} share: who we are, our keys and checks, where datagrams
 * go, the counters and log, and the small operations they all use (drop and count, decode, send
 * sealed or signed). Single-threaded, like the link.
 */
final class LinkContext {
    final LinkSettings settings;
    final MemberCredential credential;
    final MemberId self;
    final Datagrams datagrams;
    final Scheduler scheduler;
    final SecureRandom random;
    final Counters counters;
    final Opener opener;
    final SignedStamps stamps;
    final VerificationBudget budget;
    final GroupKeys groupKeys;
    final Sessions sessions;
    private final RateLimitedLog log;
    private MemberCredentialVerifier verifier;

    LinkContext(LinkSettings settings, MemberCredential credential, MemberId self, MemberCredentialVerifier verifier,
                Datagrams datagrams, Scheduler scheduler, InstantSource wallClock, SecureRandom random, Counters counters,
                RateLimitedLog log) {
        this.settings = settings;
        this.credential = credential;
        this.self = self;
        this.verifier = verifier;
        this.datagrams = datagrams;
        this.scheduler = scheduler;
        this.random = random;
        this.counters = counters;
        this.log = log;
        this.opener = new Opener(counters);
        this.stamps = new SignedStamps(wallClock, settings.maxClockSkew());
        this.budget = new VerificationBudget(scheduler, settings.verificationsPerSecond());
        this.groupKeys = new GroupKeys(self, random, opener);
        this.sessions = new Sessions(self, opener);
    }

    MemberCredentialVerifier verifier() {
        return verifier;
    }

    void replaceVerifier(MemberCredentialVerifier next) {
        verifier = next;
    }

    /** Counts a dropped datagram as {@code cluster.link.dropped.<why>} and logs it, rate-limited. */
    void drop(String why, MemberAddress from, String detail) {
        counters.counter("cluster.link.dropped." + why).increment();
        log.log(Level.WARNING, "cluster.link." + why, "dropped a cluster datagram from %s (%s): %s", from, why, detail);
    }

    void warn(String key, String format, Object... args) {
        log.log(Level.WARNING, key, format, args);
    }

    /** The message in {@code octets}, if well formed and (when given) from {@code expectedSender}. */
    Optional<ClusterMessage> decode(MemberAddress from, byte[] octets, MemberId expectedSender) {
        return switch (ClusterCodec.decode(octets)) {
            case DecodeResult.Decoded<ClusterMessage, DecodeFault>(ClusterMessage message) -> {
                if (expectedSender != null && !message.sender().equals(expectedSender)) {
                    drop("sender_mismatch", from, message.sender() + "'s message from " + expectedSender);
                    yield Optional.empty();
                }
                yield Optional.of(message);
            }
            case DecodeResult.Malformed<ClusterMessage, DecodeFault>(DecodeFault fault, String detail) -> {
                drop("malformed", from, fault.kind() + " at octet " + fault.offset() + ": " + detail);
                yield Optional.empty();
            }
        };
    }

    /** Seals {@code body} as {@code content} toward {@code peer}, if we share a session with it. */
    void sendSealed(Optional<Sessions.Peer> peer, SealedContent content, byte[] body) {
        if (peer.isEmpty()) {
            counters.counter("cluster.link.tx.no_session").increment();
            return;
        }
        datagrams.send(peer.get().address(), peer.get().sealer().seal(content.prefix(body)));
    }

    byte[] signed(ClusterMessage message) {
        return SignedDatagram.sign(credential, stamps.next(), ClusterCodec.encode(message));
    }

    static byte[] frame(FrameKind kind, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) kind.code();
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
