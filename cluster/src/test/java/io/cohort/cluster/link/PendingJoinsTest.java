package io.cohort.cluster.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.cluster.member.MemberId;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PendingJoinsTest {
    private static final MemberId J = MemberId.of("j");
    private static final long SECOND = 1_000_000_000L;

    private static byte[] offer(int fill) {
        byte[] offer = new byte[40];
        Arrays.fill(offer, (byte) fill);
        return offer;
    }

    private static PendingJoins.Pending pending(byte[] offer, long at) {
        return new PendingJoins.Pending(offer, null, null, at);
    }

    @Test
    void aRetransmittedOlderOfferDoesNotDisplaceTheHandshakeBeingFinished() {
        PendingJoins joins = new PendingJoins(Duration.ofSeconds(10));
        PendingJoins.Pending newer = pending(offer(2), 0);
        joins.put(J, pending(offer(1), 0));
        joins.put(J, newer);
        joins.put(J, pending(offer(1), 1)); // the late copy of the old offer, answered again

        assertThat(joins.awaitingFinish(J, JoinExchange.offerTag(offer(2)), 2)).containsSame(newer);
        assertThat(joins.sameOffer(J, offer(2), 2)).containsSame(newer);
    }

    @Test
    void keepsAFewPerJoinerAndForgetsTheExpired() {
        PendingJoins joins = new PendingJoins(Duration.ofSeconds(10));
        for (int i = 1; i <= PendingJoins.PER_JOINER + 1; i++) {
            joins.put(J, pending(offer(i), 0));
        }
        assertThat(joins.sameOffer(J, offer(1), 0)).isEmpty(); // the oldest went
        assertThat(joins.sameOffer(J, offer(PendingJoins.PER_JOINER + 1), 0)).isPresent();
        assertThat(joins.sameOffer(J, offer(2), 11 * SECOND)).isEmpty(); // all expired
    }

    @Test
    void aFinishedHandshakeIsNoLongerAwaitingItsFinish() {
        PendingJoins joins = new PendingJoins(Duration.ofSeconds(10));
        PendingJoins.Pending p = pending(offer(3), 0);
        joins.put(J, p);
        p.finished = true;
        assertThat(joins.awaitingFinish(J, JoinExchange.offerTag(offer(3)), 1)).isEmpty();
        assertThat(joins.sameOffer(J, offer(3), 1)).containsSame(p);
    }
}
