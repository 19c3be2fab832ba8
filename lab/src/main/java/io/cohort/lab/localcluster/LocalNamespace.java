package io.cohort.lab.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network namespace of the local cluster, by its name under {@code /var/run/netns}: commands
 * run inside it through {@code ip netns exec}.
 */
public record LocalNamespace(String name) {
    public LocalNamespace {
        Objects.requireNonNull(name);
    }

    /** {@code argv} prefixed so that it runs inside this namespace. */
    public List<String> inside(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(argv);
        return full;
    }

    /** The counters of {@code device} in this namespace. */
    public LinkCounters linkCounters(String device) {
        return LinkCounters.parse(exec("cat", "/proc/net/dev"), device);
    }

    /** Runs {@code argv} inside; a non-zero exit is a {@link LocalClusterException}. */
    String exec(String... argv) {
        return HostCommand.runOrThrow(inside(List.of(argv)));
    }
}
