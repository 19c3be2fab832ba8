/**
 * Test hosts for integration tests: {@link io.cohort.testbed.TestNetwork} creates network
 * namespaces, veth pairs, bridges, addresses and routes (through iproute2), runs commands and
 * peer processes ({@link io.cohort.testbed.PeerProcess}) inside them, runs Java code inside a
 * namespace ({@link io.cohort.testbed.Netns#runInside}) and always deletes what it created.
 * {@link io.cohort.testbed.TestNetwork#adopt} runs peers in a namespace made by someone else (a
 * local cluster's client namespace). Stock peers shared by several modules' tests live here too:
 * {@link io.cohort.testbed.PptpLinuxClient} (pptp-linux without pppd, logging to a
 * {@link io.cohort.testbed.SyslogSink}).
 *
 * <p>Used by other modules with test scope only. Must not depend on any product module
 * ({@code ppp}, {@code l2tp}, {@code dataplane}, {@code tunnel-server}, …).
 */
package io.cohort.testbed;
