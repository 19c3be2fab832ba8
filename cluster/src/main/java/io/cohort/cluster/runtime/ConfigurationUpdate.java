package io.cohort.cluster.runtime;

import io.cohort.cluster.link.SharedConfiguration;

/**
 * What the server does with a configuration fetched from the cluster because its own is stale
 * (figure 6, 641–642): apply it (typically: store it and restart the server on it, which starts a
 * new member with the new version). Called on the member's event loop; must not block it.
 */
@FunctionalInterface
public interface ConfigurationUpdate {
    void apply(SharedConfiguration fetched);
}
