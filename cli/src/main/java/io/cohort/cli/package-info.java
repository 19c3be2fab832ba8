/**
 * The {@code cohort} command line (picocli): {@code cohort run} starts a server,
 * {@code cohort status} asks a running one through its control socket, {@code cohort pki}
 * manages the cluster CA's files. {@link
 * io.cohort.cli.Main} is the jar's entry point.
 */
package io.cohort.cli;
