package io.cohort.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ClusterFixtures;
import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.DrainDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrainCommandsTest {
    /** Member b of the fixture cluster, whose drain switch records what it is told. */
    private final List<Boolean> switched = new ArrayList<>();
    private boolean draining;
    private final DrainCommands commands = new DrainCommands(() -> Optional.of(on -> {
        switched.add(on);
        boolean changed = draining != on;
        draining = on;
        return changed;
    }), this::viewOfB);

    private ClusterDocument viewOfB() {
        try {
            ClusterDocument master = ClusterDocument.of(draining ? ClusterFixtures.viewWithBDraining()
                    : ClusterFixtures.view(), List.of(), Optional.empty());
            return new ClusterDocument(true, "b", "member", master.master(), master.configVersion(),
                    master.lossTolerance(), master.keepaliveIntervalMicros(), master.unitsAssigned(), master.members(),
                    List.of(), Optional.empty(), draining ? List.of("b") : List.of());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void drainSwitchesTheMemberOnAndSaysWhatToDoNext() {
        String answer = commands.answer("drain");

        assertThat(switched).containsExactly(true);
        assertThat(answer).isEqualTo("draining b: it owns 3 units; the master moves them away live and gives it none\n"
                + "cohort drain --wait waits until it owns none; cohort drain --cancel ends the drain\n");
        assertThat(commands.answer("drain")).startsWith("b was already being drained: it owns 3 units");
    }

    @Test
    void cancelEndsTheDrainAndSaysWhenThereWasNone() {
        assertThat(commands.answer("drain --cancel")).isEqualTo("b was not being drained: nothing to end\n");
        commands.answer("drain");

        assertThat(commands.answer("drain --cancel"))
                .isEqualTo("drain of b ended: the master gives it units again as it rebalances\n");
        assertThat(switched).containsExactly(false, true, false);
    }

    @Test
    void jsonAnswersAreDrainDocuments() {
        DrainDocument on = ControlJson.read(commands.answer("drain --json"), DrainDocument.class);
        DrainDocument again = ControlJson.read(commands.answer("drain --json"), DrainDocument.class);
        DrainDocument off = ControlJson.read(commands.answer("drain --cancel --json"), DrainDocument.class);

        assertThat(on).isEqualTo(new DrainDocument("b", true, true, 3));
        assertThat(again).isEqualTo(new DrainDocument("b", true, false, 3));
        assertThat(off).isEqualTo(new DrainDocument("b", false, true, 3));
    }

    @Test
    void unknownOptionsAreRefusedWithoutSwitchingAnything() {
        assertThat(commands.answer("drain now")).isEqualTo("error: drain takes --cancel and --json only\n");
        assertThat(commands.answer("drain --cancel=yes")).startsWith("error: ");
        assertThat(switched).isEmpty();
    }

    @Test
    void aServerOutsideAClusterHasNothingToDrain() {
        DrainCommands alone = new DrainCommands(Optional::empty, ClusterDocument::notClustered);

        assertThat(alone.answer("drain")).isEqualTo(DrainCommands.NOT_CLUSTERED);
        assertThat(alone.answer("drain --cancel --json")).startsWith("error: this server is not a cluster member");
    }

    @Test
    void onlyLinesWhoseFirstWordIsDrainAreDrainCommands() {
        assertThat(DrainCommands.handles(" drain ")).isTrue();
        assertThat(DrainCommands.handles("drain --cancel")).isTrue();
        assertThat(DrainCommands.handles("drained")).isFalse();
        assertThat(DrainCommands.handles("status")).isFalse();
    }
}
