package io.cohort.cluster.runtime;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.membership.ClusterApplication;
import io.cohort.cluster.membership.Role;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.unit.WorkUnit;
import java.lang.System.Logger.Level;
import java.util.Set;

/** The node's events as log lines an operator can follow: roles, members, refusals, units. */
final class RoleLog implements ClusterApplication {
    private static final System.Logger LOGGER = System.getLogger("io.cohort.cluster");
    private final MemberId self;

    RoleLog(MemberId self) {
        this.self = self;
    }

    @Override
    public void roleChanged(Role role) {
        LOGGER.log(role == Role.MASTER || role == Role.MEMBER ? Level.INFO : Level.DEBUG, "{0} is now {1}", self, role);
    }

    @Override
    public void memberJoined(MemberId member) {
        LOGGER.log(Level.INFO, "{0}: member {1} joined", self, member);
    }

    @Override
    public void memberLeft(MemberId member) {
        LOGGER.log(Level.INFO, "{0}: member {1} left", self, member);
    }

    @Override
    public void joinRefused(NakReason reason) {
        LOGGER.log(Level.WARNING, "{0}: the master refused our join: {1}", self, reason);
    }

    @Override
    public void unitsAssigned(Set<WorkUnit> units) {
        LOGGER.log(Level.DEBUG, "{0}: {1} work units assigned", self, units.size());
    }

    @Override
    public void unitsRevoked(Set<WorkUnit> units) {
        LOGGER.log(Level.DEBUG, "{0}: {1} work units revoked", self, units.size());
    }
}
