package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.pki.VerifiedMember;
import java.util.Objects;

/**
 * The outcome of a join handshake on one side: who the peer is (its verified certificate) and the
 * pairwise keys, one per direction, both at generation 0 (key id 0).
 */
public record SessionKeys(VerifiedMember peer, TrafficKey send, TrafficKey receive) {
    public SessionKeys {
        Objects.requireNonNull(peer);
        Objects.requireNonNull(send);
        Objects.requireNonNull(receive);
    }

    /** This side's sealer toward the peer. */
    public Sealer sealer(MemberId self) {
        return new Sealer(self, send);
    }

    /** Lets {@code opener} open what the peer seals toward us. */
    public void installInto(Opener opener) {
        opener.installSession(peer.member(), receive);
    }

    @Override
    public String toString() {
        return "SessionKeys[" + peer + ", keys redacted]";
    }
}
