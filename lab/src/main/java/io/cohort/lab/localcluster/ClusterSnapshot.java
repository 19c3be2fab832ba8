package io.cohort.lab.localcluster;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.StatusDocument;
import io.cohort.server.status.TextTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local cluster at one moment, as its members tell it through their control sockets: each
 * member's view of the cluster (which members are being drained among it) and the sessions it serves.
 *
 * @param members every running member, in start order
 */
public record ClusterSnapshot(List<Member> members) {
    /**
     * One member's answers; empty where it did not answer.
     *
     * @param name the member's name
     * @param address its own address on the LAN
     * @param view its {@code cluster --json}
     * @param status its {@code status --json} (empty also where it was not asked: {@link LocalCluster#views()})
     */
    public record Member(String name, String address, Optional<ClusterDocument> view, Optional<StatusDocument> status) {
    }

    public ClusterSnapshot {
        members = List.copyOf(members);
    }

    /** Asks every member. */
    static ClusterSnapshot of(List<MemberProcess> processes) {
        return new ClusterSnapshot(processes.stream().map(p -> new Member(p.name(), p.address(),
                p.cluster(), p.status())).toList());
    }

    /** Asks every member only for its view of the cluster; their statuses are empty. */
    static ClusterSnapshot viewsOf(List<MemberProcess> processes) {
        return new ClusterSnapshot(processes.stream().map(p -> new Member(p.name(), p.address(), p.cluster(),
                Optional.empty())).toList());
    }

    public List<String> names() {
        return members.stream().map(Member::name).toList();
    }

    /**
     * The master every member agrees on, if the cluster has formed: each member answers, follows
     * the same master, lists exactly the running members and sees all {@value WorkUnit#COUNT} units
     * assigned.
     */
    public Optional<String> formedMaster() {
        return agreedMaster().filter(master -> members.stream().allMatch(m -> m.view().orElseThrow().unitsAssigned() == WorkUnit.COUNT));
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
            ClusterDocument v = m.view().get();
            if (v.master().isEmpty() || !v.memberNames().stream().sorted().toList().equals(names)
                    || (master != null && !master.equals(v.master().get()))) {
                return Optional.empty();
            }
            master = v.master().get();
        }
        return Optional.ofNullable(master);
    }

    /** The units {@code name} owns by the agreed master's view (else its own), 0 if unknown. */
    public int units(String name) {
        Optional<ClusterDocument> master = agreedMaster().flatMap(this::member).flatMap(Member::view);
        Optional<ClusterDocument> view = master.or(() -> member(name).flatMap(Member::view));
        return view.flatMap(v -> v.member(name)).map(ClusterDocument.Member::units).orElse(0);
    }

    /**
     * Whether the cluster has formed and every member owns at least half its fair share of the
     * units (after the seed's units were given out, every member has about {@code 1024 / N}).
     */
    public boolean evenlySpread() {
        return formedMaster().isPresent() && members.stream().allMatch(m -> units(m.name()) >= WorkUnit.COUNT / (2 * members.size()));
    }

    /** The units {@code name} owns by the agreed master's view; empty before the cluster has formed. */
    public Set<Integer> unitsOf(String name) {
        return formedMaster().flatMap(this::member).flatMap(Member::view).map(v -> v.unitsOf(name)).orElse(Set.of());
    }

    /** Sessions of {@code protocol} up on {@code name}. */
    public long sessionsUp(String name, String protocol) {
        return member(name).flatMap(Member::status).map(s -> s.sessions(protocol, "up")).orElse(0L);
    }

    /** Sessions of {@code protocol} up on all members together. */
    public long sessionsUp(String protocol) {
        return members.stream().mapToLong(m -> sessionsUp(m.name(), protocol)).sum();
    }

    /** Sessions of {@code protocol} in any state on all members together. */
    public long sessions(String protocol) {
        return members.stream().flatMap(m -> m.status().stream())
                .mapToLong(s -> s.sessions().stream().filter(x -> x.protocol().equals(protocol)).count()).sum();
    }

    /**
     * Whether {@code name} is being drained ({@code cohort drain}): it says so in its own view, or
     * the agreed master's view lists it (a member's view lists only itself, the master's every one).
     */
    public boolean draining(String name) {
        Optional<ClusterDocument> master = agreedMaster().flatMap(this::member).flatMap(Member::view);
        return member(name).flatMap(Member::view).map(v -> v.draining(name)).orElse(false)
                || master.map(v -> v.draining(name)).orElse(false);
    }

    /** The members being drained, in start order. */
    public List<String> drainingMembers() {
        return names().stream().filter(this::draining).toList();
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A table for operators: member, address, role, units, L2TP and PPTP sessions up. */
    public String render() {
        Optional<String> master = agreedMaster();
        TextTable table = new TextTable("MEMBER", "ADDRESS", "ROLE", "UNITS", "L2TP", "PPTP");
        for (Member m : members) {
            String role = m.view().map(ClusterDocument::role).orElse("not answering")
                    + (draining(m.name()) ? " (draining)" : "");
            table.row(m.name(), m.address(), role, Integer.toString(units(m.name())),
                    Long.toString(sessionsUp(m.name(), "l2tp")), Long.toString(sessionsUp(m.name(), "pptp")));
        }
        int assigned = members.stream().flatMap(m -> m.view().stream()).mapToInt(ClusterDocument::unitsAssigned).max().orElse(0);
        return table.render() + "master " + master.orElse("(not agreed)") + "; units assigned " + assigned + " of "
                + WorkUnit.COUNT + "; sessions up: l2tp " + sessionsUp("l2tp") + ", pptp " + sessionsUp("pptp") + "\n";
    }

}
