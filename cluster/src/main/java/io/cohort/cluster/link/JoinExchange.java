package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterNode;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.secure.HandshakeException;
import io.cohort.cluster.secure.JoinerHandshake;
import io.cohort.cluster.secure.MasterHandshake;
import io.cohort.cluster.secure.SessionKeys;
import io.cohort.cluster.wire.ClusterCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The join handshake on the wire, both sides ({@link SecureLink} explains the protocol). As a
 * joiner: one offer per join attempt, carried by every retransmission of the join request; the
 * master's answer to it is checked and finished. As master: an offer is checked and answered
 * (or refused with a signed NAK), repeated answers cover a lost one, and the join request goes
 * to the node once the finish completed the session; the member then gets the group key.
 */
final class JoinExchange {
    /** The offer's last octets (of its random nonce) that an answer frame starts with. */
    static final int OFFER_TAG = 8;

    private final LinkContext link;
    private final PendingJoins pending;
    private ClusterNode node;
    private JoinerHandshake joining;
    private boolean answered;
    private byte[] finishFrame; // ours for the current offer, repeated if the master answers again
    private MemberAddress finishedWith;
    /** As master: the node's last answer (JoinAck, JoinNak) to each joiner, repeated on a retransmitted join. */
    private final Map<MemberId, byte[]> lastReplies = new HashMap<>();

    JoinExchange(LinkContext link) {
        this.link = link;
        this.pending = new PendingJoins(link.settings.pendingJoinLifetime());
    }

    void attach(ClusterNode clusterNode) {
        node = clusterNode;
    }

    /** The join frame for the node's join request: its credential is this attempt's offer. */
    byte[] joinFrame(JoinRequest request) {
        if (joining == null) {
            joining = JoinerHandshake.start(link.credential, link.self, link.verifier(), link.random);
            answered = false;
            finishFrame = null;
        }
        JoinRequest withOffer = new JoinRequest(request.sender(), request.address(), request.configVersion(),
                joining.offer());
        return LinkContext.frame(FrameKind.JOIN, ClusterCodec.encode(withOffer));
    }

    /** The node's role changed: a new join attempt makes a new offer; a master's pending joins end with its reign. */
    void roleChanged(Role role) {
        joining = null;
        answered = false;
        finishFrame = null;
        if (role != Role.MASTER) {
            pending.clear();
            lastReplies.clear();
        }
    }

    void forget(MemberId member) {
        pending.forget(member);
        lastReplies.remove(member);
    }

    /** The node answered {@code joiner}'s join with {@code reply} (wire octets). */
    void replied(MemberId joiner, byte[] reply) {
        lastReplies.put(joiner, reply.clone());
    }

    /** The master's side: a join request carrying a handshake offer. */
    void onJoin(MemberAddress from, byte[] datagram) {
        if (node.role() != Role.MASTER) {
            return; // joins are the master's; the others ignore them (figure 6)
        }
        Optional<ClusterMessage> decoded = link.decode(from, Arrays.copyOfRange(datagram, 1, datagram.length), null);
        if (decoded.isEmpty()) {
            return;
        }
        if (!(decoded.get() instanceof JoinRequest request)) {
            link.drop("malformed", from, "a join frame without a join request");
            return;
        }
        if (request.sender().equals(link.self)) {
            return;
        }
        byte[] offer = request.credential();
        long now = link.scheduler.nanos();
        Optional<PendingJoins.Pending> same = pending.sameOffer(request.sender(), offer, now);
        if (same.isPresent()) {
            if (same.get().finished) {
                // A retransmission of a join the node has: our answer to it again, not a second
                // join (which the node would take for a member that restarted or lost us).
                byte[] reply = lastReplies.get(request.sender());
                if (reply != null) {
                    link.counters.counter("cluster.link.join_replies_repeated").increment();
                    link.sendSealed(link.sessions.named(request.sender()), SealedContent.MESSAGE, reply);
                }
            } else {
                link.counters.counter("cluster.link.answers_repeated").increment();
                link.datagrams.send(request.address(), answerFrame(offer, same.get().handshake));
            }
            return;
        }
        if (!link.budget.tryTake()) {
            link.drop("verification_budget", from, "join beyond the verification budget");
            return;
        }
        if (!from.ip().equals(request.address().ip())) {
            link.drop("address_mismatch", from, "join of " + request.sender() + " claims " + request.address());
            return;
        }
        MasterHandshake handshake;
        try {
            handshake = MasterHandshake.onOffer(link.credential, link.self, link.verifier(), offer, link.random);
        } catch (HandshakeException e) {
            refuse(request, e.credentialRefusal().map(Enum::name).orElse(e.failure().name()), e.getMessage());
            return;
        }
        if (!handshake.joiner().member().equals(request.sender())
                || !handshake.joiner().address().equals(request.address().ip())) {
            refuse(request, "NAME_OR_ADDRESS_MISMATCH", "the certificate is " + handshake.joiner()
                    + ", the join request says " + request.sender() + " at " + request.address());
            return;
        }
        pending.put(request.sender(), new PendingJoins.Pending(offer, handshake, request, now));
        link.counters.counter("cluster.link.handshakes_answered").increment();
        link.datagrams.send(request.address(), answerFrame(offer, handshake));
    }

    private void refuse(JoinRequest request, String reason, String detail) {
        link.counters.counter("cluster.join.refused." + reason.toLowerCase(Locale.ROOT)).increment();
        link.warn("cluster.join.refused", "refused the join of %s from %s: %s (%s)", request.sender(),
                request.address(), reason, detail);
        link.datagrams.send(request.address(), link.signed(new JoinNak(link.self, request.sender(),
                NakReason.CREDENTIAL_REJECTED)));
    }

    /** The joiner's side: the master's answer to our offer. */
    void onAnswer(MemberAddress from, byte[] datagram) {
        if (joining == null || datagram.length < 1 + OFFER_TAG
                || !Arrays.equals(datagram, 1, 1 + OFFER_TAG, offerTag(joining.offer()), 0, OFFER_TAG)) {
            link.counters.counter("cluster.link.answers_ignored").increment(); // an earlier offer's
            return;
        }
        if (answered) {
            if (from.equals(finishedWith)) { // it answers again: our finish was lost
                link.counters.counter("cluster.link.finishes_repeated").increment();
                link.datagrams.send(from, finishFrame);
            } else {
                link.counters.counter("cluster.link.answers_ignored").increment(); // another master's
            }
            return;
        }
        if (!link.budget.tryTake()) {
            link.drop("verification_budget", from, "handshake answer beyond the verification budget");
            return;
        }
        JoinerHandshake.Completed completed;
        try {
            completed = joining.onAnswer(Arrays.copyOfRange(datagram, 1 + OFFER_TAG, datagram.length));
        } catch (HandshakeException e) {
            link.drop("handshake", from, "the answer to our join: " + e.getMessage());
            return;
        }
        SessionKeys keys = completed.keys();
        if (!from.ip().equals(keys.peer().address())) {
            link.drop("address_mismatch", from, "answer signed by " + keys.peer());
            return;
        }
        answered = true;
        install(keys, from);
        byte[] name = link.self.name().getBytes(StandardCharsets.UTF_8);
        byte[] finish = completed.finish();
        byte[] body = new byte[1 + name.length + OFFER_TAG + finish.length];
        body[0] = (byte) name.length;
        System.arraycopy(name, 0, body, 1, name.length);
        System.arraycopy(offerTag(joining.offer()), 0, body, 1 + name.length, OFFER_TAG);
        System.arraycopy(finish, 0, body, 1 + name.length + OFFER_TAG, finish.length);
        finishFrame = LinkContext.frame(FrameKind.FINISH, body);
        finishedWith = from;
        link.datagrams.send(from, finishFrame);
    }

    /** The master's side: the joiner's finish completes the session; its join goes to the node. */
    void onFinish(MemberAddress from, byte[] datagram) {
        int nameLength = datagram.length > 1 ? datagram[1] & 0xFF : 0;
        if (nameLength == 0 || datagram.length < 2 + nameLength + OFFER_TAG) {
            link.drop("malformed", from, "truncated handshake finish");
            return;
        }
        MemberId joiner;
        try {
            joiner = MemberId.of(new String(datagram, 2, nameLength, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            link.drop("malformed", from, "handshake finish without a name");
            return;
        }
        byte[] tag = Arrays.copyOfRange(datagram, 2 + nameLength, 2 + nameLength + OFFER_TAG);
        Optional<PendingJoins.Pending> maybe = pending.awaitingFinish(joiner, tag, link.scheduler.nanos());
        if (maybe.isEmpty()) {
            link.counters.counter("cluster.link.finishes_ignored").increment();
            return;
        }
        PendingJoins.Pending p = maybe.get();
        SessionKeys keys;
        try {
            keys = p.handshake.onFinish(Arrays.copyOfRange(datagram, 2 + nameLength + OFFER_TAG, datagram.length));
        } catch (HandshakeException e) {
            pending.forget(joiner, p);
            link.drop("handshake", from, "the finish of " + joiner + ": " + e.getMessage());
            return;
        }
        p.finished = true;
        install(keys, p.request.address());
        link.groupKeys.forJoiner().forEach(key ->
                link.sendSealed(link.sessions.named(joiner), SealedContent.GROUP_KEY, key.grant()));
        node.receive(p.request.address(), p.request);
    }

    private void install(SessionKeys keys, MemberAddress address) {
        link.sessions.install(keys, address);
        link.counters.counter("cluster.link.sessions_established").increment();
    }

    /**
     * The answer frame: the offer's last {@value #OFFER_TAG} octets first, so that a joiner drops
     * answers to its earlier offers without checking their signatures.
     */
    private static byte[] answerFrame(byte[] offer, MasterHandshake handshake) {
        byte[] body = handshake.answer();
        byte[] out = new byte[1 + OFFER_TAG + body.length];
        out[0] = (byte) FrameKind.ANSWER.code();
        System.arraycopy(offerTag(offer), 0, out, 1, OFFER_TAG);
        System.arraycopy(body, 0, out, 1 + OFFER_TAG, body.length);
        return out;
    }

    static byte[] offerTag(byte[] offer) {
        return Arrays.copyOfRange(offer, Math.max(0, offer.length - OFFER_TAG), offer.length);
    }
}
