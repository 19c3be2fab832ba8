package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.replication.StateKey;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class L2tpStateKeysTest {
    @Test
    void keysReadBackParentsFirstAndGiveTheirIdsBack() {
        StateKey sessionEssential = L2tpStateKeys.sessionEssential(0xFFFF, 0xFFFF);
        StateKey sessionInitial = L2tpStateKeys.sessionInitial(1, 2);
        StateKey tunnelEssential = L2tpStateKeys.tunnelEssential(0xFFFF);
        StateKey tunnelInitial = L2tpStateKeys.tunnelInitial(0xFFFF);

        assertThat(new TreeSet<>(List.of(sessionEssential, sessionInitial, tunnelEssential, tunnelInitial)))
                .containsExactly(tunnelInitial, tunnelEssential, sessionInitial, sessionEssential);
        assertThat(L2tpStateKeys.tunnelIdOf(tunnelEssential)).isEqualTo(0xFFFF);
        assertThat(L2tpStateKeys.tunnelIdOf(sessionEssential)).isEqualTo(0xFFFF);
        assertThat(sessionEssential.id() & 0xFFFF).isEqualTo(0xFFFF);
        assertThat(L2tpStateKeys.tunnelIdOf(sessionInitial)).isEqualTo(1);
        assertThat(sessionInitial.id() & 0xFFFF).isEqualTo(2);
    }
}
