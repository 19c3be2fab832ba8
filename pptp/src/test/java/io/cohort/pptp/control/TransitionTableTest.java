package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.pptp.wire.ControlMessageType;
import org.junit.jupiter.api.Test;

/** A row wins over its state's default whichever is written first; a pair left undefined is refused. */
class TransitionTableTest {
    enum State { OPEN, SHUT }

    enum Act { ANSWER, DROP }

    @Test
    void rowsOverrideTheDefaultInAnyOrder() {
        TransitionTable<State, Act> table = TransitionTable.<State, Act>of(State.class)
                .otherwise(State.OPEN, Act.DROP)
                .on(State.OPEN, ControlMessageType.ECHO_REQUEST, Act.ANSWER)
                .on(State.SHUT, ControlMessageType.ECHO_REQUEST, Act.ANSWER)
                .otherwise(State.SHUT, Act.DROP)
                .build();

        for (State s : State.values()) {
            for (ControlMessageType t : ControlMessageType.values()) {
                assertThat(table.reaction(s, t)).as("%s x %s", s, t)
                        .isEqualTo(t == ControlMessageType.ECHO_REQUEST ? Act.ANSWER : Act.DROP);
            }
        }
    }

    @Test
    void aStateWithoutADefaultOrEveryRowIsAProgrammingError() {
        var incomplete = TransitionTable.<State, Act>of(State.class)
                .otherwise(State.OPEN, Act.DROP)
                .on(State.SHUT, ControlMessageType.ECHO_REQUEST, Act.ANSWER);

        assertThatThrownBy(incomplete::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("SHUT");
    }
}
