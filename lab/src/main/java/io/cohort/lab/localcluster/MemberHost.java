package io.cohort.lab.localcluster;

/**
 * Where a member runs, whether or not its process does: its namespace on the LAN and its
 * configuration (home directory, state, certificate). A member killed like a failed host keeps
 * it, and starts again in it.
 */
record MemberHost(MemberConfiguration configuration, LocalNamespace namespace) {
    String name() {
        return configuration.name();
    }
}
