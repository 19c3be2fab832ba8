/**
 * The reader thread shared by the native packet sources (TUN devices, raw IP sockets): one
 * platform thread per source, a reused direct buffer, counters, and a consumer that must copy
 * what it keeps.
 */
package io.cohort.dataplane.reader;
