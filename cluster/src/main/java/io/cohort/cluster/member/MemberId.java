package io.cohort.cluster.member;

/**
 * The stable name of a cluster member (the subject name of its member certificate). Members are
 * ordered by name wherever the cluster needs a deterministic tie-break that every member computes
 * alike, e.g. between equally loaded members.
 * The election's tie-break on IP addresses (figure 8A) is separate.
 *
 * @param name non-blank
 */
public record MemberId(String name) implements Comparable<MemberId> {
    public MemberId {
        if (name.isBlank()) {
            throw new IllegalArgumentException("member name is blank");
        }
    }

    public static MemberId of(String name) {
        return new MemberId(name);
    }

    @Override
    public int compareTo(MemberId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
