package io.cohort.ppp.automaton;

import java.util.List;

/** One cell of the RFC 1661 state table: actions in order, then the next state. */
public record Transition(List<AutomatonAction> actions, AutomatonState next) {
    public Transition {
        actions = List.copyOf(actions);
    }
}
