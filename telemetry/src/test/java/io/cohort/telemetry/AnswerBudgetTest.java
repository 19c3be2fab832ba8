package io.cohort.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.time.VirtualScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnswerBudgetTest {
    private final VirtualScheduler clock = new VirtualScheduler();

    @Test
    void onePeerIsAnsweredAtMostOncePerInterval() throws UnknownHostException {
        AnswerBudget budget = new AnswerBudget(clock, 100, 100, Duration.ofSeconds(1));
        InetAddress peer = address(1);
        assertThat(budget.tryAcquire(peer)).isTrue();
        assertThat(budget.tryAcquire(peer)).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(budget.tryAcquire(peer)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(budget.tryAcquire(peer)).isTrue();
    }

    @Test
    void theServerWideBucketAllowsItsBurstThenItsRate() throws UnknownHostException {
        AnswerBudget budget = new AnswerBudget(clock, 10, 3, Duration.ofSeconds(1));
        int peer = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire(address(++peer))).as("burst %d", i).isTrue();
        }
        assertThat(budget.tryAcquire(address(++peer))).isFalse();
        clock.advance(Duration.ofMillis(99));
        assertThat(budget.tryAcquire(address(++peer))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(budget.tryAcquire(address(++peer))).isTrue();
        assertThat(budget.tryAcquire(address(++peer))).isFalse();
    }

    @Test
    void aSpoofedFloodGetsTheRateAndNoMoreAndIsRememberedWithinBounds() throws UnknownHostException {
        AnswerBudget budget = new AnswerBudget(clock, 50, 50, Duration.ofSeconds(1));
        int answered = 0;
        int peer = 0;
        for (int ms = 0; ms < 10_000; ms++) {
            for (int i = 0; i < 20; i++) { // 20 000 packets a second, each from another address
                if (budget.tryAcquire(address(++peer))) {
                    answered++;
                }
            }
            assertThat(budget.rememberedPeers()).isLessThanOrEqualTo(budget.maxPeers());
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(answered).isBetween(50 + 50 * 9, 50 + 50 * 10 + 1);
    }

    @Test
    void aVictimAddressInAFloodStillGetsAtMostOneAnswerPerInterval() throws UnknownHostException {
        AnswerBudget budget = new AnswerBudget(clock, 1000, 1000, Duration.ofSeconds(1));
        InetAddress victim = address(0);
        int victimAnswers = 0;
        int peer = 0;
        for (int ms = 0; ms < 3_000; ms++) {
            if (budget.tryAcquire(victim)) {
                victimAnswers++;
            }
            for (int i = 0; i < 5; i++) {
                budget.tryAcquire(address(++peer));
            }
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(victimAnswers).isEqualTo(3);
    }

    @Test
    void availabilityTakesNothingFromTheBudget() throws UnknownHostException {
        AnswerBudget budget = new AnswerBudget(clock, 1, 1, Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(budget.available(address(1))).isTrue();
        }
        assertThat(budget.tryAcquire(address(1))).isTrue();
        assertThat(budget.available(address(1))).as("answered this interval").isFalse();
        assertThat(budget.available(address(2))).as("bucket empty").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.available(address(2))).isTrue();
    }

    @Test
    void refusesNonsenseLimits() {
        assertThatThrownBy(() -> new AnswerBudget(clock, 0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerBudget(clock, 1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress address(int n) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }
}
