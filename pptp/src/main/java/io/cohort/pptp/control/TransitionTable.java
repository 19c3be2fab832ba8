package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessageType;
import java.util.EnumMap;
import java.util.Map;

/**
 * An end's reaction to every received message type in every state of its control connection, the
 * form in which {@link ControlTransitions} (PAC) and {@link ClientControlTransitions} (PNS) write
 * RFC 2637's state tables (3.1.1, 3.1.2, 3.2.4). Built once, read-only after: first a default
 * reaction per state ({@link Builder#otherwise}), then the rows that differ ({@link Builder#on}).
 * {@link Builder#build} refuses a table with a pair left undefined.
 *
 * @param <S> the end's states
 * @param <R> the end's reactions
 */
final class TransitionTable<S extends Enum<S>, R extends Enum<R>> {
    private final Map<S, Map<ControlMessageType, R>> table;

    private TransitionTable(Map<S, Map<ControlMessageType, R>> table) {
        this.table = table;
    }

    static <S extends Enum<S>, R extends Enum<R>> Builder<S, R> of(Class<S> states) {
        return new Builder<>(states);
    }

    /** The reaction to a message of {@code type} received in {@code state}; defined for every pair. */
    R reaction(S state, ControlMessageType type) {
        return table.get(state).get(type);
    }

    static final class Builder<S extends Enum<S>, R extends Enum<R>> {
        private final Class<S> states;
        private final Map<S, Map<ControlMessageType, R>> table;

        private Builder(Class<S> states) {
            this.states = states;
            this.table = new EnumMap<>(states);
            for (S s : states.getEnumConstants()) {
                table.put(s, new EnumMap<>(ControlMessageType.class));
            }
        }

        /** {@code reaction} for every message type received in {@code state}, unless a row says otherwise. */
        Builder<S, R> otherwise(S state, R reaction) {
            for (ControlMessageType t : ControlMessageType.values()) {
                table.get(state).putIfAbsent(t, reaction);
            }
            return this;
        }

        /** {@code reaction} to {@code type} received in {@code state}. */
        Builder<S, R> on(S state, ControlMessageType type, R reaction) {
            table.get(state).put(type, reaction);
            return this;
        }

        /** @throws IllegalStateException if a (state, type) pair has no reaction: a programming error */
        TransitionTable<S, R> build() {
            for (S s : states.getEnumConstants()) {
                if (table.get(s).size() != ControlMessageType.values().length) {
                    throw new IllegalStateException("state " + s + " lacks a reaction to some message types");
                }
            }
            return new TransitionTable<>(table);
        }
    }
}
