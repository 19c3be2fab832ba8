package io.cohort.lab.localcluster;

import io.cohort.steering.SteeringMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What local cluster to build.
 *
 * @param members how many members to start, 1 to {@value ClusterLan#MAX_MEMBERS}
 * @param steering the {@code [steering] mode} every member gets; empty for none (clients reach the members at
 *     their own addresses)
 * @param cohort how to start a member process
 * @param lan the addresses
 * @param workParent where the run's directory (CA, configurations, logs) is made
 * @param keepFiles keep that directory after {@link LocalCluster#close()} (logs for a failed test)
 * @param formationTimeout how long the members may take to agree and own all units
 * @param unitsOnDemand members assign work units when their first packet comes (the patent's
 *     figure 9: the master holds it until the new owner acknowledges), rather than all at once
 *     ({@code assign-all-units}); the cluster has formed once the members agree on a master
 * @param memberOptions transport, watchdog and protocols of every member
 * @param inside the inside LAN with its host behind the cluster ({@code [inside]} of every member); empty: none
 */
public record LocalClusterSettings(int members, Optional<SteeringMode> steering, CohortCommandLine cohort, ClusterLan lan,
                                   Path workParent, boolean keepFiles, Duration formationTimeout,
                                   boolean unitsOnDemand, MemberOptions memberOptions, Optional<InsideLan> inside) {
    public LocalClusterSettings {
        if (members < 1 || members > ClusterLan.MAX_MEMBERS) {
            throw new IllegalArgumentException("a local cluster has 1 to " + ClusterLan.MAX_MEMBERS + " members, not "
                    + members);
        }
        Objects.requireNonNull(steering);
        Objects.requireNonNull(cohort);
        Objects.requireNonNull(lan);
        Objects.requireNonNull(workParent);
        Objects.requireNonNull(formationTimeout);
        Objects.requireNonNull(memberOptions);
        Objects.requireNonNull(inside);
    }

    /**
     * {@code members} on the default LAN started with {@code cohort}, files in the temporary
     * directory, removed; {@link MemberOptions#SHARED_HOST}.
     */
    public static LocalClusterSettings of(int members, Optional<SteeringMode> steering, CohortCommandLine cohort) {
        return new LocalClusterSettings(members, steering, cohort, ClusterLan.DEFAULT,
                Path.of(System.getProperty("java.io.tmpdir")), false, Duration.ofSeconds(60), false,
                MemberOptions.SHARED_HOST, Optional.empty());
    }

    /** The {@code [steering] mode} value: a mode's name, or {@value SteeringMode#NONE_NAME}. */
    public String steeringName() {
        return steering.map(SteeringMode::configName).orElse(SteeringMode.NONE_NAME);
    }

    public LocalClusterSettings withCohort(CohortCommandLine command) {
        return new LocalClusterSettings(members, steering, command, lan, workParent, keepFiles, formationTimeout,
                unitsOnDemand, memberOptions, inside);
    }

    public LocalClusterSettings withFiles(Path parent, boolean keep) {
        return new LocalClusterSettings(members, steering, cohort, lan, parent, keep, formationTimeout, unitsOnDemand,
                memberOptions, inside);
    }

    /** The same cluster with work units assigned on demand ({@link #unitsOnDemand}). */
    public LocalClusterSettings withUnitsOnDemand() {
        return new LocalClusterSettings(members, steering, cohort, lan, workParent, keepFiles, formationTimeout, true,
                memberOptions, inside);
    }

    public LocalClusterSettings withLan(ClusterLan addresses) {
        return new LocalClusterSettings(members, steering, cohort, addresses, workParent, keepFiles, formationTimeout,
                unitsOnDemand, memberOptions, inside);
    }

    public LocalClusterSettings withMemberOptions(MemberOptions options) {
        return new LocalClusterSettings(members, steering, cohort, lan, workParent, keepFiles, formationTimeout,
                unitsOnDemand, options, inside);
    }

    /** The same cluster with the {@linkplain InsideLan#DEFAULT default} inside LAN and its host. */
    public LocalClusterSettings withInsideLan() {
        return new LocalClusterSettings(members, steering, cohort, lan, workParent, keepFiles, formationTimeout,
                unitsOnDemand, memberOptions, Optional.of(InsideLan.DEFAULT));
    }
}
