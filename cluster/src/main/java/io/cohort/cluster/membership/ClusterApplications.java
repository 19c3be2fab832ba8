package io.cohort.cluster.membership;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.unit.WorkUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every application registered with one node (L2TP, PPTP, IPsec), seen by the node as one. A
 * join is approved only if every application approves it (figure 8F, 879–887: the master "asks
 * every registered application"); the first refusal, a failed answer or an application that
 * throws rejects it at once, without waiting for the others. Events go to every application in
 * registration order; if one throws, the others are still told and the first exception is
 * rethrown afterwards. Exactly one application should act on {@link #configurationStale} (the
 * one that fetches the configuration); all are told.
 */
public final class ClusterApplications implements ClusterApplication {
    private final List<ClusterApplication> applications;

    private ClusterApplications(List<ClusterApplication> applications) {
        this.applications = List.copyOf(applications);
    }

    /** The applications as one, in this order; a single one is returned as it is. */
    public static ClusterApplication of(List<ClusterApplication> applications) {
        if (applications.isEmpty()) {
            return ClusterApplication.NONE;
        }
        return applications.size() == 1 ? applications.getFirst() : new ClusterApplications(applications);
    }

    @Override
    public CompletionStage<JoinVerdict> approveJoin(MemberId member, byte[] credential) {
        CompletableFuture<JoinVerdict> verdict = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(applications.size());
        for (ClusterApplication application : applications) {
            CompletionStage<JoinVerdict> answer;
            try {
                answer = application.approveJoin(member, credential.clone());
            } catch (RuntimeException e) {
                verdict.complete(JoinVerdict.REJECTED);
                return verdict;
            }
            answer.whenComplete((v, error) -> {
                if (error != null || v != JoinVerdict.APPROVED) {
                    verdict.complete(JoinVerdict.REJECTED);
                } else if (outstanding.decrementAndGet() == 0) {
                    verdict.complete(JoinVerdict.APPROVED);
                }
            });
        }
        return verdict;
    }

    @Override
    public void roleChanged(Role role) {
        tellAll(a -> a.roleChanged(role));
    }

    @Override
    public void memberJoined(MemberId member) {
        tellAll(a -> a.memberJoined(member));
    }

    @Override
    public void memberLeft(MemberId member) {
        tellAll(a -> a.memberLeft(member));
    }

    @Override
    public void unitsAssigned(Set<WorkUnit> units) {
        tellAll(a -> a.unitsAssigned(units));
    }

    @Override
    public void unitsRevoked(Set<WorkUnit> units) {
        tellAll(a -> a.unitsRevoked(units));
    }

    /** Ready when every application is. */
    @Override
    public boolean readyToTakeOver() {
        for (ClusterApplication application : applications) {
            if (!application.readyToTakeOver()) {
                return false;
            }
        }
        return true;
    }

    /** Every application moves the units away; completes when all have (a failure counts as done). */
    @Override
    public CompletionStage<?> unitsMovedAway(Set<WorkUnit> units) {
        List<CompletableFuture<?>> moves = new java.util.ArrayList<>();
        tellAll(a -> moves.add(a.unitsMovedAway(units).toCompletableFuture().exceptionally(e -> null)));
        return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new));
    }

    @Override
    public void joinRefused(NakReason reason) {
        tellAll(a -> a.joinRefused(reason));
    }

    @Override
    public void configurationStale(MemberAddress source, long version) {
        tellAll(a -> a.configurationStale(source, version));
    }

    /** Busy if any application says so. */
    @Override
    public boolean unitBusy(WorkUnit unit) {
        for (ClusterApplication application : applications) {
            if (application.unitBusy(unit)) {
                return true;
            }
        }
        return false;
    }

    private void tellAll(Consumer<ClusterApplication> event) {
        RuntimeException first = null;
        for (ClusterApplication application : applications) {
            try {
                event.accept(application);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
