package io.cohort.ppp.automaton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 1661 section 4.1's state transition table, written in the RFC's own notation so that a
 * reader can compare it cell by cell. Footnote letters are dropped: "r" (restart option) and "p"
 * (passive option) are not implemented; "x" (crossed connection) needs no special handling.
 * A dash is an illegal event for the state: it is ignored and counted.
 */
public final class TransitionTable {
    //                        Initial  Starting    Closed   Stopped          Closing  Stopping  Req-Sent   Ack-Rcvd   Ack-Sent   Opened
    private static final String[][] ROWS = {
        {"UP",        "2",     "irc,scr/6", "-",     "-",             "-",     "-",     "-",       "-",       "-",       "-"},
        {"DOWN",      "-",     "-",         "0",     "tls/1",         "0",     "1",     "1",       "1",       "1",       "tld/1"},
        {"OPEN",      "tls/1", "1",         "irc,scr/6", "3",         "5",     "5",     "6",       "7",       "8",       "9"},
        {"CLOSE",     "0",     "tlf/0",     "2",     "2",             "4",     "4",     "irc,str/4", "irc,str/4", "irc,str/4", "tld,irc,str/4"},
        {"TO_PLUS",   "-",     "-",         "-",     "-",             "str/4", "str/5", "scr/6",   "scr/6",   "scr/8",   "-"},
        {"TO_MINUS",  "-",     "-",         "-",     "-",             "tlf/2", "tlf/3", "tlf/3",   "tlf/3",   "tlf/3",   "-"},
        {"RCR_PLUS",  "-",     "-",         "sta/2", "irc,scr,sca/8", "4",     "5",     "sca/8",   "sca,tlu/9", "sca/8", "tld,scr,sca/8"},
        {"RCR_MINUS", "-",     "-",         "sta/2", "irc,scr,scn/6", "4",     "5",     "scn/6",   "scn/7",   "scn/6",   "tld,scr,scn/6"},
        {"RCA",       "-",     "-",         "sta/2", "sta/3",         "4",     "5",     "irc/7",   "scr/6",   "irc,tlu/9", "tld,scr/6"},
        {"RCN",       "-",     "-",         "sta/2", "sta/3",         "4",     "5",     "irc,scr/6", "scr/6", "irc,scr/8", "tld,scr/6"},
        {"RTR",       "-",     "-",         "sta/2", "sta/3",         "sta/4", "sta/5", "sta/6",   "sta/6",   "sta/6",   "tld,zrc,sta/5"},
        {"RTA",       "-",     "-",         "2",     "3",             "tlf/2", "tlf/3", "6",       "6",       "8",       "tld,scr/6"},
        {"RUC",       "-",     "-",         "scj/2", "scj/3",         "scj/4", "scj/5", "scj/6",   "scj/7",   "scj/8",   "scj/9"},
        {"RXJ_PLUS",  "-",     "-",         "2",     "3",             "4",     "5",     "6",       "6",       "8",       "9"},
        {"RXJ_MINUS", "-",     "-",         "tlf/2", "tlf/3",         "tlf/2", "tlf/3", "tlf/3",   "tlf/3",   "tlf/3",   "tld,irc,str/5"},
        {"RXR",       "-",     "-",         "2",     "3",             "4",     "5",     "6",       "7",       "8",       "ser/9"},
    };

    private static final Map<AutomatonEvent, Transition[]> TABLE = build();

    private TransitionTable() {
    }

    /** The cell for {@code event} in {@code state}, or null where the RFC has a dash. */
    public static Transition lookup(AutomatonState state, AutomatonEvent event) {
        return TABLE.get(event)[state.ordinal()];
    }

    /** Parses one cell in RFC notation, e.g. {@code "tld,irc,str/4"} or {@code "6"}; null for "-". */
    static Transition parse(String cell) {
        if (cell.equals("-")) {
            return null;
        }
        int slash = cell.indexOf('/');
        List<AutomatonAction> actions = new ArrayList<>(3);
        if (slash >= 0) {
            for (String a : cell.substring(0, slash).split(",")) {
                actions.add(AutomatonAction.valueOf(a.toUpperCase(Locale.ROOT)));
            }
        }
        int next = Integer.parseInt(cell.substring(slash + 1));
        return new Transition(actions, AutomatonState.values()[next]);
    }

    private static Map<AutomatonEvent, Transition[]> build() {
        Map<AutomatonEvent, Transition[]> table = new EnumMap<>(AutomatonEvent.class);
        for (String[] row : ROWS) {
            Transition[] cells = new Transition[AutomatonState.values().length];
            for (int s = 0; s < cells.length; s++) {
                cells[s] = parse(row[s + 1]);
            }
            table.put(AutomatonEvent.valueOf(row[0]), cells);
        }
        if (table.size() != AutomatonEvent.values().length) {
            throw new IllegalStateException("state table misses events");
        }
        return table;
    }
}
