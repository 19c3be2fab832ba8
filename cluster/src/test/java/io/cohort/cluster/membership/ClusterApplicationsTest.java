package io.cohort.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterApplicationsTest {
    private static final MemberId JOINER = MemberId.of("gw2");

    /** A test application answering joins with {@code answer} and recording the events it is told. */
    private static final class Recording implements ClusterApplication {
        final String name;
        final CompletableFuture<JoinVerdict> answer;
        final List<String> log;

        Recording(String name, CompletableFuture<JoinVerdict> answer, List<String> log) {
            this.name = name;
            this.answer = answer;
            this.log = log;
        }

        @Override public CompletionStage<JoinVerdict> approveJoin(MemberId member, byte[] credential) {
            return answer;
        }

        @Override public void memberJoined(MemberId member) {
            log.add(name + " joined " + member.name());
        }

        @Override public void unitsAssigned(Set<WorkUnit> units) {
            log.add(name + " assigned " + units.size());
        }
    }

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource({
        "APPROVED, APPROVED, APPROVED",
        "APPROVED, REJECTED, REJECTED",
        "REJECTED, APPROVED, REJECTED",
        "REJECTED, REJECTED, REJECTED",
        "APPROVED, FAILED,   REJECTED",
    })
    void aJoinIsApprovedOnlyWhenEveryApplicationApproves(String first, String second, JoinVerdict expected) {
        CompletableFuture<JoinVerdict> a = new CompletableFuture<>();
        CompletableFuture<JoinVerdict> b = new CompletableFuture<>();
        ClusterApplication all = ClusterApplications.of(List.of(app("a", a), app("b", b)));

        CompletableFuture<JoinVerdict> verdict = all.approveJoin(JOINER, new byte[] {1}).toCompletableFuture();
        assertThat(verdict).as("no answer before the applications have answered").isNotDone();
        answer(a, first);
        answer(b, second);

        assertThat(verdict).isCompletedWithValue(expected);
    }

    @Test
    void theFirstRefusalDecidesWithoutWaitingForTheOthers() {
        CompletableFuture<JoinVerdict> slow = new CompletableFuture<>();
        ClusterApplication all = ClusterApplications.of(List.of(app("slow", slow),
                app("ipsec", CompletableFuture.completedFuture(JoinVerdict.REJECTED))));

        assertThat(all.approveJoin(JOINER, new byte[0]).toCompletableFuture())
                .isCompletedWithValue(JoinVerdict.REJECTED);
    }

    @Test
    void anApplicationThatThrowsRejectsTheJoin() {
        ClusterApplication throwing = new ClusterApplication() {
            @Override public CompletionStage<JoinVerdict> approveJoin(MemberId member, byte[] credential) {
                throw new IllegalStateException("bug");
            }
        };
        ClusterApplication all = ClusterApplications.of(List.of(ClusterApplication.NONE, throwing));

        assertThat(all.approveJoin(JOINER, new byte[0]).toCompletableFuture())
                .isCompletedWithValue(JoinVerdict.REJECTED);
    }

    @Test
    void eventsReachEveryApplicationInOrderEvenIfOneThrows() {
        List<String> log = new ArrayList<>();
        ClusterApplication throwing = new ClusterApplication() {
            @Override public void memberJoined(MemberId member) {
                log.add("broken joined " + member.name());
                throw new IllegalStateException("bug in one application");
            }
        };
        ClusterApplication all = ClusterApplications.of(List.of(new Recording("l2tp", null, log), throwing,
                new Recording("pptp", null, log)));

        assertThatThrownBy(() -> all.memberJoined(JOINER)).hasMessage("bug in one application");
        all.unitsAssigned(Set.of(WorkUnit.of(7), WorkUnit.of(9)));

        assertThat(log).containsExactly("l2tp joined gw2", "broken joined gw2", "pptp joined gw2",
                "l2tp assigned 2", "pptp assigned 2");
    }

    @Test
    void noneOrOneApplicationNeedsNoComposite() {
        ClusterApplication only = app("only", CompletableFuture.completedFuture(JoinVerdict.APPROVED));

        assertThat(ClusterApplications.of(List.of())).isSameAs(ClusterApplication.NONE);
        assertThat(ClusterApplications.of(List.of(only))).isSameAs(only);
    }

    private static ClusterApplication app(String name, CompletableFuture<JoinVerdict> answer) {
        return new Recording(name, answer, new ArrayList<>());
    }

    private static void answer(CompletableFuture<JoinVerdict> f, String how) {
        if (how.equals("FAILED")) {
            f.completeExceptionally(new IllegalStateException("application failed"));
        } else {
            f.complete(JoinVerdict.valueOf(how));
        }
    }
}
