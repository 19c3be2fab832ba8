/**
 * Test hosts for integration tests: {@link io.cohort.testbed.TestNetwork} creates network
 * namespaces, veth pairs, bridges, addresses and routes (through iproute2), runs commands and
 * peer processes ({@link io.cohort.testbed.PeerProcess}) inside them, runs Java code inside a
 * namespace ({@link io.cohort.testbed.Netns#runInside}) and always deletes what it created.
 *
 * <p>Used by other modules with test scope only. Must not depend on any product module
 * ({@code ppp}, {@code l2tp}, {@code dataplane}, {@code tunnel-server}, …).
 */
package io.cohort.testbed;
