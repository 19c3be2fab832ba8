package io.cohort.cluster.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.unit.WorkUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WorkUnitAssignmentTest {
    private static final MemberId A = MemberId.of("a");
    private static final MemberId B = MemberId.of("b");

    @Test
    void knowsOwnersAndLoads() {
        WorkUnitAssignment a = new WorkUnitAssignment(
                new TreeSet<>(List.of(A, B)), Map.of(WorkUnit.of(3), A, WorkUnit.of(1), A));

        assertThat(a.owner(WorkUnit.of(3))).hasValue(A);
        assertThat(a.owner(WorkUnit.of(2))).isEmpty();
        assertThat(a.unitsOf(A)).containsExactly(WorkUnit.of(1), WorkUnit.of(3));
        assertThat(a.load(B)).isZero();

        WorkUnitAssignment moved = a.with(WorkUnit.of(3), B);

        assertThat(moved.load(A)).isEqualTo(1);
        assertThat(moved.unitsOf(B)).containsExactly(WorkUnit.of(3));
        assertThat(a.load(A)).isEqualTo(2);
    }

    @Test
    void anOwnerMustBeAMember() {
        assertThatThrownBy(() -> new WorkUnitAssignment(new TreeSet<>(List.of(A)), Map.of(WorkUnit.of(0), B)))
                .isInstanceOf(IllegalArgumentException.class);
        WorkUnitAssignment a = new WorkUnitAssignment(new TreeSet<>(List.of(A)), Map.of());
        assertThatThrownBy(() -> a.load(B)).isInstanceOf(IllegalArgumentException.class);
    }
}
