package io.cohort.lab.localcluster;

import io.cohort.server.status.TextTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local cluster at one moment, as its members tell it through their control sockets: each
 * member's view of the cluster and the sessions it serves.
 *
 * @param members every running member, in start order
 */
public record ClusterSnapshot(List<Member> members) {
    /** All work units of a cluster. */
    public static final int UNITS = 1024;

    /**
     * One member's answers; empty where it did not answer.
     *
     * @param name the member's name
     * @param address its own address on the LAN
     * @param view its {@code cluster --json}
     * @param sessions its {@code status --json} sessions
     */
    public record Member(String name, String address, Optional<MemberView> view, Optional<MemberSessions> sessions) {
    }

    public ClusterSnapshot {
        members = List.copyOf(members);
    }

    /** Asks every member. */
    static ClusterSnapshot of(List<MemberProcess> processes) {
        return new ClusterSnapshot(processes.stream().map(p -> new Member(p.name(), p.address(),
                p.clusterJson().flatMap(MemberView::parse), p.statusJson().map(MemberSessions::parse))).toList());
    }

    public List<String> names() {
        return members.stream().map(Member::name).toList();
    }

    /**
     * The master every member agrees on, if the cluster has formed: each member answers, follows
     * the same master, lists exactly the running members and sees all {@value #UNITS} units
     * assigned.
     */
    public Optional<String> formedMaster() {
        return agreedMaster().filter(master -> members.stream().allMatch(m -> m.view().orElseThrow().unitsAssigned() == UNITS));
    }

    /**
     * The master every member agrees on, whatever units are assigned (units on demand): each
     * member answers, follows the same master and lists exactly the running members.
     */
    public Optional<String> agreedMaster() {
        List<String> names = names().stream().sorted().toList();
        String master = null;
        for (Member m : members) {
            if (m.view().isEmpty()) {
                return Optional.empty();
            }
            MemberView v = m.view().get();
            if (v.master().isEmpty() || !v.unitsByMember().keySet().stream().sorted().toList().equals(names)
                    || (master != null && !master.equals(v.master().get()))) {
                return Optional.empty();
            }
            master = v.master().get();
        }
        return Optional.ofNullable(master);
    }

    /** The units {@code name} owns by the master's view (else its own), 0 if unknown. */
    public int units(String name) {
        Optional<MemberView> master = formedMaster().flatMap(this::member).flatMap(Member::view);
        Optional<MemberView> view = master.or(() -> member(name).flatMap(Member::view));
        return view.map(v -> v.unitsByMember().getOrDefault(name, 0)).orElse(0);
    }

    /**
     * Whether the cluster has formed and every member owns at least half its fair share of the
     * units (after the seed's units were given out, every member has about {@code 1024 / N}).
     */
    public boolean evenlySpread() {
        return formedMaster().isPresent() && members.stream().allMatch(m -> units(m.name()) >= UNITS / (2 * members.size()));
    }

    /** The units {@code name} owns by the agreed master's view; empty before the cluster has formed. */
    public Set<Integer> unitsOf(String name) {
        return formedMaster().flatMap(this::member).flatMap(Member::view).map(v -> v.unitsOf(name)).orElse(Set.of());
    }

    /** Sessions of {@code protocol} up on {@code name}. */
    public long sessionsUp(String name, String protocol) {
        return member(name).flatMap(Member::sessions).map(s -> s.up(protocol)).orElse(0L);
    }

    /** Sessions of {@code protocol} up on all members together. */
    public long sessionsUp(String protocol) {
        return members.stream().mapToLong(m -> sessionsUp(m.name(), protocol)).sum();
    }

    /** Sessions of {@code protocol} in any state on all members together. */
    public long sessions(String protocol) {
        return members.stream().flatMap(m -> m.sessions().stream()).mapToLong(s -> s.count(protocol)).sum();
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A table for operators: member, address, role, units, L2TP and PPTP sessions up. */
    public String render() {
        Optional<String> master = formedMaster();
        TextTable table = new TextTable("MEMBER", "ADDRESS", "ROLE", "UNITS", "L2TP", "PPTP");
        for (Member m : members) {
            String role = m.view().map(MemberView::role).orElse("not answering");
            table.row(m.name(), m.address(), role, Integer.toString(units(m.name())),
                    Long.toString(sessionsUp(m.name(), "l2tp")), Long.toString(sessionsUp(m.name(), "pptp")));
        }
        int assigned = members.stream().flatMap(m -> m.view().stream()).mapToInt(MemberView::unitsAssigned).max().orElse(0);
        return table.render() + "master " + master.orElse("(not agreed)") + "; units assigned " + assigned + " of "
                + UNITS + "; sessions up: l2tp " + sessionsUp("l2tp") + ", pptp " + sessionsUp("pptp") + "\n";
    }

}
