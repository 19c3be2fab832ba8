package io.cohort.cluster.link;

/**
 * The cluster-wide configuration a member fetches from the master when its own is stale
 * (figure 6, 641): its version and its octets, opaque to the cluster layer.
 */
public record SharedConfiguration(long version, byte[] content) {
    public SharedConfiguration {
        if (version < 0) {
            throw new IllegalArgumentException("configuration version must not be negative: " + version);
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public String toString() {
        return "SharedConfiguration[version " + version + ", " + content.length + " octets]";
    }
}
